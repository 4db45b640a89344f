"""HTML: the article found in a saved page by the extractors, with its metadata.

Tree work stays here; the text heuristics that tidy what comes out are the
same as for pasted text (`story`, `rules`).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from narrate.article import Block, Document
from narrate.clean.agreement import combine, settled
from narrate.clean.blocks import element_blocks, text_of
from narrate.clean.bylines import byline_near_headline, signed_byline
from narrate.clean.gaps import Leaf, fill_gaps, page_leaves, shown_summary, whole_entries
from narrate.clean.markdown import markdown_blocks
from narrate.clean.markup import mend_and_trim
from narrate.clean.metadata import is_organisation
from narrate.clean.page_metadata import author_of, is_site_desk, strip_site_name, title_past_path
from narrate.clean.recipe import Recipe, recipe_card, recipe_in
from narrate.clean.rules import compare_key, enabled, normalise_space, words_in
from narrate.clean.story import alike
from narrate.errors import InputError

if TYPE_CHECKING:
    import lxml.html


@dataclass(frozen=True)
class Extracted:
    """The story's blocks as the extractors agree on them, and the page's metadata."""

    blocks: tuple[Block, ...]
    title: str | None
    author: str | None
    date: str | None
    recipe: tuple[Block, ...] = ()  # a recipe's card: its ingredients and steps (`recipe_card`)
    page: lxml.html.HtmlElement | None = None  # the page without what its markup marks as no part of a story


def extract_html(doc: Document) -> Extracted:
    """Find the article in a page with more than one extractor, so no one setting's collapse is heard."""
    return _extract_page(doc.text, doc.source)


# How narrate asks trafilatura for a pick (with `favor_precision` and `fast` beside them).
TRAFILATURA_OPTIONS: Any = {
    "output_format": "markdown",
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": True,
    "with_metadata": False,
}


@dataclass(frozen=True)
class Extractions:
    """What each extractor made of a page, before they are combined."""

    precise: tuple[Block, ...]  # trafilatura, favor_precision
    default: tuple[Block, ...] | None  # trafilatura's default; None when it could add nothing (`settled`)
    readable: tuple[Block, ...]  # readability-lxml
    title: str | None
    author: str | None
    date: str | None
    description: str | None = None  # the page's summary in its metadata (often its standfirst)
    structured: tuple[Block, ...] = ()  # the story's text in the page's structured data (JSON-LD articleBody)
    recipe: tuple[Block, ...] = ()  # a recipe's ingredients and steps, as its card on the page shows them
    leaves: tuple[Leaf, ...] = ()  # the page's paragraphs, headings and list items, in order (`fill_gaps`)
    page: lxml.html.HtmlElement | None = None  # the page without what its markup marks as no part of a story


# The rules switched inside `extractions`, whose cache is keyed on the page alone: the benchmark's
# ablation empties it when it switches one of them off.
EXTRACTION_RULES = frozenset({
    "drop_caps", "layout_tables", "site_first_title", "headline_like_title", "declared_author", "person_over_desk",
    "lower_headline", "site_desk", "marked_headline", "title_shown", "marked_captions", "marked_factboxes",
    "excerpt_lists",
})


