"""Markdown: headings, paragraphs, lists and tables as blocks; inline markup removed.

Used for .md files and for the Markdown trafilatura gives for an HTML page,
so no `#`, `*`, `_` or `|` ever reaches the speech.
"""

from __future__ import annotations

import re

from narrate.article import Block
from narrate.clean.code import CODE_NOTE
from narrate.clean.lines import join_wrapped
from narrate.clean.rules import normalise_space

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_MD_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_MD_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_MD_LIST = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_FENCE = re.compile(r"^\s*(?:```|~~~)")
_MD_EMPHASIS = (
    re.compile(r"(\*\*\*|___)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
)
_MD_CODE = re.compile(r"`+([^`]*)`+")
# Asterisks left against a word once the pairs are gone; "2*3" and a lone " * " stay.
_STARS = re.compile(r"\*+")
_MD_CODE_SPLIT = re.compile(r"(`+[^`]*`+)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_MD_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")


def table_row(line: str) -> str:
    """A markdown table row read as a list: "| 1 | Kyle Busch | 5040 |" -> "1, Kyle Busch, 5040". A pipe
    escaped inside a cell ("Home \\| News") is the cell's own text, not a border."""
    cells = [cell.strip() for cell in _CELL_BORDER.split(line.strip().strip("|"))]
    return ", ".join(cell for cell in cells if cell)


_ESCAPE_BASE = 0xF0000  # a private-use plane: holds escaped characters meanwhile
_HELD = re.compile(r"[\U000f0000-\U000f00ff]")


# Every inline pattern below needs one of these characters: a line without them is only tidied.
_INLINE_MARKS = frozenset("\\[<*_~`")


def _stray_star(match: re.Match[str]) -> str:
    """An asterisk left over: kept in "2*3" and alone between spaces, a space between two words, else nothing."""
    text, start, end = match.string, match.start(), match.end()
    before, after = text[start - 1 : start], text[end : end + 1]
    product = before.isdigit() and after.isdigit()
    lone = not before.strip() and not after.strip()
    if product or lone:
        return match.group(0)
    return " " if before.strip() and after.isalnum() else ""  # "about*Artificial": two words


def _emphasised(match: re.Match[str]) -> str:
    """The emphasised words without their marks; a space after them when the extractor lost the one that
    followed a bold lead-in ("**First, the seeds.**I have …")."""
    words = match.group(match.lastindex or 0)
    after = match.string[match.end() : match.end() + 1]
    return f"{words} " if words[-1] in ".!?:;," and after.isalpha() else words


def strip_inline_markdown(text: str) -> str:
    """Links become their text; images, emphasis markers and code ticks go."""
    if _INLINE_MARKS.isdisjoint(text) and not _HELD.search(text):
        return normalise_space(text)
    text = _MD_ESCAPE.sub(lambda m: chr(_ESCAPE_BASE + ord(m.group(1))), text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for pattern in _MD_EMPHASIS:
        while True:
            new = pattern.sub(_emphasised, text)
            if new == text:
                break
            text = new
    # marks an extractor left unpaired ("**60*. Knock knock.***"), outside inline code ("`*args`")
    parts = _MD_CODE_SPLIT.split(text)  # odd parts are inline code
    text = "".join(part if i % 2 else _STARS.sub(_stray_star, part) for i, part in enumerate(parts))
    text = _MD_CODE.sub(r"\1", text)
    text = _HELD.sub(lambda m: chr(ord(m.group(0)) - _ESCAPE_BASE), text)
    return normalise_space(text)




def markdown_blocks(text: str, line_blocks: bool = False) -> list[Block]:
    """Markdown: headings, and paragraphs of consecutive non-blank lines; a fenced code
    block becomes one sentence saying it is left out (`CODE_NOTE`).

    With `line_blocks`, every line is its own block (as for pasted text); used
    for extractor output, where one line is one element of the page.
    """
    blocks: list[Block] = []
    para: list[str] = []
    in_fence = False

    def flush() -> None:
        lines = [strip_inline_markdown(line) for line in para]
        lines = [line for line in lines if line]
        if line_blocks:
            blocks.extend(Block("paragraph", line) for line in join_wrapped(lines))
        elif lines:
            blocks.append(Block("paragraph", " ".join(lines)))
        para.clear()

    raw = text.splitlines()
    for line in raw:
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            flush()
            if in_fence and not (blocks and blocks[-1].text == CODE_NOTE):
                blocks.append(Block("paragraph", CODE_NOTE))
            continue
        if in_fence or _MD_REF_DEF.match(line):
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            title = strip_inline_markdown(heading.group(2))
            if title:
                blocks.append(Block("heading", title))
            continue
        if _MD_SETEXT.match(line) and len(para) == 1 and not _MD_LIST.match(para[0]):
            title = strip_inline_markdown(para[0])
            para.clear()
            if title:
                blocks.append(Block("heading", title))
            continue
        if _MD_RULE.match(line) or not line.strip():
            flush()
            continue
        if _MD_TABLE_RULE.match(line):
            continue
        if _MD_TABLE_ROW.match(line):
            flush()
            para.append(table_row(line))
            flush()
            continue
        content = _MD_QUOTE.sub("", line)
        if _MD_LIST.match(content):
            flush()
            content = _MD_LIST.sub("", content)
            if heading_in_item := _MD_HEADING.match(content):  # "- # Title": an extractor's heading in a list
                content = heading_in_item.group(2)
        if not content.strip():
            flush()
            continue
        para.append(content)
    flush()
    return blocks


