"""The HTML path: three extractors combined so that no one setting's collapse is heard.

Every page here is written for the test; none is taken from a benchmark page.
"""

from __future__ import annotations

import pytest

from narrate.article import Block, Document
from narrate.clean import clean
from narrate.clean.agreement import combine
from narrate.clean.html import readability_blocks
from narrate.clean.rules import is_gallery_slide, is_player_chrome, is_source_markup
from narrate.split import split

STORY = [
    "The new harbour ferry carried its first passengers on Monday after two years of delays and repairs.",
    "Islanders had waited at the pier since dawn, and many brought flags and flasks of tea for the crossing.",
    "The crossing now takes forty minutes instead of an hour, the operator said in a statement at the quay.",
    "Fares will stay the same until the spring, when the council will review them along with the timetable.",
    "A second boat is due next summer, which should allow sailings every hour through the busy season.",
    "Local shops said they expected more visitors now that a day trip to the island is easy again.",
]


def P(text: str) -> Block:
    return Block("paragraph", text)


def H(text: str) -> Block:
    return Block("heading", text)


def test_a_precise_pick_that_kept_only_the_summary_box_is_not_trusted() -> None:
    """A review page: the precise setting stops after the verdict box; the other two agree on the review."""
    summary = [P("Verdict: a calm and reliable crossing, four stars out of five.")]
    full = [*summary, *map(P, STORY)]
    assert combine(summary, full, [P(t) for t in STORY]) == full


def test_blocks_only_one_extractor_found_stay_out() -> None:
    precise = [P(t) for t in STORY]
    default = [*precise, P("Read our guide to the best island walks, with maps and opening times for every cafe.")]
    assert combine(precise, default, precise) == precise


def test_a_left_out_block_both_other_extractors_have_goes_back_where_it_stands() -> None:
    precise = [P(t) for t in STORY[:2] + STORY[3:]]
    full = [P(t) for t in STORY]
    assert combine(precise, full, full) == full


def test_a_story_split_across_boxes_is_read_whole_when_readability_holds_it_all() -> None:
    """Both trafilatura settings stop at an advert between two boxes of the story; readability has both."""
    first = [P(t) for t in STORY[:2]]
    assert combine(first, first, [P(t) for t in STORY]) == [P(t) for t in STORY]


def test_never_a_tenth_of_the_prose_another_extractor_found() -> None:
    tiny = [P("Share this story")]
    whole = [P(t) for t in STORY]
    assert combine(tiny, tiny, whole) == whole


def test_readability_blocks_keep_headings_and_list_items_apart() -> None:
    html = (
        "<html><body><article><h1>Ferry returns</h1>"
        + "".join(f"<p>{t}</p>" for t in STORY[:3])
        + "<h2>What happens next</h2><ul><li>More sailings in the summer.</li><li>A new pier in the autumn.</li></ul>"
        + "".join(f"<p>{t}</p>" for t in STORY[3:])
        + "</article></body></html>"
    )
    blocks = readability_blocks(html)
    assert H("What happens next") in blocks
    assert P("More sailings in the summer.") in blocks and P("A new pier in the autumn.") in blocks


def _page(body: str) -> Document:
    html = f"<html><head><title>Ferry returns to the island</title></head><body>{body}</body></html>"
    return Document(source="page.html", stem="page", format="html", text=html)


def test_a_review_summary_box_does_not_end_the_story() -> None:
    box = (
        "<aside class='verdict'><h3>Our verdict</h3><ul><li>Pros: quick, quiet</li><li>Cons: few sailings</li></ul>"
        "<p>Score: 4/5</p></aside>"
    )
    body = "<article><h1>Ferry returns to the island</h1>" + box + "".join(f"<p>{t}</p>" for t in STORY) + "</article>"
    spoken = " ".join(b.text for b in clean(_page(body)).blocks)
    assert all(t in spoken for t in STORY)


def _spoken(body: str) -> list[str]:
    return [b.text for b in clean(_page(body)).blocks]


def test_the_authors_biography_under_a_saved_story_is_not_read_but_names_the_author() -> None:
    # The same rule as for pasted text: a page saved as HTML reads as the same page pasted.
    bio = "Tomas Reyd is a transport reporter at the Island Gazette and writes about ferries and harbours."
    body = "<article><h1>Ferry returns to the island</h1>" + "".join(f"<p>{t}</p>" for t in STORY) + f"<p>{bio}</p></article>"
    article = clean(_page(body))
    assert [b.text for b in article.blocks] == STORY
    assert article.byline == "Tomas Reyd"


def test_the_byline_under_the_headline_is_read_when_the_page_has_no_author_metadata() -> None:
    body = (
        "<header><h1>Ferry returns to the island</h1><div class='meta'><span>Article by</span>"
        "<a href='/staff/tomas'>Tomas Reyd</a></div><time>March 4, 2021</time></header>"
        "<article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article>"
    )
    article = clean(_page(body))
    assert article.byline == "Tomas Reyd"
    assert [b.text for b in article.blocks] == STORY


def test_a_name_with_the_writers_job_under_it_is_the_byline_of_a_saved_page() -> None:
    body = (
        "<header><h1>Ferry returns to the island</h1><div class='contributor'><img alt=''>"
        "<a href='/staff/tomas'>Tomas Reyd</a><div>Senior Transport Correspondent</div></div>"
        "<p>Published</p><p>3 hours ago</p></header>"
        "<article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article>"
    )
    assert clean(_page(body)).byline == "Tomas Reyd"


def test_a_name_among_the_parts_of_a_dated_line_is_the_byline_of_a_saved_page() -> None:
    body = (
        "<header><h1>Ferry returns to the island</h1><div class='meta'><span>March 4, 2021</span> · <span>4 min</span>"
        " · <span>Tomas Reyd</span> | <a href='/edit'>Suggest Changes</a></div></header>"
        "<article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article>"
    )
    assert clean(_page(body)).byline == "Tomas Reyd"


@pytest.mark.parametrize("under", ["<p>From Harbourpedia, the free encyclopedia</p>", "<div><a>Reset Password</a></div>",
                                   "<p>Island Gazette</p><p>March 4, 2021</p>"])
def test_no_byline_is_made_up_from_the_lines_under_the_headline(under: str) -> None:
    body = f"<h1>Ferry returns to the island</h1>{under}<article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article>"
    assert clean(_page(body)).byline is None


