"""Loudness: every MP3 at -16 LUFS integrated with true peak at or below -1 dBTP.

-16 LUFS is the spoken-word podcast norm, so stories sit at one level from
file to file and from story to story in an edition. Everything is measured by
ffmpeg's `ebur128` and `loudnorm` filters, which stream: a one-hour edition is
never held as floats in memory. The check that counts is made on the decoded
MP3, because MP3 encoding itself can push peaks up.
"""

from __future__ import annotations

import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from narrate.errors import ExportError
from narrate.ffmpeg import ffmpeg_exe

TARGET_LUFS = -16.0
TOLERANCE_LU = 1.0  # the promise: -16 ± 1 LU
AIM_LU = 0.4  # what we aim for, so the promise holds with room to spare
MAX_TRUE_PEAK = -1.0  # dBTP, the promise
PEAK_AIM = -1.5  # dBTP, what we aim for: MP3 encoding adds a little to peaks
BITRATE = "96k"
ATTEMPTS = 4
SILENT_LUFS = -60.0  # quieter than this there is nothing to normalise (ebur128 reports silence as -70)


@dataclass(frozen=True)
class Loudness:
    """Integrated loudness (LUFS) and true peak (dBTP) of some audio."""

    lufs: float
    true_peak_dbtp: float

    def ok(self) -> bool:
        return abs(self.lufs - TARGET_LUFS) <= TOLERANCE_LU and self.true_peak_dbtp <= MAX_TRUE_PEAK

    def as_manifest(self) -> dict[str, float]:
        return {"loudness_lufs": round(self.lufs, 1), "true_peak_dbtp": round(self.true_peak_dbtp, 1)}


@dataclass(frozen=True)
class Pcm:
    """Raw mono 16-bit PCM to be encoded: in memory (`data`) or in a file on disk (`path`)."""

    sample_rate: int
    data: bytes | None = None
    path: Path | None = None
    channels: int = 1

    def input_args(self) -> list[str]:
        fmt = ["-f", "s16le", "-ar", str(self.sample_rate), "-ac", str(self.channels)]
        return [*fmt, "-i", str(self.path) if self.path is not None else "pipe:0"]


def _run(args: list[str], stdin: bytes | None, what: str) -> str:
    quiet_stdin = ["-nostdin"] if stdin is None else []
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostats", *quiet_stdin, "-y", *args]
    try:
        proc = subprocess.run(cmd, input=stdin, capture_output=True, check=False)
    except OSError as err:
        raise ExportError(f"could not run ffmpeg to {what} ({err.strerror})", "Reinstall narrate's dependencies (imageio-ffmpeg)") from err
    text = proc.stderr.decode(errors="replace")
    if proc.returncode != 0:
        lines = [line for line in text.strip().splitlines() if line.strip()]
        raise ExportError(f"ffmpeg could not {what} ({lines[-1] if lines else 'no detail'})", "Check free disk space and that the input is audio")
    return text


def _number(pattern: str, text: str, what: str) -> float:
    found = re.findall(pattern, text)
    if not found:
        raise ExportError(f"ffmpeg did not report the {what}", "Check that imageio-ffmpeg's ffmpeg includes the ebur128 filter")
    value = found[-1]
    return -math.inf if value == "-inf" else float(value)


def _parse_ebur128(text: str) -> Loudness:
    summary = text[text.rfind("Summary:"):] if "Summary:" in text else text
    lufs = _number(r"I:\s+(-?[\d.]+|-inf) LUFS", summary, "integrated loudness")
    peak = _number(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary, "true peak")
    return Loudness(lufs, peak)


def measure(path: Path) -> Loudness:
    """Integrated loudness and true peak of an audio file, decoded as a listener's player would."""
    text = _run(["-i", str(path), "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"], None, f"measure the loudness of {path}")
    return _parse_ebur128(text)


def measure_pcm(pcm: Pcm) -> Loudness:
    text = _run([*pcm.input_args(), "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"], pcm.data, "measure loudness")
    return _parse_ebur128(text)


def _encode(pcm: Pcm, af: str, out: Path) -> None:
    args = [*pcm.input_args(), "-af", af, "-ar", str(pcm.sample_rate), "-ac", "1", "-c:a", "libmp3lame", "-b:a", BITRATE]
    _run([*args, "-f", "mp3", str(out)], pcm.data, f"encode {out.name}")


def _limited(gain: float, ceiling: float, rate: int) -> str:
    """Gain, then a limiter run at 4x the sample rate so it catches the peaks between samples."""
    return (
        f"aformat=sample_fmts=flt,aresample={4 * rate},volume={gain:.2f}dB,"
        f"alimiter=limit={10 ** (ceiling / 20):.4f}:attack=1:release=50:level=false:asc=1:latency=1,aresample={rate}"
    )


def _close(result: Loudness) -> bool:
    return abs(result.lufs - TARGET_LUFS) <= AIM_LU and result.true_peak_dbtp <= PEAK_AIM + 0.3


def encode_normalised(pcm: Pcm, out: Path, name: str = "") -> Loudness:
    """Encode PCM to an MP3 at `out`, normalised to -16 LUFS and at most -1 dBTP; return the MP3's measure.

    Audio whose peaks allow it gets a plain gain, which is exact. Speech usually
    peaks too high for that (its peaks sit some 20 dB over its loudness), so a
    true-peak limiter trims them; limiting lowers the loudness a little, so the
    gain is corrected from what the decoded MP3 measures, a few passes at most.
    """
    before = measure_pcm(pcm)
    if math.isinf(before.lufs) or before.lufs < SILENT_LUFS:
        raise ExportError("the audio to encode is silent", "Check the engine's output with `narrate script` and a short article")
    gain = TARGET_LUFS - before.lufs
    if before.true_peak_dbtp + gain <= PEAK_AIM:
        _encode(pcm, f"aformat=sample_fmts=flt,volume={gain:.2f}dB", out)
        result = measure(out)
        if _close(result):
            return result
    ceiling = PEAK_AIM - 2.0  # MP3 encoding lifts limited peaks by 1.5 dB or so
    slope = 0.6  # loudness gained per dB of gain once the limiter works; refined as we go
    previous: tuple[float, float] | None = None
    result = before
    for _ in range(ATTEMPTS):
        _encode(pcm, _limited(gain, ceiling, pcm.sample_rate), out)
        result = measure(out)
        if _close(result):
            return result
        if previous is not None and abs(gain - previous[0]) > 0.05:
            slope = min(1.0, max(0.15, (result.lufs - previous[1]) / (gain - previous[0])))
        previous = (gain, result.lufs)
        gain += (TARGET_LUFS - result.lufs) / slope
        if result.true_peak_dbtp > PEAK_AIM + 0.3:
            ceiling = max(-20.0, ceiling - (result.true_peak_dbtp - PEAK_AIM))
            previous = None  # a new ceiling changes the curve
    if result.ok():
        return result
    raise ExportError(
        f"could not bring {name or out.name} to {TARGET_LUFS:g} LUFS with peaks under {MAX_TRUE_PEAK:g} dBTP "
        f"(got {result.lufs:.1f} LUFS, {result.true_peak_dbtp:.1f} dBTP)",
        "The audio may be mostly silence or clipped; check the engine's output",
    )
