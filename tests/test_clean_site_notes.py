"""Lines where a site speaks for itself inside a saved or pasted story, and the story's own sentences beside them.

Each line is written for the test; none is taken from a benchmark page.
"""

from __future__ import annotations

import pytest

from narrate.article import Document
from narrate.clean import clean
from narrate.clean.clutter import is_clutter
from narrate.clean.rules import is_read_more, is_trailer


@pytest.mark.parametrize(
    ("line", "site"),
    [
        # an affiliate disclosure, whichever way round it is put
        ("Pedalworks is reader-funded. When you buy through links on our site, we may earn an affiliate commission.", True),
        ("We may earn an affiliate commission on purchases made from links in this review.", True),
        # a news desk's tip line
        ("Have a news tip? Contact the newsroom on 0100 555 0199.", True),
        ("Do you have a story for the Evening Lantern? Message us on 0100 555 0142.", True),
        ("We pay for your photos and videos! Send them to the desk today.", True),
        # a small site asking the reader for money
        ("If you found this guide useful, please consider buying us a coffee so we can keep writing.", True),
        # a company blog's hiring line
        ("Enjoyed this post? Our data team is hiring in Leeds and remotely.", True),
        ("We're hiring! See our open roles.", True),
        # a poll's disclaimer, an embedded post's attribution, a print edition's note
        ("Our reader poll is not scientific and reflects the views of those who took part.", True),
        ("A post shared by Hilltop Bakery (@hilltopbakes)", True),
        ("This interview appears in the summer issue of the magazine, on sale now.", True),
        # a page's widgets as a browser copies them, one line each
        ("Facebook X LinkedIn WhatsApp Email Gift this article 58 comments", True),
        # a nonprofit newsroom's sharing row, with its offer to other outlets to run the story
        ("Facebook Bluesky Email Republish this story", True),
        ("Email address Subscribe", True),
        ("View this post on Instagram", True),
        ("Vote See results", True),
        ("Yes No Not sure", True),
        ("Play video,", True),
        (", duration 2 minutes, 5 seconds 2:05", True),
        ("Pause Unmute 0:12 3:40 Fullscreen", True),
        # a newsletter's appeal under each post
        ("The Low Road is a reader-supported publication. To get new posts and support my work, consider becoming a"
         " free or paid subscriber.", True),
        ("Enjoyed this? Consider becoming a paid subscriber.", True),
        # a newsletter's blurb that says when it lands
        ("Begin each weekday with the headlines from across the valley, picked by our editors.", True),
        ("The harbour and the hills, as our reporters see them. Delivered weekday mornings at 7.", True),
        ("Our evening briefing has the day's biggest stories before 6pm, Monday to Friday.", True),
        ("The harbour's business news, every weekday at 7am.", True),  # its hour too
        ("The Tideline Review is reader-funded", True),
        ("If you value long-form writing about the coast, become a supporter today.", True),
        ("Newsletters may contain information about charities and online ads. See our Privacy Policy.", True),
        # a cross-link's label run into its link, in any case
        ("Read more Ferry fares to rise in the spring", True),
        ("Related Story Why the old pier closed: a history in pictures", True),
        ("Read next The ten best harbour walks this winter", True),
        ("I would like to be emailed about offers, events and news from the Valley Lantern.", True),  # a tick box
        ("Tags : harbour ferry timetable winter", True),  # a spaced colon
        ("Follow the Valley Lantern on Google News and WhatsApp for the latest updates.", True),
        ("Share or comment on this article:", True),
        # a consent framework's banner
        ("We and our 140 partners store and access personal data, like browsing data, on your device.", True),
        ("We care about your privacy", True),
        # a sign-up form's messages, hidden on the page until the form is sent
        ("Sign-up successful!", True),
        ("Nearly there! Check your inbox to confirm your subscription.", True),
        ("Something went wrong. Please try again.", True),
        # the story's own sentences about the same things
        ("The sign-up was successful, the organisers said, with 400 runners registered.", False),
        ("The museum is a member-supported charity, its director said, and entry will stay free.", False),
        ("Begin each morning with ten minutes of stretching, the physiotherapist suggests.", False),
        ("The ferry runs every hour from Monday to Saturday, and twice on Sundays.", False),
        ("The fish market opens every weekday at 6am.", False),
        ("The council and its partners use the old hall for meetings twice a month.", False),
        ("Read more about the plan in the council's report.", False),
        ("Related Party Transactions rose by 4% in the year.", False),
        ("“I would like to receive an apology from the council,” she said.", False),
        ("The shop said it would earn less commission when customers buy through the new app.", False),
        ("The reporter said she had a story about the council that she could not yet publish.", False),
        ("The factory is hiring 200 workers this spring, the company said on Monday.", False),
        ("The council's poll of residents found that most wanted the library to stay open.", False),
        ("The photo was shared by thousands of people within an hour of the storm.", False),
        ("Residents were asked to vote yes or no on the new harbour wall in a poll next month.", False),
        ("The video, two minutes long, shows the crane falling onto the quay.", False),
        # a newsroom's call for tips: a question put to the reader, then an address
        ("Seen flooding on your road? Tell us where and send a photo to the desk at floods@lantern.example.", True),
        ("Got a story about the ferry? Our transport desk would like to hear it: email ferry@lantern.example.", True),
        ("Our guides explain the week's news. Is there a rule you want explained? Write to ask@lantern.example.", True),
        # the story's own question and address, and the writer's biography that ends in a tip line (the biography
        # ends the story, so it is left to the biography rule)
        ("Why did the council act? Its leader said residents could email roads@council.example.", False),
        ("Volunteers can email help@harbourtrust.example to join the clean-up.", False),
        ("Tomas Reyd covers the harbour and its ferries. Have a tip? Email him at treyd@lantern.example.", False),
        # the site's note on a change to the story, with its label or without
        ("Correction: An earlier version of this article gave the wrong day for the ferry's return.", True),
        ("Updated 4 May 2023, 09:15: This story has been updated with the operator's statement.", True),
        ("This article was amended on 5 May to correct the name of the harbour master.", True),
        ("The operator said an earlier version of the timetable had the wrong times.", False),
        ("The council corrected its report after the error was found.", False),
        # the story's pictures credited as a whole
        ("All photographs by Ines Calloway for the Harbour Weekly.", True),
        ("Photography by Ines Calloway", True),
        ("Photos by the dozen were posted on the harbour's page.", False),
        # a site asking its readers to pay for it, in other words
        ("The Harbour Weekly relies on readers to pay for its reporting. Give from £3 a month.", True),
        ("Thanks for reading Harbour Notes! Subscribe for free to get each new post.", True),
        ("If you read us every week, a monthly contribution keeps our reporter on the island.", True),
        ("Thanks for reading, and see you next week.", False),
        ("The union rejected a one-off payment of £400, the operator said.", False),
    ],
)
def test_a_sites_note_is_clutter_and_a_story_sentence_is_not(line: str, site: bool) -> None:
    assert is_clutter(line) is site


