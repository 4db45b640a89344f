"""Pasted text: where the story starts, where it ends, and boxes in its middle.

Every page here is written for the test; none is taken from a benchmark page.
"""

from __future__ import annotations

import pytest

from narrate.article import Document
from narrate.clean import clean
from narrate.clean.rules import is_comments_start, is_copyright, is_story_end

HEADLINE = "Harbour ferry returns after two years of repairs"
BEFORE = [
    "The harbour ferry carried its first passengers across the bay on Monday after two years of repairs.",
    "Islanders waited at the pier since dawn, and many brought flags for the first crossing of the ferry.",
    "The operator said the ferry would sail every two hours until the summer timetable begins in May.",
]
AFTER = [
    "The ferry operator also said that fares for islanders would stay the same until the spring review.",
    "Repairs to the ferry hull and the harbour pier cost more than the council had planned two years ago.",
    "Islanders said the crossing felt quicker, and several asked the operator for an earlier ferry on Sundays.",
]
MOST_READ = [
    "Most Read",
    "Storm warning for the weekend",
    "School term dates change",
    "Bakery wins national prize",
    "Advertisement",
]


def _clean_text(lines: list[str]) -> list[str]:
    doc = Document(source="page.txt", stem="page", format="text", text="\n".join(lines) + "\n")
    article = clean(doc)
    assert article.title == HEADLINE
    return [b.text for b in article.blocks]


def test_the_story_goes_on_after_a_most_read_box_in_its_middle() -> None:
    assert _clean_text([HEADLINE, *BEFORE, *MOST_READ, *AFTER]) == BEFORE + AFTER


def test_chart_labels_in_the_middle_are_a_box_too() -> None:
    chart = ["Ferry passengers", "$240", "million", "2019", "2020", "2021"]
    assert _clean_text([HEADLINE, *BEFORE, *chart, *AFTER]) == BEFORE + AFTER


def test_another_story_after_a_related_box_is_not_read() -> None:
    other = [
        "A bakery in the market town has won a national prize for its sourdough, beating four hundred entries.",
        "The judges praised the crust and the flavour, and the owners plan to open a second shop next year.",
    ]
    assert _clean_text([HEADLINE, *BEFORE, "Related Coverage", "Bakery wins national prize", *other]) == BEFORE


@pytest.mark.parametrize(
    "form",
    [
        ["Leave a Reply", "Cancel reply", "Your email address will not be published.", "Name *", "Email *"],
        ["Like Loading...", "Related"],
        ["3 thoughts on “Harbour ferry returns after two years of repairs”"],
        ["6 Comments on Harbour ferry returns after two years of repairs"],
        ["This site uses Akismet to reduce spam. Learn how your comment data is processed."],
    ],
)
def test_comments_and_comment_forms_end_the_story(form: list[str]) -> None:
    comment = "Great news for the ferry and the islanders, I will take the first crossing on Sunday with my family."
    assert _clean_text([HEADLINE, *BEFORE, *form, comment, *AFTER]) == BEFORE


@pytest.mark.parametrize(
    "lead",
    [
        ["Share to Twitter", "Share to Facebook", "Copy link"],
        ["Passengers queue at the pier on Monday. Photo: Sam Rivera/Island Press"],
    ],
)
def test_the_headline_is_never_a_share_button_or_a_caption(lead: list[str]) -> None:
    assert _clean_text([*lead, HEADLINE, *BEFORE]) == BEFORE


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Leave a Reply", True),
        ("Cancel reply", True),
        ("Like Loading...", True),
        ("Name *", True),
        ("12 responses to “Harbour ferry returns”", True),
        ("Have your say (3 comments)", True),  # a heading that counts the comments under it
        ("Readers respond (12 replies)", True),
        ("The vote (3 abstentions)", False),
        ("She said she would reply to the council by Friday.", False),
        ("The ferry's name was chosen by schoolchildren.", False),
        # the site's rules for its comments, said to the reader above them
        ("Harbour Weekly is committed to a lively but civil forum for discussion. Please keep comments relevant.", True),
        ("We respect your views, but we need to be judicious while moderating your comments.", True),
        ("We asked readers for comments and they were civil.", False),
        ("Please send your comments to the council, which said abusive ones would be ignored.", False),
        # a story reports such words: quoted, or said by someone
        ("“Please keep your comments to three minutes,” the mayor told the packed hall.", False),
        ("The ministry said comments will be moderated before they appear on the consultation website.", False),
    ],
)
def test_is_comments_start(line: str, expected: bool) -> None:
    assert is_comments_start(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Post navigation", True), ("Next article: Storm warning", True), ("About the author", True),
     ("The next article of the law was read aloud.", False)],
)
def test_is_story_end(line: str, expected: bool) -> None:
    assert is_story_end(line) is expected


