"""Clean stage: turn a read `Document` into an `Article` holding the story alone.

Everything that reaches `split` is read aloud, so clean removes clutter with
general rules that recognise the *kind* of line (never one page's strings),
anchors the story at its headline and pulls out the byline and publication
date. One module a concern:

- `rules`: one predicate a kind of clutter line, and the text helpers the others share;
- `appeals`: lines where the site speaks to its reader (paywalls, newsletters, cookie banners, appeals);
- `captions`: captions and picture credits;
- `dates`: datelines and the publication date;
- `metadata`: a line's byline (whose names it gives, whether it holds nothing else);
- `bylines`: where the byline stands among the lines under the headline;
- `page_metadata`: a saved page's own author field and title, tidied;
- `biography`: the writer's biography, after the story or under the byline;
- `clutter`: the line rules applied, each line judged once;
- `lines`: pasted text as lines, wrapped lines joined;
- `code`: code in pasted text, said once in a sentence;
- `headline`: where the story starts;
- `story`: where it ends, and the rules that need a line's neighbours;
- `trim`: the lines the found story keeps that are not its own;
- `repeats`: every sentence once;
- `teasers`: lists of other stories' titles, and boxes of their excerpts, inside a pasted story;
- `markup`: a saved page's tree mended and trimmed by its markup's own signs, before any extractor reads it;
- `markdown` and `html`: turning each format into blocks.

    clean(doc) -> Article

`DISABLED` switches rules off by name, for the benchmark's ablation only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from narrate.article import Article, Block, Document
from narrate.clean.agreement import with_card
from narrate.clean.appeals import (
    is_author_note,
    is_cookie_notice,
    is_newsletter,
    is_paywall,
)
from narrate.clean.biography import author_bio, cut_author_bio
from narrate.clean.bylines import byline_near_headline, menu_of_bys, post_footer, signed_person, writer_box
from narrate.clean.captions import is_credited_caption, is_photo_credit
from narrate.clean.clutter import LINE_RULES, RULES, is_clutter
from narrate.clean.dates import is_date_line, published_of
from narrate.clean.headline import headline_index, looks_like_headline
from narrate.clean.html import extract_html, is_whole_page, page_as_pasted
from narrate.clean.lines import join_spaced_caps, join_wrapped, runs_of_lines, text_blocks
from narrate.clean.markdown import markdown_blocks, strip_inline_markdown, table_row
from narrate.clean.metadata import (
    byline_of,
    is_byline,
    is_dated_byline,
    is_named_dateline,
    is_organisation,
    metadata_of,
    wire_credit,
)
from narrate.clean.page_metadata import author_of, strip_site_name
from narrate.clean.recipe import pasted_card
from narrate.clean.repeats import drop_repeats
from narrate.clean.rules import (
    DISABLED,
    enabled,
    is_ad_marker,
    is_comments_start,
    is_prose,
    is_read_more,
    is_section_label,
    is_share_button,
    is_shouted_promo,
    is_site_furniture,
    is_story_end,
    is_trailer,
    normalise_space,
)
from narrate.clean.comments import cut_at_comments
from narrate.clean.story import (
    cut_at_trailer,
    drop_captions,
    drop_inner_boxes,
    end_of_story,
)
from narrate.clean.teasers import drop_teasers, teaser_lines
from narrate.clean.trim import (
    drop_above_wire_lead,
    drop_byline_lines,
    drop_clutter,
    drop_off_topic,
    drop_offer_boxes,
    drop_top_labels,
    drop_trailing_tags,
)
from narrate.errors import InputError

__all__ = [
    "DISABLED", "LINE_RULES", "RULES", "author_of", "byline_of", "clean", "cut_at_trailer",
    "drop_captions", "drop_repeats", "enabled", "end_of_story", "is_ad_marker", "is_author_note", "is_byline",
    "byline_near_headline", "is_clutter", "is_cookie_notice", "is_credited_caption", "is_date_line", "is_dated_byline", "is_named_dateline",
    "is_newsletter", "is_paywall", "is_photo_credit", "is_read_more", "is_section_label", "is_share_button",
    "is_shouted_promo", "is_site_furniture", "is_trailer", "join_wrapped", "looks_like_headline", "metadata_of",
    "normalise_space", "published_of", "strip_inline_markdown", "strip_site_name", "table_row",
]

_ABOVE = 4  # lines above a pasted page's headline where its byline may stand
_CREDITS = 4  # lines at a story's foot where a wire's credits stand


def _no_article(doc: Document, why: str) -> InputError:
    return InputError(
        f"{doc.source}: no article found: {why}",
        "Check that the file holds the story itself (headline and paragraphs), "
        "not only the page around it",
    )


def _tidy(
    doc: Document,
    blocks: list[Block],
    title: str | None = None,
    byline: str | None = None,
    published: str | None = None,
    prefer_heading: bool = False,
    pasted: bool = False,
    teasers: frozenset[str] = frozenset(),
) -> Article:
    """The common clean-up for every format: anchor, strip clutter, check."""
    blocks = join_spaced_caps(blocks)
    page = blocks  # every line, for what may stand outside the story (the writer's biography)
    if title is None:
        index: int | None = None
        if prefer_heading:
            index = next((i for i, b in enumerate(blocks) if b.kind == "heading"
                          and not is_clutter(b.text)), None)
        if index is None:
            index = headline_index(blocks)
        if index is None:
            raise _no_article(doc, "it looks like page clutter only")
        before, title, blocks = blocks[:index], blocks[index].text, blocks[index + 1:]
    else:
        before = []

    if pasted and byline is None and enabled("byline_near_headline"):
        byline = byline_near_headline([b.text for b in blocks])
    opening = next((i for i, b in enumerate(blocks) if is_prose(b.text)), len(blocks))  # the story's first paragraph
    begun = opening if enabled("count_buttons") and opening < len(blocks) else 0
    ends = (i for i, b in enumerate(blocks[begun:], begun) if is_comments_start(b.text) or is_story_end(b.text))
    story_end = next(ends, len(blocks))  # above the story's first paragraph "212 Comments" is a button
    story_top = [b.text for b in blocks[:min(opening, story_end)]]  # above the story's first paragraph: "Words: NAME"
    # lines after the headline win; a commenter's never
    for lines in ([b.text for b in blocks[:story_end]], [b.text for b in before]):
        for i, text in enumerate(lines):
            if byline is not None and published is not None:
                break
            names, date = metadata_of(text)
            byline = byline or (None if menu_of_bys(lines, i) else names)
            published = published or date

    if pasted and enabled("comment_threads"):
        blocks = cut_at_comments(blocks)
    if pasted and enabled("drop_inner_boxes"):
        blocks = drop_inner_boxes(blocks)
    if pasted and enabled("end_of_story"):
        blocks = end_of_story(blocks, title)
    if enabled("offer_boxes"):  # once the story is found: a box's lines still count against the story where it ends
        blocks = drop_offer_boxes(blocks)
    if teasers:
        blocks = drop_teasers(blocks, teasers)
    if enabled("drop_captions"):
        blocks = drop_captions(blocks)
    if enabled("is_trailer"):
        blocks = cut_at_trailer(blocks, inner_boxes=not pasted)
    story_foot = [b.text for b in blocks[-_CREDITS:]]  # the story's last lines: "This article was written by NAME."
    blocks = drop_clutter(blocks)
    if enabled("top_labels"):
        blocks = drop_top_labels(blocks)
    if enabled("wire_lead"):
        blocks = drop_above_wire_lead(blocks)
    if pasted and byline and enabled("byline_lines"):
        blocks = drop_byline_lines(byline, blocks)
    if pasted and enabled("off_topic_lines"):
        blocks = drop_off_topic(title, blocks)
    if enabled("drop_repeats"):
        blocks = drop_repeats(title, blocks)
    if enabled("author_bio"):
        blocks, author = cut_author_bio(blocks, byline)
        byline = byline or author
    if byline is None and enabled("wire_credit"):  # a wire story names its reporters at its foot
        byline = next(filter(None, (wire_credit(b.text) for b in blocks[-_CREDITS:])), None)
    if pasted and byline is None and before:  # a name and its date just above the headline
        above = byline_near_headline([b.text for b in before[-_ABOVE:]])
        byline = above if above and len(above.split()) >= 2 else None
    if pasted and byline is None and enabled("bio_anywhere"):  # the writer's biography, wherever the page has it
        byline = next(filter(None, (author_bio(b.text) for b in page)), None)
    if pasted and byline is None and enabled("writer_box"):  # "Written by" / NAME / job, wherever the page has it
        byline = writer_box([b.text for b in page])
    if pasted and byline is None and enabled("post_footer"):  # "Author NAME Posted on DATE", under the post
        byline = post_footer([b.text for b in page])
    if byline and enabled("person_over_desk") and is_organisation(byline):  # a person the story signs wins
        byline = signed_person(story_top + story_foot) or byline
    while blocks and blocks[-1].kind == "heading":  # a heading with no story under it
        blocks.pop()
    if pasted and enabled("trailing_tags"):
        blocks = drop_trailing_tags(blocks)
    if not any(b.kind == "paragraph" and (len(b.text.split()) >= 5 or b.text.endswith((".", "!", "?", "”", '"')))
               for b in blocks):  # a story has at least one sentence, not just links

        raise _no_article(doc, f"after the headline “{title}” it looks like page clutter only")
    return Article(
        source=doc.source,
        stem=doc.stem,
        title=title,
        blocks=tuple(blocks),
        byline=byline,
        published=published,
    )


def clean(doc: Document) -> Article:
    """The story alone, so that nothing but the article is read aloud.

    Raises InputError when the input holds no article.
    """
    if doc.format == "html":
        found = extract_html(doc)
        if enabled("whole_page") and is_whole_page(found.blocks):  # the extractors took the menus too
            try:
                return _clean_text(doc, page_as_pasted(doc.text if found.page is None else found.page))
            except InputError:  # no story among the lines either: what the extractors found is read
                pass
        article = _tidy(doc, list(found.blocks), found.title, found.author, found.date)
        return _with_card(article, found.recipe if enabled("recipe_card") else ())
    if doc.format == "markdown":
        return _tidy(doc, markdown_blocks(doc.text), prefer_heading=True)
    return _clean_text(doc, doc.text)


def _clean_text(doc: Document, text: str) -> Article:
    """Pasted text, or a page rendered as one."""
    runs = runs_of_lines(text)  # read once, for the blocks and for the teasers
    blocks = text_blocks(runs)
    article = _tidy(doc, blocks, pasted=True, teasers=teaser_lines(runs))
    return _with_card(article, pasted_card([b.text for b in blocks]) if enabled("pasted_recipe_card") else ())


def _with_card(article: Article, card: Sequence[Block]) -> Article:
    """The article with the lines of its recipe's card it left out (the card may stand past a box
    that ended the story)."""
    return replace(article, blocks=tuple(with_card(article.blocks, card))) if card else article