@pytest.mark.parametrize(
    ("label", "trailer"),
    [
        ("Most read", True),
        ("MOST READ IN BUSINESS", True),
        ("Most popular this week", True),
        ("Most read on the Courier", True),
        ("Most readers agreed with the decision.", False),
    ],
)
def test_a_most_read_box_with_its_desk_or_week_is_a_trailer(label: str, trailer: bool) -> None:
    assert is_trailer(label) is trailer


@pytest.mark.parametrize(
    ("line", "link"),
    [
        ("ALSO READ Harbour ferry fares to rise in the spring", True),
        ("READ MORE Council votes to keep the library open", True),
        ("Also read the council's report before the meeting, residents were told.", False),
    ],
)
def test_a_capital_label_run_into_its_link_is_a_cross_link(line: str, link: bool) -> None:
    assert is_read_more(line) is link


STORY = [
    "The town's only cinema will reopen next month after a year-long repair of its roof and its old projector.",
    "Volunteers raised most of the money themselves, selling tickets to outdoor screenings in the park all summer.",
    "The first film will be a silent comedy, with a pianist from the music school playing along in the pit.",
    "The trust that runs the cinema said it hoped to show a film every night of the week by the spring.",
]


def test_a_most_read_box_inside_a_saved_story_is_dropped_and_the_story_goes_on() -> None:
    page = (
        "<html><head><title>Cinema to reopen after roof repair</title></head><body><article>"
        "<h1>Cinema to reopen after roof repair</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY[:2])
        + "<h2>MOST READ IN NEWS</h2><ul><li><a href='/a'>Bridge closes for a week</a></li>"
        "<li><a href='/b'>School wins chess cup</a></li></ul>"
        + "".join(f"<p>{p}</p>" for p in STORY[2:])
        + "</article></body></html>"
    )
    article = clean(Document(source="cinema.html", stem="cinema", format="html", text=page))
    texts = [b.text for b in article.blocks]
    assert "MOST READ IN NEWS" not in texts
    assert [t for t in texts if t in STORY] == STORY