TEASERS = [
    "World",
    "More World",
    "Bakery wins national prize for its sourdough",
    ("Judges praised the island bakery near the ferry pier for a crust and a flavour that beat four hundred"
    " other loaves sent in from every part of the country this spring."),
    "3H ago",
    "Storm warning for the islands this weekend",
    ("Forecasters say the ferry, the island buses and the harbour cranes may all stop on Saturday as winds"
    " of more than sixty miles an hour reach the bay in the afternoon."),
    "5H ago",
    "School term dates change after a long review",
    ("Islanders with children at the mainland schools will cross on an earlier ferry from September, after"
    " the council moved the start of the school day by half an hour."),
    "8H ago",
]


def test_the_sites_copyright_notice_ends_the_story() -> None:
    """Teasers under the footer come with a sentence each and reuse the story's words ("ferry",
    "harbour"); they are other stories all the same."""
    story = [
        f"{line[:-1]}, and the islanders who had waited for it since the winter were glad to see it back."
        for line in BEFORE + AFTER
    ]
    footer = ["First published on 3 March 2024 / 8:15 AM", "© 2024 Island Press Ltd. All Rights Reserved."]
    assert _clean_text([HEADLINE, *story, *footer, *TEASERS]) == story


def test_a_photo_credit_inside_the_story_does_not_end_it() -> None:
    credit = ["The ferry leaves the pier on Monday", "© Sam Rivera"]
    assert _clean_text([HEADLINE, *BEFORE, *credit, *AFTER]) == BEFORE + AFTER


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("© 2024 Island Press Ltd. All Rights Reserved.", True),
        ("Copyright © 2021-2024 The Island Courier", True),
        ("(c) 2023 Harbour Media", True),
        ("All rights reserved.", True),
        ("© Sam Rivera", False),
        ("Copyright law was changed in 2019, the minister said, after a long campaign by the island's writers.", False),
    ],
)
def test_is_copyright(line: str, expected: bool) -> None:
    assert is_copyright(line) is expected


RIDDLES = [
    line
    for n, (question, answer) in enumerate(
        [
            ("What did the ferry say to the pier?", "Long time no sea."),
            ("Why was the harbour so calm?", "It knew every tide by heart."),
            ("What do islanders eat on the crossing?", "Ferry cakes."),
            ("Why did the gull sit on the timetable?", "It wanted to catch the ferry."),
            ("What is a pier's favourite music?", "Anything with a good bass."),
            ("Why do anchors never worry?", "They always stay grounded."),
            ("What did the bay say to the boat?", "Nothing, it just waved."),
            ("How does the captain keep cool?", "With a fan on every deck."),
            ("Why did the ferry sleep so well?", "It was rocked all night."),
            ("What do you call a lazy lobster?", "A slow-claw."),
        ],
        start=1,
    )
    for line in (f"{n}. {question}", answer, "—sent in by a reader")
]


def test_a_numbered_list_of_short_lines_is_read_to_its_end() -> None:
    """A list of riddles is all short lines; its running numbers say it is one list, so the
    story does not stop half-way through it."""
    intro = [
        ("Readers on the island sent us their best ferry riddles over the summer, and the crew voted for the"
        " ones that made the whole deck laugh on the morning crossing."),
        ("Here are the winners, in the order the crew picked them, with the name each reader gave us when"
        " they wrote in from the harbour, the pier or the mainland."),
    ]
    assert _clean_text([HEADLINE, *intro, *RIDDLES]) == [*intro, *RIDDLES]


