"""Encoding to MP3 at the loudness promised, measured on the decoded MP3 as a player hears it.

An edition, an hour or more on disk, is levelled and measured by ffmpeg's streaming filters
(`encode_normalised`); an article, already in memory, is levelled by `levelling` and encoded
once (`encode_speech`). Either way the check that counts is made on the decoded MP3, because MP3
encoding itself can push peaks up.
"""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

from narrate.errors import ExportError
from narrate.ffmpeg import ffmpeg_exe
from narrate.loudness.levelling import TRUE_PEAK_CEILING_DB, level_in_memory
from narrate.loudness.meter import true_peak
from narrate.loudness.targets import AIM_LU, MAX_TRUE_PEAK, PEAK_AIM, SILENT_LUFS, TARGET_LUFS, Loudness, Pcm

BITRATE = "96k"
LAME_QUALITY = "7"  # LAME's -q: 7 encodes twice as fast as the default 5, and at 96 kbit/s mono speech sounds the same
MP3 = ["-c:a", "libmp3lame", "-b:a", BITRATE, "-compression_level", LAME_QUALITY]  # every MP3 narrate writes
ATTEMPTS = 4
MP3_LOSS_LU = 0.4  # measured: the 96 kbit/s MP3 of levelled speech is about this much quieter than its PCM


def _run(args: list[str], stdin: bytes | None, what: str) -> str:
    """Run ffmpeg; its log (stderr) as text."""
    return _ffmpeg(args, stdin, what)[1]


def _ffmpeg(args: list[str], stdin: bytes | None, what: str) -> tuple[bytes, str]:
    """Run ffmpeg; its output (stdout) and its log (stderr)."""
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
    return proc.stdout, text


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


def encode_measured(pcm: Pcm, out: Path) -> Loudness:
    """Encode PCM to an MP3 at `out` and measure that MP3 as a player will decode it, in one go.

    One ffmpeg process encodes, decodes what it encoded (a loopback decoder)
    and measures the integrated loudness, all at once on separate threads,
    and hands back the decoded samples, whose true peak is found here.
    """
    import numpy as np

    decoded, text = _ffmpeg(
        [*pcm.input_args(), "-map", "0:a", *MP3, "-f", "mp3", str(out),
         "-dec", "0:0", "-filter_complex", "[dec:0]ebur128=framelog=quiet[decoded]", "-map", "[decoded]", "-ac", "1", "-f", "s16le", "pipe:1"],
        pcm.data,
        f"encode {out.name}",
    )
    lufs = _number(r"I:\s+(-?[\d.]+|-inf) LUFS", text[text.rfind("Summary:"):], "integrated loudness")
    return Loudness(lufs, true_peak(np.frombuffer(decoded, dtype=np.int16)))


def _encode(pcm: Pcm, af: str, out: Path) -> None:
    args = [*pcm.input_args(), "-af", af, "-ar", str(pcm.sample_rate), "-ac", "1", *MP3]
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


def encode_speech(pcm: Pcm, out: Path, name: str = "", levelled: list[bytes] | None = None) -> Loudness:
    """An article's in-memory PCM, levelled here, encoded once, measured once as an MP3.

    The in-memory measure and ffmpeg's differ by a tenth of a LU or so, and
    encoding lifts peaks a little; when the MP3 misses, the aim moves by the
    miss and it is encoded again (rarely needed). `levelled` receives the
    levelled PCM that was encoded: an edition joins that, never a decoded MP3.
    """
    if pcm.data is None or pcm.channels != 1:
        raise ValueError("encode_speech takes mono PCM held in memory")
    aim, ceiling = TARGET_LUFS + MP3_LOSS_LU, TRUE_PEAK_CEILING_DB
    result = None
    for _ in range(ATTEMPTS):
        level = level_in_memory(pcm.data, pcm.sample_rate, aim, ceiling)
        result = encode_measured(Pcm(pcm.sample_rate, data=level), out)
        if levelled is not None:
            levelled[:] = [level]
        if abs(result.lufs - TARGET_LUFS) <= 0.5 and result.true_peak_dbtp <= PEAK_AIM + 0.3:
            return result
        aim += TARGET_LUFS - result.lufs
        if result.true_peak_dbtp > PEAK_AIM + 0.3:
            ceiling -= result.true_peak_dbtp - PEAK_AIM
    if result is not None and result.ok():
        return result
    raise ExportError(
        f"could not bring {name or out.name} to {TARGET_LUFS:g} LUFS with peaks under {MAX_TRUE_PEAK:g} dBTP",
        "The audio may be mostly silence or clipped; check the engine's output",
    )
