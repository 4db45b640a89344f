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
    assert cfg.lexicon["Kyiv"] == "Keyiv"


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


def test_roles_table_overrides_the_engine_voices_with_any_engine(tmp_path: Path) -> None:
    path = tmp_path / "roles.toml"
    path.write_text('[voices.piper]\nquote = "joe:pitch=-3"\n[roles]\nquote = "kokoro/bm_george"\nhost = "kokoro/af_heart"\n',
                    encoding="utf-8")
    cfg = config.load(str(path))
    assert cfg.roles() == {"narrator": "joe", "quote": "kokoro/bm_george", "host": "kokoro/af_heart"}
    assert cfg.voices["piper"]["quote"] == "joe:pitch=-3"  # [voices.<engine>] still read, then overridden


def test_voice_flag_names_any_engine_and_wins_over_roles() -> None:
    cfg = config.Config(cast={"quote": "kokoro/bm_george"}).with_overrides(None, ["quote=kokoro/bf_emma:pace=0.9"], None)
    assert cfg.roles()["quote"] == "kokoro/bf_emma:pace=0.9"
    assert cfg.roles()["narrator"] == "joe"


def test_kokoro_role_defaults() -> None:
    cfg = config.Config().with_overrides("kokoro", [], None)
    assert cfg.roles() == {"narrator": "am_michael", "quote": "bf_emma", "host": "af_heart"}


def test_engine_table_for_another_engine_carries_the_speed() -> None:
    cfg = config.from_dict({"speed": 1.3, "engines": {"piper": {"noise_scale": 0.5}}})
    assert cfg.engine_table("piper") == {"noise_scale": 0.5, "speed": 1.3}
    assert cfg.engine_table("kokoro") == {"speed": 1.3}


@pytest.mark.parametrize("text", ["[roles]\nquote = 3", "[voices.piper]\nquote = 1.5", "roles = 'x'"])
def test_voices_in_narrate_toml_must_be_strings(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        config.load(str(path))
