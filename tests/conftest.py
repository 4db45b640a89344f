"""Shared fixtures. Tests use real parts: the real Piper voice, the real encoder."""

from __future__ import annotations

import math
import os
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from narrate import engines
from narrate.article import Clip
from narrate.engines import Engine, Voice

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "articles" / "north-korea-dud-shells.txt"


# `python -c RUN_WITH_TONE ARGS...` runs the narrate CLI in a child process with the tone engine registered.
RUN_WITH_TONE = """
import sys
from narrate import engines
from narrate.cli import main
from tests.conftest import ToneEngine
engines.available_engines()
engines.register(ToneEngine)
sys.exit(main(sys.argv[1:]))
"""


class ToneEngine(Engine):
    """A deterministic engine for CLI tests: 60 ms of 440 Hz tone per character, at 16 kHz.

    It is registered through the real registry, so the CLI cannot tell it from Piper.
    """

    id = "tone"
    description = "test tone"
    voice_params = frozenset({"pitch"})

    def voices(self) -> dict[str, str]:
        return {"beep": "en-US"}

    def synthesise(self, text: str, voice: Voice) -> Clip:
        rate = 16000
        freq = 440 * 2 ** (voice.params.get("pitch", 0) / 12)
        frames = rate * 60 * len(text) // 1000
        pcm = struct.pack(f"<{frames}h", *(int(8000 * math.sin(2 * math.pi * freq * i / rate)) for i in range(frames)))
        return Clip(pcm, rate)


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests never touch the user's cache folder."""
    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("NARRATE_CACHE_DIR")
    os.environ["NARRATE_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        del os.environ["NARRATE_CACHE_DIR"]
    else:
        os.environ["NARRATE_CACHE_DIR"] = old


@pytest.fixture
def tone_engine() -> Iterator[type[ToneEngine]]:
    engines.available_engines()  # load entry points first, so ours is added to the full set
    engines.register(ToneEngine)
    yield ToneEngine
    engines.unregister(ToneEngine.id)


@pytest.fixture
def tone_config(tmp_path: Path, tone_engine: type[ToneEngine]) -> Path:
    """A narrate.toml that selects the tone engine."""
    path = tmp_path / "tone.toml"
    path.write_text('engine = "tone"\n[voices.tone]\nnarrator = "beep"\nquote = "beep:pitch=5"\n', encoding="utf-8")
    return path


@pytest.fixture
def warnings_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """narrate's warnings, wherever the CLI has pointed its logger (it stops propagation)."""
    import logging

    logger = logging.getLogger("narrate")
    logger.addHandler(caplog.handler)
    yield caplog
    logger.removeHandler(caplog.handler)


@pytest.fixture(scope="session")
def piper_engine():  # type: ignore[no-untyped-def]
    """One real Piper voice for the whole session: loading it takes half a second."""
    from narrate.engines import get_engine

    return get_engine("piper")
