"""Tests for the split stage: who reads which words."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.article import Article, Block, Document, Segment
from narrate.clean import clean
from narrate.split import is_speech, split, split_paragraph

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "articles" / "north-korea-dud-shells.txt"

N = "narrator"
Q = "quote"


def _article(title: str, *blocks: Block) -> Article:
    return Article(source="story.txt", stem="story", title=title, blocks=tuple(blocks))


def P(text: str) -> Block:
    return Block("paragraph", text)


def H(text: str) -> Block:
    return Block("heading", text)


def body(text: str, paragraph: int) -> Segment:
    return Segment("body", N, text, paragraph)


def quote(text: str, paragraph: int) -> Segment:
    return Segment("quote", Q, text, paragraph)


# --------------------------------------------------------------------------
# The reference article, segment by segment
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def segments() -> list[Segment]:
    text = REFERENCE.read_text(encoding="utf-8")
    return split(clean(Document(str(REFERENCE), "north-korea-dud-shells", "text", text)))


def test_reference_headline_and_standfirst(segments: list[Segment]) -> None:
    assert segments[:2] == [
        Segment("headline", N, "North Korea has ‘given dud artillery shells to Russia’", 0),
        Segment(
            "standfirst",
            N,
            "According to Ukraine, more than half the 1.5 million rounds of ammunition that "
            "Kim Jong-un has sent to Vladimir Putin do not work, with many more than 50 years old",
            1,
        ),
    ]


def test_reference_segments_exactly(segments: list[Segment]) -> None:
    assert [(s.paragraph, s.kind, s.voice, s.text[:60]) for s in segments[2:]] == [
        (2, "body", N, "Kim Jong-un has given 1.5 million artillery shells to Vladim"),
        (3, "body", N, "According to Major General Vadym Skibitsky, deputy chief of "),
        (4, "quote", Q, "“As of today, taking into account the available statistics, "),
        (4, "body", N, "he told the Interfax-Ukraine news agency."),
        (4, "quote", Q, "“However, these shells were made in the Seventies and Eighti"),
        (5, "body", N, "He added,"),
        (5, "quote", Q, "“[North Korea] gives away old stuff … ramps up the domestic "),
        (6, "body", N, "Another senior Ukrainian intelligence officer, Lieutenant Ge"),
        (6, "quote", Q, "“This allowed Russia to breathe a little,”"),
        (6, "body", N, "he told the Financial Times."),
        (6, "quote", Q, "“Without their help, the situation would have been catastrop"),
        (7, "body", N, "Kim spent five days in Russia in September and met Putin at "),
        (8, "body", N, "How much that has amounted to is not clear, and those who ha"),
        (9, "quote", Q, "“While North Korea’s arms factories operate at 30 per cent c"),
        (9, "body", N, "the South Korean defence minister, Shin Won-sik, said last w"),
    ]


def test_reference_quote_texts_in_full(segments: list[Segment]) -> None:
    quotes = [s.text for s in segments if s.kind == "quote"]
    assert quotes == [
        "“As of today, taking into account the available statistics, Russia has already "
        "imported 1.5 million rounds of ammunition from the DPRK [Democratic People’s Republic "
        "of Korea],”",
        "“However, these shells were made in the Seventies and Eighties. Half of them do not "
        "work and the rest need to be either repaired or checked before being used.”",
        "“[North Korea] gives away old stuff … ramps up the domestic production and asks for "
        "certain technologies in exchange, particularly missile and submarine technologies with "
        "the aim of developing its own defence industry. This proves once again that Russia "
        "lacks its own production capacity for a rapid and powerful increase in missile "
        "production. If it did not, why would it ask North Korea?”",
        "“This allowed Russia to breathe a little,”",
        "“Without their help, the situation would have been catastrophic.”",
        "“While North Korea’s arms factories operate at 30 per cent capacity due to shortages "
        "of raw materials and power, certain factories are operating at full capacity, which "
        "primarily produces weapons and shells for Russia,”",
    ]


def test_reference_segments_rebuild_each_block(segments: list[Segment]) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    article = clean(Document(str(REFERENCE), "north-korea-dud-shells", "text", text))
    for number, block in enumerate(article.blocks, start=1):
        joined = " ".join(s.text for s in segments if s.paragraph == number)
        assert joined == block.text


def test_reference_has_no_empty_segment(segments: list[Segment]) -> None:
    assert all(s.text.strip() for s in segments)


# --------------------------------------------------------------------------
# Quote styles
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "pieces"),
    [
        # curly quote after the narrator
        (
            "The minister was blunt. “We will not pay for this ferry again.”",
            [(N, "The minister was blunt."), (Q, "“We will not pay for this ferry again.”")],
        ),
        # straight quotes
        (
            'The minister was blunt. "We will not pay for this ferry again."',
            [(N, "The minister was blunt."), (Q, '"We will not pay for this ferry again."')],
        ),
        # a quote spanning sentences
        (
            "She said: “It was cold. It was dark. Nobody came to help us.”",
            [(N, "She said:"), (Q, "“It was cold. It was dark. Nobody came to help us.”")],
        ),
        # a quote opening the paragraph
        (
            "“Nobody came to help us,” she said.",
            [(Q, "“Nobody came to help us,”"), (N, "she said.")],
        ),
        # He added, “…”
        (
            "He added, “This proves once again that we were right.”",
            [(N, "He added,"), (Q, "“This proves once again that we were right.”")],
        ),
        # attribution in the middle
        (
            "“A, B and C are all late,” he told the Reuters agency. “D is on time.”",
            [
                (Q, "“A, B and C are all late,”"),
                (N, "he told the Reuters agency."),
                (Q, "“D is on time.”"),
            ],
        ),
        # straight quotes with attribution in the middle
        (
            '"We are all very tired," she said. "But we will keep going."',
            [
                (Q, '"We are all very tired,"'),
                (N, "she said."),
                (Q, '"But we will keep going."'),
            ],
        ),
        # unclosed quote runs to the end (multi-paragraph quotation)
        (
            "He went on: “We will appeal, and we will win, whatever it costs.",
            [(N, "He went on:"), (Q, "“We will appeal, and we will win, whatever it costs.")],
        ),
        (
            "“We will appeal, and we will win, whatever it costs.",
            [(Q, "“We will appeal, and we will win, whatever it costs.")],
        ),
        # scare quotes stay with the narrator
        (
            "Ukraine described the “dud” shells as decades old.",
            [(N, "Ukraine described the “dud” shells as decades old.")],
        ),
        (
            'Officials called the plan "unworkable" and "too costly" on Monday.',
            [(N, 'Officials called the plan "unworkable" and "too costly" on Monday.')],
        ),
        (
            "He said the deal was “a disaster for the whole country” and left.",
            [(N, "He said the deal was “a disaster for the whole country” and left.")],
        ),
        # apostrophes and single quotes are never quotation marks
        (
            "Kyiv’s officers said Russia’s shells weren't working and 'given away' cheaply.",
            [(N, "Kyiv’s officers said Russia’s shells weren't working and 'given away' cheaply.")],
        ),
        (
            "The ‘special military operation’ isn’t over, the Kremlin’s spokesman said.",
            [(N, "The ‘special military operation’ isn’t over, the Kremlin’s spokesman said.")],
        ),
        # apostrophes inside a quote do not end it
        (
            "“It’s the children’s school, and we won’t let it close,” said Ms O’Neill.",
            [
                (Q, "“It’s the children’s school, and we won’t let it close,”"),
                (N, "said Ms O’Neill."),
            ],
        ),
        # a full stop outside the closing mark stays with the quote
        (
            "She said: “We will not be moved by this”.",
            [(N, "She said:"), (Q, "“We will not be moved by this”.")],
        ),
        # inch marks are not quotes
        (
            'The 12" screen costs more than the 10" one, the shop said.',
            [(N, 'The 12" screen costs more than the 10" one, the shop said.')],
        ),
        # no quotes at all
        ("It rained.", [(N, "It rained.")]),
    ],
)
def test_split_paragraph(paragraph: str, pieces: list[tuple[str, str]]) -> None:
    result = split_paragraph(paragraph)
    assert result == pieces
    assert " ".join(text for _, text in result) == paragraph


# Nested quotes, British single quotes, apostrophes, scare quotes and short
# attributed speech: (paragraph, expected pieces).
QUOTE_CASES = [
    # nested: single inside double, double inside single, straight inside straight
    (
        "“He said ‘no’ twice,” she said.",
        [(Q, "“He said ‘no’ twice,”"), (N, "she said.")],
    ),
    (
        "‘He called it “a disgrace”,’ the minister said.",
        [(Q, "‘He called it “a disgrace”,’"), (N, "the minister said.")],
    ),
    (
        "‘He called it “a disgrace”,’ she said, ‘and he meant it.’",
        [(Q, "‘He called it “a disgrace”,’"), (N, "she said,"), (Q, "‘and he meant it.’")],
    ),
    (
        "He added: “They keep asking ‘why now?’ and nobody answers them.”",
        [(N, "He added:"), (Q, "“They keep asking ‘why now?’ and nobody answers them.”")],
    ),
    (
        "\"He said 'no' twice,\" she said.",
        [(Q, "\"He said 'no' twice,\""), (N, "she said.")],
    ),
    # British single quotes as quotation marks
    (
        "‘We will not pay,’ the minister said.",
        [(Q, "‘We will not pay,’"), (N, "the minister said.")],
    ),
    (
        "The minister said: ‘We will not pay for this ferry again.’",
        [(N, "The minister said:"), (Q, "‘We will not pay for this ferry again.’")],
    ),
    (
        "‘It was cold,’ she told the BBC. ‘Nobody came to help us.’",
        [(Q, "‘It was cold,’"), (N, "she told the BBC."), (Q, "‘Nobody came to help us.’")],
    ),
    (
        "'We will not pay,' the minister said.",
        [(Q, "'We will not pay,'"), (N, "the minister said.")],
    ),
    # apostrophes are never quotation marks, inside or outside a quote
    (
        "‘We will not pay for the Joneses’ house,’ the minister said.",
        [(Q, "‘We will not pay for the Joneses’ house,’"), (N, "the minister said.")],
    ),
    (
        "‘Kyiv’s officers don’t trust shells made in the ’70s,’ he said.",
        [(Q, "‘Kyiv’s officers don’t trust shells made in the ’70s,’"), (N, "he said.")],
    ),
    (
        "The Joneses’ house was sold in the ’90s, and Kyiv’s officials don’t mind.",
        [(N, "The Joneses’ house was sold in the ’90s, and Kyiv’s officials don’t mind.")],
    ),
    (
        "Prices rose in the '90s, and the Joneses' house doubled in value, it's said.",
        [(N, "Prices rose in the '90s, and the Joneses' house doubled in value, it's said.")],
    ),
    # scare quotes and quoted terms stay with the narrator, single or double
    (
        "Ukraine described them as “dud” shells.",
        [(N, "Ukraine described them as “dud” shells.")],
    ),
    (
        "Russia still calls it the so-called ‘special military operation’ in every briefing.",
        [(N, "Russia still calls it the so-called ‘special military operation’ in every briefing.")],
    ),
    (
        "North Korea has ‘given dud artillery shells to Russia’, according to Kyiv.",
        [(N, "North Korea has ‘given dud artillery shells to Russia’, according to Kyiv.")],
    ),
    (
        "The ‘dud shells’ and the ‘old stock’ were both sent, officials said.",
        [(N, "The ‘dud shells’ and the ‘old stock’ were both sent, officials said.")],
    ),
    (
        "Their customers’ “financial health,” as one chief executive told me, matters most.",
        [(N, "Their customers’ “financial health,” as one chief executive told me, matters most.")],
    ),
    # names and titles in quotes are not speech
    (
        "He wrote “The Road to Wigan Pier” in 1937.",
        [(N, "He wrote “The Road to Wigan Pier” in 1937.")],
    ),
    (
        "The artists share the central theme ‘The Medium is the Message’.",
        [(N, "The artists share the central theme ‘The Medium is the Message’.")],
    ),
    # short speech is speech when a speaker is named next to it
    ("“No,” she said.", [(Q, "“No,”"), (N, "she said.")]),
    ("‘Never,’ he told reporters.", [(Q, "‘Never,’"), (N, "he told reporters.")]),
    ("“Why?” asked Ms Lee.", [(Q, "“Why?”"), (N, "asked Ms Lee.")]),
    ("She said: “No.”", [(N, "She said:"), (Q, "“No.”")]),
    ("“Never again.”", [(Q, "“Never again.”")]),
    # a speech verb right before the quotation makes it speech
    (
        "He said “we will not pay for this ferry again”.",
        [(N, "He said"), (Q, "“we will not pay for this ferry again”.")],
    ),
    # a British quotation left open runs to the end of the paragraph
    (
        "The captain said: ‘We sailed through the night and the sea was rough.",
        [(N, "The captain said:"), (Q, "‘We sailed through the night and the sea was rough.")],
    ),
]


@pytest.mark.parametrize(("paragraph", "pieces"), QUOTE_CASES)
def test_quotes_nested_single_and_scare(paragraph: str, pieces: list[tuple[str, str]]) -> None:
    result = split_paragraph(paragraph)
    assert result == pieces
    assert " ".join(text for _, text in result) == paragraph


# Quotations spanning paragraphs: (blocks after the standfirst, expected segments).
MULTI_PARAGRAPH_CASES = [
    # double quotes, reopened, closed in the last paragraph with an attribution
    (
        [
            "The captain said: “We sailed through the night and the sea was rough.",
            "“No.",
            "“By morning we could see the island,” he added. “The whole village was there.”",
            "The ferry left again at noon.",
        ],
        [
            (2, N, "The captain said:"),
            (2, Q, "“We sailed through the night and the sea was rough."),
            (3, Q, "“No."),
            (4, Q, "“By morning we could see the island,”"),
            (4, N, "he added."),
            (4, Q, "“The whole village was there.”"),
            (5, N, "The ferry left again at noon."),
        ],
    ),
    # British single quotes, three paragraphs
    (
        [
            "‘We will not pay for this ferry again,’ the minister said. ‘It has cost too much.",
            "‘The islanders deserve better.",
            "‘And they will get it.’",
        ],
        [
            (2, Q, "‘We will not pay for this ferry again,’"),
            (2, N, "the minister said."),
            (2, Q, "‘It has cost too much."),
            (3, Q, "‘The islanders deserve better."),
            (4, Q, "‘And they will get it.’"),
        ],
    ),
    # a closed quotation carries nothing: the next paragraph's scare quote stays put
    (
        [
            "“We will not pay,” the minister said.",
            "“Dud” shells were found in the ’70s stock.",
        ],
        [
            (2, Q, "“We will not pay,”"),
            (2, N, "the minister said."),
            (3, N, "“Dud” shells were found in the ’70s stock."),
        ],
    ),
    # a subheading ends the quotation
    (
        [
            "She said: “We sailed through the night and the sea was rough.",
            H("Arrival"),
            "“Dud” shells were found.",
        ],
        [
            (2, N, "She said:"),
            (2, Q, "“We sailed through the night and the sea was rough."),
            (3, N, "Arrival"),
            (4, N, "“Dud” shells were found."),
        ],
    ),
]


@pytest.mark.parametrize(("blocks", "expected"), MULTI_PARAGRAPH_CASES)
def test_quotation_across_paragraphs(blocks: list[str | Block], expected: list[tuple[int, str, str]]) -> None:
    article = _article("Ferry returns", P("Standfirst here"), *(b if isinstance(b, Block) else P(b) for b in blocks))
    segments = split(article)[2:]
    assert [(s.paragraph, s.voice, s.text) for s in segments] == expected
    assert all((s.kind == "quote") == (s.voice == Q) for s in segments)
    for number, block in enumerate(article.blocks, start=1):
        if number > 1:
            assert " ".join(s.text for s in segments if s.paragraph == number) == block.text


@pytest.mark.parametrize(
    "title",
    [
        "North Korea has ‘given dud artillery shells to Russia’",
        "‘We will not pay again,’ says minister",
        "“We will not pay again”, says minister",
    ],
)
def test_headlines_are_never_split(title: str) -> None:
    assert split(_article(title, P("Standfirst."), P("Body.")))[0] == Segment("headline", N, title, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the “dud” shells", False),
        ("a “very old batch” of shells", False),
        ("“Half of them do not work,” he said", True),
        ("He said, “half of them do not work”", True),
        ("“[North Korea] gives away old stuff”", True),
        ("“No,” she said", True),
        ("she said “no”", False),
        ("He said the deal was “a disaster for the whole country” and left", False),
        ("He wrote “The Road to Wigan Pier” in 1937", False),
        ("Officials said: “We will not pay”", True),
    ],
)
def test_is_speech(text: str, expected: bool) -> None:
    start = text.index("“")
    end = text.index("”") + 1
    assert is_speech(text, start, end) is expected


# --------------------------------------------------------------------------
# Article structure
# --------------------------------------------------------------------------


def test_headline_with_single_quotes_is_a_narrator_headline() -> None:
    article = _article("North Korea has ‘given dud artillery shells to Russia’", P("Story."))
    assert split(article)[0] == Segment("headline", N, "North Korea has ‘given dud artillery shells to Russia’", 0)


def test_headline_with_double_quotes_is_still_the_headline() -> None:
    article = _article("“We will not pay again”, says minister", P("Story."))
    assert split(article)[0] == Segment("headline", N, "“We will not pay again”, says minister", 0)


def test_first_paragraph_is_the_standfirst_even_with_a_quote() -> None:
    article = _article(
        "Ferry returns",
        P("“It has been a very long two years,” islanders say"),
        P("The ferry is back."),
    )
    assert split(article) == [
        Segment("headline", N, "Ferry returns", 0),
        Segment("standfirst", N, "“It has been a very long two years,” islanders say", 1),
        body("The ferry is back.", 2),
    ]


def test_a_whole_story_in_one_first_paragraph_is_no_standfirst() -> None:
    """A site's structured data can give the whole story as one paragraph: it is read as the story, its
    quotations in the quoting voice, not as one long standfirst."""
    words = " ".join(["The ferry carried islanders across the bay again this week after two years away."] * 8)
    text = f"{words} “It has been a very long two years,” said Ana Reyd. {words}"
    segments = split(_article("Ferry returns", P(text)))
    assert [s.kind for s in segments] == ["headline", "body", "quote", "body"]


def test_first_block_heading_means_no_standfirst() -> None:
    article = _article("Ferry returns", H("Background"), P("The ferry broke down."))
    assert split(article) == [
        Segment("headline", N, "Ferry returns", 0),
        Segment("subheading", N, "Background", 1),
        body("The ferry broke down.", 2),
    ]


def test_subheading_is_its_own_kind_read_by_the_narrator() -> None:
    article = _article(
        "Ferry returns",
        P("Standfirst here"),
        P("“We are delighted to have it back,” she said."),
        H("What next"),
        P("More sailings are planned."),
    )
    assert split(article)[2:] == [
        quote("“We are delighted to have it back,”", 2),
        body("she said.", 2),
        Segment("subheading", N, "What next", 3),
        body("More sailings are planned.", 4),
    ]


def test_multi_paragraph_quotation() -> None:
    article = _article(
        "Ferry returns",
        P("Standfirst here"),
        P("The captain said: “We sailed through the night and the sea was rough."),
        P("“By morning we could see the island, and the whole village was on the pier.”"),
    )
    assert split(article)[2:] == [
        body("The captain said:", 2),
        quote("“We sailed through the night and the sea was rough.", 2),
        quote("“By morning we could see the island, and the whole village was on the pier.”", 3),
    ]


def test_no_empty_segments_from_empty_blocks() -> None:
    article = _article("Ferry returns", P("Standfirst"), P("   "), H(""), P("Body."))
    result = split(article)
    assert all(s.text for s in result)
    assert [s.text for s in result] == ["Ferry returns", "Standfirst", "Body."]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two.", ["One.", "Two."]),
        ("Maj. Gen. Skibitsky said so. It ended.", ["Maj. Gen. Skibitsky said so.", "It ended."]),
        ("The U.S. Army agreed! “Why?” he asked.", ["The U.S. Army agreed!", "“Why?” he asked."]),
        ("J. K. Rowling wrote it. Fine.", ["J. K. Rowling wrote it.", "Fine."]),
        ("It cost 1.5m. Then 20 left.", ["It cost 1.5m.", "Then 20 left."]),
        ("“Made in the Seventies. Half do not work.”", ["“Made in the Seventies.", "Half do not work.”"]),
        ("Wait… what happened? Nobody knows", ["Wait… what happened?", "Nobody knows"]),
        ("No stop at the end", ["No stop at the end"]),
        ("See No. 10 today.", ["See No. 10 today."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    from narrate.text import sentences

    assert sentences(text) == expected
    assert " ".join(sentences(text)) == text
