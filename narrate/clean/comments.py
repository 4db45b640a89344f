"""Comments under a pasted story: where a thread of them begins, when no heading says so.

A comment is a commenter's name, when they wrote ("3 hours ago", "says:") and
a paragraph, often with its "Reply" or "Like" button under it; two in a row,
or one with its buttons, end the story (`cut_at_comments`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrate.article import Block
from narrate.clean.rules import is_prose

# A comment under a story: who wrote it, when (or "says:"), what they wrote, and the buttons under it.
_COMMENTER = re.compile(
    r"^\s*(?:@?[\w.-]+|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})\s*(?P<says>(?:says|said|wrote)\s*:)?\s*$"
)
_WHEN = re.compile(
    r"^\s*(?:\d+\s?(?:[smhdwy]|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)(?:\s+ago)?"
    r"|(?:an?|one) (?:minute|hour|day|week|month|year) ago|.*\d{4},?\s+(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?)\s*$",
    re.IGNORECASE,
)
# A comment's buttons: "Reply", "Like · Reply"; "Share" alone is any post's (a live blog's entries have it).
_BUTTONS = re.compile(r"^\s*(?:(?:reply|like|report|share)\W*){0,3}(?:reply|like)\W*(?:(?:reply|like|report|share)\W*){0,3}$",
                      re.IGNORECASE)
_COMMENT_REACH = 3  # lines between a comment's parts (separators, a "Share ›")


def _comment_at(blocks: Sequence[Block], i: int) -> int | None:
    """Where the comment that starts at line i ends (the line after its text), when one does: a
    commenter's name, then when they wrote ("3 hours ago", "March 3, 2021 at 5:00 pm") or "says:",
    then a paragraph. None when line i starts no comment."""
    found = _COMMENTER.match(blocks[i].text)
    if found is None or is_prose(blocks[i].text):
        return None
    j = i + 1
    timed = bool(found.group("says"))
    while j < len(blocks) and j - i <= _COMMENT_REACH and not is_prose(blocks[j].text):
        timed = timed or bool(_WHEN.match(blocks[j].text))
        j += 1
    return j + 1 if j < len(blocks) and is_prose(blocks[j].text) and (timed or _buttons_after(blocks, j + 1)) else None


def _buttons_after(blocks: Sequence[Block], j: int) -> bool:
    return any(_BUTTONS.match(b.text) for b in blocks[j : j + _COMMENT_REACH])


def cut_at_comments(blocks: Sequence[Block]) -> list[Block]:
    """End a pasted story where its comments begin, when no heading says so: two comments in a row
    (a name, when it was written, a paragraph), or one with its "Reply" or "Like" button under it.
    A quotation or a tweet inside the story names who said it after the words, not before them."""
    prose = 0
    for i, block in enumerate(blocks):
        if is_prose(block.text):
            prose += 1
            continue
        if prose < 2 or (end := _comment_at(blocks, i)) is None:
            continue
        second = next((j for j in range(end, min(end + _COMMENT_REACH + 1, len(blocks))) if _comment_at(blocks, j)), None)
        if second is not None or _buttons_after(blocks, end):
            return list(blocks[:i])
    return list(blocks)