def test_a_numbered_most_read_list_after_the_story_is_not_read() -> None:
    most_read = ["Most Read", "1. Storm warning for the weekend", "2. School term dates change",
                 "3. Bakery wins national prize", "4. Ferry fares rise in spring"]
    assert _clean_text([HEADLINE, *BEFORE, *AFTER, *most_read]) == BEFORE + AFTER


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Related Posts", True),
        ("Recent Posts", True),
        ("Latest Articles", True),
        ("Similar stories", True),
        ("More Must-Reads From the Courier", True),
        ("More on this at the bottom.**", False),  # a sentence with its footnote mark
        ("Must Read", True),
        ("Recent posts on the island forum asked for an earlier Sunday ferry.", False),
        ("Similar stories were told by the crew of the old ferry", False),
    ],
)
def test_blog_lists_of_other_posts_are_trailers(line: str, expected: bool) -> None:
    from narrate.clean.rules import is_trailer

    assert is_trailer(line) is expected


def test_a_recent_posts_list_after_the_story_is_not_read() -> None:
    recent = ["Recent Posts", "Storm warning for the weekend", "School term dates change", "Bakery wins national prize"]
    assert _clean_text([HEADLINE, *BEFORE, *AFTER, *recent]) == BEFORE + AFTER


def test_a_short_line_sharing_no_word_with_the_story_is_not_read() -> None:
    """Inside a pasted story, a line that is no sentence and shares none of its longer words with the
    headline or the story is another page's: a form's prompt, a box's label, a list of other titles."""
    form = ["Postcode lookup", "Timetables and tickets"]
    # the last, with prose under it, may be a subheading: it stays
    assert _clean_text([HEADLINE, *BEFORE, *form, *AFTER]) == [*BEFORE, "Timetables and tickets", *AFTER]


def test_a_subheading_a_numbered_item_and_a_line_in_the_storys_words_stay() -> None:
    subheading = "Timetables and tickets"  # no word of the story, but prose follows it
    item = "2 Pier lights"  # numbered: a list's item
    ferry_line = "Ferry repairs in pictures"  # shares "ferry" and "repairs" with the story
    lines = [HEADLINE, *BEFORE[:2], ferry_line, item, BEFORE[2], subheading, *AFTER]
    assert _clean_text(lines) == [*BEFORE[:2], ferry_line, item, BEFORE[2], subheading, *AFTER]


def test_labels_above_the_first_paragraph_are_not_read() -> None:
    """Between the headline and the story, a short line that is no sentence is the page's label
    ("Editorial", "Social Share", "Posted on"), and a line with no letter ("0", "15:23 2019") is a
    counter or a clock; a standfirst stays, and so does a label after the story has begun."""
    standfirst = "The island's only link to the mainland is back after a long wait."
    inside = "Ferry timetable"
    for top in (["Editorial", "0"], ["Social Share", "15:23 2019"], ["Posted on"]):
        lines = [HEADLINE, *top, standfirst, *BEFORE, inside, *AFTER]
        assert _clean_text(lines) == [standfirst, *BEFORE, inside, *AFTER], top


COMMENT_1 = "This is a poor decision, and the operator should have asked the islanders before changing the timetable."
COMMENT_2 = "The ferry is back and that is what matters; the timetable can be changed again in the spring review."


@pytest.mark.parametrize(
    "thread",
    [
        ["Sam Okafor", "•", "3 hours ago", COMMENT_1, "Reply", "•", "Share ›", "Lee Chan", "2 hours ago", COMMENT_2],
        ["Sam Okafor", COMMENT_1, "Like", "Reply", "3h", "Lee Chan", COMMENT_2, "Like", "Reply", "2h"],
        ["Sam Okafor", "March 3, 2021 at 5:00 pm", COMMENT_1, "Lee Chan", "March 3, 2021 at 6:10 pm", COMMENT_2],
        ["Sam Okafor wrote:", COMMENT_1, "Lee Chan wrote:", COMMENT_2],
        ["2 Responses", "Sam Okafor", COMMENT_1, "Lee Chan", COMMENT_2],
    ],
)
def test_comments_without_a_heading_end_the_story(thread: list[str]) -> None:
    """Comments are read by who wrote them, when, what, and the buttons under them, even when no
    "Comments" heading comes first."""
    assert _clean_text([HEADLINE, *BEFORE, *AFTER, *thread]) == BEFORE + AFTER


