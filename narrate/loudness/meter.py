"""A BS.1770 meter in numpy: integrated loudness (K-weighted, gated) and true peak (between samples too)."""

from __future__ import annotations

import math
from typing import Any

OVERSAMPLE, TAPS = 8, 16  # the true-peak interpolator
K_SHELF = (3.999843853973347, 0.7071752369554193, 1681.974450955533)  # BS.1770 stage 1: gain dB, Q, Hz
K_HIGHPASS = (0.5003270373238773, 38.13547087602444)  # BS.1770 stage 2 (RLB): Q, Hz
BLOCK = 8  # samples per block: the limiter's gain steps, and the true peak is found, a block at a time


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
    could = np.nonzero(with_neighbours(sample_tops) * _reach() > top)[0]
    if len(could):
        top = max(top, float(block_tops(y, only=could).max()))
    return 20 * math.log10(top) if top > 0 else -math.inf


def _reach() -> float:
    """How far over its samples a point between them can go: the interpolator's largest sum of |weights|."""
    import numpy as np

    return float(np.abs(interpolator()).sum(axis=1).max())


def interpolator(points: int = OVERSAMPLE) -> Any:
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
    return with_neighbours(block_tops(x, floor))


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
    h = interpolator().T
    for i in range(0, len(chosen), 16384):  # a bounded number of blocks at a time
        some = chosen[i : i + 16384]
        spans = block_spans(x, some)
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


def block_spans(x: Any, blocks: Any) -> Any:
    """(blocks, BLOCK + TAPS - 1): the samples each block's points between samples are interpolated
    from (TAPS // 2 - 1 before the block, TAPS // 2 after it), zero past either end of `x`."""
    import numpy as np

    n = len(x)
    where = blocks[:, None] * BLOCK + (np.arange(BLOCK + TAPS - 1) - (TAPS // 2 - 1))[None, :]
    return np.where((where >= 0) & (where < n), x[np.clip(where, 0, n - 1)], np.float32(0)).astype(np.float32)


def with_neighbours(top: Any) -> Any:
    """The points around a block's edges are interpolated from both blocks, which the limiter may
    turn down by different amounts: each block answers for its neighbours' peaks too."""
    import numpy as np

    edge = np.zeros(1, np.float32)
    return np.maximum(top, np.maximum(np.concatenate([edge, top[:-1]]), np.concatenate([top[1:], edge])))
