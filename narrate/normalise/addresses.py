"""Email and web addresses, said the way people say them."""

# Word lists stay as one readable string each, split once at import.
# ruff: noqa: SIM905

from __future__ import annotations

import re

from narrate.text import EMAIL

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

    if _URL.fullmatch(text.strip()):
        return ""  # a bare link, alone in its sentence, says nothing a listener can use: the transcript keeps it
    return _URL.sub(url, EMAIL.sub(email, text))