@functools.lru_cache(maxsize=2)  # the benchmark's ablation cleans one page many times
def extractions(html: str) -> Extractions | None:
    """Every extractor's pick of the article, and the page's metadata; None when the page does not parse.

    The page is parsed once. trafilatura copies a tree it is given, and
    readability-lxml reads a copy, so every extractor reads the same page.
    trafilatura's default setting, the slowest pick, is asked only when it
    could change the combined article (`settled`).
    """
    import trafilatura  # heavy: only for HTML input
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None
    mend_and_trim(tree)

    def pick(favor_precision: bool) -> tuple[Block, ...]:
        # The precise setting skips trafilatura's own fallback extractors
        # (`fast`): readability-lxml is consulted in `combine` anyway, and
        # the fallback's second opinion made the precise pick no better.
        found = trafilatura.extract(tree, favor_precision=favor_precision, fast=favor_precision, **TRAFILATURA_OPTIONS)
        return tuple(markdown_blocks(found or "", line_blocks=True))

    precise = pick(favor_precision=True)
    readable = tuple(readability_blocks(tree))
    default = None if settled(precise, readable) else pick(favor_precision=False)
    meta = trafilatura.extract_metadata(tree)
    data, recipes = _structured_data(tree)
    page_title = normalise_space(" ".join(tree.xpath("//head/title//text()")))
    title = author = date = description = None
    sitename = ""
    if meta is not None:
        description = normalise_space(meta.description) if meta.description else None
        sitename = meta.sitename or ""
        title = strip_site_name(normalise_space(meta.title), sitename) if meta.title else None
        if title and enabled("title_shown") and _swapped(tree, page_title, title, sitename):
            title, sitename = sitename, title  # the site's name read as the title, and the headline as the site's
        if title:
            title = _headline_after_site(page_title, title_past_path(page_title, title), precise, readable, tree=tree)
        owner = " ".join(tree.xpath('//meta[@name="copyright"]/@content'))
        author = author_of(meta.author, sitename, owner) if meta.author else None
        named_in_data = data.get("author", []) + data.get("name", [])
        if author and enabled("declared_author") and not _declared(tree, author, named_in_data):
            author = _shown_instead(tree, author, title)
        elif author and _INITIAL.search(author):  # "R C Baker": the metadata's reader dropped the initials' stops
            author = _as_shown(tree, author)
        date = meta.date[:10] if meta.date and re.match(r"\d{4}-\d{2}-\d{2}", meta.date) else None
        if date and date.endswith("-01-01"):  # a year alone ("© 2021"), which the wider search dates 1 January
            date = _date_in_markup(tree)
    named = frozenset(map(normalise_space, data.get("headline", ())))
    title = shown_headline(tree, title, page_title, sitename, named)
    if author is None:  # no author in the page's metadata: the byline the page shows under its headline
        author = byline_under_headline(tree, title)
    elif enabled("person_over_desk") and (is_organisation(author) or is_site_desk(author, sitename)):
        author = byline_under_headline(tree, title) or author  # a desk's, an office's: the writer it shows
    # the story's text as the site gives it to search engines, whatever script draws the page: a block a line
    longest = max(data.get("articleBody", ()), key=len, default="")
    structured = tuple(Block("paragraph", line) for line in map(normalise_space, longest.splitlines()) if line)
    card = tuple(recipe_card(tree, recipes)) if recipes or "Recipe" in html else ()
    return Extractions(
        precise, default, readable, title or None, author or None, date, description, structured, card,
        page_leaves(tree), tree,
    )


# "author" (a name as a string) and "name" (an author's among others): for `_declared`
_STRUCTURED_KEYS = ("headline", "articleBody", "author", "name")


def _structured_data(tree: lxml.html.HtmlElement) -> tuple[dict[str, list[str]], list[Recipe]]:
    """The page's JSON-LD strings under `_STRUCTURED_KEYS`, and its recipes, wherever they stand in its
    graph."""
    found: dict[str, list[str]] = {}
    recipes: list[Recipe] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            stack = [json.loads(script)]
        except (ValueError, RecursionError):  # not JSON, or nested past Python's reach
            continue
        in_script: list[Recipe] = []
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                for key in _STRUCTURED_KEYS:
                    if isinstance(value := item.get(key), str):
                        found.setdefault(key, []).append(value)
                if recipe := recipe_in(item):
                    in_script.insert(0, recipe)  # the stack reads the graph backwards
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
        recipes += in_script
    return found, list(dict.fromkeys(recipes))  # one recipe given twice (two plugins' graphs) is one


_SITE_FIRST = re.compile(r"\s+[-–—|]\s+")
_LEAD = 6  # blocks at the top of a pick where its headline stands


