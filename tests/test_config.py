from __future__ import annotations

from pathlib import Path

import pytest

from narrate import config
from narrate.errors import ConfigError
from tests.conftest import ROOT


def test_defaults_without_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cfg = config.load(None)
    assert cfg.path is None and cfg.engine == "piper"
    assert cfg.roles() == {"narrator": "joe", "quote": "joe:pitch=-2,pace=0.95"}


def test_repository_narrate_toml_parses_and_matches_defaults() -> None:
    cfg = config.load(str(ROOT / "narrate.toml"))
    defaults = config.Config()
    assert cfg.voices == defaults.voices
    assert cfg.pauses == defaults.pauses and cfg.tags == defaults.tags
    assert cfg.lexicon["Kyiv"] == "Keev"


def test_current_directory_file_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "narrate.toml").write_text('[tags]\nartist = "Daily"\n[voices.piper]\nquote = "joe"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cfg = config.load(None)
    assert cfg.tags.artist == "Daily"
    assert cfg.roles() == {"narrator": "joe", "quote": "joe"}


def test_overrides() -> None:
    cfg = config.Config().with_overrides("gtts", ["quote=en-au", "headline=en-ie"], 1.2)
    assert cfg.engine == "gtts" and cfg.speed == 1.2
    assert cfg.roles() == {"narrator": "en-us", "quote": "en-au", "headline": "en-ie"}
    assert cfg.engine_table() == {"speed": 1.2}


@pytest.mark.parametrize(
    "text, complaint",
    [
        ("engin = 'piper'", "unknown field"),
        ("[pauses]\nparagrap = 3", "unknown field"),
        ("[pauses]\nparagraph = 'long'", "should be a int"),
        ("speed = 9", "out of range"),
        ("engine = ", "not valid TOML"),
    ],
)
def test_bad_config_says_what_is_wrong(tmp_path: Path, text: str, complaint: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=complaint):
        config.load(str(path))


def test_missing_explicit_config() -> None:
    with pytest.raises(ConfigError, match="not found"):
        config.load("/nonexistent/narrate.toml")


@pytest.mark.parametrize("item", ["quote", "=joe", "quote="])
def test_bad_voice_override(item: str) -> None:
    with pytest.raises(ConfigError, match="ROLE=VOICE"):
        config.Config().with_overrides(None, [item], None)
