"""Written shorthand said in full: Latin abbreviations, ranks and titles, "No 10"."""

from __future__ import annotations

import re

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


_NUMBER_SIGN = re.compile(r"\bNo\.?\s*(?=\d)")


def number_sign(text: str) -> str:
    """ "No 10" is Number 10 (Downing Street, a chart position), never "no ten"."""
    return _NUMBER_SIGN.sub("Number ", text)