def test_a_named_speaker_inside_the_story_is_no_comment() -> None:
    """A speaker named above a paragraph with the time they spoke is not a commenter: no Reply or Like
    follows, and no second comment."""
    lines = [HEADLINE, *BEFORE, "Harbour Master", "March 3, 2021 at 5:00 pm", *AFTER]
    assert _clean_text(lines)[-3:] == AFTER


def test_a_headline_set_in_capitals_is_still_the_headline() -> None:
    """A page that sets its headline in capitals: with nothing else like a headline above the story,
    the capitals are the headline, not the menu's "Home"."""
    story = [" ".join(BEFORE[:2]), BEFORE[2]]  # a story paragraph of twenty words or more
    doc = Document(source="page.txt", stem="page", format="text", text="\n".join(["Home", "News", HEADLINE.upper(), *story]) + "\n")
    article = clean(doc)
    assert article.title == HEADLINE.upper()
    assert [b.text for b in article.blocks] == story


def test_a_live_blogs_entries_are_no_comments() -> None:
    """A live blog's entry has a title, a paragraph and a Share button, like a comment with a name: only a
    comment's own buttons (Reply, Like) or its time under the name say it is one."""
    entry = ["Ferry Leaves Harbour", AFTER[0], "Share"]
    lines = [HEADLINE, *BEFORE, *entry, "Crew Waves Goodbye", AFTER[1], "Share", AFTER[2]]
    assert _clean_text(lines) == [*BEFORE, *[l for l in entry if l != "Share"], "Crew Waves Goodbye", AFTER[1], AFTER[2]]


@pytest.mark.parametrize("closing", ["Neither side has appealed.", "The vote was seven to two.", "Work begins in March."])
@pytest.mark.parametrize("after", [["Share this article", "Facebook", "Email"], ["Related", "Storm warning for the weekend"], []])
def test_a_short_closing_sentence_is_read(closing: str, after: list[str]) -> None:
    """A story often ends on a sentence too short to count as prose: it goes on from the paragraph above."""
    assert _clean_text([HEADLINE, *BEFORE, closing, *after]) == [*BEFORE, closing]


@pytest.mark.parametrize(
    "line",
    ["Please leave this field empty.", "Thanks for reading, see you tomorrow.", "Sign up for free.", "Harbour Gazette Would Like To Notify You."],
)
def test_a_short_line_to_the_reader_after_the_story_is_not_read(line: str) -> None:
    assert _clean_text([HEADLINE, *BEFORE, line, "Related", "Storm warning for the weekend"]) == BEFORE


def test_a_row_of_footer_links_ends_the_story_and_the_sites_blurb_under_it_is_not_read() -> None:
    blurb = "The Island Press has reported on the harbour, the ferry and the islands around the bay since 1902."
    assert _clean_text([HEADLINE, *BEFORE, "About us", "Careers", "Privacy", blurb]) == BEFORE


def test_one_footer_word_inside_the_story_does_not_end_it() -> None:
    """A lone "Careers" may be a subheading: only a row of footer links is the footer."""
    assert _clean_text([HEADLINE, *BEFORE, "Careers", *AFTER])[-3:] == AFTER


def test_a_list_the_last_paragraph_introduces_is_read() -> None:
    """A list after the story's last paragraph, introduced by a line ending in a colon, is the story's own."""
    listed = ["What happens next:", "Repairs to the pier in April", "A second boat next summer", "New ferry fares in the spring"]
    after = ["Share this article", "Facebook", "Related", "Storm warning for the weekend"]
    assert _clean_text([HEADLINE, *BEFORE, *listed, *after]) == [*BEFORE, *listed]


