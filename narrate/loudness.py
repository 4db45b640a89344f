"""Loudness: every MP3 at -16 LUFS integrated with true peak at or below -1 dBTP.

-16 LUFS is the spoken-word podcast norm, so stories sit at one level from
file to file and from story to story in an edition. Two paths:

- an edition, an hour or more on disk, is levelled and measured by ffmpeg's
  streaming filters, so it is never held as floats in memory;
- an article, a few minutes already in memory, is levelled here with numpy
  (a BS.1770 meter, a soft clipper and a look-ahead limiter) and encoded once.

Either way the check that counts is made on the decoded MP3, because MP3
encoding itself can push peaks up.
"""

from __future__ import annotations

import functools
import math
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrate.errors import ExportError
from narrate.ffmpeg import ffmpeg_exe

TARGET_LUFS = -16.0
TOLERANCE_LU = 1.0  # the promise: -16 ± 1 LU
AIM_LU = 0.4  # what we aim for, so the promise holds with room to spare
MAX_TRUE_PEAK = -1.0  # dBTP, the promise
PEAK_AIM = -1.5  # dBTP, what we aim for: MP3 encoding adds a little to peaks
BITRATE = "96k"
OVERSAMPLE, TAPS = 8, 16  # the true-peak interpolator
LAME_QUALITY = "7"  # LAME's -q: 7 encodes twice as fast as the default 5, and at 96 kbit/s mono speech sounds the same
MP3 = ["-c:a", "libmp3lame", "-b:a", BITRATE, "-compression_level", LAME_QUALITY]  # every MP3 narrate writes
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


def true_peak(x: Any) -> float:
    """The true peak (dBTP) of mono float samples (or 16-bit ones): their highest level between samples too.

    Every gap between two samples is interpolated at OVERSAMPLE - 1 points
    (ffmpeg's meter works at 192 kHz, nearly nine times 22 kHz) by a
    Hann-windowed sinc of TAPS taps, but only where it could matter: a point
    between samples is at most `_reach()` (about 2) times the samples it is
    made from, so a block whose own and neighbours' samples all stay under the
    highest sample divided by that cannot hold the peak. After levelling that
    skips about nine blocks in ten (0.12 s against 0.3 s for a three-minute
    article). Memory: one float32 copy of the samples.
    """
    import numpy as np

    if not len(x):
        return -math.inf
    y = x.astype(np.float32)
    if x.dtype == np.int16:
        y /= 32768  # in place
    sample_tops = _sample_tops(y)
    top = float(sample_tops.max())
    could = np.nonzero(_with_neighbours(sample_tops) * _reach() > top)[0]
    if len(could):
        top = max(top, float(block_tops(y, only=could).max()))
    return 20 * math.log10(top) if top > 0 else -math.inf


def _reach() -> float:
    """How far over its samples a point between them can go: the interpolator's largest sum of |weights|."""
    import numpy as np

    return float(np.abs(_interpolator()).sum(axis=1).max())


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


# --- Articles: gain and limiting in memory, measured in memory, encoded once -------------------
#
# An article's audio is a few minutes long and already in memory, so the search for the right
# gain runs here on numpy arrays (a fifth of a second for three minutes) instead of in repeated
# ffmpeg encodes. ffmpeg then encodes once, and the decoded MP3 is measured once: that measure is
# the one reported and checked, as for an edition.

K_SHELF = (3.999843853973347, 0.7071752369554193, 1681.974450955533)  # BS.1770 stage 1: gain dB, Q, Hz
K_HIGHPASS = (0.5003270373238773, 38.13547087602444)  # BS.1770 stage 2 (RLB): Q, Hz
ATTACK_MS = 3.0  # the limiter turns down this long before a peak...
RELEASE_MS = 40.0  # ...and holds for this long after it: longer costs loudness, shorter distorts low voices
BLOCK = 8  # samples per step of the limiter's gain
TRUE_PEAK_CEILING_DB = -1.6  # the limiter's ceiling, on true (between-sample) peaks: just under the -1 dBTP
#                              promise, with room for the MP3 encoding, which lifts peaks a few tenths of a dB
MP3_LOSS_LU = 0.4  # measured: the 96 kbit/s MP3 of levelled speech is about this much quieter than its PCM
# Ahead of the limiter, a soft clipper rounds off the highest peaks (speech peaks sit ~22 dB over its
# loudness, and -16 LUFS with peaks under -1 dBTP leaves room for 15), so the limiter has far less to do.
CLIP_KNEE = 0.7  # the soft clipper leaves everything under 70 % of the ceiling (3 dB under it) as it is
DECIMATE_SPAN = 4  # samples either side that the clipper's low-pass reaches
CLIP_POINTS = 4  # points per sample the clipper works at, as broadcast clippers do