@pytest.mark.parametrize(
    ("line", "pager"),
    [
        ("← Previous Repainting the boathouse doors Next → The spring regatta results", True),
        ("[ << Older entry | Diary index | Newer entry >> ]", True),
        ("« Previous Next »", True),
        ("← Week 3: Rain on the ridge Week 5: The long descent →", True),
        ("← 2 / 9 →", False),  # a gallery's controls inside the story
        ("‹ Previous photo Next photo ›", False),
        ("« Nous ne partirons pas », a déclaré la maire.", False),  # French quotation marks
    ],
)
def test_a_pager_to_the_next_entry_is_a_trailer_and_a_gallerys_is_not(line: str, pager: bool) -> None:
    assert is_trailer(line) is pager


def test_the_story_ends_at_a_pager_and_the_teasers_under_it_are_not_read() -> None:
    teasers = [
        "Repainting the boathouse doors",
        "Two coats of marine paint, one weekend and a great deal of sanding before the club's open day in May.",
        "The spring regatta results",
        "A windy afternoon, three capsizes and a new course record for the junior pairs on the lower reach.",
    ]
    page = ["Cinema to reopen after roof repair", *STORY, "Share this post:",
            "← Previous Repainting the boathouse doors Next → The spring regatta results",
            *teasers]
    article = clean(Document(source="cinema.txt", stem="cinema", format="text", text="\n\n".join(page)))
    assert [b.text for b in article.blocks] == STORY


def test_a_cross_link_run_into_its_label_goes_and_the_subheading_under_it_stays() -> None:
    link = "Read more Cinema trust names new chair after a year of work on the roof"
    page = ["Cinema to reopen after roof repair", *STORY[:2], link, "A silent film first", *STORY[2:]]
    article = clean(Document(source="cinema.txt", stem="cinema", format="text", text="\n\n".join(page)))
    assert [b.text for b in article.blocks] == [*STORY[:2], "A silent film first", *STORY[2:]]


def test_switching_off_a_rules_own_part_is_seen_by_lines_already_judged() -> None:
    """The ablation switches off parts of a line rule too (`credit_for_outlet` inside the photo credit's
    rule); a line judged with the part on is judged again with it off, not taken from the cache."""
    from narrate.clean.rules import DISABLED

    line = "Ines Calloway for The Harbour Weekly"
    assert is_clutter(line)
    DISABLED.add("credit_for_outlet")
    try:
        assert not is_clutter(line)
    finally:
        DISABLED.discard("credit_for_outlet")
    assert is_clutter(line)
