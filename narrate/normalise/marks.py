"""Marks that are never said as written: odd spaces, quote marks, brackets, Markdown and HTML, signs."""

from __future__ import annotations

import re

from narrate.text import unescape_entities

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
# Shapes drawn as text: a recipe card's checkboxes ("▢ 2 eggs"), a rating's stars, bullets and ticks.
_SHAPES = re.compile(r"[\u25a0-\u25ff\u2605\u2606\u2610-\u2612\u2713-\u2718]+")


def markup(text: str) -> str:
    """Markdown and HTML marks are never said, nor shapes drawn as text: "## Plans" is "Plans", "**bold**" "bold", "|" a pause, "#1" "number 1", "▢" nothing."""
    # entities are written out first, so an escaped tag ("&lt;b&gt;", "&amp;lt;b&amp;gt;") goes as a tag does
    text = unescape_entities(text)
    while True:  # taking one mark out can join the halves of another ("<a<>>"): until none is left
        cleared = _BRACKETED.sub(r" \1 ", _TAG.sub(" ", text))  # "<ref>" the tag rule could not tell: its word stays
        if cleared == text:  # each pass that changes anything takes out a "<" or a ">", so this ends
            break
        text = cleared
    text = _SHARP.sub(r"\1 sharp", text)
    text = _SHAPES.sub(" ", text)
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


# A footnote's mark ("…it was.[1]", "[a]") and the link back from a footnote ("↩"): never said.
_FOOTNOTE_MARK = re.compile(r"\s?\[(?:\d{1,3}|[a-z])\]|\s?[↩↑]\ufe0e?")


def square_brackets(text: str) -> str:
    """An editor's insertion "[North Korea]" is read as its words; "[sic]" and "[1]" are not read."""
    text = _ELISION.sub("…", text)
    text = _SIC.sub("", text)
    text = _FOOTNOTE_MARK.sub("", text)
    return text.replace("[", "").replace("]", "")


_ELLIPSIS = re.compile(r"\s*(?:…|\.{3,})\s*")


def ellipsis(text: str) -> str:
    """A trailing-off "…" is a pause: a comma mid-sentence, a full stop at the end."""

    def pause(match: re.Match[str]) -> str:
        rest = match.string[match.end():]
        return "." if not rest.strip() else ", "

    return _ELLIPSIS.sub(pause, text)


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
