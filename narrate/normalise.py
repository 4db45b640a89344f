"""Normalise: write each segment's text out the way it should be said.

Any engine (Piper/espeak, Google) reads plain words well and symbols, digits
and abbreviations badly, so this stage turns "£1.5bn" into "one point five
billion pounds" before synthesis. The output is plain words: no engine markup,
no quotation marks, no square brackets.

`speak()` applies the user's lexicon, then every rule in `RULES` in order, then
tidies whitespace. Each rule is a small named `str -> str` function. The order
matters:

- `unicode_spaces` first, so a non-breaking space in "500 kg" looks like any
  other space to the rules after it.
- `quotation_marks` before `decades`, so "’80s" arrives as "'80s"; and before
  everything else, so no rule has to step over quote marks.
- `markup` after `web_addresses` (an address keeps its "_") and before
  `symbols` (a "#tag" stays a hashtag): no Markdown or HTML mark is ever said.
- `square_brackets` before `ellipsis`, so "[…]" (an elision) becomes a pause.
- `titles` before `acronyms` and the number rules: "No 10" must be expanded
  while its digit is still a digit, and "Dr"/"St" need the capitalised name
  after them, not a spelled-out acronym.
- `money` before `percentages` and `units`: "m" after a currency symbol means
  million, anywhere else it means metres.
- `money`, `percentages` and `units` before `ranges`, `years` and `numbers`:
  they consume the number together with its symbol, so "£2,000" is never read
  as the year two thousand.
- `dates` before `ordinals`, `fractions` and `ranges`: "5th May",
  "12/05/2023" and "2023-10-05" are dates, not an ordinal, two fractions or a
  range.
- `decades` before `years` ("1970s" holds a year); `ordinals` before `numbers`
  ("1st" holds a cardinal); `times` before `numbers` ("10.30am" is not a
  decimal); `ranges` before `years` ("2019-20" is not a year followed by
  minus twenty).
- `fractions` before `ranges` and `numbers`, which would read "3/4" as two
  numbers with a slash between them.
- `numbers` after every rule that reads digits in context: it is the catch-all.
- `roman_numerals` before `acronyms`, so "Elizabeth II" is not "I I".
- `acronyms` last, so it also spells acronyms produced by earlier rules
  ("US$5" gives "five US dollars", then "U S dollars").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from num2words import num2words

from narrate.article import Segment, Sentence
from narrate.text import MONTH_PATTERN, sentences

Rule = Callable[[str], str]

# ---------------------------------------------------------------------------
# Number helpers
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

_ODD_SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f\u200a]")


def unicode_spaces(text: str) -> str:
    """Non-breaking and thin spaces become plain ones, so "500 kg" matches however it was typed."""
    return _ODD_SPACES.sub(" ", text)


_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)
_HEADING_MARK = re.compile(r"(?m)^\s*#{1,6}(?:\s+|$)|\s+#{1,6}\s*$")
_NUMBER_HASH = re.compile(r"(?<![\w&#])#(?=\d)")
_STRAY_HASH = re.compile(r"#+(?![A-Za-z])|(?<=[\w#])#+")
_MARKS = re.compile(r"[*_`|~]+")
_BRACKETED = re.compile(r"<([^<>]{0,40})>")
_SHARP = re.compile(r"\b([A-G])#(?!\w)")  # C#, F#: a language or a note


def markup(text: str) -> str:
    """Markdown and HTML marks are never said: "## Plans" is "Plans", "**bold**" "bold", "|" a pause, "#1" "number 1"."""
    text = _TAG.sub(" ", text)
    text = _BRACKETED.sub(r" \1 ", text)  # "<ref>" left when the tag rule could not tell: its word stays
    text = _SHARP.sub(r"\1 sharp", text)
    text = _HEADING_MARK.sub(" ", text)
    text = _NUMBER_HASH.sub("number ", text)
    text = _STRAY_HASH.sub(" ", text)
    return _MARKS.sub(lambda m: ", " if "|" in m.group(0) else " ", text)


_DECADE_APOSTROPHE = re.compile(r"[‘’](?=\d\d(?:s|\b))")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")
_CURLY_QUOTES = re.compile(r"[“”„«»‘’‹›]")
_STRAIGHT_SINGLE_PAIR = re.compile(r"(?<!\w)'([^'\n]+?)'(?!\w)")


def quotation_marks(text: str) -> str:
    """Engines read quote marks badly or aloud; apostrophes (Kyiv’s, ’90s) stay as a plain '."""
    text = _DECADE_APOSTROPHE.sub("'", text)
    text = _INNER_APOSTROPHE.sub("'", text)
    text = _CURLY_QUOTES.sub("", text)
    text = text.replace('"', "")
    return _STRAIGHT_SINGLE_PAIR.sub(r"\1", text)


