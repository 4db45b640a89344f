"""HTML: the article found in a saved page by the extractors, with its metadata.

Tree work stays here; the text heuristics that tidy what comes out are the
same as for pasted text (`story`, `rules`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from narrate.article import Block, Document
from narrate.clean.metadata import author_of, strip_site_name
from narrate.clean.rules import compare_key, is_prose, normalise_space, words_in
from narrate.errors import InputError


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    author: str | None
    date: str | None


def extract_html(doc: Document) -> Extracted:
    """Let trafilatura find the article in a page; markdown keeps its headings."""
    return _extract_page(doc.text, doc.source)


@functools.lru_cache(maxsize=2)  # the benchmark's ablation cleans one page many times
def _extract_page(html: str, source: str) -> Extracted:
    import trafilatura  # heavy: only for HTML input

    body = trafilatura.extract(
        html,
        favor_precision=True,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=True,
        with_metadata=False,
    )
    if not body or not body.strip():
        raise InputError(
            f"{source}: no article found in this HTML page",
            "Save the article's own page, or paste its text into a .txt file",
        )
    meta = trafilatura.extract_metadata(html)
    title = author = date = None
    if meta is not None:
        sitename = meta.sitename or ""
        title = strip_site_name(normalise_space(meta.title), sitename) if meta.title else None
        author = author_of(meta.author, sitename) if meta.author else None
        date = meta.date[:10] if meta.date and re.match(r"\d{4}-\d{2}-\d{2}", meta.date) else None
    return Extracted(body, title or None, author or None, date)



def _prose_paragraphs(element: object) -> list[str]:
    texts = (normalise_space(p.text_content()) for p in element.iter("p"))  # type: ignore[attr-defined]
    return [t for t in texts if is_prose(t) and len(words_in(t)) >= 12]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _already_said(text: str, said: set[tuple[str, ...]]) -> bool:
    """Most of the paragraph is in the extract already, worded a little differently."""
    mine = _trigrams(text)
    return bool(mine) and len(mine & said) >= 0.5 * len(mine)


def add_split_body(html: str, blocks: Sequence[Block]) -> list[Block]:
    """Put back story paragraphs that a page split across several containers.

    Some pages break the story into sibling boxes around an advert, each with
    the same tag and class; the extractor may keep only the first. Paragraphs
    in the other boxes of that kind are added where they stand in the page.
    """
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return list(blocks)
    kept = {compare_key(b.text) for b in blocks}
    signatures: dict[tuple[str, str], int] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None and compare_key(normalise_space(p.text_content())) in kept:
            sig = (str(parent.tag), parent.get("class") or "")
            signatures[sig] = signatures.get(sig, 0) + 1
    if not signatures:
        return list(blocks)
    (tag, cls), count = max(signatures.items(), key=lambda item: item[1])
    if count < 2 or not cls:
        return list(blocks)
    boxes = [e for e in tree.iter(tag) if (e.get("class") or "") == cls]
    if len(boxes) < 2:
        return list(blocks)
    result = list(blocks)
    index = {compare_key(b.text): i for i, b in enumerate(result)}
    said = _trigrams(" ".join(b.text for b in blocks))
    previous: int | None = None
    for box in boxes:
        paragraphs = _prose_paragraphs(box)
        missing = [t for t in paragraphs if compare_key(t) not in index and not _already_said(t, said)]
        if len(missing) < 2:
            missing = []  # a teaser or a stray line, not a stretch of the story
        for text in paragraphs:
            key = compare_key(text)
            if key in index:
                previous = index[key]
                continue
            if text not in missing:
                continue
            at = 0 if previous is None else previous + 1
            result.insert(at, Block("paragraph", text))
            index = {compare_key(b.text): i for i, b in enumerate(result)}
            previous = at
    return result