def _headline_after_site(page_title: str, title: str, *picks: Sequence[Block],
                         tree: lxml.html.HtmlElement | None = None) -> str:
    """The headline after the site's name in a <title> that puts the site first ("Valley Gazette - Ferry
    returns"), when the metadata took the site's name for the title and a pick opens with the rest, or the
    page shows the rest as a line of its own outside a link (an old page's headline in bold type, which no
    extractor picked). When the pick has both parts, the later is the headline: the first is a masthead above it."""
    parts = _SITE_FIRST.split(page_title, maxsplit=1)
    if (not enabled("site_first_title") or len(parts) < 2 or compare_key(parts[0]) != compare_key(title)
            or len(words_in(parts[1])) <= len(words_in(parts[0]))):
        return title  # "Headline - Site": the site's name is the shorter part
    first = compare_key(parts[0])
    # the rest of the title, or its last part after a section's name ("Valley Gazette - News - Ferry returns")
    for after in dict.fromkeys((parts[1], _SITE_FIRST.split(parts[1])[-1])):
        rest = compare_key(after)
        for pick in picks:
            lead = [compare_key(b.text) for b in pick[:_LEAD]]
            if rest in lead and first not in lead[lead.index(rest) + 1 :]:
                return after  # the headline over the story (a masthead above it, with the site's name, is passed)
        if tree is not None and enabled("title_shown") and _shown_alone(tree, after):
            return after
    return title


def _shown_alone(tree: lxml.html.HtmlElement, text: str) -> bool:
    """Whether the page's body shows `text` as a whole line of its own, not as a link's (a list of stories)."""
    found = tree.xpath("//body//text()[normalize-space(.) = $t]", t=normalise_space(text))
    return any(not node.getparent().xpath("ancestor-or-self::a") for node in found)


def _swapped(tree: lxml.html.HtmlElement, page_title: str, title: str, sitename: str) -> bool:
    """trafilatura read the site's name as the title and the headline as the site's: the "site name" is
    the longer, an <h1> shows it alone, and the <title> holds it."""
    key = compare_key(sitename)
    return (bool(sitename) and len(words_in(sitename)) > len(words_in(title)) and key in compare_key(page_title)
            and any(compare_key(text_of(h)) == key for h in tree.iter("h1")))


def shown_headline(
    tree: lxml.html.HtmlElement,
    title: str | None,
    page_title: str,
    sitename: str = "",
    named: frozenset[str] = frozenset(),
) -> str | None:
    """The headline the page shows in an <h1>, where the metadata's title differs from it (a search
    engine's shorter title, a kicker run into it, a columnist's name before it): the first <h1> that
    the page's structured data names as its headline (`named`, or its microdata's itemprop), that opens
    the page's <title> (`page_title`) before its site name, or that says on one line what the title says
    in other words. An <h1> holding the site's name is passed over."""
    if title is None:
        return title
    for heading in tree.iterfind(".//h1"):
        shown = normalise_space(heading.text_content())
        if shown == title:
            return title
        if len(words_in(shown)) < 3 or (sitename and compare_key(shown) == compare_key(sitename)):
            continue
        opens = page_title.startswith(shown) and strip_site_name(page_title, sitename) == shown
        # an <h1> of one line that says what the title says in other words (not a kicker, a section and the
        # headline on lines of their own, nor "Section | Headline")
        one_line = "\n" not in shown and "|" not in shown and heading.find(".//br") is None
        reworded = one_line and alike(shown, title)
        marked = heading.get("itemprop") == "headline" and enabled("marked_headline")  # the page's microdata says so
        if shown in named or marked or opens or (enabled("headline_like_title") and reworded):
            return shown
    return title


def _date_in_markup(tree: lxml.html.HtmlElement) -> str | None:
    """The page's date from its markup alone (meta tags, <time>, the address), not guessed from its text."""
    from htmldate import find_date

    found = find_date(tree, extensive_search=False, original_date=True)
    return found[:10] if found else None


# --------------------------------------------------------------------------
# The byline a page shows under its headline
# --------------------------------------------------------------------------

_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "section", "article", "header", "footer", "aside", "main", "nav", "figure",
    "figcaption", "table", "tr", "td", "th", "address", "time", "br", "dd", "dt", "blockquote", "h1", "h2", "h3",
    "h4", "h5", "h6",
})
_UNREAD_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select", "option"})
_LINES_UNDER = 24  # lines read under the headline: a byline stands among the first few
_ELEMENTS_UNDER = 2000  # ... and elements walked at most, however little text they hold


