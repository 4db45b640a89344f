"""The HTML path's plumbing: one parse for every extractor, and the collapse check.

Every page and line here is written for the test; none is taken from a benchmark page.
"""

from __future__ import annotations

from narrate.article import Block, Document
from narrate.clean import clean
from narrate.clean.agreement import combine, settled
from narrate.clean.html import extractions, readability_blocks

METHOD = [
    "Heat the oven to a steady two hundred degrees and oil a deep roasting tin before you start.",
    "Rub the potatoes with salt and rosemary, then roast them for forty minutes, turning them once.",
    "Meanwhile soften the onions slowly in butter until they are sweet, golden and almost jammy.",
    "Stir the onions through the potatoes, scatter the cheese on top and bake for ten minutes more.",
    "Let the tin rest for five minutes on the side so that the cheese sets before you serve it.",
]


def P(text: str) -> Block:
    return Block("paragraph", text)


def test_a_scrap_under_a_tenth_of_the_words_gives_way_to_the_prose() -> None:
    scrap = [P("Save recipe")]
    method = [P(t) for t in METHOD]
    assert combine(scrap, method, []) == method


def _page(hidden: str = "") -> str:
    return (
        "<html><head><title>Roast potatoes with onions</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/recipes'>Recipes</a></nav>"
        "<article><h1>Roast potatoes with onions</h1>"
        + "".join(f"<p>{t}</p>" for t in METHOD)
        + hidden
        + "</article><footer><p>Copyright the kitchen.</p></footer></body></html>"
    )


def test_readability_reads_a_parsed_tree_as_it_reads_the_page() -> None:
    from trafilatura.utils import load_html

    page = _page("<div hidden><p>This box is hidden from every reader of the page and is never shown.</p></div>")
    tree = load_html(page)
    assert tree is not None
    from_text = readability_blocks(page)
    assert readability_blocks(tree) == from_text
    assert [b.text for b in from_text if b.kind == "paragraph"] == METHOD  # the hidden box is left out


def test_every_extractor_reads_the_one_parse_of_the_page() -> None:
    found = extractions(_page())
    assert found is not None
    for pick in (found.precise, found.readable):
        spoken = [b.text for b in pick]
        assert all(t in spoken for t in METHOD)
    assert found.title == "Roast potatoes with onions"


def test_readability_leaves_the_parsed_page_as_it_was() -> None:
    """The tree is shared: readability reads a copy, so the hidden box is still there for the others."""
    from lxml import etree
    from trafilatura.utils import load_html

    tree = load_html(_page("<div hidden><p>This box is hidden from every reader of the page.</p></div>"))
    assert tree is not None
    before = etree.tostring(tree)
    readability_blocks(tree)
    assert etree.tostring(tree) == before


def test_the_default_pick_is_skipped_only_when_it_could_add_nothing() -> None:
    """trafilatura's default pick only puts back what readability also found: when every
    block readability found is already in the precise pick, it is not asked for."""
    method = [P(t) for t in METHOD]
    found = extractions(_page())
    assert found is not None and found.default is None  # both other extractors read the same story
    assert settled(method, method[1:3])
    assert not settled(method[:2], method)  # readability found paragraphs the precise pick left out
    assert not settled(method, [])  # readability found nothing: no agreement to go on
    assert not settled(method, [P("Save recipe")])  # nor when it found no prose
    assert combine(method[:2], None, method[:2]) == method[:2]


def test_the_saved_page_is_read_whole() -> None:
    doc = Document(source="page.html", stem="page", format="html", text=_page())
    article = clean(doc)
    assert article.title == "Roast potatoes with onions"
    assert [b.text for b in article.blocks] == METHOD


def test_a_block_put_back_goes_after_the_repeated_label_it_followed() -> None:
    """A menu in several parts under the same labels: a part's heading that only the
    default pick kept goes back before that part, not after the first part."""
    part = [P("Breakfast"), P("Porridge with apples and a spoon of honey"), P("Lunch"), P("Bean soup with bread")]
    weeks = [Block("heading", f"Plan for the {nth} week") for nth in ("first", "second", "third")]
    precise = [*part, *part, *part]
    default = [weeks[0], *part, weeks[1], *part, weeks[2], *part]
    assert combine(precise, default, default) == default