def test_gallery_slides_are_not_read() -> None:
    slides = "".join(
        f"<div class='slide'><p>{n}/12 Passengers wave from the upper deck as the ferry leaves the harbour</p></div>"
        for n in range(1, 13)
    )
    body = "<article><h1>Ferry returns to the island</h1>" + "".join(f"<p>{t}</p>" for t in STORY) + slides + "</article>"
    spoken = _spoken(body)
    assert not any("upper deck" in t for t in spoken)
    assert all(t in spoken for t in STORY)


def test_video_player_labels_are_not_read() -> None:
    player = (
        "<div class='video-js'><p>Beginning of dialog window. Escape will cancel and close the window.</p>"
        "<p>Text Color White Black Red Green Blue Yellow Magenta Cyan Transparency Opaque Semi-Transparent</p>"
        "<p>Playback Rate</p><p>Captions off, selected</p><p>Current Time 0:00</p><p>End of dialog window.</p></div>"
    )
    body = "<article><h1>Ferry returns to the island</h1>" + "".join(f"<p>{t}</p>" for t in STORY[:3]) + player
    body += "".join(f"<p>{t}</p>" for t in STORY[3:]) + "</article>"
    assert _spoken(body) == STORY


def test_subheadings_and_list_items_are_kept() -> None:
    body = (
        "<article><h1>Ferry returns to the island</h1>" + "".join(f"<p>{t}</p>" for t in STORY[:3])
        + "<h2>What happens next</h2><p>The operator listed its plans for the coming year in a short statement.</p>"
        + "<ul><li>More sailings in the summer</li><li>A new pier in the autumn</li></ul>"
        + "".join(f"<p>{t}</p>" for t in STORY[3:]) + "</article>"
    )
    blocks = clean(_page(body)).blocks
    assert Block("heading", "What happens next") in blocks
    assert P("More sailings in the summer") in blocks and P("A new pier in the autumn") in blocks


def test_a_code_block_is_one_sentence_saying_it_is_left_out() -> None:
    code = "<pre><code>fares = load('fares.csv')\nfor fare in fares:\n    print(fare)</code></pre>"
    body = "<article><h1>Ferry returns to the island</h1>" + "".join(f"<p>{t}</p>" for t in STORY[:3]) + code
    body += "".join(f"<p>{t}</p>" for t in STORY[3:]) + "</article>"
    spoken = _spoken(body)
    assert spoken == [*STORY[:3], "A code example is left out here.", *STORY[3:]]


def test_markdown_code_fence_and_headings() -> None:
    from narrate.split import split

    text = (
        "# Ferry returns to the island\n\n" + "\n\n".join(STORY[:2])
        + "\n\n## What happens next\n\n```\nfor fare in fares:\n    print(fare)\n```\n\n" + STORY[2] + "\n"
    )
    segments = split(clean(Document(source="a.md", stem="a", format="markdown", text=text)))
    kinds = [(s.kind, s.text) for s in segments]
    assert ("subheading", "What happens next") in kinds
    assert ("body", "A code example is left out here.") in kinds
    assert not any("print" in t for _, t in kinds)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3/40 The crowd cheers as the first boat comes in", True),
        ("Image 2 of 12", True),
        ("12/12", True),
        ("1/4 of the islanders voted against the plan.", False),
        ("40/3 is not a slide", False),
        ("The 24/7 service starts in May.", False),
    ],
)
def test_is_gallery_slide(line: str, expected: bool) -> None:
    assert is_gallery_slide(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Beginning of dialog window. Escape will cancel and close the window.", True),
        ("Playback Rate", True),
        ("Subtitles off, selected", True),
        ("Current Time 0:00", True),
        ("Loaded: 0%", True),
        ("Mute", True),
        ("02:12 - Source: Courier", True),  # a clip's running time and where it comes from
        ("Play video: How the new ferry was built", True),
        ("▶ 0:00 / 2:22 🔊 Captions ⛶", True),  # a row of controls, its marks first
        ("How the new ferry was built Valley Radio · 2:22 Read transcript", True),  # a clip's title and its button
        ("He decided to play video games: chess, cards and more.", False),
        ("The 10:30 ferry left on time.", False),
        ("The captain said the crossing was calm and the captions on the new signs were clear.", False),
        ("Passengers can watch a video about the island's history in the lounge.", False),
    ],
)
def test_is_player_chrome(line: str, expected: bool) -> None:
    assert is_player_chrome(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('&lt;span data-kind="marker" style="display: none;"&gt;&lt;/span&gt;', True),
        ('&amp;lt;div class="slot"&amp;gt;&amp;lt;/div&amp;gt;', True),  # escaped twice
        ("<br/>", True),
        ("Turnout rose to <5% in the north, where 3 > 2 parties stood.", False),
        ("<p>The ferry left at noon and reached the island an hour later.</p>", False),
        ("Q&amp;A: what the new timetable means for you", False),
    ],
)
def test_is_source_markup(line: str, expected: bool) -> None:
    """A page's HTML source shown as text is dropped; words with a tag or a "<" in them are not."""
    assert is_source_markup(line) is expected


def _dated_page(head: str = "", footer: str = "") -> str:
    return (
        f"<html><head><title>Ferry returns</title>{head}</head><body><article><h1>Ferry returns</h1>"
        + "".join(f"<p>{t}</p>" for t in STORY)
        + f"</article><footer>{footer}</footer></body></html>"
    )


def test_a_bare_year_in_the_footer_gives_no_date() -> None:
    """ "© 2021" is no day: the story is not dated 1 January."""
    doc = Document(source="page.html", stem="page", format="html", text=_dated_page(footer="© 2021 Island Press"))
    assert clean(doc).published is None


def test_a_first_of_january_the_markup_gives_stays() -> None:
    head = "<meta property='article:published_time' content='2021-01-01T09:00:00+00:00'>"
    doc = Document(source="page.html", stem="page", format="html", text=_dated_page(head, "© 2021 Island Press"))
    assert clean(doc).published == "2021-01-01"


def _titled(head: str, body: str) -> Document:
    html = f"<html><head>{head}</head><body>{body}<article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article></body></html>"
    return Document(source="page.html", stem="page", format="html", text=html)


SHOWN = "Island ferry back in service after two years of repairs"
SEARCH = "Island ferry returns"  # a shorter title written for search engines and sharing


