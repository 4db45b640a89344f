"""Stitch: clips and pauses joined into one clip, with each segment's timing.

Every clip is converted explicitly to one target format first (the engines'
rates differ, and the quote voice carries a shifted rate). Joining collects
raw bytes and joins them once, so time is linear in the total length.
"""

from __future__ import annotations

from collections.abc import Sequence

from narrate.article import Clip, Segment, Timing
from narrate.config import Pauses
from narrate.ffmpeg import pydub_audio_segment

SAMPLE_RATE = 22050
SAMPLE_WIDTH = 2
CHANNELS = 1


def to_target(clip: Clip) -> bytes:
    """Resample and remix a clip to mono 16-bit at SAMPLE_RATE."""
    if (clip.sample_rate, clip.sample_width, clip.channels) == (SAMPLE_RATE, SAMPLE_WIDTH, CHANNELS):
        return clip.pcm
    AudioSegment = pydub_audio_segment()
    audio = AudioSegment(data=clip.pcm, sample_width=clip.sample_width, frame_rate=clip.sample_rate, channels=clip.channels)
    return audio.set_channels(CHANNELS).set_sample_width(SAMPLE_WIDTH).set_frame_rate(SAMPLE_RATE).raw_data


def pause_before(prev: Segment | None, seg: Segment, pauses: Pauses) -> int:
    """Milliseconds of silence between two segments: longer at bigger boundaries."""
    if prev is None:
        return pauses.lead_in
    if prev.kind == "headline":
        return pauses.after_headline
    if prev.kind == "standfirst":
        return pauses.after_standfirst
    if prev.paragraph != seg.paragraph:
        return pauses.paragraph
    return pauses.quote


def silence(ms: int) -> bytes:
    return bytes(SAMPLE_WIDTH * CHANNELS * (SAMPLE_RATE * ms // 1000))


def stitch(segments: Sequence[Segment], clips: Sequence[Clip], pauses: Pauses) -> tuple[Clip, list[Timing]]:
    """Join clips with pauses; return the whole and where each segment starts and ends."""
    parts: list[bytes] = []
    timings: list[Timing] = []
    frames = 0
    bytes_per_frame = SAMPLE_WIDTH * CHANNELS

    def ms() -> int:
        return round(1000 * frames / SAMPLE_RATE)

    prev = None
    for seg, clip in zip(segments, clips, strict=True):
        gap = silence(pause_before(prev, seg, pauses))
        pcm = to_target(clip)
        parts.append(gap)
        frames += len(gap) // bytes_per_frame
        start = ms()
        parts.append(pcm)
        frames += len(pcm) // bytes_per_frame
        end = ms()
        marks = [start + round(m) for m in clip.marks or (0.0,)]
        timings.append(Timing(start, end, list(zip(marks, [*marks[1:], end]))))
        prev = seg
    parts.append(silence(pauses.tail))
    return Clip(b"".join(parts), SAMPLE_RATE, SAMPLE_WIDTH, CHANNELS), timings
