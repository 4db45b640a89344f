"""Lists of other stories' titles inside a pasted story ("teaser lists"), and boxes of their excerpts.

They are found in the pasted text itself, where blank lines still tell a list (lines with no blank line
between them) from lines that stand apart, and dropped only inside the story `end_of_story` finds, so
where the story ends is decided with them still in place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrate.article import Block
from narrate.clean.clutter import is_clutter
from narrate.clean.rules import enabled, ends_sentence, is_prose, is_trailer, starts_lower, words_in
from narrate.clean.story import COHESION, vocabulary

# A teaser's title: a headline of a few words up to a long one, not a sentence, list item or table row.
_TEASER_MIN, _TEASER_MAX = 4, 20
_TEASER_MEAN = 6  # a list of other stories' titles: this many words a line on average (a list of tips is terser)
_TEASER_START = re.compile(r"(?![•·・▪►*‣◦–-])[^\w\s]{0,3}\s?[^\W\d_]")  # a bulleted line is a list's item
_TEASER_REACH = 3  # prose comes again within this many blocks of lines after the list
_LABEL_WORDS = 5  # "Trending now", "More from the desk": a list's label above it


def _is_teaser_title(line: str) -> bool:
    n = len(words_in(line))
    return (
        _TEASER_MIN <= n <= _TEASER_MAX
        and not line.rstrip().endswith((".", ":", ";", ","))
        and bool(_TEASER_START.match(line))
        and not starts_lower(line)
        and sum(c.isdigit() for c in line) <= 4
        and not is_clutter(line)
    )


def _foreign(around: set[str], line: str) -> bool:
    mine = vocabulary(line)
    return len(mine & around) < COHESION * max(1, len(mine))


def teaser_lines(runs: Sequence[Sequence[str]]) -> frozenset[str]:
    """The lines of a pasted page, in runs (`runs_of_lines`), that are other stories' titles (`teaser_lists`)
    or excerpts (`excerpt_boxes`), with their labels."""
    return _teaser_lists(runs) | _excerpt_boxes(runs)


def _teaser_lists(runs: Sequence[Sequence[str]]) -> frozenset[str]:
    """The lines of lists of other stories' titles in a pasted page, with the label above each list.

    A list is two or more lines with no blank line between them, each a headline (a few words to
    twenty, no full stop, not a list item or a table row), most of them in words the prose around
    them does not use, with prose before and after them. A list the story makes (tips, findings) is
    in the story's own words, or terser, or introduced by a line ending in a colon. Found here, where
    blank lines still tell a list from lines apart; dropped only inside the story `end_of_story` finds
    (`drop_teasers`).
    """
    if not enabled("teaser_lists"):
        return frozenset()
    prose = [i for i, run in enumerate(runs) if any(is_prose(line) for line in run)]
    found: set[str] = set()
    for i, run in enumerate(runs):
        if len(run) < 2 or not all(_is_teaser_title(line) for line in run):
            continue
        if sum(len(words_in(line)) for line in run) < _TEASER_MEAN * len(run):
            continue
        if i and runs[i - 1][-1].rstrip().endswith(":"):
            continue  # a list the story introduces ("The winners were:") is its own
        before = [p for p in prose if p < i]
        after = [p for p in prose if p > i]
        if len(before) < 2 or not after or after[0] - i > _TEASER_REACH:
            continue
        around: set[str] = set()
        for p in (*before[-3:], *after[:3]):
            for line in runs[p]:
                if is_prose(line):
                    around |= vocabulary(line)
        if 2 * sum(1 for line in run if _foreign(around, line)) <= len(run):
            continue
        found.update(run)
        label = runs[i - 1]
        if len(label) == 1 and len(words_in(label[0])) <= _LABEL_WORDS and not ends_sentence(label[0]):
            found.add(label[0])
    return frozenset(found)


def drop_teasers(blocks: Sequence[Block], teasers: frozenset[str]) -> list[Block]:
    """The story without the teaser lists `teaser_lists` found in its page."""
    return [b for b in blocks if b.text not in teasers]


# An excerpt cut short: a word (or its comma or closing quote), then an ellipsis, at the line's end.
_CUT = re.compile(r"[\w,’'”\"]\s?(?:…|\.\.\.)\s*$")
_EXCERPT_WORDS = 6  # an excerpt is a sentence's start; a shorter line cut short is a menu's "More…"
_BETWEEN = 2  # short lines between one excerpt and the next title: "Read more", 'In "Funding"', a date


def _is_cut(line: str) -> bool:
    return len(words_in(line)) >= _EXCERPT_WORDS and bool(_CUT.search(line))


def _excerpt_boxes(runs: Sequence[Sequence[str]]) -> frozenset[str]:
    """The lines of boxes of other pages' excerpts in a pasted page: two or more entries in a row, each a
    title (a headline's words, not a sentence) over the opening of that page cut short with an ellipsis,
    with the box's label above the first ("Other stories this week", "gloaming in other dictionaries").
    A story's own list of cut quotations has no title over each; dropped only inside the story
    `end_of_story` finds (`drop_teasers`)."""
    if not enabled("excerpt_boxes"):
        return frozenset()
    lines = [line for run in runs for line in run]
    entries = [i for i in range(1, len(lines)) if _is_cut(lines[i]) and _is_entry_title(lines[i - 1])]
    found: set[str] = set()
    box: list[int] = []
    for i in entries:
        if box and i - 1 - box[-1] > 1 + _BETWEEN:
            found |= _box_lines(lines, box)
            box = []
        box.append(i)
    found |= _box_lines(lines, box)
    return frozenset(found)


def _is_entry_title(line: str) -> bool:
    n = len(words_in(line))
    return 2 <= n <= _TEASER_MAX and not ends_sentence(line) and not _is_cut(line) and not starts_lower(line)


def _box_lines(lines: Sequence[str], box: Sequence[int]) -> set[str]:
    """A box's titles and excerpts, the short lines between them and after the last, and its label."""
    if len(box) < 2:
        return set()
    first, last = box[0] - 1, box[-1]
    while last + 1 < len(lines) and last - box[-1] < _BETWEEN and not is_prose(lines[last + 1]):
        last += 1
    found = set(lines[first:last + 1])
    label = lines[first - 1] if first else ""
    if label and len(words_in(label)) <= _LABEL_WORDS and not ends_sentence(label) and not is_trailer(label):
        found.add(label)  # a trailer's label ("Related stories") is left to end the story (`cut_at_trailer`)
    return found
