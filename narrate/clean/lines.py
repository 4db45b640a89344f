"""Pasted text as lines: runs between blank lines, hard-wrapped lines joined again."""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrate.article import Block
from narrate.clean.clutter import is_clutter, is_metadata
from narrate.clean.metadata import byline_near_headline
from narrate.clean.rules import ends_sentence, normalise_space, starts_lower


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


def runs_of_lines(text: str) -> list[list[str]]:
    """The page's lines in runs: a blank line ends a run, and wrapped lines are never joined across one."""
    runs: list[list[str]] = [[]]
    for line in (normalise_space(line) for line in text.splitlines()):
        if line:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return runs


def text_blocks(text: str) -> list[Block]:
    """Plain text: every non-blank line is a block, after rejoining wrapped lines."""
    return [Block("paragraph", line) for run in runs_of_lines(text) for line in join_wrapped(run)]

