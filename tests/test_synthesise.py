from __future__ import annotations

import pytest

from narrate.article import Clip, Segment
from narrate.engines import Engine, Voice
from narrate.errors import ConfigError, EngineError
from narrate.synthesise import problem, synthesise, voices_for
from tests.conftest import ToneEngine


def segment(text: str, voice: str = "narrator") -> Segment:
    return Segment(kind="body", voice=voice, text=text, paragraph=2, speech=text)


class Flaky(Engine):
    """Returns silence on the calls listed in `bad`, a tone otherwise."""

    id = "flaky"
    description = "test"

    def __init__(self, bad: set[int]) -> None:
        super().__init__()
        self.bad, self.calls, self.tone = bad, 0, ToneEngine()

    def synthesise(self, text: str, voice: Voice) -> Clip:
        self.calls += 1
        clip = self.tone.synthesise(text, voice)
        return Clip(bytes(len(clip.pcm)), clip.sample_rate) if self.calls in self.bad else clip


def test_problem_detects_silence_and_truncation() -> None:
    good = ToneEngine().synthesise("hello there", Voice("beep"))
    assert problem(good, "hello there") is None
    assert problem(Clip(bytes(len(good.pcm)), 16000), "hello there") == "the audio is silent"
    assert "too short" in (problem(good, "hello there " * 10) or "")


def test_bad_clip_is_retried_once() -> None:
    engine = Flaky(bad={1})
    clips = synthesise([segment("hello")], engine, {"narrator": Voice("beep")})
    assert engine.calls == 2 and len(clips) == 1


def test_bad_clip_twice_fails_with_the_text() -> None:
    engine = Flaky(bad={1, 2})
    with pytest.raises(EngineError, match="'hello there'.*silent"):
        synthesise([segment("hello there")], engine, {"narrator": Voice("beep")})


def test_roles_without_a_voice_fall_back_to_narrator() -> None:
    voices = voices_for(ToneEngine(), {"narrator": "beep"}, [segment("a"), segment("b", "quote")])
    assert {role: str(speaker) for role, speaker in voices.items()} == {"narrator": "tone/beep", "quote": "tone/beep"}
    with pytest.raises(ConfigError, match="no narrator"):
        voices_for(ToneEngine(), {"quote": "beep"}, [segment("a")])


class Counting(ToneEngine):
    """The tone engine, second of its kind, recording what each call was given and how it was called."""

    id = "counting"
    max_chars = 40

    def __init__(self, options=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(options)
        self.texts: list[str] = []
        self.batches: list[int] = []

    def synthesise(self, text: str, voice: Voice) -> Clip:
        self.texts.append(text)
        return super().synthesise(text, voice)

    def synthesise_many(self, items):  # type: ignore[no-untyped-def]
        self.batches.append(len(items))
        yield from reversed(list(super().synthesise_many(items)))  # out of order, as side by side would be


@pytest.fixture
def counting(tone_engine: type[ToneEngine]):  # type: ignore[no-untyped-def]
    from narrate import engines

    engines.register(Counting)
    yield Counting
    engines.unregister(Counting.id)


def test_no_engine_call_gets_more_than_its_limit() -> None:
    """Issue 13 item 6: a sentence with no punctuation is cut between words before the engine sees it."""
    engine = Counting()
    text = "word " * 60 + "end"
    [clip] = synthesise([segment(text)], engine, {"narrator": Voice("beep")})
    assert max(map(len, engine.texts)) <= Counting.max_chars
    assert " ".join(engine.texts) == text
    assert engine.batches == [len(engine.texts)]  # one batch, in any order, joined back in order
    assert abs(clip.duration_ms - 60 * sum(map(len, engine.texts))) < 1


def test_each_role_reads_with_the_engine_its_voice_names(counting: type[Counting]) -> None:
    tone = ToneEngine()
    voices = voices_for(tone, {"narrator": "beep", "quote": "counting/beep:pitch=3"}, [segment("a"), segment("b", "quote")])
    assert {role: str(s) for role, s in voices.items()} == {"narrator": "tone/beep", "quote": "counting/beep:pitch=3"}
    quote_engine = voices["quote"].engine
    assert isinstance(quote_engine, Counting)
    synthesise([segment("narration"), segment("said she", "quote")], tone, voices)
    assert quote_engine.texts == ["said she"]


def test_other_engines_get_their_options_from_their_table(counting: type[Counting]) -> None:
    voices = voices_for(ToneEngine(), {"narrator": "beep", "quote": "counting/beep"}, [segment("b", "quote")],
                        tables=lambda engine_id: {"speed": 1.5} if engine_id == "counting" else {})
    assert voices["quote"].engine.options.speed == 1.5


@pytest.mark.parametrize(
    "spec, complaint",
    [("nosuch/beep", "unknown engine 'nosuch'"), ("tone/nosuch", "no voice 'nosuch'"), ("/beep", "empty engine")],
)
def test_unknown_engines_and_voices_are_config_errors(tone_engine: type[ToneEngine], spec: str, complaint: str) -> None:
    with pytest.raises(ConfigError, match=complaint) as caught:
        voices_for(ToneEngine(), {"narrator": "beep", "quote": spec}, [segment("b", "quote")])
    assert caught.value.exit_code == 2