@pytest.mark.parametrize(
    "head",
    [
        # the structured data names the headline the page shows
        f'<title>{SEARCH}</title><meta property="og:title" content="{SEARCH}">'
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{SHOWN}"}}</script>',
        # the page's own <title> opens with it, before the site's name
        f'<title>{SHOWN} | Island Gazette</title><meta property="og:title" content="{SEARCH}">',
    ],
)
def test_the_headline_the_page_shows_wins_over_a_shorter_title_for_search(head: str) -> None:
    article = clean(_titled(head, f"<h1 class='site'>Island Gazette</h1><h1>{SHOWN}</h1>"))
    assert article.title == SHOWN
    assert [b.text for b in article.blocks] == STORY


@pytest.mark.parametrize(
    "title",
    [
        "Ferry back in service, council says",  # the headline reworded for search engines
        f"Opinion: {SHOWN}",  # a section's label before it
        "Island ferry back in service",  # cut short
        SHOWN.replace("two", "2"),  # a word written another way
    ],
)
def test_an_h1_that_rewords_the_title_is_the_headline(title: str) -> None:
    head = f'<title>{title} | Island Gazette</title><meta property="og:title" content="{title}">'
    assert clean(_titled(head, f"<h1>{SHOWN}</h1>")).title == SHOWN


@pytest.mark.parametrize("h1", [f"Travel | {SHOWN}", f"<span>Travel</span>\n<span>{SHOWN}</span>",
                                f"<span>Travel</span><br><span>{SHOWN}</span>"])
def test_an_h1_holding_a_section_beside_the_headline_does_not_replace_the_title(h1: str) -> None:
    head = '<title>Island ferry back in service | Island Gazette</title>'
    head += '<meta property="og:title" content="Island ferry back in service">'
    assert clean(_titled(head, f"<h1>{h1}</h1>")).title == "Island ferry back in service"


def test_a_mastheads_h1_sharing_small_words_with_the_title_is_not_the_headline() -> None:
    """ "The Island Gazette" shares "the" and "Island" with "The Island ferry returns": not the same headline."""
    head = ('<title>The Island ferry returns | Island Gazette</title>'
            '<meta property="og:title" content="The Island ferry returns">')
    assert clean(_titled(head, "<h1>The Island Gazette</h1>")).title == "The Island ferry returns"


def test_an_h1_nothing_else_on_the_page_agrees_with_does_not_replace_the_title() -> None:
    head = f'<title>{SEARCH} | Island Gazette</title><meta property="og:title" content="{SEARCH}">'
    assert clean(_titled(head, "<h1>Sailing times and fares for the week ahead</h1>")).title == SEARCH


MENU = ["Home", "Local News", "Sports", "Obituaries", "Opinion", "Church News", "Calendar", "Classifieds",
        "Photo Gallery", "Archives", "Contact Us", "Subscribe"]



def _table_layout_page() -> Document:
    """The story as text between <br>s in one cell, beside a menu column, as old small sites laid pages out."""
    menu = "<table>" + "".join(f"<tr><td><a href='/{i}'><font size=2>{m}</font></a></td></tr>" for i, m in enumerate(MENU))
    menu += "</table>"
    story = "<br><br>".join(STORY)
    html = (
        "<html><head><title>Ferry back in service after repairs</title></head><body>"
        "<table width=760><tr><td colspan=2><font size=6>The Harbour Weekly</font></td></tr>"
        f"<tr><td width=140 valign=top>{menu}</td><td valign=top>"
        "<font size=5><b>Ferry back in service after repairs</b></font><br>"
        f"<font size=2>Posted: Thursday, March 4, 2021</font><br><br><font size=3>{story}</font></td></tr>"
        "<tr><td colspan=2><font size=1>Home | Sports | Classifieds | Contact Us</font><br>"
        "Copyright 2021 The Harbour Weekly. All rights reserved.</td></tr></table></body></html>"
    )
    return Document(source="weekly.html", stem="weekly", format="html", text=html)


def test_an_old_table_layout_page_is_read_for_its_story_not_its_menus() -> None:
    """The extractors take the whole page, so it is read as a browser's copy of it would be, and the
    pasted-text rules find the story."""
    texts = [b.text for b in clean(_table_layout_page()).blocks]
    assert [t for t in texts if t in STORY] == STORY
    assert not any(item in texts for item in MENU)


def test_when_the_page_as_pasted_holds_no_story_the_extractors_article_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole-page fallback gives way when the pasted-text rules find no story in the rendering
    either (here the rendering is made to hold the menu alone): the extractors' pick is read."""
    import narrate.clean as clean_stage

    monkeypatch.setattr(clean_stage, "page_as_pasted", lambda page: "\n".join(MENU))
    texts = "\n".join(b.text for b in clean(_table_layout_page()).blocks)
    assert all(sentence in texts for sentence in STORY)



# A story long enough that the picture's caption, all the markup shows of it, is under a tenth of it.
LONG_STORY = [
    f"On day {n} of the new timetable the ferry carried {40 + 7 * n} passengers across the sound, "
    f"and the crew said the {['morning', 'noon', 'evening'][n % 3]} crossing was the busiest of the week."
    for n in range(1, 25)
]
CAPTION = (
    "The new harbour ferry waits at the quay on its first morning in service, with the island's hills behind "
    "it and a queue of passengers, bicycles and delivery vans lined up along the harbour wall for the crossing, "
    "while the harbour master checks the tickets at the foot of the gangway"
)  # longer than trafilatura's own floor for trying other ways (250 characters), so it tries none


