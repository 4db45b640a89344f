"""Levelling an article's speech in memory: gain, a soft clipper on the highest peaks, and a
look-ahead true-peak limiter, with the gain searched for on numpy arrays.

An article's audio is a few minutes long and already in memory, so the search for the right
gain runs here (a fifth of a second for three minutes) instead of in repeated ffmpeg encodes.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

from narrate.errors import ExportError
from narrate.loudness.meter import (
    BLOCK,
    TAPS,
    block_spans,
    block_tops,
    block_true_peaks,
    frame_power,
    gated_loudness,
    integrated_loudness,
    interpolator,
    with_neighbours,
)
from narrate.loudness.targets import SILENT_LUFS, TARGET_LUFS

ATTACK_MS = 3.0  # the limiter turns down this long before a peak...
RELEASE_MS = 40.0  # ...and holds for this long after it: longer costs loudness, shorter distorts low voices
TRUE_PEAK_CEILING_DB = -1.6  # the limiter's ceiling, on true (between-sample) peaks: just under the -1 dBTP
#                              promise, with room for the MP3 encoding, which lifts peaks a few tenths of a dB
# Ahead of the limiter, a soft clipper rounds off the highest peaks (speech peaks sit ~22 dB over its
# loudness, and -16 LUFS with peaks under -1 dBTP leaves room for 15), so the limiter has far less to do.
CLIP_KNEE = 0.7  # the soft clipper leaves everything under 70 % of the ceiling (3 dB under it) as it is
DECIMATE_SPAN = 4  # samples either side that the clipper's low-pass reaches
CLIP_POINTS = 4  # points per sample the clipper works at, as broadcast clippers do


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
    h, g = interpolator(CLIP_POINTS).T, _decimator(CLIP_POINTS)
    lead, reach = TAPS // 2 - 1, CLIP_POINTS * DECIMATE_SPAN
    changes = []  # (first sample, change): added once all are found, so every block is judged as it came
    for i in range(0, len(hot), 2048):  # a bounded number of blocks at a time
        some = hot[i : i + 2048]
        spans = block_spans(x, some)
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
            hot = np.nonzero(with_neighbours(scaled) > knee * ceiling)[0]
            y = soft_clip(y, ceiling, hot, knee)
            near = np.unique(np.clip((hot[:, None] + reach[None, :]).ravel(), 0, len(tops) - 1))
            scaled[near] = block_tops(y, only=near)
        y = limit(y, ceiling, rate, with_neighbours(scaled))
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