_ELISION = re.compile(r"\[\s*(?:…|\.{3,})\s*\]")
_SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)


def square_brackets(text: str) -> str:
    """An editor's insertion "[North Korea]" is read as its words; "[sic]" is not read at all."""
    text = _ELISION.sub("…", text)
    text = _SIC.sub("", text)
    return text.replace("[", "").replace("]", "")


_ELLIPSIS = re.compile(r"\s*(?:…|\.{3,})\s*")


def ellipsis(text: str) -> str:
    """A trailing-off "…" is a pause: a comma mid-sentence, a full stop at the end."""

    def pause(match: re.Match[str]) -> str:
        rest = match.string[match.end():]
        return "." if not rest.strip() else ", "

    return _ELLIPSIS.sub(pause, text)


_ABBREVIATIONS = (
    (re.compile(r"\be\.g\.(?=\s|$)", re.IGNORECASE), "for example"),
    (re.compile(r"\bi\.e\.(?=\s|$)", re.IGNORECASE), "that is"),
    (re.compile(r"\betc\.(?=\s*$)"), "et cetera."),
    (re.compile(r"\betc\.?(?=\W|$)"), "et cetera"),
    (re.compile(r"\bvs?\.?(?=\s)"), "versus"),
)
_DOTTED_ACRONYM = re.compile(r"\b((?:[A-Z]\.){2,})(?=\W|$)")


def abbreviations(text: str) -> str:
    """Latin shorthand (e.g., i.e., etc., vs) is said in full; "U.S." becomes "US" for the acronym rule."""
    for pattern, words in _ABBREVIATIONS:
        text = pattern.sub(words, text)

    def undot(match: re.Match[str]) -> str:
        letters = match.group(1).replace(".", "")
        rest = match.string[match.end():]
        # The last dot may also end the sentence: keep it then.
        return letters + ("." if re.match(r"\s+[A-Z]|\s*$", rest) else "")

    return _DOTTED_ACRONYM.sub(undot, text)


_RANK_PAIRS = re.compile(r"\b(Maj|Lt|Brig)\.?[\s-](Gen|Col)\b\.?")
_RANK_WORDS = {"Maj": "Major", "Lt": "Lieutenant", "Brig": "Brigadier", "Gen": "General", "Col": "Colonel"}
_TITLES = {
    "Maj": "Major",
    "Lt": "Lieutenant",
    "Brig": "Brigadier",
    "Gen": "General",
    "Col": "Colonel",
    "Capt": "Captain",
    "Cdr": "Commander",
    "Sgt": "Sergeant",
    "Cpl": "Corporal",
    "Pte": "Private",
    "Adm": "Admiral",
    "Dr": "Doctor",
    "Prof": "Professor",
    "Rev": "Reverend",
    "St": "Saint",
    "Mt": "Mount",
    "Gov": "Governor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Mr": "Mister",
    "Mrs": "Missus",
}
# Before a capitalised name: "Dr Smith", "St Paul's", "Gen. Budanov"; not "Gen Z".
_TITLE_BEFORE_NAME = re.compile(r"\b(" + "|".join(_TITLES) + r")\b\.?(?=\s+[A-Z][a-z])")
# After a name or house number and not before another name: "Baker St", "Mulholland Dr.".
_STREET = re.compile(r"(?<=[A-Za-z\d] )(St|Dr|Rd|Ave)\b(?!\.?\s+[A-Z])\.?")
_STREET_WORDS = {"St": "Street", "Dr": "Drive", "Rd": "Road", "Ave": "Avenue"}


