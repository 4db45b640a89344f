"""Pasted text: clutter read inside a story, each kind on a page written for the test.

None of these pages, names or sentences is taken from a benchmark page.
"""

from __future__ import annotations

import pytest

from narrate.article import Article, Document
from narrate.clean import clean
from narrate.clean.appeals import is_call_to_action
from narrate.clean.captions import is_posed_caption
from tests.pasted import MENU, clean_lines

HEADLINE = "Harbour town opens its new ferry terminal after two years of building"
STORY = [
    "The new ferry terminal at the harbour opened on Friday morning, two years after the old wooden shed was pulled down.",
    "Passengers queued from seven o'clock for the first crossing, and the harbour master handed out coffee on the quay.",
    "The terminal has a waiting room with large windows, a ticket office and a covered walkway down to the boats.",
    "The operator said the crossings would run every hour in summer and every two hours in the winter months.",
]


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Ana Ruiz, left, and Tom Bell cut the ribbon at the new terminal", True),
        ("The harbour master (right) with the first passengers of the day", True),
        ("From left: Ana Ruiz, Tom Bell and Mei Lin on the quay", True),
        ("The mayor, pictured at the opening in May, has led the council since 2019.", True),
        ("Ana Ruiz, speaking at a meeting of the harbour board", True),
        ("Ana Ruiz, the harbour master, standing on the new quay", True),
        # A story sentence reports, or names no place in a picture.
        ("Ana Ruiz, pictured, said the terminal would be finished by the spring.", False),
        ("Speaking at the opening, Ana Ruiz said the town had waited long enough.", False),
        ("The boat turned left, and the passengers waved from the deck.", False),
        ("Ana Ruiz, the harbour master, thanked the builders.", False),
        # The name is in capitals: a sentence that opens in lower-case words is no caption.
        ("With the new timetable, the ferry did better in the winter, standing up to the storms.", False),
    ],
)
def test_is_posed_caption(line: str, caption: bool) -> None:
    assert is_posed_caption(line) is caption


def test_a_caption_saying_who_stands_where_is_not_read() -> None:
    captions = [
        "Ana Ruiz, harbour master, left, and Tom Bell, chief engineer, open the doors of the new terminal",
        "Ana Ruiz, pictured at the quay in March, when the roof went on. Work on the walkway took another year",
    ]
    page = [*MENU, HEADLINE, STORY[0], captions[0], *STORY[1:3], captions[1], STORY[3], "Contact us"]
    article = clean_lines(page)
    assert article.title == HEADLINE
    assert [b.text for b in article.blocks] == STORY


@pytest.mark.parametrize(
    ("line", "call"),
    [
        ("Want more walks like this one? Join our rambling club.", True),
        ("Missed the launch? Watch it again on our channel", True),
        ("Hungry already? Add every ingredient to your basket in one go.", True),
        ("Locked out? Get help here.", True),
        # The story's own questions are answered by the story, not by the site.
        ("Why did the ferry stop running? The operator blamed the storms.", False),
        ("What next? The council will vote on the plan in May.", False),
        ("“Who could say no to that?” she asked.", False),
    ],
)
def test_is_call_to_action(line: str, call: bool) -> None:
    assert is_call_to_action(line) is call


def test_a_question_to_the_reader_with_what_to_do_is_not_read() -> None:
    page = [*MENU, HEADLINE, *STORY[:2], "Planning a trip? Download our timetable for the winter.", *STORY[2:],
            "Want more stories from the coast? Sign up to the weekly letter."]
    article = clean_lines(page)
    assert [b.text for b in article.blocks] == STORY


def _paste(blocks: list[list[str]]) -> Article:
    """A pasted page: blank lines between blocks of lines, as select-all and copy gives them."""
    text = "\n\n".join("\n".join(block) for block in blocks) + "\n"
    return clean(Document(source="page.txt", stem="page", format="text", text=text))


TEASERS = [
    "Mountain rescue team trains new dogs for the avalanche season",
    "Why the old lighthouse keeper still climbs two hundred steps every night",
    "City council delays vote on the new cycle lanes until spring",
    "Bakery on the high street wins a national prize for its rye bread",
]


MORE = [
    (
        "On the first morning the boats ran a few minutes late, because the new ramps were slower to lower than "
        "the crews had expected, but by noon every crossing left on time."
    ),
    (
        "Local shops along the quay said they had more customers than on any Friday since the summer, and the "
        "café next to the terminal ran out of bread before lunch."
    ),
    (
        "The harbour master said the old shed had been too small for years and that the new building would last "
        "for at least fifty years with ordinary care."
    ),
]


def test_a_list_of_other_stories_inside_the_story_is_not_read() -> None:
    # Four titles of other stories on lines of their own, with a short label above them, between
    # two paragraphs: the story goes on after them and none of them is read.
    page = [MENU, [HEADLINE], *([line] for line in STORY), ["Popular this week"], TEASERS,
            *([line] for line in MORE), ["Contact us"]]
    article = _paste(page)
    assert article.title == HEADLINE
    assert [b.text for b in article.blocks] == [*STORY, *MORE]


def test_a_list_the_story_introduces_or_bullets_is_read() -> None:
    findings = [
        "Passengers waited eleven minutes on average for a boat in the summer",
        "Two crossings in three left on time during the winter storms",
        "The new walkway halved the time it takes to board with a bicycle",
    ]
    intro = "The operator's report on the first year, published on Monday, found three things:"
    page = [MENU, [HEADLINE], [STORY[0]], [STORY[1]], [intro], findings, [STORY[2]], [STORY[3]]]
    assert [b.text for b in _paste(page).blocks] == [*STORY[:2], intro, *findings, *STORY[2:]]
    bulleted = [f"• {line}" for line in findings]
    page = [MENU, [HEADLINE], [STORY[0]], [STORY[1]], bulleted, [STORY[2]], [STORY[3]]]
    assert [b.text for b in _paste(page).blocks] == [*STORY[:2], *bulleted, *STORY[2:]]