def _k_weighting_power(rate: int, n: int) -> Any:
    """|H(f)|^2 of the K-weighting filter at the rfft frequencies of an n-sample frame."""
    import numpy as np

    w = 2 * np.pi * np.fft.rfftfreq(n, 1 / rate) / rate
    z1, z2 = np.exp(-1j * w), np.exp(-2j * w)

    gain_db, q, fc = K_SHELF
    a = 10 ** (gain_db / 40)
    w0 = 2 * np.pi * fc / rate
    alpha, cos = np.sin(w0) / (2 * q), np.cos(w0)
    shelf = (a * ((a + 1) + (a - 1) * cos + 2 * np.sqrt(a) * alpha)
             - 2 * a * ((a - 1) + (a + 1) * cos) * z1
             + a * ((a + 1) + (a - 1) * cos - 2 * np.sqrt(a) * alpha) * z2) / (
        ((a + 1) - (a - 1) * cos + 2 * np.sqrt(a) * alpha)
        + 2 * ((a - 1) - (a + 1) * cos) * z1
        + ((a + 1) - (a - 1) * cos - 2 * np.sqrt(a) * alpha) * z2)

    q, fc = K_HIGHPASS
    w0 = 2 * np.pi * fc / rate
    alpha, cos = np.sin(w0) / (2 * q), np.cos(w0)
    highpass = ((1 + cos) / 2 * (1 - 2 * z1 + z2)) / ((1 + alpha) - 2 * cos * z1 + (1 - alpha) * z2)
    return np.abs(shelf * highpass) ** 2


def integrated_loudness(x: Any, rate: int) -> float:
    """BS.1770 integrated loudness (LUFS) of mono float samples in [-1, 1].

    K-weighted power is taken per 100 ms frame in the frequency domain
    (Parseval), then 400 ms blocks with 75 % overlap are gated at -70 LUFS
    and at 10 LU under their mean, as the standard says.
    """
    return gated_loudness(frame_power(x, rate), rate)


