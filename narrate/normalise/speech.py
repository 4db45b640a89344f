"""The rules in order, and the glue that applies them to a sentence and to segments.

Why the rules run in this order is set out in the package docstring.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from narrate.article import Segment, Sentence
from narrate.normalise.addresses import web_addresses
from narrate.normalise.dates_and_times import dates, decades, times, years
from narrate.normalise.figures import fractions, numbers, ordinals, ranges, roman_numerals
from narrate.normalise.marks import ellipsis, markup, quotation_marks, slashes, square_brackets, symbols, unicode_spaces
from narrate.normalise.measures import money, percentages, units
from narrate.normalise.shorthand import abbreviations, number_sign, titles
from narrate.normalise.spelling import acronyms
from narrate.text import sentences

Rule = Callable[[str], str]

RULES: tuple[Rule, ...] = (
    unicode_spaces,
    quotation_marks,
    square_brackets,
    ellipsis,
    web_addresses,
    markup,
    abbreviations,
    titles,
    number_sign,
    symbols,
    money,
    percentages,
    units,
    decades,
    dates,
    ordinals,
    times,
    fractions,
    ranges,
    slashes,
    years,
    numbers,
    roman_numerals,
    acronyms,
)

# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    """Replace whole-word, case-sensitive lexicon entries, longer keys first, in one pass."""
    keys = sorted((k for k in lexicon if k), key=len, reverse=True)
    if not keys:
        return text
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
    return pattern.sub(lambda m: lexicon[m.group(0)], text)


_SPACE_RUNS = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCT = re.compile(r" +(?=[,.;:!?])")
_REPEATED_COMMAS = re.compile(r",(?:\s*,)+")
_COMMA_BEFORE_STOP = re.compile(r",\s*(?=[.;:!?])")
_LEADING_COMMA = re.compile(r"^[ ,]+", re.MULTILINE)
_COMMA_BEFORE_WORD = re.compile(r",(?=[^\W\d])")


def _tidy(text: str) -> str:
    text = _SPACE_RUNS.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    text = _REPEATED_COMMAS.sub(",", text)
    text = _COMMA_BEFORE_STOP.sub("", text)
    text = _LEADING_COMMA.sub("", text)
    text = _COMMA_BEFORE_WORD.sub(", ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def speak(text: str, lexicon: Mapping[str, str] | None = None) -> str:
    """The words an engine should say for `text`: lexicon first, so the user's entry wins over every rule."""
    if lexicon:
        text = apply_lexicon(text, lexicon)
    for rule in RULES:
        text = rule(text)
    return _tidy(text)


def normalise(segments: Sequence[Segment], lexicon: Mapping[str, str] | None = None) -> list[Segment]:
    """Fill in each segment's `speech`; its `text` stays as written for subtitles and the script."""
    out = []
    for seg in segments:
        parts = (Sentence(text, speak(text, lexicon)) for text in sentences(seg.text))
        out.append(seg.with_sentences(tuple(p for p in parts if p.speech)))
    return out
