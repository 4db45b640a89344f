"""An HTML element's text as blocks: one per paragraph, heading or list item.

readability-lxml gives its pick of the article as HTML, and a recipe's card
is found as an element of the page; both are read as blocks this way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from narrate.article import Block
from narrate.clean.code import CODE_NOTE
from narrate.clean.rules import normalise_space

if TYPE_CHECKING:
    import lxml.html

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LEAVES = frozenset({"p", "li", "blockquote", "dd", "dt", "td", "th", *HEADINGS})
_CONTAINERS = frozenset({"div", "section", "article", "main", "body", "ul", "ol", "dl", "table", "tbody", "tr"})
_SKIPPED = frozenset({"figure", "figcaption", "script", "style", "noscript", "button", "form", "nav", "aside"})


def text_of(el: lxml.html.HtmlElement) -> str:
    """The element's text as a reader sees it: a line break (<br>) read as a space, no style sheet's or
    script's text."""
    if next(el.iter("br", "style", "script"), None) is None:
        return normalise_space(el.text_content())
    return normalise_space("".join(_text_with_breaks(el)))


def _text_with_breaks(el: lxml.html.HtmlElement) -> list[str]:
    parts = [el.text or ""] if isinstance(el.tag, str) and el.tag not in ("script", "style") else []
    for child in el:
        parts += [" "] if child.tag == "br" else _text_with_breaks(child)
        parts.append(child.tail or "")
    return parts


def element_blocks(root: lxml.html.HtmlElement) -> list[Block]:
    """`root`'s text, a block per heading, paragraph or list item; a code block becomes `CODE_NOTE`."""
    blocks: list[Block] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        if not isinstance(el.tag, str):
            return  # a comment ("<!-- wp:list -->") or a processing instruction: no text of the page's
        tag = el.tag
        if tag in _SKIPPED:
            return
        if tag == "pre":
            if not (blocks and blocks[-1].text == CODE_NOTE):
                blocks.append(Block("paragraph", CODE_NOTE))
            return
        if tag in HEADINGS:
            if text := text_of(el):
                blocks.append(Block("heading", text))
            return
        nested = any(isinstance(c.tag, str) and (c.tag in _LEAVES or c.tag in _CONTAINERS) for c in el)
        if tag in _LEAVES and not nested:
            if text := text_of(el):
                blocks.append(Block("paragraph", text))
            return
        if el.text and (text := normalise_space(el.text)):
            blocks.append(Block("paragraph", text))
        for child in el:
            walk(child)
            if child.tail and (text := normalise_space(child.tail)):
                blocks.append(Block("paragraph", text))

    walk(root)
    return blocks