def titles(text: str) -> str:
    """Ranks and titles are said in full before a name; "St"/"Dr" after a name are Street/Drive."""
    text = _RANK_PAIRS.sub(lambda m: f"{_RANK_WORDS[m.group(1)]} {_RANK_WORDS[m.group(2)]}", text)

    def street(match: re.Match[str]) -> str:
        before = match.string[: match.start()].rstrip()
        word = before.split()[-1] if before.split() else ""
        if not (word[:1].isupper() or word[:1].isdigit()):
            return match.group(0)  # "the st" or "a Dr" is not an address
        rest = match.string[match.end():]
        dot = "." if match.group(0).endswith(".") and not rest.strip() else ""
        return _STREET_WORDS[match.group(1)] + dot

    text = _STREET.sub(street, text)
    return _TITLE_BEFORE_NAME.sub(lambda m: _TITLES[m.group(1)], text)


_EMAIL = re.compile(r"(?<![\w.@])([\w.+-]+)@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})(?![\w@])")
_URL = re.compile(
    r"(?<![\w@/])(?:(?:https?|ftp)://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]]"
    r"|(?<![\w@/.-])(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|io|co\.uk|org\.uk|ac\.uk|gov\.uk|uk|eu)"
    r"(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]])?(?![\w@])",
    re.IGNORECASE,
)
_URL_SCHEME = re.compile(r"^(?:(?:https?|ftp)://)?(?:www\.)?", re.IGNORECASE)
_SAY_AS_LETTERS_TLD = frozenset("uk eu us io tv fm ai".split())


def _say_host_part(part: str) -> str:
    return " ".join(part.upper()) if part.lower() in _SAY_AS_LETTERS_TLD else part


def _say_address_part(text: str) -> str:
    """ "bbc.co.uk" -> bbc dot co dot U K; "jane_doe" -> jane underscore doe; "world-news" -> world news."""
    text = text.replace("_", " underscore ").replace("-", " ").replace("+", " plus ")
    return " dot ".join(_say_host_part(p) for p in text.split(".") if p)


def web_addresses(text: str) -> str:
    """Addresses are said as people say them: "jane@bbc.co.uk" -> jane at bbc dot co dot U K, no "https://www."."""

    def email(match: re.Match[str]) -> str:
        return f"{_say_address_part(match.group(1))} at {_say_address_part(match.group(2))}"

    def url(match: re.Match[str]) -> str:
        address = _URL_SCHEME.sub("", match.group(0)).split("?")[0].split("#")[0].rstrip("/")
        host, _, path = address.partition("/")
        words = _say_address_part(host.lower())
        for part in (p for p in path.split("/") if p):
            words += " slash " + _say_address_part(part)
        return words

    return _URL.sub(url, _EMAIL.sub(email, text))


_NUMBER_SIGN = re.compile(r"\bNo\.?\s*(?=\d)")


def number_sign(text: str) -> str:
    """ "No 10" is Number 10 (Downing Street, a chart position), never "no ten"."""
    return _NUMBER_SIGN.sub("Number ", text)


_AMPERSAND = re.compile(r"\s*&\s*")
_PLUS = re.compile(r"(?<=\d)\+(?![\d\w])")
_PLUS_SIGNS = re.compile(r"(?<=[A-Za-z])\+\+|(?<=\d)\s?\+\s?(?=\d)|(?<![\w+])\+(?=\d)")
_TIMES_SIGN = re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)")
_AND_OR = re.compile(r"\band/or\b", re.IGNORECASE)
_SLASH = re.compile(r"(?<=[A-Za-z])\s?/\s?(?=[A-Za-z])")
_HASHTAG = re.compile(r"(?<![\w&])#(?=[A-Za-z])")
_HANDLE = re.compile(r"(?<![\w.])@(?=\w)")


def symbols(text: str) -> str:
    """ "&" is "and", "18+" is "18 plus", "4x4" is "4 by 4", "#tag" is "hashtag tag": engines skip or misname the signs."""
    text = _AMPERSAND.sub(" and ", text)
    text = _TIMES_SIGN.sub(" by ", text)
    text = _PLUS_SIGNS.sub(lambda m: " plus plus" if m.group(0) == "++" else " plus ", text)
    text = _PLUS.sub(" plus", text)
    text = _HASHTAG.sub("hashtag ", text)
    return _HANDLE.sub("at ", text)