def _scripted_page(article_body: str, shown: str = "") -> Document:
    """A page whose script draws the story: the markup holds only the picture's caption, and the
    structured data holds the text (`articleBody`, inside a graph of the page's things)."""
    import json

    article = {"@type": "NewsArticle", "headline": "Ferry back in service after repairs", "articleBody": article_body}
    data = json.dumps({"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, article]})
    html = (
        "<html><head><title>Ferry back in service after repairs</title>"
        f"<script type='application/ld+json'>{data}</script></head><body>"
        f"<h1>Ferry back in service after repairs</h1><p>{CAPTION}</p>"
        f"<div id='app'>{shown}</div></body></html>"
    )
    return Document(source="scripted.html", stem="scripted", format="html", text=html)


def test_a_story_drawn_by_script_is_read_from_the_pages_structured_data() -> None:
    article = clean(_scripted_page("\n".join(LONG_STORY)))
    assert [b.text for b in article.blocks] == LONG_STORY


def test_the_structured_data_is_not_read_when_the_page_shows_the_story() -> None:
    summary = "The harbour ferry is back."  # a site's short summary in articleBody: the page's own text wins
    article = clean(_scripted_page(summary, "".join(f"<p>{t}</p>" for t in STORY)))
    assert [b.text for b in article.blocks if b.text != CAPTION] == STORY


def test_the_structured_datas_headline_is_read_as_json_so_an_escaped_letter_does_not_hide_it() -> None:
    import json

    shown = "Islanders’ ferry back in service after two years of repairs"  # a curly apostrophe, escaped in JSON
    data = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": shown})
    head = f'<title>{SEARCH}</title><meta property="og:title" content="{SEARCH}"><script type="application/ld+json">{data}</script>'
    assert "\\u2019" in data
    assert clean(_titled(head, f"<h1>{shown}</h1>")).title == shown


def test_a_title_written_as_the_pages_path_gives_its_last_step(tmp_path) -> None:
    # An old blog's <title> is "Site » Blog Archive » Headline" and its <h1> the site's name; the post's
    # headline stands in an <h2>. The headline is the path's last step, not the site's name.
    from narrate.clean import clean
    from narrate.read import read

    body = "".join(
        f"<p>{p}</p>" for p in (
            "The camera came from a car boot sale in March, its shutter stuck and its bellows full of dust.",
            "Forty hours, two kits and a great deal of black cloth tape later, it takes pictures again.",
            "The lens was the easy part: a drop of lighter fluid on the blades and a day of patience.",
        )
    )
    page = tmp_path / "post.html"
    page.write_text(
        "<html><head><title>Shutter Notes &raquo; Blog Archive &raquo; Bringing an old folding camera back to life"
        "</title></head><body><h1>Shutter Notes</h1><div class='post'><h2>Bringing an old folding camera back "
        f"to life</h2><div class='entry'>{body}</div></div></body></html>"
    )
    assert clean(read(str(page))).title == "Bringing an old folding camera back to life"
    # A blog's <title> "Blog Name: Post title", the blog's name in the <h1>: the post's title is the headline.
    page.write_text(
        "<html><head><title>Shutter Notes: Bringing an old folding camera back to life</title></head><body>"
        "<h1>Shutter Notes</h1><div class='post'><h3>Bringing an old folding camera back to life</h3>"
        f"<div class='entry'>{body}</div></div></body></html>"
    )
    assert clean(read(str(page))).title == "Bringing an old folding camera back to life"


def test_a_drop_cap_set_apart_goes_back_into_its_paragraph() -> None:
    first = "he harbour ferry carried its first passengers across the bay on Monday after two years of repairs."
    body = ("<article><h1>Ferry returns to the island</h1><div><span class='cap'>T</span><p><a href='/ferry'>"
            + first.split()[0] + "</a> " + first.split(" ", 1)[1] + "</p>" + "".join(f"<p>{t}</p>" for t in STORY[1:])
            + "</article>")
    assert _spoken(body)[0] == "T" + first


def _table_laid_out(title: str = "Ferry back in service after repairs", bold: bool = False) -> Document:
    """An old page laid out in tables: the site's name and menu in the top row, the story in the main
    cell (its headline, in an <h1> or in bold type, a timetable, the byline in a table of its own, the paragraphs) and a
    fares table in the right-hand cell."""
    def row(cells: list[str]) -> str:
        return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    times = ("<table class='times'>" + row(["", "Mon", "Tue", "Wed"]) + row(["First", "7.15", "7.15", "7.30"])
             + row(["Last", "18.40", "18.40", "19.00"]) + "</table>")
    fares = ("<table class='fares'>" + row(["Adult", "4.50"]) + row(["Child", "2.00"]) + row(["Car", "18.00"])
             + "</table>")
    headline = "Ferry back in service after repairs"
    headline = f"<font size=5><b>{headline}</b></font>" if bold else f"<h1>{headline}</h1>"
    return Document(source="old.html", stem="old", format="html", text=(
        f"<html><head><title>{title}</title></head><body><table width=980 id=outer>"
        "<tr><td colspan=2><table><tr><td><img alt='The Harbour Weekly'></td><td>" + " | ".join(MENU) + "</td></tr>"
        "</table></td></tr><tr valign=top><td width=650 id=main>" + headline + times
        + "<table class='meta'><tr><td>Tomas Reyd<br>Staff Writer</td><td>March 4, 2009</td></tr></table>"
        + "".join(f"<p>{t}</p>" for t in STORY)
        + "</td><td width=330 id=right><b>Fares</b>" + fares + "</td></tr>"
        "<tr><td colspan=2>© 2009 The Harbour Weekly. All rights reserved.</td></tr></table></body></html>"
    ))


def test_a_page_laid_out_in_tables_is_read_as_its_boxes() -> None:
    """The story in one cell of the page's layout table is read, as its paragraphs, and not the menu or the
    fares in the other cells."""
    said = [b.text for b in clean(_table_laid_out()).blocks]
    assert said == STORY


def test_the_headline_after_the_sites_name_in_the_title() -> None:
    """ "The Harbour Weekly - Ferry back in service after repairs": the metadata reads the site's name
    first; the story opens with the rest, which is the headline."""
    page = _table_laid_out("The Harbour Weekly - Ferry back in service after repairs", bold=True)
    assert clean(page).title == "Ferry back in service after repairs"


def test_the_headline_after_the_sites_name_and_a_section_in_the_title() -> None:
    """ "The Harbour Weekly - News - Ferry back in service after repairs": the headline is the title's last part."""
    page = _table_laid_out("The Harbour Weekly - News - Ferry back in service after repairs", bold=True)
    assert clean(page).title == "Ferry back in service after repairs"


def test_the_headline_after_the_sites_name_when_no_pick_opens_with_it_but_the_page_shows_it() -> None:
    """An old page's headline in bold type that no extractor picked: the page shows the title's rest as a line
    of its own (not only as a link in a list of stories)."""
    import lxml.html

    from narrate.clean.html import _headline_after_site

    title = "The Harbour Weekly - Ferry back in service after repairs"
    shown = lxml.html.fromstring("<html><body><table><tr><td><font size=5><b>Ferry back in service after repairs"
                                 "</b></font></td></tr></table><p>Story.</p></body></html>")
    linked = lxml.html.fromstring("<html><body><ol><li><a href='/1'>Ferry back in service after repairs</a></li>"
                                  "</ol></body></html>")
    assert _headline_after_site(title, "The Harbour Weekly", [], tree=shown) == "Ferry back in service after repairs"
    assert _headline_after_site(title, "The Harbour Weekly", [], tree=linked) == "The Harbour Weekly"


def test_a_site_name_and_a_headline_read_the_wrong_way_round_are_swapped() -> None:
    import lxml.html

    from narrate.clean.html import _swapped

    tree = lxml.html.fromstring("<html><body><h1 id='logo'>Harbour Weekly</h1>"
                                "<h1>Ferry back in service after repairs</h1></body></html>")
    page_title = "Ferry back in service after repairs - HarbourWeekly.example"
    assert _swapped(tree, page_title, "Harbour Weekly", "Ferry back in service after repairs")
    assert not _swapped(tree, page_title, "Ferry back in service after repairs", "Harbour Weekly")


def test_a_blogs_post_title_under_its_h1_is_where_the_byline_is_looked_for() -> None:
    """A blog's <h1> is its own name; the post's title is an <h3>, and the lines under that are the post's.
    The date above the post's title is not beside a name: the title itself is none."""
    import lxml.html

    from narrate.clean.html import lines_under_headline

    title = "Ferry back in service after repairs"
    tree = lxml.html.fromstring(
        "<html><body><h1>Harbour Notes</h1><p>Boats, tides and the odd storm.</p><h2>Saturday, 6 March 2021</h2>"
        f"<h3>{title}</h3><div class='post-header'><span>Posted by Tomas Reyd</span></div>"
        + "".join(f"<p>{t}</p>" for t in STORY) + "</body></html>"
    )
    assert lines_under_headline(tree, title)[:2] == ["Posted by Tomas Reyd", STORY[0]]


def test_an_old_page_with_its_headline_in_bold_shows_its_byline_under_it() -> None:
    """A page with no <h1> sets its headline in a big bold font; the byline is looked for under that."""
    page = _table_laid_out(bold=True)
    page = Document(source=page.source, stem=page.stem, format="html", text=page.text.replace(
        "<tr><td>Tomas Reyd<br>Staff Writer</td>",
        "<tr><td><font size=1>By Ines Calloway<br>Thursday, 4 March 2009</font></td>"))
    assert clean(page).byline == "Ines Calloway"


def test_a_masthead_above_the_headline_keeps_the_headline_first_in_the_title() -> None:
    """ "Ferry back in service after repairs - The Harbour Weekly and Island Advertiser": the longer part is
    the site's name, and the pick shows it above the headline, as a masthead."""
    site = "The Harbour Weekly and Island Advertiser"
    page = _table_laid_out(f"Ferry back in service after repairs - {site}", bold=True)
    page = Document(source=page.source, stem=page.stem, format="html",
                    text=page.text.replace("<td width=650 id=main>", f"<td width=650 id=main><p>{site}</p>"))
    assert clean(page).title == "Ferry back in service after repairs"


def test_a_line_break_inside_a_line_is_a_space() -> None:
    import lxml.html

    from narrate.clean.blocks import text_of

    assert text_of(lxml.html.fromstring("<p>By Tomas Reyd<br>Staff Writer</p>")) == "By Tomas Reyd Staff Writer"


UPDATES = [
    ("9:02", None, [
        "The ferry operator opened the new terminal to the public at nine, an hour earlier than planned.",
        "Queues had formed along the harbour wall since before dawn, many carrying flasks of tea."]),
    ("9:20", "The first crossing", [
        "The first boat left at twenty past nine with every seat taken and a brass band on the quay.",
        "The new ferry is quieter and faster than the old one, and its main features are these:"]),
    ("9:41", None, [
        "The operator says the timetable will run every forty minutes through the summer season from May."]),
    ("10:05", "Fares and tickets", [
        "The council has set the fares for the first year, and they will not change until the spring.",
        "Islanders with a resident's card will travel free on the early sailings, the council said."]),
    ("10:30", None, [
        "The harbour master said the quay would stay closed to private boats until the end of the day."]),
    ("10:52", None, [
        "That is all from the quay for today, and a full report on the opening will follow this evening."]),
]
SPECS = ["Two hundred seats on two decks", "A crossing of forty minutes instead of an hour",
         "Room for twenty-four cars and a lorry"]


def _live_blog() -> Document:
    """Six updates; a box of related links and a video between two of them."""
    entries = []
    for n, (time, heading, paras) in enumerate(UPDATES):
        body = f"<h2 class='e-title'>{heading}</h2>" if heading else ""
        body += "".join(f"<p class='x{n}'>{p}</p>" for p in paras)
        if n == 1:
            body += "<ul class='specs'>" + "".join(f"<li class='s'>{s}</li>" for s in SPECS) + "</ul>"
        entries.append(f"<div class='c-{n}a' data-entry='{n}'><div class='c-meta'><time>{time}</time>"
                       f"<span>Mara Quist</span></div><div class='c-body'>{body}</div>"
                       "<div class='c-tools'><button>Share</button></div></div>")
    related = ("<div class='c-rel'><h3>Related</h3><ul>" + "".join(
        f"<li><a href='/r{i}'>Older story about the harbour number {i}</a></li>" for i in range(3)) + "</ul></div>")
    video = ("<div class='c-video'><div class='c-player'><button>Play</button></div><span>Watch</span>"
             "<h3>The new ferry's first crossing from the air</h3><span>Video: Harbour Weekly</span></div>")
    entries.insert(4, related)
    entries.insert(6, video)
    html = ("<html><head><title>Ferry terminal opens - live</title></head><body><div class='c-root'>"
            "<h1>Ferry terminal opens - live</h1><div class='c-list'>" + "".join(entries)
            + "</div></div></body></html>")
    return Document(source="live.html", stem="live", format="html", text=html)


def test_an_updates_heading_and_list_the_extractors_left_out_are_read_where_they_stand() -> None:
    """A live blog drawn by CSS classes, which trafilatura reads for its paragraphs alone: each update's
    heading and the list under a paragraph go back between the paragraphs they stand between, but not a
    list of links to other stories, nor a video's title with its credit under it."""
    said = [b.text for b in clean(_live_blog()).blocks]
    assert "The first crossing" in said and "Fares and tickets" in said
    assert all(s in said for s in SPECS)
    assert said.index("The first crossing") < said.index(UPDATES[1][2][0]) < said.index(SPECS[0])
    assert said.index(SPECS[-1]) < said.index(UPDATES[2][2][0])  # the list where it stands, before the next update
    assert said.index(UPDATES[2][2][0]) < said.index("Fares and tickets") < said.index(UPDATES[3][2][0])
    assert len(said) == len(set(said))  # nothing twice
    assert not any("Older story" in s for s in said)
    assert "The new ferry's first crossing from the air" not in said


def test_a_list_put_back_is_read_once_however_the_page_spaces_it() -> None:
    """A list item the page breaks with a <br>, or runs on from its bold label, is the item an extractor has
    with a space: it is not put back beside it."""
    import lxml.html

    from narrate.clean.gaps import fill_gaps, page_leaves

    page = lxml.html.fromstring(
        f"<html><body><p>{STORY[0]}</p><ul><li>Two hundred seats<br>on two decks</li><li><b>Cars:</b>twenty-four"
        f"</li></ul><p>{STORY[1]}</p></body></html>"
    )
    picked = [P(STORY[0]), P("Two hundred seats on two decks"), P("Cars: twenty-four"), P(STORY[1])]
    assert fill_gaps(picked, page_leaves(page)) == picked


def test_items_of_a_list_inside_another_are_not_put_back_without_the_items_they_belong_to() -> None:
    import lxml.html

    from narrate.clean.gaps import fill_gaps, page_leaves

    page = lxml.html.fromstring(
        f"<html><body><p>{STORY[0]}</p><ul><li>Seats on the upper deck:<ul><li>Two hundred</li>"
        f"<li>All facing forward</li></ul></li><li>Cars:<ul><li>Twenty-four</li></ul></li></ul>"
        f"<p>{STORY[1]}</p></body></html>"
    )
    assert fill_gaps([P(STORY[0]), P(STORY[1])], page_leaves(page)) == [P(STORY[0]), P(STORY[1])]


def test_the_writer_the_json_ld_names_is_declared_however_it_is_escaped_or_spaced() -> None:
    from trafilatura.utils import load_html

    from narrate.clean.html import _declared, _structured_data

    ld = ('<script type="application/ld+json">{"author": [{"name": "Jos\\u00e9 Garc\\u00eda"},'
          ' {"name": "J.K. Ward"}]}</script>')
    tree = load_html(f"<html><head>{ld}</head><body><p>{STORY[0]}</p></body></html>")
    names = _structured_data(tree)[0]["name"]
    assert _declared(tree, "José García and J K Ward", names)
    assert not _declared(tree, "Omar Haddad", names)


def test_gallery_titles_one_over_another_are_not_put_back_between_paragraphs() -> None:
    import lxml.html

    from narrate.clean.gaps import fill_gaps, page_leaves

    first, second = STORY[0], STORY[1]
    page = lxml.html.fromstring(
        f"<html><body><p>{first}</p><div class=gallery><div><img src=a.jpg><h3>The queue at the pier</h3></div>"
        f"<div><img src=b.jpg><h3>The band on the quay</h3></div></div><p>{second}</p>"
        f"<h2>What happens next</h2><p>{STORY[2]}</p></body></html>"
    )
    blocks = [P(first), P(second), P(STORY[2])]
    assert [b.text for b in fill_gaps(blocks, page_leaves(page))] == [first, second, "What happens next", STORY[2]]


def _signed_page(head: str, under: str, after: str = "") -> Document:
    """A story with `head` in its <head>, `under` its headline and `after` it."""
    html = (f"<html><head><title>Ferry returns to the island</title>{head}</head><body><article>"
            f"<h1>Ferry returns to the island</h1>{under}" + "".join(f"<p>{t}</p>" for t in STORY)
            + f"</article>{after}</body></html>")
    return Document(source="page.html", stem="page", format="html", text=html)


def test_a_person_the_page_shows_wins_over_a_desk_in_its_metadata() -> None:
    page = _signed_page('<meta name="author" content="Press Office">', "<p>By Jane Morrow</p><p>March 4, 2021</p>")
    assert clean(page).byline == "Jane Morrow"


def test_a_person_shown_with_her_job_beside_her_name_wins_over_a_desk_in_the_metadata() -> None:
    byline = ('<div><a href="/author/jane-morrow/">Jane Morrow</a> <span>Senior Reporter</span></div>'
              "<p>March 4, 2021</p>")
    page = _signed_page('<meta name="author" content="Harbour Staff">', byline)
    assert clean(page).byline == "Jane Morrow"


def test_a_byline_from_a_card_of_another_story_gives_way_to_the_writer_shown_under_the_headline() -> None:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry returns to the island",'
          ' "author": {"@type": "Organization", "name": "Harbour Weekly"}}</script>')
    cards = ("<aside><h2>More from Harbour Weekly</h2><div class='card'><a href='/x'>Lighthouse keepers return</a>"
             "<div class='card-byline'><span class='author'>Omar Haddad</span></div></div></aside>")
    page = _signed_page(ld, "<div class='meta'><div>Jane Morrow</div><div>March 4, 2021</div></div>", cards)
    assert clean(page).byline == "Jane Morrow"


def test_writers_the_story_names_at_its_foot_win_over_the_desk_in_the_pages_metadata() -> None:
    credit = "<p>This article was written by Jane Morrow and Omar Haddad.</p>"
    page = _signed_page('<meta name="author" content="Harbour Weekly News Desk">', "<p>News Desk</p>")
    page = Document(source=page.source, stem=page.stem, format="html",
                    text=page.text.replace("</article>", credit + "</article>"))
    assert clean(page).byline == "Jane Morrow and Omar Haddad"


def test_the_writers_sign_off_under_the_story_wins_over_the_desk_in_the_pages_metadata() -> None:
    page = _signed_page('<meta name="author" content="Harbour Health Desk">', "<p>March 4, 2021</p>")
    sign_off = "<p><em>— Jane Morrow is our health correspondent</em></p>"
    page = Document(source=page.source, stem=page.stem, format="html",
                    text=page.text.replace("</article>", sign_off + "</article>"))
    article = clean(page)
    assert article.byline == "Jane Morrow"
    assert [b.text for b in article.blocks] == STORY


def test_a_writer_shown_under_a_lower_headline_wins_over_the_sites_own_section_in_its_metadata() -> None:
    """A page without an <h1> (some set their headline in an <h2>) whose metadata credits one of the site's
    sections ("Harbour Weekly Sport" on Harbour Weekly): the writer the page shows under the headline."""
    head = '<meta name="author" content="Harbour Weekly Sport"><meta property="og:site_name" content="Harbour Weekly">'
    page = _signed_page(head, "<div class='byline'>By <a href='/p/jm'>JANE MORROW</a> FOR HARBOUR WEEKLY</div>")
    page = Document(source=page.source, stem=page.stem, format="html",
                    text=page.text.replace("h1>", "h2>"))
    assert clean(page).byline == "JANE MORROW"
    # the site's name alone, or a section of another site, is no desk of this one
    from narrate.clean.page_metadata import is_site_desk

    assert is_site_desk("Harbour Weekly Sport", "Harbour Weekly")
    assert not is_site_desk("Harbour Weekly", "Harbour Weekly")
    assert not is_site_desk("Island Wire Sport", "Harbour Weekly")


def test_a_page_of_frames_has_no_article_and_says_so() -> None:
    from narrate.errors import InputError

    frames = ('<html><head><title>Ferry news</title></head><frameset cols="50%,50%"><frame src="a.html">'
              '<frame src="b.html"></frameset></html>')
    with pytest.raises(InputError, match="no article found"):
        clean(Document(source="frames.html", stem="frames", format="html", text=frames))


def test_the_summary_shown_under_the_headline_at_the_page_top_is_read_as_the_standfirst() -> None:
    """The page's top holds its headline and its summary (the same words as its metadata's description);
    the story's own box holds the rest. The extractors read the box alone."""
    summary = "The island's new ferry is running at last, two years late, and fares hold until spring"
    html = (f'<html><head><title>Ferry returns to the island</title><meta name="description" content="{summary}">'
            f"</head><body><div class='top'><div class='crumbs'><a href='/'>Home</a> <a href='/news'>News</a></div>"
            f"<h1>Ferry returns to the island</h1><p class='dek'>{summary}</p></div>"
            "<main><article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article></main>"
            "<footer><p>Harbour Weekly, 1 Quay Street</p></footer></body></html>")
    article = clean(Document(source="page.html", stem="page", format="html", text=html))
    segments = split(article)
    assert [s.kind for s in segments[:3]] == ["headline", "standfirst", "body"]
    assert segments[1].text == summary
    assert [s.text for s in segments].count(summary) == 1


def test_a_sites_tagline_under_its_linked_name_is_no_standfirst() -> None:
    tagline = "News and views from the harbour towns since 1921, for readers at home and away"
    html = (f'<html><head><title>Ferry returns to the island</title><meta name="description" content="{tagline}">'
            f"</head><body><div class='brand'><h1><a href='/'>Harbour Weekly</a></h1><p>{tagline}</p></div>"
            "<main><article><h1>Ferry returns to the island</h1>" + "".join(f"<p>{t}</p>" for t in STORY)
            + "</article></main></body></html>")
    said = [s.text for s in split(clean(Document(source="page.html", stem="page", format="html", text=html)))]
    assert tagline not in said


def test_a_summary_the_page_shows_only_in_a_list_of_other_stories_is_not_read() -> None:
    summary = "The island's new ferry is running at last, two years late, and fares hold until spring"
    html = (f'<html><head><title>Ferry returns to the island</title><meta name="description" content="{summary}">'
            "</head><body><main><article><h1>Ferry returns to the island</h1>"
            + "".join(f"<p>{t}</p>" for t in STORY)
            + f"</article></main><aside><h2>Most read</h2><ul><li>{summary}</li></ul></aside></body></html>")
    said = [s.text for s in split(clean(Document(source="page.html", stem="page", format="html", text=html)))]
    assert summary not in said


def test_every_entry_of_a_live_blog_is_read_when_the_extractors_pick_only_some() -> None:
    """A live blog's entries are boxes of one kind side by side. trafilatura reads the first as the story and
    readability-lxml the longest; the others, with prose in them, are the story's too, but not a box of links
    beside them."""
    updates = [
        ("Ferry timetable restored", [
            "The harbour ferry is back on its full timetable from this afternoon, the operator confirmed in a short "
            "statement posted at the terminal shortly after noon.",
            "Passengers holding tickets for the cancelled morning crossings can use them on any sailing today or "
            "tomorrow, or ask for a refund at the ticket office."]),
        ("Pier reopens to walkers", [
            "Council workers have reopened the north pier to walkers after spending the morning clearing seaweed, "
            "stones and broken fencing left behind by the storm.",
            "The south pier stays closed while engineers check the railings along its seaward side, which took "
            "the full force of the waves overnight."]),
        ("Islanders queue for supplies", [
            "A long queue formed outside the island shop as the first delivery in three days arrived on the "
            "lunchtime boat, with some people waiting for over an hour.",
            "The shopkeeper said bread and milk had sold out within an hour of the ferry docking, and that she "
            "had limited each family to two loaves.",
            "Another boat carrying fresh food and bottled water is due to reach the island early tomorrow "
            "morning if the weather holds as forecast.",
            "Neighbours have been sharing what they have with older islanders who could not make it down the "
            "hill to the harbour in the wind and rain."]),
        ("Welcome to our live coverage", [
            "Good morning and welcome to our live coverage of the storm as it moves slowly away from the coast "
            "and the clear-up begins across the islands.",
            "We will bring you the latest on ferries, roads, schools and power cuts throughout the day, with "
            "reports from our team on the islands."]),
    ]
    entries = "".join(
        f"<article class='entry'><header><time>{10 + n}:00</time> <span>Jane Morrow</span></header>"
        f"<div class='entry-body'><h3>{title}</h3>" + "".join(f"<p>{t}</p>" for t in paragraphs)
        + "</div><footer><button>Share</button></footer></article>"
        for n, (title, paragraphs) in enumerate(updates)
    )
    links = "<div class='promo'><h4>Read more</h4><ul><li><a href='/a'>How storms are named</a></li></ul></div>"
    html = (f"<html><head><title>Storm live: ferries back as the coast clears up</title></head><body><main>"
            f"<h1>Storm live: ferries back as the coast clears up</h1><section class='feed'>{entries}{links}"
            "</section></main></body></html>")
    spoken = [b.text for b in clean(Document(source="live.html", stem="live", format="html", text=html)).blocks]
    assert spoken == [text for title, paragraphs in updates for text in (title, *paragraphs)]


def test_the_headline_the_pages_microdata_marks_is_read_over_a_search_engines_title() -> None:
    shown = "Ferry service saved after islanders raise the money in a week"
    page = _signed_page('<meta property="og:title" content="Island ferry to keep running as appeal hits target">',
                        "<p>March 4, 2021</p>")
    marked = page.text.replace("<h1>Ferry returns to the island</h1>", f'<h1 itemprop="headline">{shown}</h1>')
    page = Document(source=page.source, stem=page.stem, format="html", text=marked)
    assert clean(page).title == shown


def test_a_code_example_in_a_box_beside_the_storys_boxes_is_not_put_back() -> None:
    from narrate.clean.gaps import Leaf, whole_entries

    first, second = P(STORY[0]), P(STORY[1])
    leaves = [Leaf("p", STORY[0], False, False, (0, 0)), Leaf("p", STORY[1], False, False, (0, 1)),
              Leaf("p", "The harbour master explained how the new timetable is worked out each week.", False, False,
                   (0, 2)),
              Leaf("p", "ferries <- data.frame(port = c(1, 2), # the timetable\n sailings = c(4, 6))", False, False,
                   (0, 2))]
    assert [b.text for b in whole_entries([first, second], leaves)] == [STORY[0], STORY[1], leaves[2].text]


def test_readers_comments_under_a_counted_heading_end_an_extractors_story() -> None:
    """Comments in an old table layout that the extractors kept: their heading counts them, and their
    prose reuses the story's words, so it must not read as the story going on under a box."""
    page = "".join(f"<p>{t}</p>" for t in STORY)
    comments = (
        "<table><tr><td><b>Have your say (2 comments)</b></td></tr>"
        "<tr><td><b>Harbourmum</b>, Quayside wrote:</td></tr>"
        "<tr><td>The ferry crossing was late again on Tuesday and the islanders waited at the pier for an hour."
        "</td></tr>"
        "<tr><td><b>J. Tarrant</b>, Northgate wrote:</td></tr>"
        "<tr><td>Fares should stay the same all year, the council promised islanders that at the quay."
        "</td></tr></table>"
    )
    html = (f"<html><head><title>Harbour ferry returns</title></head><body><h1>Harbour ferry returns</h1>"
            f"<table><tr><td>{page}<p>Related stories</p>{comments}</td></tr></table></body></html>")
    text = [s.text for s in split(clean(Document(source="ferry.html", stem="ferry", format="html", text=html)))]
    assert text[-1] == STORY[-1]
    assert not any("wrote:" in t or "Tuesday" in t for t in text)


def test_a_caption_the_markup_names_beside_its_picture_is_not_read() -> None:
    """A blog theme's caption cell under a picture, and a CMS's caption paragraph: the markup says what they
    are."""
    caption = "The old ferry at the quay on its last morning, its flags out for the crossing."
    pictured = (f'<table class="tr-caption-container"><tr><td><img src="ferry.jpg"></td></tr>'
                f'<tr><td class="tr-caption">{caption}</td></tr></table>')
    second = "The ticket office, closed since the spring, with its timetable still in the window."
    cms = f'<div class="wp-caption"><img src="office.jpg"><p class="wp-caption-text">{second}</p></div>'
    body = "".join(f"<p>{t}</p>" for t in STORY[:3]) + pictured + "".join(f"<p>{t}</p>" for t in STORY[3:5]) + cms
    styled = f"<p>{STORY[5]}</p>"
    html = (f"<html><head><title>Harbour ferry returns</title></head><body><article><h1>Harbour ferry returns</h1>"
            f"{body}{styled}</article></body></html>")
    article = clean(Document(source="ferry.html", stem="ferry", format="html", text=html))
    text = "\n".join(s.text for s in split(article))
    assert STORY[0] in text and STORY[5] in text
    assert caption not in text and second not in text


def test_a_fact_box_the_markup_names_is_not_read_but_a_story_so_named_is() -> None:
    """A company's figures in a box set in the story ("factbox", as many CMSes name it) are not the story;
    a page whose whole story sits in such a box keeps it."""
    box = ('<div class="embed embed--factbox"><h3 class="factbox__title">The ferry company in numbers</h3><ul>'
           "<li>Boats: four, one of them new this year</li><li>Crossings a day: eighteen in the summer</li>"
           "<li>Staff: sixty, most of them islanders</li></ul></div>")
    body = "".join(f"<p>{t}</p>" for t in STORY[:3]) + box + "".join(f"<p>{t}</p>" for t in STORY[3:])
    text = "\n".join(_spoken(f"<article><h1>Ferry returns to the island</h1>{body}</article>"))
    assert STORY[0] in text and STORY[-1] in text
    assert "in numbers" not in text and "Crossings a day" not in text
    whole = "".join(f"<p>{t}</p>" for t in STORY)
    boxed = _spoken(f'<h1>Ferry returns to the island</h1><div class="story-factbox">{whole}</div>')
    assert STORY[0] in boxed and STORY[-1] in boxed


def test_a_box_of_facts_the_markup_names_otherwise_is_not_read() -> None:
    """ "callout--facts", "match-facts", "factfile": other names CMSes give the same box."""
    for name in ("callout callout--facts", "match-facts", "factfile"):
        box = (f'<div class="{name}"><h3>At the quay</h3><ul><li>Boats: four, one of them new this year</li>'
               "<li>Crossings a day: eighteen in the summer</li><li>Staff: sixty, most of them islanders</li></ul></div>")
        body = "".join(f"<p>{t}</p>" for t in STORY[:3]) + box + "".join(f"<p>{t}</p>" for t in STORY[3:])
        text = "\n".join(_spoken(f"<article><h1>Ferry returns to the island</h1>{body}</article>"))
        assert STORY[0] in text and STORY[-1] in text
        assert "Crossings a day" not in text, name


def test_a_list_of_other_posts_excerpts_is_not_read_but_the_storys_own_cut_quotes_are() -> None:
    """"You may also like": each item a linked title, then that post's first words cut short with an
    ellipsis. The story's own list of unfinished answers has no link to open each item, and stays."""
    related = "".join(
        f'<li><a href="/{n}">{title}</a> <small>{opening} ...</small></li>' for n, (title, opening) in enumerate([
            ("Night buses return to the valley", "After two winters without a late service, the council has"),
            ("The bakery that never closed", "For forty years the ovens on Mill Street have been lit before"),
            ("A harbour wall, rebuilt by hand", "Stone by stone, a team of volunteers spent the summer on"),
            ("Why the tide tables changed", "Readers who noticed the new times in last week's paper asked"),
        ]))
    answers = ("<p>We asked passengers to finish one sentence: the crossing means…</p><ul>"
               "<li>“…the only way to see my grandchildren on a weekday.”</li>"
               "<li>“…that the shop has bread on a Monday, at last.”</li>"
               "<li>“…a job for my son, and for me a quieter road.”</li></ul>")
    body = "".join(f"<p>{t}</p>" for t in STORY[:4]) + answers + "".join(f"<p>{t}</p>" for t in STORY[4:])
    text = "\n".join(_spoken(f'<article><h1>Ferry returns to the island</h1>{body}'
                             f'<p><strong>You may also like:</strong></p><ol>{related}</ol></article>'))
    assert STORY[0] in text and STORY[-1] in text
    assert "quieter road" in text and "grandchildren" in text
    assert "Night buses" not in text and "ovens on Mill Street" not in text
