"""lexicon: per-word replacements, say-as-letters and W3C PLS import, through the real config loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate import config
from narrate.errors import ConfigError
from narrate.lexicon import build, load_pls, say_as_letters
from narrate.normalise import speak

PLS = """<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="ipa" xml:lang="en-GB">
  <lexeme>
    <grapheme>Kyiv</grapheme>
    <grapheme>Kiev</grapheme>
    <alias>Keev</alias>
  </lexeme>
  <lexeme>
    <grapheme>Zelensky</grapheme>
    <phoneme>zɛˈlɛnski</phoneme>
  </lexeme>
  <lexeme>
    <grapheme>Sinn Féin</grapheme>
    <alias>shin fane</alias>
  </lexeme>
  <lexeme>
    <grapheme>Kyiv</grapheme>
    <alias>Kee-iv</alias>
  </lexeme>
</lexicon>
"""


@pytest.fixture()
def pls_file(tmp_path: Path) -> Path:
    path = tmp_path / "words.pls"
    path.write_text(PLS, encoding="utf-8")
    return path


def test_pls_aliases_are_read_and_phoneme_only_lexemes_skipped(pls_file: Path) -> None:
    assert load_pls(pls_file) == {"Kyiv": "Keev", "Kiev": "Keev", "Sinn Féin": "shin fane"}


@pytest.mark.parametrize(
    ("word", "letters"),
    [("GIF", "G I F"), ("Nato", "N A T O"), ("mp3", "M P 3"), ("A.I.", "A . I .")],
)
def test_say_as_letters(word: str, letters: str) -> None:
    assert say_as_letters(word) == letters


def test_table_words_win_over_letters_and_imports(pls_file: Path) -> None:
    lexicon = build(
        {"import": "words.pls", "say-as-letters": ["Kiev", "GIF"], "Kiev": "Kyiv", "Nasa": "Nassa"},
        pls_file.parent,
    )
    assert lexicon == {"Kyiv": "Keev", "Kiev": "Kyiv", "Sinn Féin": "shin fane", "GIF": "G I F", "Nasa": "Nassa"}


def test_config_imports_pls_relative_to_its_own_folder(tmp_path: Path, pls_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml = tmp_path / "narrate.toml"
    toml.write_text('[lexicon]\nimport = ["words.pls"]\nsay-as-letters = ["GIF"]\nBoris = "Borris"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path.parent)  # not the config's folder: the path must still resolve
    cfg = config.load(str(toml))
    assert cfg.lexicon == {"Kyiv": "Keev", "Kiev": "Keev", "Sinn Féin": "shin fane", "GIF": "G I F", "Boris": "Borris"}
    assert speak("Boris went to Kiev with Sinn Féin and a GIF.", cfg.lexicon) == (
        "Borris went to Keev with shin fane and a G I F."
    )


def test_say_as_letters_beats_the_built_in_word_rule() -> None:
    assert speak("NATO met.") == "NATO met."
    assert speak("NATO met.", build({"say-as-letters": ["NATO"]}, Path("."))) == "N A T O met."


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"import": "missing.pls"}, "not found"),
        ({"import": 3}, "should be a path"),
        ({"say-as-letters": "GIF"}, "should be a list"),
        ({"Kyiv": 1}, "should be a string"),
        ({"import": "bad.pls"}, "not readable XML"),
        ({"import": "html.pls"}, "not a PLS lexicon"),
    ],
)
def test_bad_lexicon_tables_are_refused_with_a_fix(tmp_path: Path, table: dict[str, object], message: str) -> None:
    (tmp_path / "bad.pls").write_text("<lexicon><lexeme>", encoding="utf-8")
    (tmp_path / "html.pls").write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        build(table, tmp_path)
