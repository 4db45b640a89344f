"""Dates: datelines, and the publication date read from one.

A dateline is a line of nothing but a date and its company ("Updated Tue 5 Mar
2024, 10.30am GMT"); the date in it is read as ISO 8601, day first unless a US
time zone says otherwise, and never guessed when the year is missing.
"""

from __future__ import annotations

import re
from itertools import islice

from narrate.text import MONTH_WORDS, WEEKDAY_ABBREVIATIONS, WEEKDAYS

_MONTHS = sorted(MONTH_WORDS)
DATE_WORDS = frozenset(
    [*_MONTHS, *WEEKDAYS, *WEEKDAY_ABBREVIATIONS]
    + "updated update published posted last first modified created date dated on at am pm a.m. "
    "p.m. gmt bst utc cet cest est edt pst pdt et pt ist jst kst hkt aest aedt the of "
    "today yesterday ago hours hour hrs hr minutes minute mins min days day weeks week months month years year "
    "yrs yr".split()
)
DATE_PREFIX = re.compile(
    r"^\s*(?:(?:last |first )?(?:updated|published|posted|modified)(?: on| at)?|date)\s*:?\s*",
    re.IGNORECASE,
)
HAS_DATE = re.compile(
    r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:"
    + "|".join(_MONTHS)
    + r")\b\.?|\b(?:today|yesterday|ago)\b",
    re.IGNORECASE,
)


# An update's time alone, the day being the page's: "Updated at 14.18 GMT", "Updated 10:02 a.m. ET".
_UPDATED_AT = re.compile(
    r"^\s*(?:last )?updated(?: at)?\s*:?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\s*$",
    re.IGNORECASE,
)


_DATE_LINE_WORD = re.compile(r"\d+(?:st|nd|rd|th)\b|[A-Za-z.]+|\d+")  # "5th March 2025": the day is one word
_DATE_LINE_WORDS = 20  # at most, in a dateline
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(r"[\d:.,/-]+|\d+(?:st|nd|rd|th)")  # a date's or a time's figures: "5", "10:00", "5th"
_READ_TIME_AFTER = re.compile(r"\s*[·|•–—-]\s*\d+\s*min(?:ute)?s?(?: read)?\s*$", re.IGNORECASE)


def is_date_line(text: str) -> bool:
    """A dateline: "Updated 5 November 2023, 10:00am", "Sun 5 Nov 2023 12.00 GMT", "Updated at 14.18 GMT".

    Almost every word must be a date word or number, so a sentence that
    contains a date is not a dateline.
    """
    if _UPDATED_AT.match(text):
        return True
    text = _READ_TIME_AFTER.sub("", text)  # "Thursday, 20 March 2025 · 7 min read"
    # words read only as far as a dateline's length: a paragraph is passed at its 21st word
    words = [w.group() for w in islice(_DATE_LINE_WORD.finditer(text), _DATE_LINE_WORDS + 1)]
    if not words or len(words) > _DATE_LINE_WORDS:
        return False
    if not _DIGIT.search(text) and not DATE_PREFIX.match(text):
        return False
    dated = sum(1 for w in words if _NUMBER_WORD.fullmatch(w) or w.lower().strip(".") in DATE_WORDS
                or w.lower() in DATE_WORDS)
    return dated / len(words) >= 0.8 and bool(HAS_DATE.search(text))  # the slowest test last


_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY_RE = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_DAY_RE = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME_RE = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s+[A-Z]{2,4}\b)?"
# One date in a line, with what usually rides along: a "Published:" prefix, a
# weekday, a time and a time zone ("Updated Tue 5 Mar 2024, 10.30am GMT").
DATE_IN_LINE = re.compile(
    r"(?:(?:last\s+|first\s+)?(?:updated|published|posted|modified)(?:\s+on|\s+at)?\s*:?\s*)?"
    r"(?:" + _TIME_RE + r"[,\s]+(?:on\s+)?)?"
    r"(?:" + WEEKDAY_RE + r"\s+)?"
    r"(?P<date>" + _DAY_RE + r"\s+" + _MONTH_RE + r",?\s+\d{4}"
    r"|" + _MONTH_RE + r"\s+" + _DAY_RE + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}[/.]\d{1,2}[/.]\d{1,2}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b)"
    r"(?P<time>(?:[,\s]+(?:at\s+)?" + _TIME_RE + r")?)",
    re.IGNORECASE,
)
_US_ZONE = re.compile(r"\b(?:E[SD]T|C[SD]T|M[SD]T|P[SD]T|ET|PT)\b")


def _numeric_date(text: str, day_first: bool) -> str | None:
    """5/3/2024 as ISO: day first (British), unless a part cannot be a month or a US zone says otherwise."""
    from datetime import date

    a, b, y = (int(x) for x in re.split(r"[/.]", text))
    year = y + 2000 if y < 100 else y
    day, month = (a, b) if day_first else (b, a)
    if month > 12:
        day, month = month, day
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def published_of(text: str) -> str | None:
    """The ISO 8601 date (YYYY-MM-DD) in a dateline, when it can be parsed.

    The date is looked for inside the line, so a byline or a time around it
    does not stop it being read. An all-number date is read day first, as in
    British and most other news, unless a US time zone is named.
    """
    from datetime import datetime

    stripped = DATE_PREFIX.sub("", text)
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", stripped)
    if iso:
        return iso.group(0)
    year_first = re.search(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b", stripped)  # "2024/03/05"
    if year_first:
        from datetime import date

        try:
            return date(*map(int, year_first.groups())).isoformat()
        except ValueError:
            return None
    if re.search(r"\b(?:today|yesterday|ago)\b", stripped, re.IGNORECASE):
        return None  # relative to a moment we do not know
    found = DATE_IN_LINE.search(stripped)
    if found and re.fullmatch(r"[\d/.]+", found.group("date")):
        return _numeric_date(found.group("date"), day_first=not _US_ZONE.search(text))
    if found:
        stripped = found.group("date")
    elif not re.search(r"\b\d{4}\b", stripped):
        return None  # "November 20": no year, and a guessed one is worse than none
    import dateparser  # slow to import: only when a dateline is found

    cleaned = re.sub(r"[•|·]", " ", stripped)
    cleaned = re.sub(r"\b(\d{1,2})\.(\d{2})\b", r"\1:\2", cleaned)  # 12.00 GMT
    parsed: datetime | None = dateparser.parse(
        cleaned, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                             "REQUIRE_PARTS": ["year"]}
    )
    return parsed.date().isoformat() if parsed else None
