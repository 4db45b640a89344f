"""Numbers that are dates and times: decades, dates, clock times and years."""

# Word lists stay as one readable string each, split once at import.
# ruff: noqa: SIM905

from __future__ import annotations

import re

from num2words import num2words

from narrate.normalise.number_words import _cardinal, _pluralise, _two_digits, _year
from narrate.text import MONTH_PATTERN, MONTH_WORDS

_DECADE = re.compile(r"(?<![\w.,])((?:1[1-9]|20)\d0)['’]?s\b")
_SHORT_DECADE = re.compile(r"(?<![\w.,])'?([0-9])0s\b")
_SHORT_DECADE_WORDS = (
    "noughties", "tens", "twenties", "thirties", "forties",
    "fifties", "sixties", "seventies", "eighties", "nineties",
)  # fmt: skip
_HUNDREDS = re.compile(r"(?<![\w.,])(100|1000)s\b")
_SHORT_YEAR = re.compile(r"(?<![\w.,])'(\d\d)\b(?!s)")


def decades(text: str) -> str:
    """ "1970s" -> nineteen seventies, "’80s" -> eighties, "2000s" -> two thousands, "'99" -> ninety-nine."""
    text = _DECADE.sub(lambda m: _pluralise(_year(m.group(1))), text)
    text = _SHORT_DECADE.sub(lambda m: _SHORT_DECADE_WORDS[int(m.group(1))], text)
    text = _HUNDREDS.sub(lambda m: "hundreds" if m.group(1) == "100" else "thousands", text)
    return _SHORT_YEAR.sub(lambda m: _two_digits(m.group(1)), text)


_MONTHS = MONTH_PATTERN
_DAY_MONTH = re.compile(rf"(?<![\w.,])([1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+({_MONTHS})\b")
# "May" is left out: "May 10 people come?" is a verb more often than a date.
_MONTH_DAY = re.compile(rf"\b({_MONTHS.replace('|May', '')})\s+([1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b(?![.,:]?\d)")


_MONTH_NAMES = _MONTHS.split("|")[:12]
_NUMERIC_DATE = re.compile(r"(?<![\w./-])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/]|[.,]\d)")
_ISO_DATE = re.compile(r"(?<![\w./-])(\d{4})-(\d{2})-(\d{2})(?![\w-]|[.,]\d)")


def _day_month_year(day: int, month: int, year: str) -> str | None:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    year_words = _year(year) if len(year) == 4 else _two_digits(year)
    return f"the {num2words(day, to='ordinal')} of {_MONTH_NAMES[month - 1]} {year_words}"


def dates(text: str) -> str:
    """A date is said with an ordinal day: "5 September" -> the fifth of September, "2023-10-05" likewise."""

    def numeric(match: re.Match[str]) -> str:
        first, second, year = int(match.group(1)), int(match.group(2)), match.group(3)
        if second > 12:  # only an American month/day/year can have a day second
            first, second = second, first
        return _day_month_year(first, second, year) or match.group(0)

    def iso(match: re.Match[str]) -> str:
        year, month, day = match.groups()
        return _day_month_year(int(day), int(month), year) or match.group(0)

    text = _ISO_DATE.sub(iso, text)
    text = _NUMERIC_DATE.sub(numeric, text)
    text = _DAY_MONTH.sub(lambda m: f"the {num2words(int(m.group(1)), to='ordinal')} of {m.group(2)}", text)
    return _MONTH_DAY.sub(lambda m: f"{m.group(1)} {num2words(int(m.group(2)), to='ordinal')}", text)


_CLOCK_12 = re.compile(r"(?<![\w.:])(\d{1,2})(?:[.:]([0-5]\d))?\s?([AaPp])\.?[Mm]\b(\.)?")
_CLOCK_24 = re.compile(r"(?<![\w.:])([01]?\d|2[0-3]):([0-5]\d)(?![\w:])")


def times(text: str) -> str:
    """ "10.30am" -> ten thirty a m, "10am" -> ten a m, "22:00" -> twenty-two hundred."""

    def twelve(match: re.Match[str]) -> str:
        hour, minutes, half, dot = match.groups()
        if not 1 <= int(hour) <= 12:
            return match.group(0)
        words = _cardinal(hour.lstrip("0") or "0")
        if minutes and minutes != "00":
            words += " " + _two_digits(minutes)
        words += " a m" if half in "Aa" else " p m"
        rest = match.string[match.end():]
        # "a.m." may also end the sentence: keep its full stop then.
        if dot and re.match(r"\s+[A-Z]|\s*$", rest):
            words += "."
        return words

    def twenty_four(match: re.Match[str]) -> str:
        hour, minutes = match.groups()
        words = _two_digits(hour) if len(hour) == 2 else _cardinal(hour)
        return f"{words} {'hundred' if minutes == '00' else _two_digits(minutes)}"

    text = _CLOCK_12.sub(twelve, text)
    return _CLOCK_24.sub(twenty_four, text)


# Words before a number that mark it as a year, and any month ("in 1999", "May 1999").
_YEAR_CUES = frozenset(
    "in since from until till to by before after during of year years circa c early mid late "
    "spring summer autumn fall winter between and the this that its his her their our last next".split()
) | MONTH_WORDS
# Determiners only mark a year in the range where years are usual: "the 2024 election".
_DETERMINER_CUES = frozenset("the this that its his her their our last next and".split())
_YEAR = re.compile(r"(?<![\w.,:])(1[1-9]\d\d|20\d\d)(?![\w%]|[.,:]\d)")
_US_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s+(?:[a-z-]+|\d{{1,2}}),\s*$")


def years(text: str) -> str:
    """A bare year 1100-2099 after "in", "since", a month and so on is said as a year: 1999 -> nineteen ninety-nine."""

    def say(match: re.Match[str]) -> str:
        digits = match.group(1)
        before = match.string[: match.start()]
        after = match.string[match.end():]
        words_before = re.findall(r"[A-Za-z]+", before[-20:])
        cue = words_before[-1].lower() if words_before and re.search(r"[A-Za-z]+[\s-]+$", before) else ""
        if cue in _DETERMINER_CUES and not 1900 <= int(digits) <= 2099:
            cue = ""
        if cue in _YEAR_CUES or _US_DATE_BEFORE.search(before) or re.match(r"(?:['’]s\b|\s*(?:[.,;:!?)]|$))", after):
            return _year(digits)
        return digits

    return _YEAR.sub(say, text)