def frame_power(x: Any, rate: int) -> Any:
    """The K-weighted sum of squares of each 100 ms frame of `x`, divided by the frame's length."""
    import numpy as np

    frame = rate // 10
    frames = len(x) // frame
    weight = _k_weighting_power(rate, frame).astype(np.float32)
    weight[1 : (frame + 1) // 2] *= 2  # the rfft holds half of the spectrum: count the other half
    framed = x[: frames * frame].reshape(frames, frame)
    return np.concatenate([  # a minute at a time to bound memory
        (np.abs(np.fft.rfft(framed[i : i + 600], axis=1)) ** 2 * weight).sum(axis=1) / frame
        for i in range(0, frames, 600)
    ] or [np.zeros(0)]).astype(np.float64)


def gated_loudness(energy: Any, rate: int) -> float:
    """Integrated loudness from `frame_power`'s frames: 400 ms blocks, gated as BS.1770 says."""
    import numpy as np

    frame = rate // 10
    if len(energy) < 4:
        return -math.inf
    blocks = (energy[:-3] + energy[1:-2] + energy[2:-1] + energy[3:]) / (4 * frame)
    with np.errstate(divide="ignore"):
        loud = -0.691 + 10 * np.log10(blocks)
    gated = blocks[loud > -70]
    if not len(gated):
        return -math.inf
    relative = -0.691 + 10 * np.log10(gated.mean()) - 10
    kept = blocks[(loud > -70) & (loud > relative)]
    return float(-0.691 + 10 * np.log10(kept.mean()))


def _sliding_min(x: Any, width: int) -> Any:
    """out[i] = min(x[i : i + width]), in linear time (van Herk / Gil-Werman), padding with 1.0."""
    import numpy as np

    n = len(x)
    padded = np.concatenate([x, np.ones((-n) % width + width, x.dtype)]).reshape(-1, width)
    prefix = np.minimum.accumulate(padded, axis=1).ravel()
    suffix = np.minimum.accumulate(padded[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(suffix[:n], prefix[width - 1 : width - 1 + n])


def limit(x: Any, ceiling: float, rate: int, peaks: Any = None) -> Any:
    """A look-ahead peak limiter: no sample of the result exceeds `ceiling`.

    The gain is worked out per block of BLOCK samples (a third of a
    millisecond), from the loudest sample in each (or from `peaks`, each
    block's true peak, when given): that is eight times less work than per
    sample and inaudible in a gain that moves over milliseconds. The gain each
    block needs is held from ATTACK_MS before it to RELEASE_MS after it (a
    sliding minimum), then smoothed by a moving average over ±ATTACK_MS. Every
    value averaged for a block is at most that block's own need, so the
    average is too: the ceiling holds, with no overshoot.
    """
    import numpy as np

    attack, release = -(-int(rate * ATTACK_MS / 1000) // BLOCK), -(-int(rate * RELEASE_MS / 1000) // BLOCK)
    blocks = np.concatenate([x, np.zeros(-len(x) % BLOCK, x.dtype)]).reshape(-1, BLOCK)
    if peaks is None:
        mags = np.abs(blocks)
        peaks = functools.reduce(np.maximum, (mags[:, i] for i in range(BLOCK)))  # 4x faster than .max(axis=1)
    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-9)).astype(np.float32)
    # past the ends the signal is silence, which needs no turning down: pad with 1 to hold and smooth over it
    padded = np.concatenate([np.ones(release + attack, np.float32), need, np.ones(2 * attack, np.float32)])
    held = _sliding_min(padded, release + attack + 1)  # held[k] = min(need[k - release : k + attack + 1])
    total = np.concatenate([[0.0], np.cumsum(held, dtype=np.float64)])
    width = 2 * attack + 1
    smooth = ((total[width:] - total[:-width]) / width)[: len(need)]  # mean of held[k - attack : k + attack + 1]
    return (blocks * smooth[:, None].astype(np.float32)).ravel()[: len(x)]


def _interpolator(points: int = OVERSAMPLE) -> Any:
    """(points - 1, TAPS) Hann-windowed sinc weights: row p gives the point p/points into a gap."""
    import numpy as np

    k = np.arange(1 - TAPS // 2, TAPS // 2 + 1)  # the taps, relative to the sample before the gap
    t = k[None, :] - np.arange(1, points)[:, None] / points
    h = np.sinc(t) * (0.5 + 0.5 * np.cos(np.pi * t / (TAPS // 2)))
    return (h / h.sum(axis=1, keepdims=True)).astype(np.float32)  # unity gain at low frequencies


def block_true_peaks(x: Any, floor: float = 0.0) -> Any:
    """The true peak (linear) of each BLOCK of samples: its samples and the points between them
    (the interpolator of `true_peak`), so the limiter can hold true peaks, not only sample peaks.

    Only blocks whose sample peak reaches `floor` are interpolated (the others keep their sample
    peak): a block 6 dB under the ceiling cannot reach it between samples, and in speech those
    are most blocks, so this is a fraction of the work.
    """
    return _with_neighbours(block_tops(x, floor))


def block_tops(x: Any, floor: float = 0.0, only: Any = None) -> Any:
    """Each block's own true peak (see block_true_peaks), or only those of the blocks `only`
    (an array of block numbers, all interpolated), in that order."""
    import numpy as np

    if only is None:
        top = _sample_tops(x)
        chosen = np.nonzero(top >= floor)[0]
    else:
        chosen = np.asarray(only)
        top = np.zeros(len(chosen), np.float32)
    h = _interpolator().T
    for i in range(0, len(chosen), 16384):  # a bounded number of blocks at a time
        some = chosen[i : i + 16384]
        spans = _spans(x, some)
        windows = np.lib.stride_tricks.sliding_window_view(spans, TAPS, axis=1)  # (blocks, BLOCK, TAPS)
        found = np.maximum(np.abs(spans[:, TAPS // 2 - 1 : TAPS // 2 - 1 + BLOCK]).max(axis=1), np.abs(windows @ h).max(axis=(1, 2)))
        if only is None:
            top[some] = np.maximum(top[some], found)
        else:
            top[i : i + len(some)] = found
    return top


def _sample_tops(x: Any) -> Any:
    """Each BLOCK of samples' highest absolute sample (float32; the last block padded with zeros)."""
    import numpy as np

    padded = np.concatenate([np.abs(x).astype(np.float32), np.zeros(-len(x) % BLOCK, np.float32)])
    return padded.reshape(-1, BLOCK).max(axis=1)


def _spans(x: Any, blocks: Any) -> Any:
    """(blocks, BLOCK + TAPS - 1): the samples each block's points between samples are interpolated
    from (TAPS // 2 - 1 before the block, TAPS // 2 after it), zero past either end of `x`."""
    import numpy as np

    n = len(x)
    where = blocks[:, None] * BLOCK + (np.arange(BLOCK + TAPS - 1) - (TAPS // 2 - 1))[None, :]
    return np.where((where >= 0) & (where < n), x[np.clip(where, 0, n - 1)], np.float32(0)).astype(np.float32)


def _with_neighbours(top: Any) -> Any:
    """The points around a block's edges are interpolated from both blocks, which the limiter may
    turn down by different amounts: each block answers for its neighbours' peaks too."""
    import numpy as np

    edge = np.zeros(1, np.float32)
    return np.maximum(top, np.maximum(np.concatenate([edge, top[:-1]]), np.concatenate([top[1:], edge])))


def _decimator(points: int) -> Any:
    """A Hann-windowed sinc low-pass at the sample rate's Nyquist frequency, for `points` points per
    sample, DECIMATE_SPAN samples either side, summing to 1: it takes a change made between samples
    back to the samples."""
    import numpy as np

    k = np.arange(-points * DECIMATE_SPAN, points * DECIMATE_SPAN + 1)
    g = np.sinc(k / points) * (0.5 + 0.5 * np.cos(np.pi * k / (points * DECIMATE_SPAN + 1)))
    return (g / g.sum()).astype(np.float32)


def _clipped(v: Any, knee: float, ceiling: float) -> Any:
    """The soft clipper's curve for values over `knee` (both in linear units): a tanh towards the ceiling."""
    import numpy as np

    return np.sign(v) * (knee + (ceiling - knee) * np.tanh((np.abs(v) - knee) / (ceiling - knee)))


def soft_clip(x: Any, ceiling: float, hot: Any = None, knee: float = CLIP_KNEE) -> Any:
    """Peaks of float32 `x` over `knee` x `ceiling` rounded off towards the ceiling by a tanh
    curve, in place (`x` is returned). `hot`: the blocks that may hold such peaks, when the caller
    knows them (all others are left alone).

    The curve is applied at CLIP_POINTS points per sample (by the true-peak
    interpolator), and only the change it makes is taken back to the sample
    rate through a low-pass filter and added, so it makes no aliasing and every
    stretch without such a peak is left exactly as it was. Clipping acts on
    the peak alone, where a limiter turns a whole syllable down for tens of
    milliseconds; DNSMOS scores Piper's speech at -16 LUFS 0.12 higher this way
    (benchmarks/quality.py --chains). The limiter after it still holds the ceiling.
    """
    import numpy as np

    knee *= ceiling
    n = len(x)
    if hot is None:
        hot = np.nonzero(block_true_peaks(x, floor=knee) > knee)[0]
    h, g = _interpolator(CLIP_POINTS).T, _decimator(CLIP_POINTS)
    lead, reach = TAPS // 2 - 1, CLIP_POINTS * DECIMATE_SPAN
    changes = []  # (first sample, change): added once all are found, so every block is judged as it came
    for i in range(0, len(hot), 2048):  # a bounded number of blocks at a time
        some = hot[i : i + 2048]
        spans = _spans(x, some)
        windows = np.lib.stride_tricks.sliding_window_view(spans, TAPS, axis=1)  # (blocks, BLOCK, TAPS)
        # point p of sample s sits p/CLIP_POINTS after it: p = 0 is the sample, the others are interpolated
        points = np.concatenate([spans[:, lead : lead + BLOCK, None], windows @ h], axis=2)
        b, s, p = np.nonzero(np.abs(points) > knee)
        if not len(b):
            continue
        v = points[b, s, p]
        change = _clipped(v, knee, ceiling) - v
        at = (some[b] * BLOCK + s) * CLIP_POINTS + p  # on the oversampled time line
        first = -(-(at - reach) // CLIP_POINTS)  # the first sample the low-pass carries each change to
        j = first[:, None] + np.arange(2 * DECIMATE_SPAN + 1)[None, :]
        k = CLIP_POINTS * j - at[:, None] + reach
        ok = (k < len(g)) & (j >= 0) & (j < n)
        lo = int(j[ok].min())
        changes.append((lo, np.bincount(j[ok] - lo, weights=(change[:, None] * g[np.minimum(k, len(g) - 1)])[ok]).astype(np.float32)))
    for lo, change in changes:
        x[lo : lo + len(change)] += change
    return x


def level_in_memory(pcm: bytes, rate: int, target: float = TARGET_LUFS, ceiling_db: float = TRUE_PEAK_CEILING_DB,
                    knee: float | None = CLIP_KNEE) -> bytes:
    """16-bit mono PCM brought to `target` LUFS: gain, a soft clipper on the highest peaks, then a
    true-peak limiter holding peaks (between samples too) under `ceiling_db` dBTP. `knee`: the
    share of the ceiling the clipper starts at (None: no clipper, the limiter alone).

    A gentle compressor ahead of the limiter was tried and left out: with the clipper, DNSMOS scored
    every cast 0.01 to 0.04 lower with it (benchmarks/quality.py's casts, PCM before encoding)."""
    import numpy as np

    x = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768
    power = frame_power(x, rate)
    before = gated_loudness(power, rate)
    if math.isinf(before) or before < SILENT_LUFS:
        raise ExportError("the audio to encode is silent", "Check the engine's output with `narrate script` and a short article")
    ceiling = 10 ** (ceiling_db / 20)
    # Peaks are linear in the gain: found once, scaled per try, and found again only around the
    # blocks the clipper changed. Blocks that stay 3 dB under the ceiling even with 4 dB more gain
    # than a plain gain needs (the search stays well within that) cannot reach it between samples,
    # so only the others are interpolated.
    most = 10 ** ((target - before + 4 + 3) / 20)
    tops = block_tops(x, floor=ceiling / most)
    reach = np.arange(-2, 3)  # a clipped block's change reaches a block either side, their interpolation one more
    # Clipping and limiting take back part of every dB of gain: the first gain allows for what the
    # clipper will take (predicted from the samples), and the tries that follow correct the rest.
    def chain(gain_db: float) -> tuple[float, Any]:
        g = np.float32(10 ** (gain_db / 20))
        scaled = tops * g
        y = x * g
        if knee is not None:
            hot = np.nonzero(_with_neighbours(scaled) > knee * ceiling)[0]
            y = soft_clip(y, ceiling, hot, knee)
            near = np.unique(np.clip((hot[:, None] + reach[None, :]).ravel(), 0, len(tops) - 1))
            scaled[near] = block_tops(y, only=near)
        y = limit(y, ceiling, rate, _with_neighbours(scaled))
        return integrated_loudness(y, rate), y

    first = (target - before if knee is None
             else _first_gain(x, rate, power, target, before, knee * ceiling / most, knee * ceiling, ceiling))
    y = _secant(chain, target, first, tolerance=0.2)  # the MP3 is measured and corrected anyway
    return (np.clip(y, -1.0, 32767 / 32768) * 32768).astype(np.int16).tobytes()


def _first_gain(x: Any, rate: int, power: Any, target: float, before: float, low: float, knee: float,
                ceiling: float) -> float:
    """A first gain for `level_in_memory`: the one that reaches `target` once the soft clipper has
    taken its share, predicted from the samples alone, so that the real chain usually needs one try.

    `before` is the loudness of `x` as it is. Each 100 ms frame's K-weighted power (`power`) is
    scaled by the share of its plain power that the clipper's curve leaves, worked out on the samples
    that may reach the knee (those over `low` at no gain). The points between samples and the
    limiter take a little more, which the tries correct."""
    import numpy as np

    frame = rate // 10
    frames = len(power)
    framed = x[: frames * frame].reshape(frames, frame)
    plain = np.concatenate([np.square(framed[i : i + 600], dtype=np.float64).sum(axis=1)  # a minute at a time
                            for i in range(0, frames, 600)])
    at = np.nonzero((framed > low).ravel() | (framed < -low).ravel())[0]
    peaks, where = x[at].astype(np.float64), at // frame

    def predicted(gain_db: float) -> tuple[float, float]:
        g = 10 ** (gain_db / 20)
        v = peaks * g
        over = np.abs(v) > knee
        lost = np.bincount(where[over], weights=v[over] ** 2 - _clipped(v[over], knee, ceiling) ** 2, minlength=frames)
        left = 1 - lost / np.maximum(g * g * plain, 1e-30)
        return gated_loudness(g * g * power * left, rate), gain_db

    return _secant(predicted, target, target - before, tolerance=0.02)


def _secant(measure: Callable[[float], tuple[float, Any]], target: float, gain_db: float, tolerance: float) -> Any:
    """The secant method on a gain: `measure(gain_db)` gives (loudness, result); the result of the
    first gain within `tolerance` of `target` (or of the last of eight tries). It starts from a slope
    of 0.6 LU per dB, as clipping and limiting take back part of every dB of gain."""
    tried: list[tuple[float, float]] = []
    result = None
    for _ in range(8):
        result = None  # the previous try's result is not kept while the next is made
        loudness, result = measure(gain_db)
        tried.append((gain_db, loudness))
        miss = target - loudness
        if abs(miss) < tolerance:
            break
        slope = 0.6
        if len(tried) > 1 and abs(tried[-1][0] - tried[-2][0]) > 1e-4:
            slope = min(1.0, max(0.1, (tried[-1][1] - tried[-2][1]) / (tried[-1][0] - tried[-2][0])))
        gain_db += miss / slope
    return result


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
