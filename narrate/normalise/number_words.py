"""How a written number is said: the helpers every number rule shares.

"1,500", "007", "2005" and "05" each have their own way of being read aloud;
the rules in `measures`, `dates_and_times` and `figures` call these so that
they all read a number the same way.
"""

from __future__ import annotations

from num2words import num2words

_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

# A number as written: "1,500", "1.5", "50". Thousands commas only in groups of three.
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number not glued to the digits, letters or decimal point before it.
_START = r"(?<![\w.,])"


def _digits(digits: str) -> str:
    return " ".join(_DIGIT_WORDS[int(d)] for d in digits)


def _cardinal(digits: str) -> str:
    """Words for a whole number written with or without thousands commas."""
    digits = digits.replace(",", "")
    if len(digits) > 1 and digits.startswith("0"):
        return _digits(digits)  # "007", a code rather than a quantity
    if len(digits) > 15:
        return _digits(digits)  # an identifier, not an amount anyone says
    # num2words writes "one thousand, five hundred": a comma makes engines pause.
    return num2words(int(digits)).replace(",", "")


def _number(text: str) -> str:
    """Words for "1,500", "1.5", "-3", "0.25" or ".5" (point five)."""
    sign = ""
    if text[:1] in "-−":
        sign, text = "minus ", text[1:]
    whole, _, frac = text.partition(".")
    words = _cardinal(whole) if whole else ""
    if frac:
        words += " point " + _digits(frac)
    return sign + words.strip()


def _year(digits: str) -> str:
    """Words for a year: 1999 -> nineteen ninety-nine, 2005 -> two thousand and five."""
    return num2words(int(digits), to="year").replace(",", "")


def _two_digits(digits: str) -> str:
    """The short end of "2019-20" or a minute count: "05" -> "oh five"."""
    if len(digits) == 2 and digits.startswith("0"):
        return "oh " + _DIGIT_WORDS[int(digits[1])]
    return _cardinal(digits)


def _is_one(text: str) -> bool:
    return text.replace(",", "") in ("1", "-1")


def _pluralise(words: str) -> str:
    """Last word made plural: "nineteen seventy" -> "nineteen seventies"."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith("x"):
        return words + "es"
    return words + "s"

