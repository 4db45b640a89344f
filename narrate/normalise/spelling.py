"""Acronyms: which are said as a word (NATO) and which are spelled out (D P R K)."""

# Word lists stay as one readable string each, split once at import.
# ruff: noqa: SIM905

from __future__ import annotations

import re

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