def test_a_list_a_paragraph_length_line_introduces_is_read() -> None:
    """An introduction long enough to pass for prose opens a list as a short one does."""
    listed = [
        "The council has summed up what the repairs will change for the islanders:",
        "Sailings every hour in the summer",
        "A covered waiting room for islanders",
        "Cheaper ferry fares for children",
    ]
    after = ["Share this article", "Facebook", "Related", "Storm warning for the weekend"]
    assert _clean_text([HEADLINE, *BEFORE, *listed, *after]) == [*BEFORE, *listed]


def test_a_lists_items_stay_though_they_use_none_of_the_storys_words() -> None:
    """A short line in no word of the story is another story's title, unless a line ending in a colon
    introduced it as one of a list's items."""
    listed = ["Islanders asked the operator for three things:", "Covered waiting rooms", "Cheaper tickets for children",
              "Hourly crossings during festivals"]
    assert _clean_text([HEADLINE, *BEFORE, *listed, *AFTER]) == [*BEFORE, *listed, *AFTER]


def test_a_label_ending_in_a_colon_introduces_no_list() -> None:
    assert _clean_text([HEADLINE, *BEFORE, "Tagged:", "ferries", "islands", "Related", "Storm warning"]) == BEFORE


def test_a_quoted_short_sentence_closes_the_story_too() -> None:
    closing = "“It’s a fine boat,” said one islander."
    assert _clean_text([HEADLINE, *BEFORE, closing, "Share this article", "Facebook"]) == [*BEFORE, closing]


def test_in_an_extractors_article_the_story_goes_on_under_a_box_label() -> None:
    """An extractor kept a "Most Read" label inside the story: the story goes on under it, so it is no end."""
    from narrate.article import Block
    from narrate.clean.story import cut_at_trailer

    blocks = [Block("paragraph", t) for t in [*BEFORE, "Most Read", "Storm warning for the weekend", *AFTER]]
    assert [b.text for b in cut_at_trailer(blocks, inner_boxes=True)] == BEFORE + AFTER
    assert [b.text for b in cut_at_trailer(blocks)] == BEFORE  # pasted text: its boxes went earlier
    other = "A bakery in the market town has won a national prize for its sourdough, beating four hundred entries."
    teasers = [Block("paragraph", t) for t in [*BEFORE, "Most Read", "Bakery wins national prize", other]]
    assert [b.text for b in cut_at_trailer(teasers, inner_boxes=True)] == BEFORE


def test_a_sentence_that_starts_like_a_comment_count_is_story() -> None:
    from narrate.clean.rules import is_comments_start

    assert not is_comments_start("One comment on the plan stood out, the harbour master said.")


def test_a_caption_that_ends_a_sentence_goes_when_its_hide_caption_button_follows() -> None:
    from narrate.article import Block
    from narrate.clean.story import drop_captions

    lines = ["A heron fishes at the edge of the marsh in April.", "Owen Marsh/Valley Radio", "hide caption",
             "toggle caption", "The marsh's birds came back in numbers this spring, the rangers said on Monday."]
    kept = [b.text for b in drop_captions([Block("paragraph", line) for line in lines])]
    assert lines[0] not in kept and lines[-1] in kept


def test_the_line_under_a_caption_label_alone_is_the_caption() -> None:
    """ "Image caption," on its own line, the caption on the next: neither is read."""
    from narrate.article import Block
    from narrate.clean.rules import is_player_chrome
    from narrate.clean.story import drop_captions

    lines = ["Image source, Valley Radio", "Image caption,", "Passengers queue at the pier on the first morning",
             "The ferry carried its first passengers across the bay on Monday after two years of repairs."]
    kept = [b.text for b in drop_captions([Block("paragraph", line) for line in lines])]
    assert lines[2] not in kept and lines[3] in kept
    assert is_player_chrome("Show key events only")  # a live blog's filter


