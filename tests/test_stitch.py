from __future__ import annotations

from narrate.article import Clip, Segment
from narrate.config import Pauses
from narrate.stitch import SAMPLE_RATE, pause_before, stitch, to_target

PAUSES = Pauses(lead_in=100, after_headline=1000, after_standfirst=800, paragraph=600, quote=300, tail=500)


def seg(kind: str, paragraph: int, voice: str = "narrator") -> Segment:
    return Segment(kind=kind, voice=voice, text="x", paragraph=paragraph, speech="x")  # type: ignore[arg-type]


def tone(ms: int, rate: int, width: int = 2, channels: int = 1) -> Clip:
    frames = rate * ms // 1000
    return Clip(b"\x10\x20" * (width // 2) * channels * frames, rate, width, channels)


SEGMENTS = [seg("headline", 0), seg("standfirst", 1), seg("body", 2), seg("quote", 2, "quote"), seg("body", 3)]


def test_pause_depends_on_boundary() -> None:
    pauses = [pause_before(prev, cur, PAUSES) for prev, cur in zip([None, *SEGMENTS], SEGMENTS)]
    assert pauses == [100, 1000, 800, 300, 600]


def test_timings_and_total_are_exact() -> None:
    clips = [tone(1000, SAMPLE_RATE)] * 5
    audio, timings = stitch(SEGMENTS, clips, PAUSES)
    starts = [t.start_ms for t in timings]
    assert starts == [100, 2100, 3900, 5200, 6800]
    assert [t.end_ms - t.start_ms for t in timings] == [1000] * 5
    assert round(audio.duration_ms) == 100 + 1000 + 800 + 300 + 600 + 5 * 1000 + 500


def test_clips_in_other_formats_are_converted_explicitly() -> None:
    clips = [tone(1000, 16000), tone(1000, 24000), tone(1000, 19644), tone(1000, 44100, channels=2), tone(1000, 22050)]
    audio, timings = stitch(SEGMENTS, clips, PAUSES)
    assert (audio.sample_rate, audio.sample_width, audio.channels) == (SAMPLE_RATE, 2, 1)
    for t in timings:
        assert abs((t.end_ms - t.start_ms) - 1000) <= 1


def test_to_target_keeps_matching_clip_untouched() -> None:
    clip = tone(200, SAMPLE_RATE)
    assert to_target(clip) is clip.pcm


def test_sentence_marks_become_sentence_timings() -> None:
    clip = Clip.join([tone(400, SAMPLE_RATE), tone(600, SAMPLE_RATE)])
    assert clip.marks == (0.0, 400.0)
    _, timings = stitch([seg("headline", 0)], [clip], PAUSES)
    assert timings[0].sentences == [(100, 500), (500, 1100)]


def test_join_refuses_mixed_formats() -> None:
    import pytest

    with pytest.raises(ValueError):
        Clip.join([tone(100, 16000), tone(100, 22050)])
