"""Pasted text as lines: runs between blank lines, hard-wrapped lines joined again."""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrate.article import Block
from narrate.clean.bylines import byline_near_headline
from narrate.clean.clutter import is_clutter, is_metadata
from narrate.clean.code import drop_code
from narrate.clean.rules import enabled, ends_sentence, normalise_space, starts_lower


def _starts_byline(line: str) -> bool:
    """ "by Sam Okafor @samokafor June 3", "written by Sam Okafor": a byline in lower case, never the end
    of the line before (the headline)."""
    return bool(_LOWER_BY.match(line)) and byline_near_headline([line]) is not None


_LOWER_BY = re.compile(r"\s*(?:(?:written|posted|reported|words|story|text|article)\s+)?by\s*:?\s+\S")


def join_wrapped(lines: Sequence[str]) -> list[str]:
    """Rejoin hard-wrapped lines: a line not ending a sentence continues into a
    following line that starts in lower case."""
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and not ends_sentence(joined[-1])
            and starts_lower(line)
            and not _starts_byline(line)
            and not (is_clutter(line) or is_metadata(line))  # "share", "updated March 4, 2021": lines of their own
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


# A heading's mark as copied from a page: its level in Markdown ("## What we changed") or the permalink
# a site puts beside it ("What we changed #", "¶"). The line is the heading's words alone.
_HEADING_MARK = re.compile(r"^(?:#{1,6}|¶)\s+(?=[^#\s][^#]*$)|(?<=[\w.?!:’'”)])\s+[#¶]$")


def _without_heading_mark(line: str) -> str:
    return _HEADING_MARK.sub("", line) if "#" in line or "¶" in line else line


def runs_of_lines(text: str) -> list[list[str]]:
    """The page's lines in runs: a blank line ends a run, and wrapped lines are never joined across one."""
    runs: list[list[str]] = [[]]
    for line in (_without_heading_mark(normalise_space(line)) for line in drop_code(text.splitlines())):
        if line:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return runs


# Text hard-wrapped by an e-mail program or an editor is wrapped at one width, between these.
_WIDTHS = range(40, 101)
_WRAPPED_SHARE = 0.6  # ... and at least this share of its lines that go on in their run end near it, mid-sentence
_SLACK = 15  # "near": a wrapped line is at most this much shorter than the width


def wrap_width(runs: Sequence[Sequence[str]]) -> int | None:
    """The width the text was hard-wrapped at, or None when it was not (a web page pasted whole has a
    paragraph on each line, far longer than any wrap width)."""
    going_on = [line for run in runs for line in run[:-1]]  # lines with another line after them
    if len(going_on) < 8 or sum(not ends_sentence(line) for line in going_on) < _WRAPPED_SHARE * len(going_on):
        return None  # lines that end their sentences are a page's paragraphs, however alike their lengths
    lengths = sorted(len(line) for line in going_on)
    width = lengths[int(0.95 * (len(lengths) - 1))]
    near = sum(width - _SLACK <= n <= width for n in lengths)
    return width if width in _WIDTHS and near >= _WRAPPED_SHARE * len(lengths) else None


def unwrap(lines: Sequence[str], width: int) -> list[str]:
    """A run of hard-wrapped lines as paragraphs: a line was wrapped when the next line's first word
    would not have fitted on it; one that ends short of that ended there on purpose (a title, an item)."""
    joined: list[str] = []
    previous = ""
    for line in lines:
        if joined and len(previous) + 1 + len(line.split()[0]) > width:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
        previous = line
    return joined


# A drop cap set apart from its paragraph: "T" alone, then "urkey and Poland were …". Not "A" or "I",
# which are words of their own ("A" above "dog ran …" may be a list's label).
DROP_CAP = re.compile(r"^[B-HJ-Z]$")


def join_drop_caps(lines: Sequence[str]) -> list[str]:
    """A paragraph's first letter, copied onto a line of its own, put back."""
    joined: list[str] = []
    for line in lines:
        if joined and DROP_CAP.match(joined[-1]) and line[:1].islower() and enabled("drop_caps"):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


# A drop cap copied with a space after it: "T he first sign was the noise."
_SPACED_CAP = re.compile(r"([B-HJ-Z]) ([a-z]+)")


def join_spaced_caps(blocks: Sequence[Block]) -> list[Block]:
    """A paragraph's drop cap, copied with a space after it ("T he first sign …"), put back when the word
    it makes is one the page uses elsewhere ("The"); "T cells", "E chi siamo" stay as they are."""
    if not enabled("drop_caps") or not any(_SPACED_CAP.match(b.text) for b in blocks):
        return list(blocks)
    used = {w.casefold() for b in blocks for w in re.findall(r"[^\W\d_]+", b.text)}
    joined = []
    for block in blocks:
        found = _SPACED_CAP.match(block.text)
        if found and (found[1] + found[2]).casefold() in used:
            block = Block(block.kind, found[1] + block.text[2:])
        joined.append(block)
    return joined


def text_blocks(runs: Sequence[Sequence[str]]) -> list[Block]:
    """Plain text, as its lines in runs (`runs_of_lines`): every non-blank line is a block, after rejoining
    wrapped lines (every wrapped line, when the whole text was hard-wrapped at one width) and drop caps."""
    width = wrap_width(runs)
    lines = [line for run in runs for line in (unwrap(run, width) if width else join_wrapped(run))]
    return [Block("paragraph", line) for line in join_drop_caps(lines)]

