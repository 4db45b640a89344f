"""The HTML path: three extractors combined so that no one setting's collapse is heard.

Every page here is written for the test; none is taken from a benchmark page.
"""

from __future__ import annotations

from narrate.article import Block, Document
from narrate.clean import clean
from narrate.clean.html import combine, readability_blocks

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
