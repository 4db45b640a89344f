"""What the extractors left out of the story that the page's own order gives back: headings and list items
between two of the story's paragraphs (`fill_gaps`), and a standfirst under the headline (`shown_summary`).

trafilatura falls back to reading a page's paragraphs alone when it finds no
article element it knows (a live blog drawn by a script's CSS classes, say),
and then an update's heading and a list of specifications between two of the
story's paragraphs are lost. The page's own order tells them apart: a run of
headings and list items that stands, in the page, between two paragraphs the
extractors picked is the story's, unless a list item is a link (a "Related"
list between paragraphs) or anything else stands in the run.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from narrate.article import Block
from narrate.clean.blocks import HEADINGS, text_of
from narrate.clean.code import is_code_line
from narrate.clean.rules import enabled, is_prose

if TYPE_CHECKING:
    import lxml.html

_LEAVES = ("p", "li", "blockquote", "dd", "dt", *sorted(HEADINGS))
_SKIPPED = frozenset({"figure", "figcaption", "script", "style", "noscript", "button", "form", "nav", "aside",
                      "header", "footer", "pre", "table"})
# A heading's permalink, a sign before or after it ("# Getting started", "Getting started ¶").
_MARKS = "#¶§"
_PERMALINK = re.compile(f"^[{_MARKS}]+\\s*|\\s*[{_MARKS}]+$")
# A run longer than this between two picked paragraphs is not one update's heading and list.
MOST_IN_RUN = 8
# A list item whose text is a link at least this much is a link to another page.
LINKED = 0.5


class Leaf(NamedTuple):
    """A paragraph, heading or list item of the page, in the page's order."""

    tag: str
    text: str
    linked: bool  # most of its text is a link's
    loose: bool  # other text of the page follows it before the next leaf (a label, a credit, a time)
    # the box it stands in among boxes of the same kind side by side (a live blog's entries, cards): a kind
    # (a parent's children of one tag and class) and which of them; None outside any
    box: tuple[int, int] | None = None

    @property
    def fills(self) -> bool:
        """Whether it may be put back between two picked paragraphs: a list item that is not a link, or a
        heading that is not a link and stands straight over what follows it (not a video's title over its credit)."""
        if self.linked:
            return False
        return self.tag == "li" or (self.tag in HEADINGS and not self.loose)


def page_leaves(root: lxml.html.HtmlElement) -> tuple[Leaf, ...]:
    """Every paragraph, heading and list item of the page with text, in order (none inside another)."""
    found: list[tuple[str, str, bool, tuple[int, int] | None]] = []
    loose: list[bool] = []  # for each leaf, whether text outside any leaf came after it
    kinds: dict[tuple[int, str, str], int] = {}  # a parent's children of one tag and class: a kind of box

    def stray(text: str | None) -> None:
        if found and text and not text.isspace():
            loose[-1] = True

    def walk(el: lxml.html.HtmlElement, box: tuple[int, int] | None) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            return
        if tag in _LEAVES and next(el.iterdescendants(*_LEAVES), None) is None:
            if text := text_of(el):
                if tag in HEADINGS and (text[0] in _MARKS or text[-1] in _MARKS):
                    text = _PERMALINK.sub("", text)
                linked = sum(len(text_of(a)) for a in el.iter("a")) >= LINKED * len(text)
                found.append((tag, text, linked, box))
                loose.append(False)
            return
        stray(el.text)
        counted = Counter((c.tag, c.get("class") or "") for c in el if isinstance(c.tag, str) and c.tag not in _LEAVES)
        seen: Counter[tuple[str, str]] = Counter()
        for child in el:
            inner = box
            kind = (child.tag, child.get("class") or "") if isinstance(child.tag, str) else None
            if kind and counted[kind] > 1:  # a box among others of its kind
                inner = (kinds.setdefault((id(el), *kind), len(kinds)), seen[kind])
                seen[kind] += 1
            walk(child, inner)
            stray(child.tail)

    body = root.find("body")
    walk(root if body is None else body, None)
    return tuple(Leaf(tag, text, linked, after, box) for (tag, text, linked, box), after in zip(found, loose))


def fill_gaps(blocks: Sequence[Block], leaves: Sequence[Leaf]) -> list[Block]:
    """The picked blocks with each run of headings and list items the page has between two of them put back."""
    if not enabled("gaps_between"):
        return list(blocks)
    said = _unspaced("\n".join(b.text for b in blocks))
    at: dict[str, int] = {}
    for i, leaf in enumerate(leaves):
        at.setdefault(leaf.text, i)
    out: list[Block] = []
    last = None  # the page index of the last block matched
    for block in blocks:
        here = at.get(block.text)
        if here is not None and last is not None and 1 < here - last <= MOST_IN_RUN + 1:
            run = leaves[last + 1 : here]
            hangs = run[0].tag == "li" and leaves[last].loose  # a list under text that is no paragraph of the page's
            if not hangs and _fills(run) and not any(_said_in(leaf.text, said, blocks) for leaf in run):
                out += [Block("heading" if leaf.tag in HEADINGS else "paragraph", leaf.text) for leaf in run]
        if here is not None and (last is None or here > last):
            last = here
        out.append(block)
    return out