def slashes(text: str) -> str:
    """A slash left between words is said ("Israel/Gaza" -> Israel slash Gaza), except in "and/or"."""
    text = _AND_OR.sub("and or", text)
    return _SLASH.sub(" slash ", text)


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
    # One letter: only glued to the number ("100m", "500g", "50k"), never spaced.
    "m": ("metre", "metres"),
    "g": ("gram", "grams"),
    "k": ("thousand", "thousand"),
    "C": ("degree Celsius", "degrees Celsius"),  # "40C", the newspaper style
}
_SPACED_UNITS = [u for u in _UNITS if len(u) > 1]
_GLUED_ONLY = [u for u in _UNITS if len(u) == 1]
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
# Counts and shorthand, not measures: "50k people" stays "fifty thousand people".
_NOT_ATTRIBUTIVE = frozenset({"k", "bn", "tn", "pc", "°", "°C", "℃", "°F", "C"})
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")


def units(text: str) -> str:
    """A unit is said in full ("500kg" five hundred kilograms); before a noun, singular and joined (five-hundred-kilogram missiles)."""

    def say(match: re.Match[str]) -> str:
        num, glued = match.group("num"), match.group("glued")
        if glued == "C" and re.search(r"\b[A-Z]\w*\s+$", match.string[: match.start()]):
            return match.group(0)  # "Type 2C" is a name; "hit 40C" is a temperature
        unit = match.group("unit") or glued
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

    return _UNIT.sub(say, text)


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


_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b")


def ordinals(text: str) -> str:
    """ "1st" -> first, "23rd" -> twenty-third, "101st" -> one hundred and first."""
    return _ORDINAL.sub(lambda m: num2words(int(m.group(1).replace(",", "")), to="ordinal").replace(",", ""), text)


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


_YEAR_CUES = frozenset(
    "in since from until till to by before after during of year years circa c early mid late "
    "spring summer autumn fall winter between and the this that its his her their our last next "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
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


# Acronyms said as words. Anything else that looks unpronounceable is spelled out.
ACRONYM_WORDS = frozenset(
    "NATO NASA UNESCO UNICEF OPEC COVID FIFA UEFA AIDS SWAT ASEAN OFCOM OFSTED OFGEM NAFTA SARS MERS "
    "ISIS BAFTA NIMBY LASER RADAR SCUBA NICE NOAA TASS UKIP AUKUS FEMA ULEZ ACAS DEFRA CERN NORAD "
    "PIN SIM GIF".split()
)
# Acronyms spelled out although they would pass as words.
ACRONYM_LETTERS = frozenset("OSCE ACLU".split())
_VOWELS = set("AEIOU")
_ONSETS = frozenset(
    "B C D F G H J K L M N P Q R S T V W X Y Z BL BR CH CL CR DR DW FL FR GL GR KL KN KR PH PL PR QU "
    "SC SH SK SL SM SN SP ST SW TH TR TW WH WR SCR SPL SPR STR SHR THR".split()
)
_CODAS = frozenset(
    "B C D F G H K L M N P R S T V W X Y Z CK CT FT LD LF LK LM LP LT MP ND NG NK NT PT RB RD RK RM RN RT "
    "SK SP ST PS TS KS NS RS LS MS DS TH SH CH".split()
)
_ACRONYM = re.compile(r"\b([A-Z]{2,5})(s|['’]s)?\b")


def _said_as_word(letters: str) -> bool:
    """Rule of thumb: 4-5 letters, a vowel, and consonant clusters an English word could have."""
    if letters in ACRONYM_WORDS:
        return True
    if letters in ACRONYM_LETTERS or len(letters) <= 3 or not _VOWELS & set(letters):
        return False
    shape = "".join("v" if c in _VOWELS else "c" for c in letters)
    if "ccc" in shape or "vvv" in shape:
        return False
    onset = re.match(r"[^AEIOU]*", letters).group(0)  # type: ignore[union-attr]
    coda = re.search(r"[^AEIOU]*$", letters).group(0)  # type: ignore[union-attr]
    return (not onset or onset in _ONSETS) and (not coda or coda in _CODAS)


def _spell_line(line: str) -> str:
    # A shouting line ("WAR IN UKRAINE") has no lower case to stand out from: leave it whole.
    if not re.search(r"[a-z]", line):
        return line

    def say(match: re.Match[str]) -> str:
        letters, suffix = match.group(1), match.group(2) or ""
        if _said_as_word(letters):
            return match.group(0)
        return " ".join(letters) + suffix.replace("’", "'")

    return _ACRONYM.sub(say, line)


def acronyms(text: str) -> str:
    """Initialisms are spelled out: "DPRK" -> D P R K, "MPs" -> M Ps; NATO and COVID stay words."""
    return "\n".join(_spell_line(line) for line in text.split("\n"))


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
