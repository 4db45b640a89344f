"""What a saved page's markup says before any extractor reads it: mended and trimmed in its tree.

Each pass reads only the markup's own signs (a class that names a caption or a fact box, a table whose cell
holds running prose, a list of linked excerpts), so the extractors, the page's leaves and the page rendered as
text (for a page whose story the extractors could not tell from its menus) all read the same page.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from narrate.clean.lines import DROP_CAP
from narrate.clean.rules import enabled, normalise_space

if TYPE_CHECKING:
    import lxml.html


def mend_and_trim(tree: lxml.html.HtmlElement) -> None:
    """Mend what the markup split (a drop cap, a story laid out in a table) and take out what it marks as no
    part of a story (captions, fact boxes, lists of other pages' excerpts), in place."""
    _join_drop_caps(tree)
    _drop_marked_captions(tree)
    _drop_marked_factboxes(tree)
    _drop_excerpt_lists(tree)
    _unwrap_layout_tables(tree)


_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")
_LAYOUT_SENTENCES = 5  # sentence ends inside one cell of a table: the story laid out in it, not a data table's note


def _unwrap_layout_tables(tree: lxml.html.HtmlElement) -> None:
    """An old page laid out in a table (its menu in one cell, the story in another) has its cells read as
    the boxes they are: a table with a cell of its own that holds running prose (five sentence ends, a
    capital after each, so six sentences or so) is the page's layout, not data, and becomes plain boxes,
    with every table inside it. A table with a header cell or a caption of its own is data and is never
    taken for the layout."""
    if not enabled("layout_tables"):
        return
    for table in list(tree.iter("table")):
        if table.tag != "table" or _is_data(table):
            continue  # a layout table unwrapped already, or a data table
        own = [c for c in table.iter("td", "th") if next(c.iterancestors("table"), None) is table]
        if any(len(_SENTENCE_END.findall(" ".join(c.itertext()))) >= _LAYOUT_SENTENCES for c in own):
            for part in [table, *table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th")]:
                part.tag = "div"  # and every table inside it: its menus, boxes and scores, laid out the same way


def _is_data(table: lxml.html.HtmlElement | None) -> bool:
    """A table with a header cell of its own or a caption: data, whatever its cells hold."""
    if table is None:
        return False
    headed = any(next(th.iterancestors("table"), None) is table for th in table.iter("th"))
    return headed or table.find("caption") is not None


def _join_drop_caps(tree: lxml.html.HtmlElement) -> None:
    """Put a drop cap set in an element of its own back into its paragraph: <span>T</span><p>urkey …"""
    if not enabled("drop_caps"):
        return
    for cap in tree.xpath("//body//p/preceding-sibling::*[1][not(*)][string-length(normalize-space(.)) = 1]"):
        letter, paragraph = (cap.text or "").strip(), cap.getnext()
        if not DROP_CAP.match(letter) or (cap.tail or "").strip() or paragraph is None or paragraph.tag != "p":
            continue
        first = paragraph if (paragraph.text or "").strip() else next(paragraph.iterdescendants(), None)
        if first is None or not (first.text or "")[:1].islower():
            continue
        first.text = letter + first.text
        cap.drop_tree()


# A class that names a picture's caption: "tr-caption", "wp-caption-text", "imageCaption", "caption-text-block"
# (not a modifier such as "header__caption-style--default").
_CAPTION_CLASS = re.compile(r"^[\w-]*caption(?:[-_]?text)?(?:[-_]block)?$", re.IGNORECASE)
_CAPTION_WORDS = 60  # a caption is a line or two; a box with more in it is not one
_PICTURE_REACH = 3  # levels up from a caption to the box that holds its picture


def _drop_marked_captions(tree: lxml.html.HtmlElement) -> None:
    """Take out the captions the page's markup names as such beside a picture, short as a caption is: a
    theme's caption cell or <p> ("tr-caption", "wp-caption-text") that the extractors read as the story's
    text. A <figcaption> is the extractors' to judge (a slideshow's may hold the story)."""
    if not enabled("marked_captions"):
        return
    for element in tree.xpath("//body//*[contains(@class, 'aption')][not(self::figcaption)][not(.//img)]"):
        if (any(map(_CAPTION_CLASS.match, element.get("class", "").split()))
                and len(" ".join(element.itertext()).split()) <= _CAPTION_WORDS
                and any(up.xpath(".//img|.//picture")
                        for up in itertools.islice(element.iterancestors(), _PICTURE_REACH))):
            element.drop_tree()


# A box the markup names a fact box ("factbox", "story-fact-box", "callout--facts", "match-facts", "factfile"),
# not a part of one ("factbox__title")
_FACTBOX_CLASS = re.compile(r"^[\w-]*(?:fact-?box|facts|fact-?file|fact-?sheet)$", re.IGNORECASE)
_FACTBOX_SHARE = 0.5  # a "fact box" holding half the page's text or more is the page's story in odd markup


def _drop_marked_factboxes(tree: lxml.html.HtmlElement) -> None:
    """Take out the fact boxes set in a story (a company's figures, a timeline, "key facts"): a summary
    beside the story, which repeats it in short lines or tells another one, and is not read as part of it."""
    if not enabled("marked_factboxes"):
        return
    boxes = [element for element in tree.xpath("//body//*[contains(@class, 'act') or contains(@class, 'ACT')]")
             if any(map(_FACTBOX_CLASS.match, element.get("class", "").split()))]
    if not boxes:
        return
    whole = len(" ".join(next(boxes[0].iterancestors("body")).itertext()).split())
    for element in boxes:
        if len(" ".join(element.itertext()).split()) < _FACTBOX_SHARE * whole and element.getparent() is not None:
            element.drop_tree()


_EXCERPT_END = re.compile(r"(?:…|\.\.\.)\W*(?:\w+\W*){0,3}$")  # "… more", "… Wikipedia": a cut excerpt's end
_EXCERPT_ITEMS = 3  # items of other pages' excerpts in one list, at least


def _is_excerpt(item: lxml.html.HtmlElement) -> bool:
    """A linked title, then more words than the links hold, cut short with an ellipsis."""
    text = item.text_content()
    links = item.findall(".//a")
    if not links or not _EXCERPT_END.search(text):
        return False
    text = normalise_space(text)
    first = normalise_space(links[0].text_content())
    linked = sum(len(a.text_content().split()) for a in links)
    return bool(first) and text.startswith(first) and len(text.split()) >= 2 * linked


def _drop_excerpt_lists(tree: lxml.html.HtmlElement) -> None:
    """Take out lists of other pages' excerpts: each item a link to a page, then the opening of that page cut
    short with an ellipsis. A story's own list does not end its items mid-thought."""
    if not enabled("excerpt_lists"):
        return
    lists = dict.fromkeys(  # only lists with an ellipsis in an item, in the page's order
        item.getparent() for item in tree.iter("li")
        if item.getparent() is not None and item.getparent().tag in ("ul", "ol")
        and any("…" in text or "..." in text for text in item.itertext())
    )
    for element in lists:
        items = [child for child in element if child.tag == "li"]
        excerpts = sum(map(_is_excerpt, items))
        if excerpts >= _EXCERPT_ITEMS and 2 * excerpts >= len(items) and element.getparent() is not None:
            element.drop_tree()