def test_a_row_of_sharing_buttons_under_the_story_ends_it() -> None:
    """Under the story, a row of sharing buttons; under that the writer's name, the site's disclaimer and a
    feed offer, in prose that is not the story's: none of it is read. A row near the top, with the story
    going on under it, ends nothing."""
    row = "Share Facebook Google+ Tumblr StumbleUpon Email Print"
    tail = [
        "Priya Raman",
        "Disclaimer: opinions in the columns on this site belong to their writers, not to the publisher.",
        "Subscribe to every column by this writer through our feeds, or pick a single category to follow.",
    ]
    kept = _clean_text(["Menu", HEADLINE, *BEFORE, *AFTER, row, *tail])
    assert kept == BEFORE + AFTER
    assert _clean_text(["Menu", HEADLINE, BEFORE[0], row, *BEFORE[1:], *AFTER]) == BEFORE + AFTER


def test_short_lines_after_the_last_paragraph_are_the_storys_tags_and_go() -> None:
    """Under a pasted story, its tags on a line or a line each, and a button: a story ends on a sentence.
    A quotation's attribution under the last paragraph stays, and so do a numbered list's last items."""
    tags = ["Ferries", "Harbour works", "Island life", "Transport Islands Budget"]
    assert _clean_text(["Menu", HEADLINE, *BEFORE, *AFTER, *tags, "Back to top"]) == BEFORE + AFTER
    from narrate.article import Block
    from narrate.clean.trim import drop_trailing_tags

    said = [Block("paragraph", t) for t in [*BEFORE, "— Mara Quill (@maraquill) March 3, 2024"]]
    assert drop_trailing_tags(said) == said
    items = ["Where the ferry stops:", "1. Kestrel Pier", "2. Gull Rock"]
    assert _clean_text(["Menu", HEADLINE, *BEFORE, *AFTER, *items]) == BEFORE + AFTER + items


def test_the_standfirst_under_the_headline_stays_when_a_box_parts_it_from_the_story() -> None:
    """Under the headline its standfirst (no full stop), then the byline, sharing buttons and a related
    link: the box parts the standfirst from the story, but it is in the story's words, so it is read.
    A writer's job or a shouted label in its place is not."""
    standfirst = "Islanders cheer as the harbour ferry makes its first crossing after two years of repairs"
    box = ["By", "Priya Raman", "March 4, 2024", "Facebook Twitter WhatsApp Email", "Related",
           "Storm warning for the weekend", "June 12, 2024"]
    assert _clean_text(["Menu", HEADLINE, standfirst, *box, *BEFORE, *AFTER]) == [standfirst, *BEFORE, *AFTER]
    shouted = "HARBOUR FERRY REPAIRS: THE FIRST CROSSING AFTER TWO YEARS"
    for other in ("Priya Raman, Ferry Reporter, Harbour News", shouted):
        assert _clean_text(["Menu", HEADLINE, other, *box, *BEFORE, *AFTER]) == BEFORE + AFTER


def test_a_live_blogs_share_row_under_each_entry_does_not_end_it() -> None:
    """A live blog pasted: each update has its time, its writer and its own row of sharing buttons. The
    same row met again is an update's, so the later updates are read, though they use other words."""
    row = "Share Facebook X WhatsApp"
    updates = [
        ["4:40 pm", "Jane Morrow", *AFTER, row],
        ["4:05 pm", "Omar Haddad", "All ferry sailings to the outer islands are cancelled for today and tomorrow "
         "morning, the operator said. Passengers with bookings can change them without charge.", row],
        ["3:30 pm", "Jane Morrow", "Schools across the district will stay shut on Wednesday, the education board "
         "confirmed this afternoon, and parents will hear from each school by text.", row],
    ]
    kept = _clean_text(["Menu", HEADLINE, *BEFORE, row, *[line for update in updates for line in update]])
    assert updates[1][2] in kept and updates[2][2] in kept


def test_a_row_of_sharing_buttons_under_the_lead_and_under_the_story_still_ends_it() -> None:
    """The same row under the first paragraph and under the last: the story ends at the second."""
    row = "Share Facebook Google+ Tumblr StumbleUpon Email Print"
    tail = [
        "Priya Raman",
        "Disclaimer: opinions in the columns on this site belong to their writers, not to the publisher.",
        "Subscribe to every column by this writer through our feeds, or pick a single category to follow.",
    ]
    assert _clean_text(["Menu", HEADLINE, BEFORE[0], row, *BEFORE[1:], *AFTER, row, *tail]) == BEFORE + AFTER
