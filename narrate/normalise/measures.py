"""Amounts with a sign or a unit: money, percentages and measures ("£1.5bn", "30%", "500kg")."""

# Word lists stay as one readable string each, split once at import.
# ruff: noqa: SIM905

from __future__ import annotations

import re

from narrate.normalise.number_words import _NUM, _START, _cardinal, _is_one, _number

# symbol -> (one, many, one minor unit, many minor units)
_CURRENCIES = {
    "£": ("pound", "pounds", "penny", "pence"),
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
}
_MAGNITUDES = {
    "k": "thousand",
    "thousand": "thousand",
    "m": "million",
    "mn": "million",
    "million": "million",
    "bn": "billion",
    "billion": "billion",
    "tn": "trillion",
    "trillion": "trillion",
}
_CURRENCY = r"US\$|A\$|C\$|HK\$|NZ\$|[£$€¥₹]"
_MONEY = re.compile(
    rf"(?<![\w$])(?P<cur>{_CURRENCY})\s?(?P<num>{_NUM})"
    rf"(?:\s?[-–]\s?(?:{_CURRENCY})?(?P<num2>{_NUM}))?"
    r"(?:\s?(?P<mag>bn|billion|tn|trillion|mn|m|million|k|thousand)\b)?"
)
_PENCE = re.compile(rf"{_START}(\d{{1,2}})p\b")  # 1p-99p; "1080p" is a screen, not a price


def _amount(cur: str, num: str) -> str:
    """ "£3.50" -> three pounds fifty; "$0.99" -> ninety-nine cents; "$1" -> one dollar."""
    one, many, minor_one, minor_many = _CURRENCIES[cur]
    whole, _, frac = num.partition(".")
    if len(frac) == 2 and minor_one:
        major = _cardinal(whole)
        minor = int(frac)
        if int(whole.replace(",", "")) == 0:
            return f"{_cardinal(frac.lstrip('0') or '0')} {minor_one if minor == 1 else minor_many}"
        unit = one if _is_one(whole) else many
        return f"{major} {unit}" + (f" {_cardinal(str(minor))}" if minor else "")
    return f"{_number(num)} {one if _is_one(num) else many}"


def money(text: str) -> str:
    """Currency is said after the amount: "£1.5bn" -> one point five billion pounds, "50p" -> fifty pence."""

    def say(match: re.Match[str]) -> str:
        cur, num, num2, mag = match.group("cur", "num", "num2", "mag")
        if mag:
            amount = _number(num) + (f" to {_number(num2)}" if num2 else "")
            return f"{amount} {_MAGNITUDES[mag]} {_CURRENCIES[cur][1]}"
        if num2:
            return f"{_number(num)} to {_number(num2)} {_CURRENCIES[cur][1]}"
        return _amount(cur, num)

    text = _MONEY.sub(say, text)
    return _PENCE.sub(lambda m: f"{_cardinal(m.group(1))} {'penny' if m.group(1) == '1' else 'pence'}", text)


_RANGE_OR_NUM = rf"[-−]?(?:{_NUM})(?:\s?[-–]\s?(?:{_NUM}))?"
_PERCENT = re.compile(rf"{_START}(?P<num>{_RANGE_OR_NUM})\s?%")


def _number_or_range(text: str) -> str:
    """Words for "10", "-2.5" or "10-15" (ten to fifteen)."""
    match = re.fullmatch(rf"([-−]?(?:{_NUM}))(?:\s?[-–]\s?({_NUM}))?", text)
    if match is None:
        return text
    words = _number(match.group(1))
    if match.group(2):
        words += " to " + _number(match.group(2))
    return words


def percentages(text: str) -> str:
    """ "30%" -> thirty percent; "30 per cent" keeps its words and gets its number from `numbers`."""
    return _PERCENT.sub(lambda m: f"{_number_or_range(m.group('num'))} percent", text)


