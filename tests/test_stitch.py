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


def sine(ms: int, rate: int, freq: float, amplitude: float) -> Clip:
    import numpy as np

    t = np.arange(rate * ms // 1000) / rate
    return Clip((amplitude * 32767 * np.sin(2 * np.pi * freq * t)).astype(np.int16).tobytes(), rate)


def bursts(ms: int, rate: int, amplitude: float) -> Clip:
    """Speech-like peaks: 300 Hz with short loud bursts every 200 ms, peaks far over its loudness."""
    import numpy as np

    t = np.arange(rate * ms // 1000) / rate
    envelope = 0.15 + 0.85 * ((t % 0.2) < 0.01)
    return Clip((amplitude * 32767 * envelope * np.sin(2 * np.pi * 300 * t)).astype(np.int16).tobytes(), rate)


def role_levels(audio: Clip, timings: list, segments: list[Segment]) -> dict[str, float]:  # type: ignore[type-arg]
    import numpy as np

    from narrate.loudness import integrated_loudness

    x = np.frombuffer(audio.pcm, dtype=np.int16).astype(np.float32) / 32768
    rate = audio.sample_rate
    levels = {}
    for role in {s.voice for s in segments}:
        spans = [x[t.start_ms * rate // 1000 : t.end_ms * rate // 1000] for s, t in zip(segments, timings) if s.voice == role]
        levels[role] = integrated_loudness(np.concatenate(spans), rate)
    return levels


def test_resampling_is_band_limited() -> None:
    """A tone above the target's Nyquist frequency is removed, not folded back (audioop.ratecv aliased it)."""
    import numpy as np

    from narrate.stitch import convert

    high, low = convert([sine(500, 24000, 11500, 0.5), sine(500, 24000, 1000, 0.5)], 22050)
    assert abs(len(low) // 2 - 22050 // 2) <= 1
    alias = np.frombuffer(high, dtype=np.int16).astype(np.float64)
    kept = np.frombuffer(low, dtype=np.int16).astype(np.float64)
    assert np.sqrt(np.mean(alias[2000:-2000] ** 2)) < 0.01 * np.sqrt(np.mean(kept[2000:-2000] ** 2))
    spectrum = np.abs(np.fft.rfft(kept[1000:-1000] * np.hanning(len(kept) - 2000)))
    peak = np.argmax(spectrum) * 22050 / (len(kept) - 2000)
    assert abs(peak - 1000) < 5


def test_voices_of_different_loudness_are_levelled_to_the_narrator() -> None:
    """Issue 10: a quotation is neither louder nor softer than the narration around it."""
    segments = [seg("headline", 0), seg("body", 1), seg("quote", 1, "quote"), seg("body", 2)]
    clips = [sine(1500, 22050, 220, 0.4), sine(2000, 22050, 220, 0.4), sine(2000, 24000, 330, 0.05), sine(1500, 22050, 220, 0.4)]
    audio, timings = stitch(segments, clips, PAUSES)
    levels = role_levels(audio, timings, segments)
    assert abs(levels["narrator"] - levels["quote"]) < 0.2, levels


def test_voices_stay_level_after_the_final_levelling_when_one_is_peakier() -> None:
    """Peak limiting takes more from the peakier voice; stitch makes up for it before export."""
    import numpy as np

    from narrate.loudness import level_in_memory

    segments = [seg("body", 1), seg("quote", 1, "quote"), seg("body", 2), seg("quote", 2, "quote")]
    clips = [bursts(3000, 22050, 0.9), sine(3000, 24000, 330, 0.1), bursts(3000, 22050, 0.9), sine(3000, 24000, 330, 0.1)]
    audio, timings = stitch(segments, clips, PAUSES)
    final = Clip(level_in_memory(audio.pcm, audio.sample_rate), audio.sample_rate)
    levels = role_levels(final, timings, segments)
    assert all(np.isfinite(v) for v in levels.values())
    assert abs(levels["narrator"] - levels["quote"]) <= 1.0, levels


def test_output_rate_is_the_one_asked_for() -> None:
    segments = [seg("headline", 0), seg("body", 1)]
    audio, timings = stitch(segments, [tone(1000, 22050), tone(1000, 24000)], PAUSES, rate=24000)
    assert audio.sample_rate == 24000
    assert [t.end_ms - t.start_ms for t in timings] == [1000, 1000]
