"""A story told in entries: a live blog's updates, a long read's chapters, each in a box of its own.

The extractors pick the one box that looks most like an article, so on a page
whose story is several boxes of one kind side by side (`<article
class="update">` after `<article class="update">`) they read one update only.
When the picked story lies inside one of three or more sibling elements of the
same tag and class, each holding prose, the story is all of them, in the
page's order. A list of other stories' teasers is never taken for one: a
teaser holds a line or two, not paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from narrate.article import Block
from narrate.clean.blocks import element_blocks
from narrate.clean.rules import is_prose, words_in

if TYPE_CHECKING:
    import lxml.html

ENTRIES = 3  # sibling boxes of one kind, at least
_ENTRY_PROSE = 30  # prose words in each, at least
_ENTRY_CHARACTERS = 150  # ... so a box with less text than this is passed over before it is read
_FOUND_BY = 60  # characters of the story's longest paragraph it is found by on the page


def story_entries(
    tree: lxml.html.HtmlElement, story: Sequence[Block], holds_story: Callable[[list[Block]], bool]
) -> list[Block]:
    """The blocks of every entry, in order, when one of them holds the extractors' `story` (as
    `holds_story` judges); else no blocks. The boxes looked at are those around the story's longest
    paragraph."""
    longest = max((b.text for b in story), key=len, default="")[:_FOUND_BY]
    if len(longest) < _FOUND_BY:
        return []
    found = tree.xpath("//body//*[self::p or self::li][contains(normalize-space(.), $line)][1]", line=longest)
    for box in found[0].iterancestors() if found else ():
        parent, kind = box.getparent(), box.get("class")
        if parent is None or not kind:
            continue
        boxes = [child for child in parent if child.tag == box.tag and child.get("class") == kind]
        if len(boxes) < ENTRIES or sum(len(b.text_content()) >= _ENTRY_CHARACTERS for b in boxes) < ENTRIES:
            continue
        entries = [element_blocks(b) for b in boxes]
        if sum(_prose_words(blocks) >= _ENTRY_PROSE for blocks in entries) >= ENTRIES and holds_story(
            entries[boxes.index(box)]
        ):
            return [block for blocks in entries for block in blocks]
    return []


def _prose_words(blocks: list[Block]) -> int:
    return sum(len(words_in(b.text)) for b in blocks if is_prose(b.text))