def test_readability_cleaned_for_text_reads_what_stock_readability_reads() -> None:
    """narrate's readability skips the link rewriting done for display; the text it picks is the same."""
    import lxml.html
    from readability import Document as Readable

    page = _page(
        "<div hidden><p>This box is hidden from every reader of the page and is never shown.</p></div>"
        "<div style='color: red; display: none'><p>A panel that opens only when a button is pressed.</p></div>"
        "<p onclick='track()'>Serve it hot, with a <a href='javascript:void(0)'>green salad</a> on the side.</p>"
        "<p style='font-weight: bold'>Leftovers keep for two days in a cold larder or the fridge.</p>"
    )
    stock = lxml.html.fragment_fromstring(Readable(page).summary(html_partial=True), create_parent="div")
    stock_text = [" ".join(p.text_content().split()) for p in stock.iter("p")]
    ours = [b.text for b in readability_blocks(page) if b.kind == "paragraph"]
    assert ours == stock_text
    assert "Serve it hot, with a green salad on the side." in ours
    assert not any("hidden" in t or "button" in t for t in ours)


OTHER_POSTS = [
    "Our neighbour's allotment won the county prize for its leeks again, the third year in a row.",
    "The village fete moves to the school field this summer while the green is reseeded by the council.",
]


def test_readabilitys_box_of_other_posts_after_the_story_is_not_put_back() -> None:
    """readability holds the story and more (so its further prose is put back), and also the blog's
    related posts under a "Related" label: their one-paragraph excerpts are not the story."""
    precise = [P(t) for t in METHOD[:3]]
    readable = [*(P(t) for t in METHOD), P("Related"), P(OTHER_POSTS[0]), P("In “Village”"), P(OTHER_POSTS[1])]
    assert [b.text for b in combine(precise, None, readable)] == METHOD


def test_the_story_going_on_under_a_keep_reading_label_is_put_back() -> None:
    """A "Keep reading" box inside the story: the story goes on under it, two paragraphs in a row."""
    precise = [P(t) for t in METHOD[:3]]
    readable = [*(P(t) for t in METHOD[:3]), P("Keep reading"), *(P(t) for t in METHOD[3:])]
    assert [b.text for b in combine(precise, None, readable)] == METHOD


def test_readabilitys_standfirst_before_the_shared_story_goes_first() -> None:
    """trafilatura skipped the standfirst; readability has it just before the story both share."""
    standfirst = "A slow roast, a sweet onion and a sharp cheese: the simplest supper for a cold evening at home."
    precise = [P(t) for t in METHOD]
    readable = [P("Save recipe"), P(standfirst), *(P(t) for t in METHOD)]
    assert [b.text for b in combine(precise, None, readable)] == [standfirst, *METHOD]


def test_a_short_standfirst_goes_first_when_it_is_the_pages_own_summary() -> None:
    """A standfirst without a full stop, too short to pass for prose, is the page's description in its
    metadata: it goes first. The same line with no such summary (or another one) stays out."""
    dek = "Two hours in a slow oven turn the humblest potatoes into a supper worth waiting for"
    precise = [P(t) for t in METHOD]
    readable = [P("Save recipe"), P(dek), *(P(t) for t in METHOD)]
    assert [b.text for b in combine(precise, None, readable, dek)] == [dek, *METHOD]
    assert [b.text for b in combine(precise, None, readable, None)] == METHOD
    assert [b.text for b in combine(precise, None, readable, "A recipe for potatoes")] == METHOD


def test_a_label_before_the_shared_story_is_not_put_back() -> None:
    precise = [P(t) for t in METHOD]
    readable = [P("Save recipe"), *(P(t) for t in METHOD)]
    assert [b.text for b in combine(precise, None, readable)] == METHOD