def shown_summary(blocks: Sequence[Block], leaves: Sequence[Leaf], summary: str | None) -> list[Block]:
    """The picked blocks with the page's summary (its metadata's description) first, when the page shows it
    as a paragraph or heading of its own straight under its headline (an <h1>), above the story's first
    picked block, and no picked block says it: a standfirst set at the page's top, above the story's box,
    where the extractors do not look. (Not inside a <header> element, which `page_leaves` skips: read there
    too, it added deks that the dev benchmark's truth leaves out, dev html -0.003 for snippets +0.002.)"""
    if not (enabled("shown_summary") and summary and blocks):
        return list(blocks)
    texts = [leaf.text for leaf in leaves]
    first = texts.index(blocks[0].text) if blocks[0].text in texts else 0
    shown = any(texts[i] == summary and _under_headline(leaves, i) for i in range(1, first))
    if not shown or _said_in(summary, _unspaced("\n".join(b.text for b in blocks)), blocks):
        return list(blocks)
    return [Block("paragraph", summary), *blocks]


def _under_headline(leaves: Sequence[Leaf], i: int) -> bool:
    """Whether leaf i is a paragraph or heading straight under an <h1> that is no link (a site's name over
    its tagline is one)."""
    return leaves[i].tag != "li" and not leaves[i].linked and leaves[i - 1].tag == "h1" and not leaves[i - 1].linked


def _fills(run: Sequence[Leaf]) -> bool:
    """Headings and list items that are not links, no heading straight over another (a gallery's titles,
    a box's label over a teaser's): a subheading stands over what it introduces; and no other text between
    two list items (an outer item's own words, round a list inside it)."""
    heads = [leaf.tag in HEADINGS for leaf in run]
    between = any(leaf.tag == "li" and leaf.loose for leaf in run[:-1])
    return all(leaf.fills for leaf in run) and not between and not any(a and b for a, b in zip(heads, heads[1:]))


def _said_in(text: str, said: str, blocks: Sequence[Block]) -> bool:
    """Whether a picked block says the text, or the text holds a picked block (the item a block was read from);
    spaces aside, which the page and an extractor may set differently ("<b>Seats:</b>two")."""
    text = _unspaced(text)
    return text in said or any(_unspaced(b.text) in text for b in blocks)


def _unspaced(text: str) -> str:
    return "".join(text.split())


def whole_entries(blocks: Sequence[Block], leaves: Sequence[Leaf]) -> list[Block]:
    """The picked blocks with the rest of the boxes they were picked from, when they were picked from two
    boxes of one kind side by side or more (a live blog's entries, a long read's sections): the extractors
    read one or two of such boxes as the story, and each other box of that kind with prose in it is the
    story's too. What is put back stands where the page has it."""
    if not enabled("whole_entries"):
        return list(blocks)
    box_of = {leaf.text: leaf.box for leaf in leaves if leaf.box is not None}
    picked: defaultdict[int, set[int]] = defaultdict(set)
    for block in blocks:
        if (box := box_of.get(block.text)) is not None:
            picked[box[0]].add(box[1])
    kinds = {kind for kind, boxes in picked.items() if len(boxes) > 1}
    if not kinds:
        return list(blocks)
    # the boxes of those kinds that nothing was picked from, and that hold prose (in a box the extractors
    # read, what they left out stays out: a list of links to other stories under the last paragraph)
    unread = {leaf.box for leaf in leaves
              if leaf.box and leaf.box[0] in kinds and leaf.box[1] not in picked[leaf.box[0]] and is_prose(leaf.text)}
    said = _unspaced("\n".join(b.text for b in blocks))
    index = {b.text: i for i, b in reversed(list(enumerate(blocks)))}
    inserted: list[tuple[int, Block]] = []
    at = -1  # the last picked block met in the page's order
    for leaf in leaves:
        if leaf.text in index:
            at = max(at, index[leaf.text])
        elif leaf.box in unread and not leaf.linked and not _said_in(leaf.text, said, blocks) and not any(
            map(is_code_line, leaf.text.splitlines())  # a code example set in paragraphs is never read
        ):
            inserted.append((at, Block("heading" if leaf.tag in HEADINGS else "paragraph", leaf.text)))
    result = list(blocks)
    for offset, (place, block) in enumerate(inserted):
        result.insert(place + 1 + offset, block)
    return result