def lines_under_headline(tree: lxml.html.HtmlElement, title: str | None = None) -> list[str]:
    """The page's text under its first <h1>, a line for each block element, as a reader sees it. A page
    without one, or whose <h1> is the site's name (a blog's title), may set its headline in a lower heading:
    the first that opens with the `title`.

    Only what follows the headline is walked: its later siblings, then its parent's, and so on up.
    """
    from lxml import etree

    headline = tree.find(".//h1")
    if title and enabled("lower_headline"):
        key = compare_key(title)
        if headline is None or not compare_key(text_of(headline)).startswith(key):
            headline = next((h for h in tree.iter("h2", "h3") if compare_key(text_of(h)).startswith(key)), headline)
        if headline is None and enabled("set_headline"):  # an old page sets its headline in bold or a big font
            headline = _element_saying(tree, key)
    lines = [""]
    skipping = 0  # inside a script, a style or a control
    budget = _ELEMENTS_UNDER

    def add(text: str | None) -> None:
        if not skipping and text and text.strip():
            lines[-1] += " " + text

    def newline() -> None:
        if lines[-1].strip():
            lines.append("")

    def full() -> bool:
        return len(lines) > _LINES_UNDER or budget <= 0

    def walk(root: lxml.html.HtmlElement) -> None:
        nonlocal skipping, budget
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                budget -= 1
                if tag in _UNREAD_TAGS:
                    skipping += 1
                if tag in _BLOCK_TAGS:
                    newline()
                add(el.text)
                continue
            if tag in _UNREAD_TAGS:
                skipping -= 1
            if tag in _BLOCK_TAGS:
                newline()
            if el is not root:
                add(el.tail)
            if full():
                return

    node = headline
    while node is not None and not full():
        newline()
        add(node.tail)
        for sibling in node.itersiblings():
            if full():
                break
            walk(sibling)
            add(sibling.tail)
        node = node.getparent()
    return [normalise_space(line) for line in lines if line.strip()]


def _element_saying(tree: lxml.html.HtmlElement, key: str) -> lxml.html.HtmlElement | None:
    """The first element in the page's body whose text is the headline (`key`, as `compare_key` gives it)."""
    body = tree.find(".//body")
    for el in body.iter() if body is not None else ():
        if isinstance(el.tag, str) and el.tag not in _UNREAD_TAGS and el.text and el.text.strip():
            if key.startswith(compare_key(el.text)) and compare_key(text_of(el)) == key:
                return el
    return None


def _shown_instead(tree: lxml.html.HtmlElement, author: str, title: str | None) -> str:
    """A name trafilatura found in the page's markup, not its metadata, gives way to another writer the page
    shows beside its date under the headline: the name was a card's of another story ("More from …")."""
    shown = byline_near_headline(lines_under_headline(tree, title))
    if not shown or len(shown.split()) < 2 or set(_names(shown)) & set(_names(author)):
        return author  # nobody else, one word (a section's label), or the same writers
    return shown


_INITIAL = re.compile(r"\b[A-Z]\b")


def _as_shown(tree: lxml.html.HtmlElement, author: str) -> str:
    """The writers' names as the page shows them beside the date under its headline ("R.C. Baker"), when they
    are the same names."""
    shown = byline_near_headline(lines_under_headline(tree))
    return shown if shown and _names(shown) == _names(author) else author


def _names(names: str) -> list[str]:
    """Each person's name in a list of names, as a key: case, dots and spaces aside ("J.K. Rowling" is
    "J K Rowling")."""
    return [re.sub(r"[\s.]", "", compare_key(n)) for n in re.split(r",\s*|\s+(?:and|&)\s+", names) if n.strip()]


def _declared(tree: lxml.html.HtmlElement, author: str, names: Sequence[str]) -> bool:
    """Whether the page's metadata names the author: its meta tags, or a name in its JSON-LD (`names`, read as
    JSON: "Jos\u00e9" is "José"). trafilatura also looks for a byline in the page's markup, and can take one
    from a card of another story."""
    said = re.sub(r"[\s.]", "", compare_key(" ".join([*tree.xpath("//meta/@content"), *names])))
    return all(name in said for name in _names(author))


