"""Word lists and sentence splitting shared by clean, split and normalise.

One copy of what several stages must agree on: which words are months and
weekdays (a dateline in clean, a date read aloud in normalise), which words
end with a full stop that does not end a sentence, and where a sentence
ends. A stage imports these; it never keeps its own list.
"""

from __future__ import annotations

import html
import re

MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)
# Every written form of a month, lower case.
MONTH_WORDS: frozenset[str] = frozenset(MONTHS + MONTH_ABBREVIATIONS)

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS: tuple[str, ...] = ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")

# Month names as a regex alternation in title case, full names first: "January|…|Jan|…".
MONTH_PATTERN = "|".join(m.title() for m in MONTHS + MONTH_ABBREVIATIONS)

# Words after which a full stop does not end a sentence ("Maj. Gen. Skibitsky", "Jan. 5").
ABBREVIATIONS: frozenset[str] = frozenset(
    "mr mrs ms dr prof rev gen maj lt col capt cpt sgt cpl adm brig gov sen rep st mt no nos vs etc inc ltd co corp"
    " jr sr approx fig dept est u.s u.k u.n e.g i.e a.m p.m".split()
) | frozenset(MONTH_ABBREVIATIONS)

# An e-mail address, its user and its domain as groups: the cleaner finds a site's tip line by it, the
# normaliser says it ("news at valley gazette dot com").
EMAIL = re.compile(r"(?<![\w.@])([\w.+-]+)@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})(?![\w@])")

# Marks that end a sentence, and the closing marks that may follow them.
SENTENCE_STOPS = ".!?…"
CLOSING_MARKS = "”\"’)]"
# How a line that finishes its thought ends: a stop, a colon or semicolon, or a closing mark.
LINE_ENDS: tuple[str, ...] = tuple(SENTENCE_STOPS + ":;" + CLOSING_MARKS)

_SENTENCE_END = re.compile(rf"[{SENTENCE_STOPS}]+[{re.escape(CLOSING_MARKS)}]*\s+")


def sentences(text: str) -> list[str]:
    """Split text into sentences, so transcripts can be timed sentence by sentence.

    A sentence ends at . ! ? or … (with any closing quotes or brackets) before
    a space and a capital, digit or opening quote, except after an
    abbreviation or an initial ("Maj. Gen.", "J. K. Rowling", "U.S.").
    """
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        nxt = text[match.end() : match.end() + 1]
        if not (nxt.isupper() or nxt.isdigit() or nxt in '“"‘(['):
            continue
        word = re.findall(r"[\w.]+$", text[start : match.start()])
        last = word[0].lower().rstrip(".") if word else ""
        if text[match.start()] == "." and (last in ABBREVIATIONS or len(last.replace(".", "")) <= 1):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    return [*out, tail] if tail else out


_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});")


def unescape_entities(text: str) -> str:
    """HTML entities written out, twice-escaped ones too: "&amp;lt;b&amp;gt;" -> "<b>".

    Clean judges a line by what it says, and normalise must never speak "amp; lt;"."""
    for _ in range(3):  # only text with a whole entity in it: "this&not that" stays as written
        if "&" not in text or not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return text
