"""The pronunciation lexicon: the user's own words, said their way.

Built from the `[lexicon]` table of narrate.toml. Every entry is a whole word
(or phrase), matched case-sensitively and replaced before the built-in
normalisation rules run, so the user's entry always wins:

    [lexicon]
    Kyiv = "Keyiv"                         # a per-word replacement
    say-as-letters = ["GIF", "Nato"]       # spelled out: "G I F", "N A T O"
    import = "newsroom.pls"                # W3C PLS files, relative to narrate.toml

`import` takes one path or a list. From a PLS file (Pronunciation Lexicon
Specification 1.0) each `<lexeme>`'s `<grapheme>`s are read as its `<alias>`.
An `<alias>` is text any engine can say; `<phoneme>` transcriptions are not
used, because narrate hands engines words, not phonemes, so a lexeme with no
alias is skipped. Entries in narrate.toml win over imported ones.

The result is a plain mapping of word to words, which `normalise.speak` takes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from narrate.errors import ConfigError

PLS_NAMESPACE = "http://www.w3.org/2005/01/pronunciation-lexicon"
IMPORT_KEY = "import"
LETTERS_KEY = "say-as-letters"


def say_as_letters(word: str) -> str:
    """The letters of a word, spaced so every engine reads them one by one: "GIF" -> "G I F"."""
    return " ".join(ch.upper() if ch.isalpha() else ch for ch in word if not ch.isspace())


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def load_pls(path: Path) -> dict[str, str]:
    """Grapheme -> alias from a W3C PLS file; lexemes with phonemes only are skipped."""
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError as err:
        raise ConfigError(f"lexicon file {path} not found", "Check the [lexicon] import path; it is relative to narrate.toml") from err
    except (ET.ParseError, OSError) as err:
        raise ConfigError(f"lexicon file {path} is not readable XML ({err})", "Fix the file, or remove it from [lexicon] import") from err
    if _local(root.tag) != "lexicon":
        raise ConfigError(
            f"{path} is not a PLS lexicon (its root element is <{_local(root.tag)}>)",
            f"A PLS file has a <lexicon xmlns=\"{PLS_NAMESPACE}\"> root",
        )
    entries: dict[str, str] = {}
    for lexeme in root:
        if _local(lexeme.tag) != "lexeme":
            continue
        graphemes = [" ".join((g.text or "").split()) for g in lexeme if _local(g.tag) == "grapheme"]
        aliases = [" ".join((a.text or "").split()) for a in lexeme if _local(a.tag) == "alias"]
        aliases = [a for a in aliases if a]
        if not aliases:
            continue
        for grapheme in graphemes:
            if grapheme:
                entries.setdefault(grapheme, aliases[0])  # the first entry for a word wins, as in PLS
    return entries


def _paths(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise ConfigError(f"[lexicon] {IMPORT_KEY} = {value!r} should be a path or a list of paths", 'Write e.g. import = "words.pls"')
    return items


def build(table: Mapping[str, Any], base: Path) -> dict[str, str]:
    """The lexicon a `[lexicon]` table describes: imports first, then letters, then the table's own words."""
    lexicon: dict[str, str] = {}
    for name in _paths(table.get(IMPORT_KEY, [])):
        path = Path(name).expanduser()
        lexicon.update(load_pls(path if path.is_absolute() else base / path))
    letters = table.get(LETTERS_KEY, [])
    if not isinstance(letters, list) or not all(isinstance(w, str) and w.strip() for w in letters):
        raise ConfigError(f"[lexicon] {LETTERS_KEY} = {letters!r} should be a list of words", 'Write e.g. say-as-letters = ["GIF"]')
    lexicon.update({word.strip(): say_as_letters(word) for word in letters})
    for word, said in table.items():
        if word in (IMPORT_KEY, LETTERS_KEY):
            continue
        if not isinstance(said, str):
            raise ConfigError(f"[lexicon] {word} = {said!r} should be a string", f'Write e.g. {word} = "how it sounds"')
        lexicon[str(word)] = said
    return lexicon