def byline_under_headline(tree: lxml.html.HtmlElement, title: str | None) -> str | None:
    """The byline the page shows under its headline, when it says it is one ("By NAME")."""
    return signed_byline(lines_under_headline(tree, title))


def _extract_page(html: str, source: str) -> Extracted:
    found = extractions(html)
    if found is None:
        raise _no_article_in_page(source)
    structured = found.structured if enabled("structured_body") else ()
    blocks = combine(found.precise, found.default, found.readable, found.description, structured)
    blocks = whole_entries(blocks, found.leaves)
    blocks = shown_summary(fill_gaps(blocks, found.leaves), found.leaves, found.description)
    if not blocks:
        raise _no_article_in_page(source)
    return Extracted(tuple(blocks), found.title, found.author, found.date, found.recipe, found.page)


# When this share of the picked blocks or more are a few words each (menus, link lists), the extractors
# took the whole page, not an article: an old table layout whose story is text between <br>s.
MENU_SHARE = 0.5
_MENU_WORDS = 3


def is_whole_page(blocks: Sequence[Block]) -> bool:
    """The extractors' article is the whole page: mostly lines of a few words (a menu's items)."""
    short = sum(1 for b in blocks if b.kind == "paragraph" and len(words_in(b.text)) <= _MENU_WORDS)
    return bool(blocks) and short >= MENU_SHARE * len(blocks)


def page_as_pasted(html: str | lxml.html.HtmlElement) -> str:
    """The page's text as a browser's select-all and copy lays it out (html-text), for a page whose
    story the extractors could not tell from its menus: the pasted-text rules then find it."""
    import html_text

    return str(html_text.extract_text(html, guess_layout=True))


def _no_article_in_page(source: str) -> InputError:
    return InputError(
        f"{source}: no article found in this HTML page",
        "Save the article's own page, or paste its text into a .txt file",
    )


# --------------------------------------------------------------------------
# readability-lxml's article as blocks
# --------------------------------------------------------------------------


@functools.cache
def _text_readable() -> type:
    """readability-lxml's Document, reading a parsed tree and cleaning it for its text only.

    readability cleans every page with lxml's Cleaner, whose `javascript` option
    rewrites each link and event attribute so that the page is safe to display:
    a quarter of readability's time, and not one word of its text changes (the
    same blocks on all 221 benchmark pages). This cleaner does everything else
    readability's does. `_parse` is the hook readability's maintainer points to
    for a parsed input (buriy/python-readability#140).
    """
    from lxml_html_clean import Cleaner
    from readability import Document as Readable
    from readability.readability import REGEXES

    cleaner = Cleaner(
        scripts=True,
        javascript=False,
        comments=True,
        style=True,
        links=True,
        meta=False,
        add_nofollow=False,
        page_structure=False,
        processing_instructions=True,
        embedded=False,
        frames=False,
        forms=False,
        annoying_tags=False,
        remove_unknown_tags=False,
        safe_attrs_only=False,
    )
    hidden_style = REGEXES["displayNoneRe"]

    class TextReadable(Readable):  # type: ignore[misc]
        def _parse(self, input: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
            # A cleaned copy (readability changes it as it goes; the page stays as it was for
            # the other extractors), without what the page hides (readability's own rule).
            doc = copy.deepcopy(input)
            for el in doc.xpath("//*[@hidden]"):
                el.drop_tree()
            for el in doc.xpath("//*[@style]"):
                if hidden_style.search(el.get("style")):
                    el.drop_tree()
            self.encoding = "utf-8"
            cleaner(doc)
            return doc

    return TextReadable


def readability_blocks(page: str | lxml.html.HtmlElement) -> list[Block]:
    """readability-lxml's pick of the article, one block per paragraph, heading or list item.

    `page` is the HTML or its parsed tree, which is left as it was.
    """
    import lxml.html
    from lxml.etree import ParserError
    from readability.htmls import build_doc
    from readability.readability import Unparseable

    try:
        tree = build_doc(page)[0] if isinstance(page, str) else page
        fragment = _text_readable()(tree).summary(html_partial=True)
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (Unparseable, ParserError, ValueError, TypeError, AssertionError):  # lxml asserts on a <frameset> page
        return []
    return element_blocks(root)
