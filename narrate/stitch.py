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
    """Every voice's segments at the narrator's integrated loudness (to a tenth of a LU).

    Voices differ by several LU as engines make them (Kokoro speaks softer than
    Piper). Only gains at or under 0 dB are applied, so nothing clips: when a
    voice is quieter than the narrator, the narrator and the louder voices come
    down instead, and the final levelling to -16 LUFS lifts the whole.
    """
    import numpy as np

    from narrate.loudness import integrated_loudness

    roles: defaultdict[str, list[int]] = defaultdict(list)
    for n, seg in enumerate(segments):
        roles[seg.voice].append(n)
    if "narrator" not in roles or len(roles) < 2:
        return pcms
    loudness = {}
    for role, members in roles.items():
        x = np.frombuffer(b"".join(pcms[n] for n in members), dtype=np.int16).astype(np.float32) / 32768
        loudness[role] = integrated_loudness(x, rate)
    reference = loudness["narrator"]
    if not math.isfinite(reference):
        return pcms
    gains = {role: reference - lufs for role, lufs in loudness.items() if math.isfinite(lufs)}
    top = max(gains.values())
    out = list(pcms)
    for role, gain in gains.items():
        db = gain - max(0.0, top)
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
