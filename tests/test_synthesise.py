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
    assert voices == {"narrator": Voice("beep"), "quote": Voice("beep")}
    with pytest.raises(ConfigError, match="no narrator"):
        voices_for(ToneEngine(), {"quote": "beep"}, [segment("a")])
