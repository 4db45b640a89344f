"""Stitch: clips and pauses joined into one clip, with each segment's timing.

The programme runs at one rate, the narrator's engine's (22,050 Hz for Piper,
24,000 Hz for Kokoro). Every clip in another format (another engine, or
Piper's pitch-shifted quote voice, which carries a shifted rate) is converted
explicitly with ffmpeg's band-limited resampler, one ffmpeg run per format.
Each voice's segments are then brought to the narrator's loudness, so a
quotation is neither louder nor softer than the narration around it. Joining
collects raw bytes and joins them once, so time is linear in the total length.
"""

from __future__ import annotations

import math
import subprocess
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from narrate.article import Clip, Segment, Timing
from narrate.config import Pauses
from narrate.errors import ExportError
from narrate.ffmpeg import ffmpeg_exe

SAMPLE_RATE = 22050  # an edition's rate, and an article's when its narrator's engine does not say
SAMPLE_WIDTH = 2
CHANNELS = 1
PCM_FORMATS = {1: "u8", 2: "s16le", 3: "s24le", 4: "s32le"}
GAP_FRAMES = 4096  # zeros between clips resampled in one run, so the filter never mixes two of them


def convert(clips: Sequence[Clip], rate: int = SAMPLE_RATE) -> list[bytes]:
    """Each clip as mono 16-bit PCM at `rate`: unchanged when it already is, else resampled by ffmpeg.

    Clips that share a format are resampled together in one ffmpeg run, with
    silence between them; each is cut back out at its place scaled by the rate ratio.
    """
    out: list[bytes | None] = [c.pcm if _native(c, rate) else None for c in clips]
    groups: defaultdict[tuple[int, int, int], list[int]] = defaultdict(list)
    for n, clip in enumerate(clips):
        if out[n] is None:
            groups[(clip.sample_rate, clip.sample_width, clip.channels)].append(n)
    for (source_rate, width, channels), members in groups.items():
        frame = width * channels
        gap = (b"\x80" if width == 1 else b"\x00") * frame * GAP_FRAMES
        starts, chunks, at = [], [], 0
        for n in members:
            pcm = clips[n].pcm[: len(clips[n].pcm) // frame * frame]
            chunks += [gap, pcm]
            starts.append((at + GAP_FRAMES, len(pcm) // frame))
            at += GAP_FRAMES + len(pcm) // frame
        chunks.append(gap)
        data = _resample(b"".join(chunks), source_rate, width, channels, rate)
        ratio = rate / source_rate
        for n, (start, frames) in zip(members, starts, strict=True):
            begin = round(start * ratio)
            out[n] = data[2 * begin : 2 * (begin + round(frames * ratio))]
    return out  # type: ignore[return-value]


def to_target(clip: Clip, rate: int = SAMPLE_RATE) -> bytes:
    """One clip as mono 16-bit PCM at `rate`."""
    return convert([clip], rate)[0]


def _native(clip: Clip, rate: int) -> bool:
    return (clip.sample_rate, clip.sample_width, clip.channels) == (rate, SAMPLE_WIDTH, CHANNELS)


def _resample(pcm: bytes, source_rate: int, width: int, channels: int, rate: int) -> bytes:
    """ffmpeg's resampler (a windowed-sinc filter, band-limited, not audioop's linear ratecv)."""
    if width not in PCM_FORMATS:
        raise ExportError(f"an engine returned {8 * width}-bit audio", "Use an engine that returns 8 to 32-bit PCM")
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error",
           "-f", PCM_FORMATS[width], "-ar", str(source_rate), "-ac", str(channels), "-i", "pipe:0",
           "-af", f"aresample={rate}:filter_size=64:cutoff=0.95", "-ac", "1", "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"]
    proc = subprocess.run(cmd, input=pcm, capture_output=True, check=False)
    if proc.returncode != 0:
        lines = proc.stderr.decode(errors="replace").strip().splitlines()
        raise ExportError(f"ffmpeg could not resample a voice ({lines[-1] if lines else 'no detail'})",
                          "Reinstall narrate's dependencies (imageio-ffmpeg)")
    return proc.stdout


def level_voices(segments: Sequence[Segment], pcms: list[bytes], rate: int) -> list[bytes]:
    """Every voice's segments at the narrator's integrated loudness, as the listener will hear them.

    Voices differ by several LU as engines make them, so first each voice's
    segments get the gain that matches its integrated loudness to the
    narrator's. The final levelling then limits peaks, which takes more from
    a voice whose peaks stand further over its loudness (Piper's by some 7 dB
    more than Kokoro's); when the voices' peak-to-loudness ratios differ by more
    than PEAKINESS_SPREAD_DB, the final levelling is tried once here and each
    voice corrected by what it would lose. Only gains at or under 0 dB are
    applied, so nothing clips: the final levelling to -16 LUFS lifts the whole.
    """
    import numpy as np

    from narrate.loudness import integrated_loudness

    roles: defaultdict[str, list[int]] = defaultdict(list)
    for n, seg in enumerate(segments):
        roles[seg.voice].append(n)
    if "narrator" not in roles or len(roles) < 2:
        return pcms

    def samples(members: list[int], source: list[bytes]) -> Any:
        return np.frombuffer(b"".join(source[n] for n in members), dtype=np.int16).astype(np.float32) / 32768

    loudness = {role: integrated_loudness(samples(members, pcms), rate) for role, members in roles.items()}
    if not math.isfinite(loudness["narrator"]):
        return pcms
    gains = {role: loudness["narrator"] - lufs for role, lufs in loudness.items() if math.isfinite(lufs)}
    out = _apply(roles, pcms, gains)
    peakiness = [20 * math.log10(max(float(np.abs(samples(roles[r], out)).max()), 1e-9)) - loudness["narrator"] for r in gains]
    if max(peakiness) - min(peakiness) > PEAKINESS_SPREAD_DB:
        out = _settle(roles, pcms, gains, rate)
    return out


def _settle(roles: dict[str, list[int]], pcms: list[bytes], gains: dict[str, float], rate: int) -> list[bytes]:
    """Gains that leave every voice within SETTLE_LU of the narrator after the final levelling.

    The final levelling is tried and each voice's miss measured; its gain moves
    by the secant method, a few tries at most. The final gain is the same for
    every voice, so a voice's miss moves by nearly its own gain; the limiter
    takes a little of it back (on the reference article with Kokoro
    quotations, 0.9 of each dB), so the first step assumes FIRST_SLOPE.
    """
    import numpy as np

    from narrate.loudness import integrated_loudness, level_in_memory

    bounds = np.cumsum([0] + [len(p) // 2 for p in pcms])
    tried: dict[str, list[tuple[float, float]]] = {role: [] for role in gains}
    out = _apply(roles, pcms, gains)
    for _ in range(SETTLE_TRIES):
        heard = np.frombuffer(level_in_memory(b"".join(out), rate), dtype=np.int16).astype(np.float32) / 32768
        after = {role: integrated_loudness(np.concatenate([heard[bounds[n] : bounds[n + 1]] for n in roles[role]]), rate)
                 for role in gains}
        if not all(math.isfinite(v) for v in after.values()):
            break
        misses = {role: after[role] - after["narrator"] for role in gains if role != "narrator"}
        if all(abs(m) <= SETTLE_LU for m in misses.values()):
            break
        for role, miss in misses.items():
            tried[role].append((gains[role], miss))
            slope = FIRST_SLOPE
            if len(tried[role]) > 1 and abs(tried[role][-1][0] - tried[role][-2][0]) > 1e-3:
                (g0, m0), (g1, m1) = tried[role][-2:]
                slope = min(1.0, max(0.2, (m1 - m0) / (g1 - g0)))
            gains[role] -= miss / slope
        out = _apply(roles, pcms, gains)
    return out


SETTLE_LU = 0.5  # what settling aims for; the promise is 1 LU, and each try levels the whole article (0.4 s)
SETTLE_TRIES = 4
FIRST_SLOPE = 0.9  # was 0.5, which overshot: three tries where two would do
PEAKINESS_SPREAD_DB = 3.0


def _apply(roles: dict[str, list[int]], pcms: list[bytes], gains: dict[str, float]) -> list[bytes]:
    """Each role's segments turned by its gain, all lowered together so that none is raised."""
    import numpy as np

    top = max(0.0, max(gains.values()))
    out = list(pcms)
    for role, gain in gains.items():
        db = gain - top
        if abs(db) < 0.05:
            continue
        factor = np.float32(10 ** (db / 20))
        for n in roles[role]:
            x = np.frombuffer(pcms[n], dtype=np.int16).astype(np.float32) * factor
            out[n] = np.clip(np.rint(x), -32768, 32767).astype(np.int16).tobytes()
    return out


def pause_before(prev: Segment | None, seg: Segment, pauses: Pauses) -> int:
    """Milliseconds of silence between two segments: longer at bigger boundaries."""
    if prev is None:
        return pauses.lead_in
    if prev.kind == "headline":
        return pauses.after_headline
    if prev.kind == "standfirst":
        return pauses.after_standfirst
    if seg.kind == "subheading":
        return pauses.subheading
    if prev.paragraph != seg.paragraph:
        return pauses.paragraph
    return pauses.quote


def silence(ms: int, rate: int = SAMPLE_RATE) -> bytes:
    return bytes(SAMPLE_WIDTH * CHANNELS * (rate * ms // 1000))


def stitch(
    segments: Sequence[Segment], clips: Sequence[Clip], pauses: Pauses, rate: int | None = None
) -> tuple[Clip, list[Timing]]:
    """Join clips with pauses at `rate` (default SAMPLE_RATE); return the whole and where each segment starts and ends."""
    rate = rate or SAMPLE_RATE
    pcms = level_voices(segments, convert(clips, rate), rate)
    parts: list[bytes] = []
    timings: list[Timing] = []
    frames = 0
    bytes_per_frame = SAMPLE_WIDTH * CHANNELS

    def ms() -> int:
        return round(1000 * frames / rate)

    prev = None
    for seg, clip, pcm in zip(segments, clips, pcms, strict=True):
        gap = silence(pause_before(prev, seg, pauses), rate)
        parts.append(gap)
        frames += len(gap) // bytes_per_frame
        start = ms()
        parts.append(pcm)
        frames += len(pcm) // bytes_per_frame
        end = ms()
        marks = [start + round(m) for m in clip.marks or (0.0,)]
        timings.append(Timing(start, end, list(zip(marks, [*marks[1:], end]))))
        prev = seg
    parts.append(silence(pauses.tail, rate))
    return Clip(b"".join(parts), rate, SAMPLE_WIDTH, CHANNELS), timings
