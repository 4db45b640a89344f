"""Numbers said as numbers: ordinals, fractions, ranges, Roman numerals and the catch-all cardinal."""

# Word lists stay as one readable string each, split once at import.
# ruff: noqa: SIM905

from __future__ import annotations

import re

from num2words import num2words

from narrate.normalise.number_words import _NUM, _number, _pluralise, _two_digits, _year

_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b")


def ordinals(text: str) -> str:
    """ "1st" -> first, "23rd" -> twenty-third, "101st" -> one hundred and first."""
    return _ORDINAL.sub(lambda m: num2words(int(m.group(1).replace(",", "")), to="ordinal").replace(",", ""), text)


_VULGAR = {"½": "one half", "¼": "one quarter", "¾": "three quarters", "⅓": "one third", "⅔": "two thirds"}
_VULGAR_AFTER_NUMBER = re.compile(r"(?<=\d)\s?([½¼¾⅓⅔])")
_FRACTIONS = {
    "1/2": "one half", "1/4": "one quarter", "3/4": "three quarters", "1/3": "one third", "2/3": "two thirds",
}  # fmt: skip
_SLASH_NUMBER = re.compile(r"(?<![\w./])(\d+)/(\d+)(?![\w/]|[.,]\d)")


def fractions(text: str) -> str:
    """ "½" and "3/4" are said as fractions; "24/7" and "9/11" are said as their two numbers."""
    text = _VULGAR_AFTER_NUMBER.sub(lambda m: " and " + _VULGAR[m.group(1)].replace("one ", "a "), text)
    for sign, words in _VULGAR.items():
        text = text.replace(sign, words)

    def say(match: re.Match[str]) -> str:
        written = match.group(0)
        return _FRACTIONS.get(written, f"{match.group(1)} {match.group(2)}")

    return _SLASH_NUMBER.sub(say, text)


_RANGE = re.compile(rf"(?<![\w.,\-–])({_NUM})(?:-|\s?–\s?)({_NUM})(?![\w.,]?\d|[-–]\d|\w)")


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1100 <= int(digits) <= 2099


def ranges(text: str) -> str:
    """ "10-15" -> ten to fifteen; "2019-20" -> twenty nineteen to twenty (a season, not a subtraction)."""

    def say(match: re.Match[str]) -> str:
        first, second = match.groups()
        if _is_year(first) and len(second) == 2 and second.isdigit():
            return f"{_year(first)} to {_two_digits(second)}"
        if _is_year(first) and _is_year(second) and int(second) > int(first):
            return f"{_year(first)} to {_year(second)}"
        return f"{_number(first)} to {_number(second)}"

    return _RANGE.sub(say, text)


# The catch-all: whatever digits the rules before left, including ".5" and "1,2,3".
_CARDINAL = re.compile(rf"(?:(?<![\w.,])[-−])?(?:{_NUM}|\.\d+)(?P<plural>s\b)?")


def numbers(text: str) -> str:
    """Any number left is said as a cardinal: "1.5" -> one point five, "-3" -> minus three, "G7" -> G seven."""

    def say(match: re.Match[str]) -> str:
        string, start, end = match.string, match.start(), match.end()
        words = _number(match.group(0).removesuffix("s"))
        if match.group("plural"):  # "over-18s", "in their 20s"
            words = _pluralise(words)
        if start > 0 and string[start - 1].isalnum():
            words = " " + words
        if end < len(string) and string[end].isalnum():
            words += " "
        return words

    return _CARDINAL.sub(say, text)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_COUNTED = frozenset("War Part Chapter Act Volume Phase Type Class Category Stage Grade Tier".split())
_ROMAN = re.compile(r"(?<=[a-z]) (X{0,3}(?:IX|IV|V?I{0,3}))\b(?!-\w)")


def _roman_value(numeral: str) -> int:
    total = 0
    for letter, following in zip(numeral, numeral[1:] + " "):
        value = _ROMAN_VALUES[letter]
        total += -value if _ROMAN_VALUES.get(following, 0) > value else value
    return total


def roman_numerals(text: str) -> str:
    """After a name a Roman numeral is a number, not an acronym: "Elizabeth II" -> Elizabeth the second."""

    def say(match: re.Match[str]) -> str:
        numeral = match.group(1)
        if not numeral:
            return match.group(0)
        previous = match.string[: match.start()].split()[-1]
        if not previous[:1].isupper():
            return match.group(0)
        value = _roman_value(numeral)
        if previous in _COUNTED:  # "World War I", "Part X": a count, never the pronoun
            return " " + num2words(value)
        if numeral in ("I", "X"):  # the pronoun "I"; "Malcolm X"
            return match.group(0)
        return " the " + num2words(value, to="ordinal")

    return _ROMAN.sub(say, text)