# unit as written -> (one, many). Longer spellings first so "km/h" wins over "km".
_UNITS = {
    "km/h": ("kilometre per hour", "kilometres per hour"),
    "kph": ("kilometre per hour", "kilometres per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "GHz": ("gigahertz", "gigahertz"),
    "MHz": ("megahertz", "megahertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "km²": ("square kilometre", "square kilometres"),
    "m²": ("square metre", "square metres"),
    "km": ("kilometre", "kilometres"),
    "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"),
    "kg": ("kilogram", "kilograms"),
    "mg": ("milligram", "milligrams"),
    "ml": ("millilitre", "millilitres"),
    "lbs": ("pound", "pounds"),
    "lb": ("pound", "pounds"),
    "ft": ("foot", "feet"),
    "oz": ("ounce", "ounces"),
    "tbsp": ("tablespoon", "tablespoons"),
    "Tbsp": ("tablespoon", "tablespoons"),
    "tsp": ("teaspoon", "teaspoons"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "℃": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
    "tonnes": ("tonne", "tonnes"),
    "tonne": ("tonne", "tonnes"),
    "mins": ("minute", "minutes"),
    "min": ("minute", "minutes"),
    "hrs": ("hour", "hours"),
    "hr": ("hour", "hours"),
    "secs": ("second", "seconds"),
    "sec": ("second", "seconds"),
    "GB": ("gigabyte", "gigabytes"),
    "MB": ("megabyte", "megabytes"),
    "TB": ("terabyte", "terabytes"),
    "pc": ("percent", "percent"),  # "3.2pc", the Telegraph's style
    "bn": ("billion", "billion"),
    "tn": ("trillion", "trillion"),
    # One letter: only glued to the number ("100m", "500g", "50k"), never spaced, except grams ("225 g").
    "m": ("metre", "metres"),
    "g": ("gram", "grams"),
    "k": ("thousand", "thousand"),
    "C": ("degree Celsius", "degrees Celsius"),  # "40C", the newspaper style
}
_SPACED_UNITS = [u for u in _UNITS if len(u) > 1 or u == "g"]
_GLUED_ONLY = [u for u in _UNITS if len(u) == 1 and u != "g"]
_UNIT = re.compile(
    rf"{_START}(?P<num>{_RANGE_OR_NUM})"
    rf"(?:\s?(?P<unit>{'|'.join(map(re.escape, _SPACED_UNITS))})|(?P<glued>{'|'.join(_GLUED_ONLY)}))"
    r"(?![\w/²³])"
)


# Words that may follow a measure without being the thing it measures: "500kg of rice",
# "5km away", "10kg heavier". Any other lower-case word after it is a noun (or the
# adjective before one): "a 500kg bomb", "500kg ballistic missiles".
_NOT_MEASURED = frozenset(
    "of to and or but nor in on at from for by with per than as into onto over under up down off out away "
    "long wide high tall deep thick heavy heavier lighter longer shorter higher lower more less each apiece "
    "a an the is are was were be been being has have had will would can could may might must should do does "
    "did that which who this these those it its his her their our your my when where while if then so because "
    "after before since until ago later earlier above below across along around behind beyond north south "
    "east west yesterday today tonight tomorrow daily weekly last next every altogether overall total".split()
)
# Counts and shorthand, not measures: "50k people" stays "fifty thousand people"; nor is a spoonful
# ("2 tbsp sugar" is two tablespoons of it).
_NOT_ATTRIBUTIVE = frozenset({"k", "bn", "tn", "pc", "°", "°C", "℃", "°F", "C", "tbsp", "Tbsp", "tsp"})
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")
# A spoon's shorthand the measures left (after a fraction or a word: "½ tsp", "a tbsp"): one spoon's name.
_SPOON = re.compile(r"\b(tbsp|tsp)\b")
_SHORTHAND_DOT = re.compile(r"\b(tbsp|Tbsp|tsp|oz)\.(?=\s+[a-z])")


def units(text: str) -> str:
    """A unit is said in full ("500kg" five hundred kilograms); before a noun, singular and joined (five-hundred-kilogram missiles)."""

    def say(match: re.Match[str]) -> str:
        num, glued = match.group("num"), match.group("glued")
        if glued == "C" and re.search(r"\b[A-Z]\w*\s+$", match.string[: match.start()]):
            return match.group(0)  # "Type 2C" is a name; "hit 40C" is a temperature
        unit = match.group("unit") or glued
        if unit == "g" and match.string[match.end() : match.end() + 1] in ("-", "'", "’"):
            return match.group(0)  # "3 g-force", "5 g's": not grams
        one, many = _UNITS[unit]
        following = _NEXT_WORD.match(match.string, match.end())
        if (
            following
            and following.group(1) not in _NOT_MEASURED
            and unit not in _NOT_ATTRIBUTIVE
            and not re.search(r"[-–]\s?\d", num)  # a range stays a range
        ):
            return "-".join((_number_or_range(num) + " " + one).split())
        return f"{_number_or_range(num)} {one if _is_one(num) else many}"

    text = _SHORTHAND_DOT.sub(r"\1", text)  # "1 tsp. salt": the dot marks the shorthand, not a sentence's end
    return _SPOON.sub(lambda m: _UNITS[m.group(1)][0], _UNIT.sub(say, text))
