"""Pasted text: more failure patterns of finding the story, each on a page written for the test.

None of these pages, names or sentences is taken from a benchmark page.
"""

from __future__ import annotations

import pytest

from narrate.clean.biography import author_bio
from narrate.clean.clutter import is_clutter
from tests.pasted import MENU, clean_lines

STORY = [
    "The village library reopened on Saturday after a year of work on its roof, its windows and its old heating.",
    "Volunteers carried the returned books back to the shelves in the morning, and the first readers came at noon.",
    "The council said the library would keep its longer opening hours on Thursdays for the rest of the year.",
]


def test_a_name_alone_between_the_headline_and_the_story_does_not_move_the_headline() -> None:
    # "Nora Pell" (two words) under the headline: the headline is still the headline, not a
    # later teaser that happens to have prose right under it.
    headline = "Village library reopens after a year of roof repairs"
    teaser = ["More from the valley", "Ferry timetable changes for the winter",
              "The ferry will sail less often from November, the operator said on its website today."]
    page = [*MENU, headline, "Nora Pell", "Published 4 March 2024", *STORY, *teaser]
    article = clean_lines(page)
    assert article.title == headline
    assert article.byline == "Nora Pell"
    assert all(line in [b.text for b in article.blocks] for line in STORY)


def test_the_page_title_names_the_headline_even_when_the_site_name_is_lower_case() -> None:
    # "Headline – Site – site.example": the tail is no capitalised site name, but the head is
    # echoed above the story, so that line is the headline and the menu above it is not read.
    headline = "Library reopens"
    page = [f"{headline} – Valley Courier – valleycourier.example", *MENU, headline, *STORY, "Contact us"]
    article = clean_lines(page)
    assert article.title == headline
    assert [b.text for b in article.blocks] == STORY


def test_a_site_name_at_the_head_of_the_title_is_not_the_headline() -> None:
    # "Site | Headline": the short head is the site's name, echoed by its logo above a teaser.
    headline = "Village library reopens after a year of roof repairs"
    page = [f"Courier | {headline}", "Courier", ("Our readers' favourite stories of the week, chosen by the editors "
            "and sent every Friday morning to every reader who asks for them."), *MENU, headline, *STORY]
    article = clean_lines(page)
    assert article.title == headline


def test_the_site_name_under_the_byline_is_not_the_headline() -> None:
    # The page starts with the site's name, and the name comes again under the writer's: the signed
    # headline above it is the headline.
    headline = "Village library reopens after a year of roof repairs"
    for signature in (["By Nora Pell", "Valley Courier"], ["Nora Pell", "Valley Courier", "4 March 2024"]):
        article = clean_lines(["Valley Courier", *MENU, headline, *signature, *STORY])
        assert article.title == headline
        assert article.byline == "Nora Pell"
        assert [b.text for b in article.blocks] == STORY
    article = clean_lines(["Valley Courier", *MENU, headline, "Nora Pell", "Valley Courier", *STORY])  # no date
    assert article.title == headline
    assert [b.text for b in article.blocks] == STORY


def test_the_byline_is_the_by_line_and_never_the_photographer() -> None:
    headline = "Village library reopens after a year of roof repairs"
    page = [*MENU, headline, "Owen Marsh | Getty Images", "By Nora Pell | Valley Courier", *STORY]
    assert clean_lines(page).byline == "Nora Pell"


def test_the_authors_biography_after_the_story_is_not_read_but_names_the_author() -> None:
    headline = "Village library reopens after a year of roof repairs"
    bio = "Nora Pell (@norapell) is a staff writer at the Valley Courier and the host of its weekly podcast."
    page = [*MENU, headline, *STORY, bio, "Follow", "Newsletter"]
    article = clean_lines(page)
    assert [b.text for b in article.blocks] == STORY
    assert article.byline == "Nora Pell"


def test_an_author_label_and_name_above_the_biography_go_with_it() -> None:
    headline = "Village library reopens after a year of roof repairs"
    bio = "Nora is the founder of a reading club for children in the valley and writes about books."
    page = [*MENU, headline, "By Nora Pell", *STORY, "Author", "Nora Pell", bio]
    article = clean_lines(page)
    assert [b.text for b in article.blocks] == STORY
    assert article.byline == "Nora Pell"


def test_a_biography_followed_by_other_stories_still_ends_the_story_and_names_the_author() -> None:
    # More than a few blocks of other stories' titles and openings follow the biography: it is
    # past most of the story's prose, so the story still ends there.
    from narrate.article import Block
    from narrate.clean.biography import cut_author_bio

    bio = "Nora Pell is a staff writer at the Valley Courier and covers schools, libraries and the council."
    others = ["More from the valley", "Ferry timetable changes", "Bakery wins county prize",
              "The ferry will sail less often from November, the operator said...", "Share", "Tweet", "Email"]
    blocks = [Block("paragraph", t) for t in [*STORY, *STORY[::-1], bio, *others]]
    kept, author = cut_author_bio(blocks)
    assert author == "Nora Pell"
    assert [b.text for b in kept] == [*STORY, *STORY[::-1]]


def test_what_is_and_is_not_a_biography() -> None:
    assert author_bio("Nora Pell is a freelance journalist based in the valley.") == "Nora Pell"
    assert author_bio("Owen is the co-founder of a small bakery.") == "Owen"
    assert author_bio("The Mayor is a former editor of the paper.") is None  # no name
    assert author_bio("Pell said she was a writer.") is None  # not at once what the person does
    assert author_bio("The village library reopened on Saturday after a year of work.") is None


def test_a_byline_block_under_the_headline_does_not_use_up_the_reach_to_the_story() -> None:
    # "By", the outlet, a dash, a date, a source and "Written by: …" stand between the headline and a
    # short first paragraph: the headline is still found, not a teaser with prose right under it further down.
    headline = "Village library reopens after a year of roof repairs"
    top = ["By", "Valley Courier", "-", "March 4, 2024", "Courtesy of Valley Radio", "Written by: Nora Pell"]
    opening = "The library in the village is open again, the council said."
    teaser = ["Ferry timetable changes for the winter months ahead",
              "Written by: Nora Pell The ferry will sail less often from November, the operator said, and fares will rise."]
    article = clean_lines([*MENU, headline, *top, opening, *STORY, "Related stories", *teaser])
    assert article.title == headline
    assert [b.text for b in article.blocks] == [opening, *STORY]


def test_calls_to_the_reader_are_not_read() -> None:
    from narrate.clean.appeals import is_reader_appeal

    appeals = [
        "Read us on the go: download our app.",
        "Follow the Valley Courier on Bluesky, and send us your photos by email.",
        "We would love to hear from you: write to the letters desk.",
        "We send no spam, and you can unsubscribe any time.",
        "Get daily updates from the Courier in your inbox.",
        "Subscribe to weekly updates",
        "Local reporting costs money, and we rely on readers to pay for it.",
        "Send your tip to the newsroom and we will look into it.",
        "Get the Courier app",
        "Get it on Google Play",
        "Donate now",
        "Donate to the Courier",
        "Your support helps us keep reporting on the valley.",
        "Listen to our books podcast, Shelf Life, wherever you get your podcasts.",
    ]
    for line in appeals:
        assert is_reader_appeal(line), line
    story = [
        "The council said residents could send their comments to the planning office until May.",
        "She said the app had been downloaded by thousands of farmers in its first week.",
        "The charity said it would give the money to the library's reading club.",
        "Donate to the food bank this winter, the mayor asks residents",
        "Her support helps explain why the plan passed, the mayor said.",
        *STORY,
    ]
    for line in story:
        assert not is_reader_appeal(line), line
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, *STORY, appeals[0], appeals[3]])
    assert [b.text for b in article.blocks] == STORY


def test_picture_credits_are_not_read() -> None:
    from narrate.clean.captions import is_photo_credit

    assert is_photo_credit("Photo by Owen Marsh on Picturebank")
    assert is_photo_credit("Image courtesy of the Valley Museum")
    assert not is_photo_credit("Photographs by the river show the flood's height.")
    assert is_photo_credit("Courtesy of the Valley Museum")
    assert is_photo_credit("Screenshot by Owen Marsh/Valley Courier")
    assert not is_photo_credit("Courtesy of the council, the library will lend e-readers for free.")


def test_captions_credited_in_brackets_tags_and_reading_times_are_not_read() -> None:
    from narrate.clean.captions import is_credited_caption, is_photo_credit
    from narrate.clean.rules import is_site_furniture

    assert is_credited_caption("Readers return books to the shelves (Owen Marsh/Getty Images)")
    assert not is_credited_caption("The council said the repairs (costing £2m/year) were worth it.")
    assert is_credited_caption("Readers return books to the shelves on Monday. Owen Marsh—Getty Images")
    assert not is_credited_caption("The library's reopening was first reported by Reuters.")
    # who took the picture and for whom, after the caption's sentence or a quotation
    assert is_credited_caption("Readers return books to the shelves on Monday. Owen Marsh for The Valley Courier")
    assert is_credited_caption("Ida checks the shelves. “All books come back.” Owen Marsh for The Courier")
    assert is_photo_credit("Owen Marsh for The Valley Courier")  # the credit alone under a caption
    assert not is_photo_credit("Votes for the People")
    assert not is_credited_caption("Poster. Library Cards For All Ages")  # a title in capitals, a label before it
    assert not is_credited_caption("The library opened at noon. Council Grants for the Elderly")  # no one's name
    for label in ("Estimated reading time: 6 minutes", "Reading time: 4 min", "Reprints and Permissions",
                  "TAGS: Libraries, Village life, Council, Roof repairs, Heating, Volunteers, Books, Reading",
                  "Topics: Libraries, Village life"):
        assert is_site_furniture(label), label
    assert not is_site_furniture("Tags: the council said the library would stay open late on Thursdays.")


def test_a_row_of_network_names_is_a_share_bar() -> None:
    from narrate.clean.rules import is_share_button

    assert is_share_button("twitter instagram email facebook")
    assert is_share_button("Bsky Reddit Link 212 comments")  # a network's short name, a comment count
    assert not is_share_button("Instagram bought the library's photos")


LONG_STORY = [
    "Keeping a vegetable patch going through a dry summer takes less water than most gardeners think it does.",
    "The trick, growers say, is to water the roots deeply twice a week rather than sprinkling the leaves every evening.",
    "A layer of mulch keeps the soil cool, and the water you give the plants stays in the ground for longer.",
    "Gardeners who tried the method last summer said their tomatoes and beans did better than in wetter years.",
    "Most of them learned it from an old grower at the allotments, who kept his beds green through every dry spell.",
    "The allotment society now teaches the method to every new member in a short class on the first Saturday of June.",
    "He never used a sprinkler, and he said the plants that are watered less often but deeply learn to look after themselves.",
    "Here are the seven steps growers in the valley follow when the dry weather starts in the early summer:",
]
TIPS = ["Water the roots and never the leaves", "Put a thick layer of mulch on every bed",
        "Water early in the cool of the morning", "Collect the rain in barrels under the gutters",
        "Give young plants some shade at noon", "Pick the ripe vegetables every other day",
        "Keep the weeds down between the rows"]
MORE_STORY = [
    "Watering the roots deeply twice a week means the plants grow longer roots that reach the cooler soil below.",
    "Mulch can be straw, dry grass or leaves, and growers in the valley say any of them keeps the soil cool.",
    "Rain barrels fill quickly in a summer storm, and a full barrel waters a small vegetable patch for a week.",
    "Young plants need shade at noon in the first weeks, and a sheet of old net over the beds gives them enough.",
    "Vegetables picked often keep the plants growing, and the beans in particular give more the more you pick them.",
    "Weeds take the water that the vegetables need, so the growers pull them out between the rows every week.",
    "The old grower at the allotments says the patch needs a gardener who watches the soil more than the sky.",
]


def test_the_story_goes_on_past_a_list_of_short_steps_in_its_middle() -> None:
    headline = "How to keep a vegetable patch going through a dry summer"
    article = clean_lines([*MENU, headline, *LONG_STORY, *TIPS, *MORE_STORY, "Related stories", "Ferry fares rise"])
    assert [b.text for b in article.blocks] == LONG_STORY + TIPS + MORE_STORY


def test_comment_links_copyright_and_tags_end_or_leave_the_story() -> None:
    from narrate.clean.rules import is_comments_start, is_prose, is_read_more, is_site_furniture

    assert is_comments_start("View all comments") and is_comments_start("Show 12 comments")
    assert is_read_more("Related Guide: Vegetable patches")
    assert is_site_furniture("Filed under gardening, summer, water")
    assert is_site_furniture("Articles and pictures on this page may not be reproduced without asking the Courier first.")
    assert is_site_furniture("Back to article")
    assert not is_prose('<script type="text/javascript" src="https://player.example/embed?id=12345&autoplay=true&mute=false"></script>')
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, *STORY, "View all comments", "Disclaimer", "Readers say the library needed a new roof for years."])
    assert [b.text for b in article.blocks] == STORY


def test_by_alone_above_a_name_that_starts_with_a_month() -> None:
    headline = "Village library reopens after a year of roof repairs"
    page = [*MENU, headline, "By", "April Fenwick", "@aprilfenwick", "4 March 2024", *STORY]
    assert clean_lines(page).byline == "April Fenwick"


def test_a_video_players_link_box_is_never_the_headline_and_footer_links_end_the_story() -> None:
    from narrate.clean.appeals import is_reader_appeal
    from narrate.clean.rules import is_player_chrome, is_trailer

    assert is_player_chrome("Copy link to this video") and is_player_chrome("Related videos (2 of 12)")
    assert is_trailer("Quick Links") and is_reader_appeal("Stay up to date with the Courier.")
    headline = "Village library reopens after a year of roof repairs"
    player = ["Now playing", "Share this video", "https://video.example/library-reopens", "Copy link to this video",
              '<script src="https://video.example/player.js?id=4411&autoplay=1&mute=0&size=large&lang=en"></script>']
    page = [f"{headline} - Valley Courier", *MENU, headline, "By Nora Pell", *player, *STORY,
            "Stay up to date with the Courier.", "Quick Links", "Ferry timetable",
            "The Valley Courier has reported on the valley and its villages every week since the paper began."]
    article = clean_lines(page)
    assert article.title == headline
    assert [b.text for b in article.blocks][-3:] == STORY


def test_a_biography_followed_by_the_authors_title_and_topic_links_still_ends_the_story() -> None:
    headline = "Village library reopens after a year of roof repairs"
    bio = "Nora Pell (@norapell) is a contributor at the Valley Courier and writes about books and villages."
    after = ["Books Contributor", "Featured Video", "Topics libraries villages", "Valley Courier Weekly",
             ("The Valley Courier is where the valley reads its news: every village, every council meeting and every "
             "match, every week since the paper began in a room above the old bakery on the square.")]
    article = clean_lines([*MENU, headline, *STORY, bio, *after])
    assert [b.text for b in article.blocks] == STORY
    assert article.byline == "Nora Pell"


def test_caption_forms_and_follow_appeals_and_a_bare_address_is_no_headline() -> None:
    from narrate.clean.appeals import is_reader_appeal
    from narrate.clean.captions import is_credited_caption, is_photo_credit
    from narrate.clean.headline import looks_like_headline

    assert is_photo_credit("Above: the reading room on its first morning")
    assert is_credited_caption("Readers queue at the door on Saturday. Credit... Owen Marsh/Valley Courier")
    assert is_reader_appeal("Follow the Valley Courier opinion section on Facebook and Bluesky.")
    assert not looks_like_headline("https://www.valleycourier.example/news/library-reopens-after-repairs")
    assert not looks_like_headline("//www.valleycourier.example/news/library-reopens")


def test_a_sites_disclosure_of_its_advertising_income_is_not_read() -> None:
    from narrate.clean.appeals import is_disclosure

    disclosures = [
        "Advertiser disclosure",
        "Affiliate disclosure: the Courier is paid by some of the shops it links to.",
        "Note: the sponsorship disclaimer further down does not cover our own reporting.",
        "We may earn a small commission when you buy through the links on this page.",
        "If you shop through one of these links, the Courier may get a cut of the sale.",
        "This blog may contain affiliate links, at no extra cost to you.",
        "This site takes part in the Example Shop associates program.",
        "This page may contain mentions of products from some of our partners.",
    ]
    for line in disclosures:
        assert is_disclosure(line), line
    story = [
        "Victims may receive compensation from the fund once the court has ruled, the lawyer said.",
        "The shop earns a commission on every ticket it sells, according to the council's report.",
        "Many bloggers now rely on affiliate links, a study of two thousand websites found last year.",
        "This article contains reporting from partners in the region, the editor said.",
        *STORY,
    ]
    for line in story:
        assert not is_disclosure(line), line
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, disclosures[3], *STORY, disclosures[0], disclosures[1]])
    assert [b.text for b in article.blocks] == STORY


def test_news_page_labels_inside_a_story_are_not_read() -> None:
    """Labels a news page sets between its paragraphs, each written for the test: captions that say they are
    captions, a player's and a share panel's controls, a reading time, a box's label, a note to tipsters."""
    from narrate.clean.clutter import is_clutter
    from narrate.clean.rules import is_trailer

    labels = [
        "Image caption, Volunteers carry books back to the shelves",
        "Media caption The librarian shows the new reading room",
        "Image source, Valley Courier",
        "Media playback is unsupported on your device",
        "Close share panel",
        "Loading...",
        "5 min",
        "Listen to this article",
        "WATCH LIVE",
        "Report an error",
        "Tap here to add the Courier to your home screen",
        "Have a tip? Email the newsroom at desk@courier.example",
        "Our journalism depends on your support.",
    ]
    for line in labels:
        assert is_clutter(line), line
    assert is_trailer("Editor's picks")
    story = [
        "The image caption competition drew four hundred entries from the valley's schools this year.",
        "Loading the vans took the volunteers most of the morning, the librarian said.",
        "Have they finished? Tell that to the readers still waiting for the history shelves, she said.",
        *STORY,
    ]
    for line in story:
        assert not is_clutter(line), line
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, STORY[0], labels[0], labels[4], STORY[1], labels[5], STORY[2]])
    assert [b.text for b in article.blocks] == STORY


def test_a_consent_banner_above_the_headline_is_never_the_headline() -> None:
    from narrate.clean.appeals import is_cookie_notice

    banner = [
        "We value your privacy",
        "We and our partners store and/or access information on a device to show you personalised ads.",
        "Do not sell or share my personal information",
    ]
    assert all(is_cookie_notice(line) for line in banner)
    assert not is_cookie_notice("The bakery sells cookies and cakes made with flour from the valley mill.")
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*banner, "Accept all", *MENU, headline, *STORY])
    assert article.title == headline
    assert [b.text for b in article.blocks] == STORY


def test_a_story_sentence_that_reports_a_privacy_policy_is_read() -> None:
    """A link to the site's privacy page is furniture; a sentence reporting someone's privacy policy is story."""
    from narrate.clean.appeals import is_cookie_notice

    assert is_cookie_notice("Privacy Policy")
    assert is_cookie_notice("Read our privacy policy")
    reported = "The library changed its privacy policy on Tuesday after readers asked how their loans were kept."
    assert not is_cookie_notice(reported)
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, *STORY, reported, "Privacy Policy"])
    assert [b.text for b in article.blocks] == [*STORY, reported]


def test_a_reported_sentence_with_a_notices_words_is_story() -> None:
    """Notice phrases found anywhere in a line ("your email address", "uses cookies", "all rights reserved")
    never claim a story's sentence that reports what someone said, warned or found."""
    from narrate.clean.appeals import is_cookie_notice, is_newsletter
    from narrate.clean.clutter import is_clutter

    story = [
        "Regulators said the site uses cookies to track children without their parents' consent.",
        "Never give your email address to a caller who says they are from the bank, police warned.",
        "By signing up for the scheme, farmers receive a payment for every hectare, the ministry said.",
        "All rights reserved by the original artists, the gallery said of the prints on sale.",
    ]
    for line in story:
        assert not is_clutter(line), line
    assert is_cookie_notice("This site uses cookies to improve your experience.")
    assert is_newsletter("Enter your email address to get our morning briefing.")


def test_labels_in_marks_and_in_other_languages() -> None:
    """A label is one with marks around it ("— Advertisement —", "» Read more") and in the languages
    narrate meets on news pages ("Publicidade", "Anzeige", "Leia também: …", "Lesen Sie auch: …")."""
    from narrate.clean.rules import is_ad_marker, is_read_more, is_site_furniture

    for line in ("— Advertisement —", "- Advertisement -", "» Publicidade", "Anzeige", "Реклама", "Video Ad Feedback",
                 "AdChoices", "Report this ad"):
        assert is_ad_marker(line), line
    for line in ("» Read more", "Leia também: Biblioteca reabre", "Lesen Sie auch: Bibliothek öffnet wieder"):
        assert is_read_more(line), line
    assert is_site_furniture("• Back to top")
    assert not is_ad_marker("- Ad campaign for the library")



def test_a_box_about_the_writer_named_in_the_byline_is_not_read() -> None:
    """ "About Nora Pell" over a few lines on her career, whatever their words, is the writer's box."""
    headline = "Village library reopens after a year of roof repairs"
    box = ["About Nora Pell", "Nora Pell has covered the valley's schools and libraries since 2015, and before that the courts."]
    article = clean_lines([*MENU, headline, "By Nora Pell", *STORY, *box])
    assert [b.text for b in article.blocks] == STORY
    assert article.byline == "Nora Pell"


def test_a_blogs_entry_footer_is_not_read() -> None:
    from narrate.clean.rules import is_site_furniture

    assert is_site_furniture("This entry was posted in Libraries on 4 March 2024 by Nora Pell. Bookmark the permalink.")
    assert is_site_furniture("Bookmark the permalink.")
    assert not is_site_furniture("The letter was posted in March, the council said, and nobody answered it.")


def test_a_newsletters_line_in_your_inbox_is_not_read() -> None:
    from narrate.clean.appeals import is_newsletter

    assert is_newsletter("The best of the Courier, in your inbox every weekday morning.")
    assert not is_newsletter(
        "The letter that landed in your inbox last week was not from the bank, police said, and it asked for "
        "card details that no bank would ever ask for."
    )


def test_a_breadcrumb_trail_is_never_the_headline() -> None:
    from narrate.clean.rules import is_site_furniture

    assert is_site_furniture("Home › Libraries › Valley")
    assert is_site_furniture("Home » Reading")
    assert is_site_furniture("Books > Children > Picture books")
    assert not is_site_furniture("Loans rose > 5% in the year")
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, "Home › Libraries › Valley", headline, *STORY])
    assert article.title == headline
    assert [b.text for b in article.blocks] == STORY


def test_a_breadcrumb_trail_ending_in_the_headline_is_not_the_headline() -> None:
    # The trail from the home page down to the story names the story last; the headline is the line under it.
    from narrate.clean.rules import is_site_furniture

    headline = "Village library reopens after a year of roof repairs, with longer hours"
    assert is_site_furniture(f"Home/ Local/ Libraries/ {headline}")
    assert is_site_furniture(f"Home » Local » {headline}")
    assert not is_site_furniture("Home is where the library is / a reader's view")
    article = clean_lines([*MENU, f"Home/ Local/ Libraries/ {headline}", headline, *STORY])
    assert article.title == headline
    assert [b.text for b in article.blocks] == STORY


def test_a_cross_link_set_off_by_a_bar_is_not_read() -> None:
    # "Also Read | …" in the story's middle: another story's title, however long.
    headline = "Village library reopens after a year of roof repairs"
    link = "Also Read | Ferry timetable changes for the winter: what it means for the valley's commuters"
    article = clean_lines([*MENU, headline, *STORY[:2], link, STORY[2]])
    assert [b.text for b in article.blocks] == STORY


def test_a_credit_naming_the_photographer_and_the_paper_goes_with_its_caption() -> None:
    from narrate.clean.captions import is_photo_credit

    assert is_photo_credit("Owen Marsh/Valley Courier")
    assert not is_photo_credit("Navy Blue / Sea White")
    assert not is_photo_credit("Owen Marsh/Valley Courier said the library would open on Saturday.")


def test_a_print_edition_note_is_not_read() -> None:
    from narrate.clean.rules import is_site_furniture

    assert is_site_furniture("A version of this article appears in print on March 6, 2024, Section A, Page 12.")
    assert is_site_furniture("This story appeared in the March 6 print edition.")
    assert not is_site_furniture("This story appeared to surprise the council, which had expected a quiet year.")


GALLERY = [  # a slideshow's captions above the story: prose, but not the story
    "Snow covers the harbour wall in Kestrel Bay on Monday morning, as the first boats wait to leave.",
    "A driver clears ice from a windscreen on the coast road outside the town before the school run.",
    "Children sledge down the hill behind the old church, which has not seen snow like it for ten years.",
    "Gritters load salt at the depot on Sunday night, ahead of the frost the forecasters had warned of.",
    "A ferry leaves the quay in light snow, an hour behind its timetable because of the ice on its ramp.",
    "Walkers cross the frozen marsh on the boardwalk, which the rangers opened again at lunchtime.",
    "The market square is quiet on Monday, with most of its stalls closed until the roads are cleared.",
    "A postman pushes his bicycle through the snow on the lane to the farms above the bay, on foot.",
]
PAGER = ["Hide caption", *["Snow in Kestrel Bay"] * 8, "<", *[str(n) for n in range(1, 9)], ">"]
THAW = [
    "Milder air from the west will bring a thaw by Wednesday, according to the latest outlook published today.",
    "Forecasters expect the thaw to start on Tuesday afternoon, as milder air reaches the coast from the west.",
    "The council kept its gritters out overnight and said the coast road would open again by Tuesday morning.",
    "Schools in the bay stayed closed on Monday, and the council said they would open again once the road did.",
    "The ferry company said its boats would keep to a shorter timetable until the ice on the ramps had gone.",
    "Farmers above the bay said the snow had come early, and several had brought their sheep down to the fields.",
    "The forecasters warned that the thaw could bring floods to the marsh, where the river is already high.",
    "Rangers closed the boardwalk across the marsh again on Monday evening, and asked walkers to keep away.",
    "The last snow this heavy in the bay fell ten years ago, when the coast road was closed for a whole week.",
    "The council said it had salt enough for a fortnight, and that it would ask its neighbours for more if needed.",
    "Bus services will run to a Sunday timetable until Wednesday, the operator said on Monday afternoon.",
    "Forecasters said the thaw would come with rain, and that the snow would be gone from the bay by Thursday.",
]


def test_a_galleries_captions_above_the_story_are_not_taken_for_it() -> None:
    """A slideshow at the top (captions, then its pager) and the story under it: the gap of short
    lines would end a story, but the stretch after it has far more prose in the headline's words."""
    headline = "Kestrel Bay snow to thaw by Wednesday, forecasters say"
    article = clean_lines([*MENU, headline, "By Nora Pell", *GALLERY, *PAGER, *THAW, "Contact us", "Privacy"])
    assert [b.text for b in article.blocks] == THAW


def test_a_longer_stretch_in_other_words_after_the_story_is_not_read() -> None:
    """The same page read the other way round: a story, a long gap, then more prose that is not in the
    headline's words (a second story, a long blurb). The first stretch stays the story."""
    headline = "Village library reopens after a year of roof repairs"
    story = [*STORY, *(f"{line[:-1]}, the librarian added." for line in STORY), *(f"{line[:-1]}, readers said." for line in STORY[:2])]
    article = clean_lines([*MENU, headline, *story, *PAGER, *THAW, *GALLERY])  # twice the prose of the story
    assert [b.text for b in article.blocks] == story


def test_a_blogs_name_before_a_colon_in_the_page_title_is_not_the_headline() -> None:
    """ "Blog Name: Headline": the headline is the part echoed above the story, not the whole title."""
    headline = "Village library reopens after a year of roof repairs"
    page = [f"Valley Notes: {headline}", "News and notes from the valley.", "Friday, March 1, 2024", headline, *STORY]
    article = clean_lines(page)
    assert article.title == headline
    assert [b.text for b in article.blocks] == STORY


def test_a_shouted_label_before_a_links_title_is_not_read() -> None:
    """ "BUY NOW: Harbour ferry model kit", "SEE ALSO: …": a link, not the story; a shouted label before a
    sentence ("UPDATE: The council has since said …", an interview's "PELL: We …") stays, and so does the
    kind of story a headline announces ("BREAKING: …", "VIDEO: …")."""
    from narrate.clean.appeals import is_newsletter
    from narrate.clean.rules import is_shouted_promo

    for line in ("BUY NOW: Harbour ferry model kit", "SEE ALSO: The first crossing", "GIFT IDEA: £10 ferry voucher"):
        assert is_shouted_promo(line), line
    for line in ("UPDATE: The council has since said it will appeal.", "PELL: We will not give up on the ferry.",
                 "Q: What happens next?", "NOTE: prices may change", "BREAKING: Harbour ferry returns",
                 "VIDEO: The first crossing"):
        assert not is_shouted_promo(line), line
    assert is_newsletter("Sign up for a free Courier account and join the conversation!")
    assert is_newsletter("You'll also receive our weekly newsletter and other offers.")
    assert not is_newsletter("She said you will receive a newsletter every month.")


def test_text_hard_wrapped_at_one_width_is_read_in_paragraphs() -> None:
    """An e-mailed story wrapped at 72 columns: each paragraph is one block again, even where a wrapped
    line starts with a capital ("… said Mayor / Ana Ruiz …"); the headline and byline stay lines of their own."""
    import textwrap

    paragraphs = [
        " ".join(STORY),
        (
            '"We have waited a long time for this," said the librarian, who opened the doors at nine. '
            "Readers queued from eight, and the first to borrow a book was Ana Ruiz, aged seven."
        ),
        *(f"{line} The council will review the hours in {year}." for line, year in zip(STORY, (2025, 2026, 2027))),
    ]
    wrapped = [line for p in paragraphs for line in [*textwrap.wrap(p, 72), ""]]
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([headline, "", "By Nora Pell", "", *wrapped])
    assert article.title == headline
    assert article.byline == "Nora Pell"
    assert [b.text for b in article.blocks] == paragraphs


def test_a_page_pasted_whole_is_not_taken_for_wrapped_text() -> None:
    from narrate.clean.lines import runs_of_lines, wrap_width

    page = [*MENU, "Village library reopens after a year of roof repairs", *STORY, "Contact us", "Privacy"]
    assert wrap_width(runs_of_lines("\n".join(page))) is None


def test_a_headline_in_title_case_is_no_menu() -> None:
    """ "The Winter That Taught Me to Love the Ferry": every word capitalised and no mark, like a menu's
    items, but a headline's small words ("That", "The") are there."""
    from narrate.clean.headline import looks_like_headline

    assert looks_like_headline("The Winter That Taught Me More Than My Degree")
    assert not looks_like_headline("Home News Sport Business Weather")


def test_a_share_button_at_the_top_of_a_copy_is_no_page_title() -> None:
    """A browser's select-all copy starts with the page, not its title: a share button there that comes
    again further down says nothing about where the headline is."""
    headline = "Village library reopens after a year of roof repairs"
    page = ["Share to Facebook", headline, "By Nora Pell", *STORY, "Share to Facebook", "Leave a Reply",
            "Great to see it open again, we will be there on Saturday with the children and their books."]
    article = clean_lines(page)
    assert article.title == headline
    assert [b.text for b in article.blocks] == STORY


def test_consent_buttons_javascript_notes_and_slashed_trails_are_furniture() -> None:
    from narrate.clean.clutter import is_clutter

    for line in ("Accept additional cookies", "Reject optional cookies", "View cookies",
                 "Please turn on JavaScript to use this feature", "Home / Reports / Winter report 2024"):
        assert is_clutter(line), line
    assert not is_clutter("Navy / White")
    assert not is_clutter("Linux, x86 / arm64, armv7 / riscv64")  # a table's row
    assert not is_clutter("Harbour Café / best view of the bay / harbourcafe.example")  # a list of tips
    assert not is_clutter("The council said it would accept additional cookies from the bake sale.")


def test_more_furniture_of_news_and_blog_pages_is_not_read() -> None:
    """Lines written from how such pages are laid out: an ad slot's labels, a paywall's offer, a sign-up
    box, a player's buttons, an opinion page's disclaimer, a report's download link, a shared-story prompt."""
    from narrate.clean.clutter import is_clutter
    from narrate.clean.dates import is_date_line

    for line in ("Story continues", "Sponsor Message", "Advertisements", "Newsletter", "Type your email…",
                 "Get the latest local news", "Subscribe to the Valley Courier for unlimited digital access.",
                 "Have something to say about this column? Send a letter to the editor of up to 200 words.",
                 "Download the full report (PDF, 2.4MB)", "Share full article", "Playlist", "Transcript",
                 "The views expressed in this column are those of the author.", "NEWS PROVIDED BY", "Hide caption",
                 "Listen to this article · 8:14 min Learn more", "Labels: ferries, harbours, winter",
                 "Table of Contents", "Learn about our editorial process", "Close this video player"):
        assert is_clutter(line), line
    for line in ("Updated at 14.18 GMT", "Updated 10:02 a.m. ET"):  # an update's time alone: a dateline
        assert is_date_line(line), line
    assert not is_date_line("Updated at 14.18 GMT, the council said, the map showed the new route.")
    for line in ("The story continues to unfold in the courts.",
                 "The newsletter reached 40,000 readers in its first year, the editor said.",
                 "Download the report, the minister urged farmers, before the deadline passes next week."):
        assert not is_clutter(line), line


def test_captions_credited_in_brackets_and_a_galleries_headline() -> None:
    from narrate.clean.captions import is_credited_caption, is_photo_credit
    from narrate.clean.headline import looks_like_headline

    assert is_credited_caption("Readers queue at the library door on Monday. (Owen Marsh/The Valley Courier)")
    assert not is_credited_caption("The bill (HB 1234/SB 99) passed on Monday.")
    assert is_photo_credit("Photos: Owen Marsh")
    assert not is_photo_credit("Photos: Floods leave the valley's villages under water for a week")
    assert looks_like_headline("Photos: Floods leave the valley's villages under water for a week")
    assert not looks_like_headline('The mayor said no one was hurt. "People listened," she said.')


def test_notes_to_editors_end_a_press_release() -> None:
    from narrate.clean.rules import is_story_end

    assert is_story_end("Notes to editors")


def test_a_headline_in_title_case_may_end_in_a_full_stop() -> None:
    from narrate.clean.headline import looks_like_headline

    assert looks_like_headline("A Small Valley Town Bet Its Future on a Ferry. Then the Passengers Stopped Coming.")
    assert not looks_like_headline("The ferry stopped running in May, and the town has waited for it since.")


def test_the_lines_between_a_headline_and_its_story_on_a_magazine_page() -> None:
    """A byline, a date, a reading time and a row of share buttons ("X" alone among them), then the story,
    a caption credited "Photograph by …" under its first paragraph: the headline is the headline."""
    from narrate.clean.clutter import is_clutter

    headline = '"The ferry is the island\'s clock": a conversation with skipper Ana Ruiz'
    page = [*MENU, "Interviews", headline, "Interview by Nora Pell", "April 11, 2024", "8 min read", "Share",
            "Facebook", "X", "Pinterest", "Email", *STORY, "Ana Ruiz on the bridge. Photograph by Owen Marsh for the Courier",
            *STORY[::-1]]
    article = clean_lines(page)
    assert article.title == headline
    assert article.byline == "Nora Pell"
    for line in ("Reporting from Kestrel Bay, Valley County", "Cookies on the Valley Council website", "Bluesky"):
        assert is_clutter(line), line
    assert not is_clutter("Reporting from Kyiv was dangerous, she said.")


def test_a_recipes_ingredients_are_read_and_the_box_of_other_recipes_above_them_is_not() -> None:
    """Short lines between paragraphs are a box, unless they list amounts and units: a recipe's own list."""
    headline = "Harbour fish stew with saffron and fennel"
    intro = [
        "This stew is what the harbour cooks make on the first cold night of the autumn, with whatever the boats bring in.",
        "It takes an hour, most of it simmering, and it tastes better still the next day once the saffron has settled.",
    ]
    box = ["You might also like", "Quick harbour chowder", "Fennel and orange salad", "Print Recipe", "Servings 4"]
    ingredients = ["Ingredients", "2 tablespoons olive oil", "1 large fennel bulb, sliced", "3 cloves garlic, crushed",
                   "500 g white fish, in chunks", "1 pinch saffron"]
    method = [
        "Warm the harbour cooks' olive oil and soften the fennel for the stew, which takes an hour on a cold night.",
        "Add the saffron, the fish and a cup of water, then simmer the stew for twenty minutes and serve it with bread.",
    ]
    article = clean_lines([*MENU, headline, "By Nora Pell", *intro, *box, *ingredients, *method, "Contact us"])
    assert [b.text for b in article.blocks] == [*intro, *ingredients, *method]


def test_a_reviewers_credit_under_the_headline_is_no_headline() -> None:
    """ "Medically reviewed by Nora Pell, MD", "Fact checked by Owen Marsh": who checked the story, standing
    with its byline and date; a headline that says "by" ("Harbour wall breached by Storm Ada") still is one."""
    from narrate.clean.headline import looks_like_headline

    assert not looks_like_headline("Fact checked by Owen Marsh")
    assert not looks_like_headline("Medically reviewed by Nora Pell, MD")
    assert looks_like_headline("Harbour wall breached by Storm Ada")


def test_a_headline_with_its_byline_under_it_beats_a_label_or_a_later_subheading() -> None:
    """A browser's copy has no page title: the headline is the line with its byline or date a few lines
    under it and the story after, not a menu's item above it ("Pay your council tax") nor a subheading
    further down that has prose under it too."""
    headline = "Village library reopens after a year of roof repairs"
    page = ["Skip to content", "Pay your council tax online", "Report a problem with a road", "News and media",
            headline, "Published: 14 February 2024", *STORY, "What happens next", *STORY[::-1]]
    article = clean_lines(page)
    assert article.title == headline
    assert [b.text for b in article.blocks][:3] == STORY


def test_a_site_name_at_the_top_of_a_copy_is_not_echoed_by_its_footer() -> None:
    """A browser's copy starts with the site's name, which comes again in the footer over a blurb: that
    echo is not the headline; the story above it is read."""
    headline = "Village library reopens after a year of roof repairs"
    blurb = ("Valley Notes is an independent guide to the valley's libraries, schools and ferries, written by its "
             "readers since 2009 and paid for by them.")
    page = ["Valley Notes", *MENU, headline, "By Nora Pell", "March 4, 2024", *STORY, "Contact us", "Privacy", "Valley Notes",
            blurb]
    article = clean_lines(page)
    assert article.title == headline
    assert [b.text for b in article.blocks] == STORY


def test_a_players_button_beside_the_date_is_no_byline() -> None:
    # An episode page: its date, then the player's controls. "Play" is no writer's name.
    headline = "Village library reopens after a year of roof repairs"
    page = [*MENU, headline, "March 12, 2024 · 58 min", "Play", "Pause", "Rewind 15 seconds", *STORY]
    article = clean_lines(page)
    assert article.title == headline
    assert article.byline is None


def test_the_site_name_shown_again_as_its_logo_is_not_the_headline() -> None:
    # A newsletter's page starts with its name, shows it again over the post, and signs the post's
    # headline with the writer's name and the date: that line is the headline.
    headline = "Why the village library took a year to reopen"
    page = ["Valley Notes", "Subscribe", "Sign in", "Valley Notes", headline, "Nora Pell", "Mar 4, 2024", *STORY]
    article = clean_lines(page)
    assert article.title == headline
    assert article.byline == "Nora Pell"
    assert [b.text for b in article.blocks] == STORY


def test_a_post_signed_with_a_follow_button_and_its_publication() -> None:
    # A blogging platform's post: the deck, the writer, where it is published, the reading time,
    # then the date. The post opens with two paragraphs before its first subheading.
    headline = "What the village library taught me about waiting"
    deck = "A year of roof repairs, told by the people who kept lending books from a van."
    page = [
        "Open in app", "Sign up", "Sign in", headline, deck, "Nora Pell", "Follow", "Published in",
        "Valley Essays", "·", "8 min read", "·", "Sep 3, 2023", *STORY[:2],
        "The van on the square", STORY[2], "Most readers did not mind the van, and some of them said they would miss it.",
    ]
    article = clean_lines(page)
    assert article.title == headline
    assert article.byline == "Nora Pell"  # the name with a Follow button beside it, not the publication's
    said = [b.text for b in article.blocks]
    assert said[0] == deck
    assert all(line in said for line in STORY)
    assert "Published in" not in said


def test_a_date_with_an_ordinal_day_is_a_dateline_not_a_headline() -> None:
    from narrate.clean.dates import is_date_line

    assert is_date_line("5th March 2025")
    assert is_date_line("Published 21st May 2024, 10:30")
    assert not is_date_line("The 5th Battalion marched through the town in March 2025.")
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, "Published", "5th March 2025", "By", "Nora Pell, Valley", *STORY])
    assert article.title == headline
    assert article.byline == "Nora Pell"
    assert article.published == "2025-03-05"


def test_a_byline_with_the_place_each_writer_filed_from() -> None:
    from narrate.clean.metadata import byline_of

    assert byline_of("By Nora Pell in Valley, Sam Okafor and Lee Chan") == "Nora Pell, Sam Okafor and Lee Chan"
    assert byline_of("By Nora Pell in Valley and Sam Okafor in Harbour") == "Nora Pell and Sam Okafor"
    assert byline_of("By the time the doors opened in Valley") is None
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, "By Nora Pell in Valley, Sam Okafor and Lee Chan", *STORY])
    assert article.title == headline


def test_a_writers_name_and_the_papers_is_no_headline() -> None:
    headline = "Village library reopens after a year of roof repairs"
    deck = "The council says the longer opening hours will stay; readers want the van back too"
    page = [*MENU, headline, deck, "Nora Pell | The Valley Courier", "Valley", "Updated: Mar 05, 2025 09:14", *STORY]
    article = clean_lines(page)
    assert article.title == headline
    assert article.byline == "Nora Pell"


def test_writers_named_with_where_they_filed_from_are_no_headline() -> None:
    headline = "Village library reopens after a year of roof repairs"
    deck = "Readers queued from dawn; the council says the longer opening hours will stay for the rest of the year"
    page = [*MENU, headline, deck, "Nora Pell in Valley and Sam Okafor in Harbour", "Published 2 hours ago", *STORY]
    article = clean_lines(page)
    assert article.title == headline


def test_a_writers_job_title_between_the_headline_and_the_date_is_no_teaser() -> None:
    headline = "Village library reopens after a year of roof repairs"
    deck = "Readers queued from dawn; the council says the longer opening hours will stay for the rest of the year"
    page = [*MENU, "Today's best library card deals", headline, deck, "Nora Pell", "Senior books editor",
            "Published 2 days ago", *STORY]
    article = clean_lines(page)
    assert article.title == headline


def test_a_byline_under_the_pictures_caption_is_found() -> None:
    # The deck, then the picture's caption with its credit, then the writer and the date.
    headline = "Village library reopens after a year of roof repairs"
    deck = "Readers queued from dawn, and the council says the longer opening hours will stay for the rest of the year."
    caption = ("Readers outside the library on Saturday morning. Volunteers say the queue reached the end of the "
               "street before the doors opened. Photograph: Owen Marsh/PA")
    from narrate.clean.bylines import byline_near_headline

    under = [deck, caption, "Nora Pell, Arts Correspondent", "Tue 4 Mar 2025 18.42 GMT", *STORY]
    assert byline_near_headline(under) == "Nora Pell"
    assert clean_lines([*MENU, headline, *under]).byline == "Nora Pell"


def test_a_title_case_headline_shaped_like_two_names_is_the_headline_when_the_story_tells_of_it() -> None:
    # "Smoky Red Lentil and Roasted Pepper Soup" has the shape of "Jane Morrow and Sam Okafor"; the prose
    # under a headline uses its words, the prose under a writers' line does not.
    headline = "Smoky Harbour Lentil and Roasted Pepper Soup"
    story = [
        "This lentil soup is the one I make when the fridge is nearly empty and everyone at home is hungry.",
        "Roasted peppers give it a sweetness, and a spoonful of smoked paprika does the rest of the work.",
    ]
    article = clean_lines([*MENU, "Jump to Recipe", headline, "Published: January 22, 2025 by Nora Pell", *story])
    assert article.title == headline
    writers = "Nora Pell and Sam Okafor"
    article = clean_lines([*MENU, "Village library reopens after a year of roof repairs", writers, *STORY])
    assert article.title != writers


def test_the_writers_own_biography_box_goes_whatever_their_job() -> None:
    # The byline names Rosa Diaz; the box after the story gives her name, her job on its own line, and a
    # biography that calls her by her first name and names no writer's job: it is still her biography.
    headline = "Village library reopens after a year of roof repairs"
    box = ["Rosa Diaz", "Partner, Fieldstone Studio",
           "Rosa leads strategy at Fieldstone Studio, where she has redesigned the websites of eleven libraries."]
    article = clean_lines([*MENU, headline, "By Rosa Diaz", *STORY, *box])
    assert article.byline == "Rosa Diaz"
    assert [b.text for b in article.blocks] == STORY


def test_a_paragraph_about_someone_else_who_shares_a_first_name_is_not_a_biography() -> None:
    from narrate.clean.biography import writers_bio

    assert writers_bio("Rosa Diaz is director of the studio and lives in the valley.", "Rosa Diaz") == "Rosa Diaz"
    assert writers_bio("Rosa spent ten years in restaurants before she wrote about them.", "Rosa Diaz and Ken Oto") == "Rosa Diaz"
    assert writers_bio("Ken has covered the council for the paper since 2019.", "Rosa Diaz and Ken Oto") == "Ken Oto"
    assert writers_bio("Rosa Diaz said the roof had leaked for years.", "Rosa Diaz") is None  # no "is" or "does"
    assert writers_bio("Rosalind is the library's oldest volunteer and reads to children.", "Rosa Diaz") is None
    assert writers_bio("Rosa is the library's oldest volunteer and reads to children.", None) is None  # no byline


def test_a_newsletters_blurb_inside_the_story_is_not_read() -> None:
    # The box says what the newsletter sends and how often, its cadence a phrase of its own; the story's
    # own "every Thursday" runs on inside its sentence and stays.
    from narrate.clean.appeals import is_newsletter_blurb

    headline = "Village library reopens after a year of roof repairs"
    box = ["Valley Weekly", "Library news, new books and the week's events in the valley, every Friday.", "Sign up"]
    article = clean_lines([*MENU, headline, "By Rosa Diaz", *STORY[:2], *box, *STORY[2:]])
    assert box[1] not in [b.text for b in article.blocks]
    assert is_newsletter_blurb("Our best writing, plus the letters that push back. Twice a week.")
    assert is_newsletter_blurb("One or two posts a month about small tanks and slow plants.")
    assert is_newsletter_blurb("The valley's business news before work, in your inbox at 6 a.m. on weekdays.")
    assert not is_newsletter_blurb("The reading group meets in the library every Thursday.")


def test_a_call_to_action_box_goes_with_its_title_and_offer() -> None:
    # Title, offer and button between two paragraphs; the button offers something ("free", "template").
    headline = "Village library reopens after a year of roof repairs"
    box = ["Run your own reading group", "Our starter pack has twelve book lists and a sign-up sheet for your members.",
           "Download the free template"]
    article = clean_lines([*MENU, headline, "By Rosa Diaz", *STORY[:2], *box, *STORY[2:]])
    assert [b.text for b in article.blocks] == STORY


def test_a_button_under_the_storys_last_paragraph_takes_only_itself() -> None:
    # No title of its own above the paragraph (a list of links is no title): the paragraph is the story's.
    from narrate.article import Block
    from narrate.clean.trim import drop_offer_boxes

    links = ["Ferry timetable changes", "Bakery wins county prize", "Council meeting moved"]
    last = "On this page you read how the library came back; tell us what you think in the comments below."
    blocks = [Block("paragraph", t) for t in [*STORY, *links, last, "Become a member →"]]
    assert [b.text for b in drop_offer_boxes(blocks)] == [*STORY, *links, last]
    alone = [Block("paragraph", t) for t in [*STORY, last, "Start your free trial"]]
    assert [b.text for b in drop_offer_boxes(alone)] == [*STORY, last]


def test_the_labels_a_comment_section_opens_with_end_the_story() -> None:
    # A post's comments under their count, its prompt, or a blog's "Like this:" row: none is the story's.
    headline = "Village library reopens after a year of roof repairs"
    comments = ["Jo Bell", "Lovely to see the library open again, we went on Saturday and the children loved it.",
                "Sam Reid", "The new roof looks great, and the heating finally works in the reading room."]
    for label in (["Responses (2)", "What are your thoughts?"], ["Like this:", "Like Loading..."], ["Webmentions"]):
        article = clean_lines([*MENU, headline, "By Rosa Diaz", *STORY, *label, *comments])
        assert [b.text for b in article.blocks] == STORY, label


def test_tags_hashtags_and_a_shops_prices_are_not_read() -> None:
    headline = "Village library reopens after a year of roof repairs"
    furniture = ["Tagged: Libraries, Valley, Repairs", "#Libraries #Reading", "$24 at Valley Books $22 at Shelfside"]
    article = clean_lines([*MENU, headline, "By Rosa Diaz", *STORY[:2], furniture[2], *STORY[2:], *furniture[:2]])
    assert [b.text for b in article.blocks] == STORY


def test_a_headings_marks_are_not_part_of_it() -> None:
    # A heading copied with its Markdown level or the permalink mark a site puts beside it.
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, "By Rosa Diaz", STORY[0], "## What changed", STORY[1],
                           "What comes next #", STORY[2]])
    assert [b.text for b in article.blocks] == [STORY[0], "What changed", STORY[1], "What comes next", STORY[2]]


def test_a_tags_label_holds_twenty_words_at_most() -> None:
    # A longer line after "Tags:" is prose, not a row of tags. (The label's pattern once split each word
    # in every possible way, so this line took minutes; that cost is the benchmark's to show, not a test's.)
    from narrate.clean.rules import is_site_furniture

    assert not is_site_furniture("Tags: " + " ".join(["librarianship"] * 5 + ["and"] * 20))
    assert is_site_furniture("Tags: libraries, reading, valley")


def test_a_newsletters_name_goes_with_its_blurb() -> None:
    headline = "Village library reopens after a year of roof repairs"
    box = ["The Valley Weekly", "Library news, new books and the week's events in the valley, every Friday."]
    article = clean_lines([*MENU, headline, "By Rosa Diaz", *STORY[:2], *box, *STORY[2:]])
    assert [b.text for b in article.blocks] == STORY


def test_a_reviews_label_and_a_company_writers_job_make_a_byline() -> None:
    from narrate.clean.bylines import byline_near_headline

    assert byline_near_headline(["Reviewed by:", "Hannah Orme", "Our rating: 4/5"]) == "Hannah Orme"
    assert byline_near_headline(["Reviewed by Hannah Orme", STORY[0]]) == "Hannah Orme"
    assert byline_near_headline(["Owen Marsh", "Head of Product", "May 7, 2024"]) == "Owen Marsh"


def test_a_cookie_banner_in_the_sites_standard_words_is_not_the_story_start() -> None:
    # A consent banner above the menus is prose; taken for the page's first paragraph, it hid the signed
    # headline under the menus and the page's title was read as the headline.
    headline = "Village library reopens after a year of roof repairs and a new heating system"
    page = ["Library news | Valley Courier",
            "By clicking “Accept”, you agree to the storing of cookies on your device to enhance site navigation.",
            "Preferences Deny Accept", *MENU, headline, "Rosa Diaz", "Head of Libraries Desk", "May 7, 2024", *STORY]
    article = clean_lines(page)
    assert article.title == headline
    assert article.byline == "Rosa Diaz"


def test_a_wire_pictures_caption_with_its_slashed_credit_is_not_read() -> None:
    from narrate.clean.captions import is_credited_caption

    caption = "Volunteers carry books into the library in Harlow, May 4, 2024. Valley Wire/Ann Bell/File Photo"
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, "By Rosa Diaz", "4 mins to read", caption, *STORY,
                           "Discussion about this post", "Jo Bell", "Lovely to see it open again, well done to all."])
    assert [b.text for b in article.blocks] == STORY
    assert is_credited_caption("Ships at berth in the port, February 12, 2024. HARBOUR WIRE/Ann Bell/")
    assert not is_credited_caption("The vote was close. Labour/Greens won the seat.")


def test_a_wire_pictures_licensing_button_is_not_read() -> None:
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, "By Rosa Diaz", "Share Purchase Licensing Rights", *STORY])
    assert [b.text for b in article.blocks] == STORY


def test_a_drop_cap_copied_onto_its_own_line_goes_back_into_its_paragraph() -> None:
    """ "T" alone above "he village library …": one word again. "A" is a word of its own and stays apart."""
    article = clean_lines(["Village library reopens after a year", "T", "", STORY[0][1:], *STORY[1:]])
    assert [b.text for b in article.blocks] == STORY
    assert "Tvolunteers" not in " ".join(b.text for b in clean_lines(["Village library reopens after a year", *STORY, "A",
                                                                      "volunteers said"]).blocks)


def test_a_drop_cap_copied_with_a_space_after_it_goes_back_into_its_word() -> None:
    """ "T he village library …" is read "The village library …": the page says "the" elsewhere. A letter
    before a word the page never says run together ("T cells") stays as it is."""
    spaced = STORY[0][0] + " " + STORY[0][1:]
    article = clean_lines(["Village library reopens after a year", spaced, *STORY[1:]])
    assert [b.text for b in article.blocks] == STORY
    cells = "T cells from the volunteers were tested at the library after the roof repairs were finished."
    article = clean_lines(["Village library reopens after a year", *STORY, cells])
    assert article.blocks[-1].text == cells


def test_a_guides_headline_wins_over_its_sections_when_a_table_of_contents_parts_it_from_the_story() -> None:
    """A how-to's headline, one sentence under it, then the guide's contents: each section's title has
    the story right under it, but the headline is the page's, and the contents are read as they stand."""
    headline = "How to Mend a Village Library Roof (4 Steps) | Tools, Timing & Costs"
    sentence = "In this guide, I'll explain how the volunteers mended the village library roof in one year."
    contents = ["The guide has these parts:", "The damage", "Step 1: Clear the gutters", "Step 2: Replace the slates",
                "Step 3: Seal the skylights", "Step 4: Check the heating"]
    article = clean_lines([*MENU, headline, sentence, *contents, "Step 1: Clear the gutters", *STORY])
    assert article.title == headline


def test_a_cookie_banner_titled_with_the_sites_address_is_not_read() -> None:
    """ "Cookies on harbourgazette.example" and its sentences ("We use some essential cookies …") above the
    story: the banner, never the headline or the standfirst."""
    banner = [
        "Cookies on harbourgazette.example",
        "We use some essential cookies to make this website work.",
        "We'd like to set additional cookies to understand how you use the site and improve our services.",
        "We also use cookies set by other sites to help us deliver content from their services.",
        "Accept additional cookies",
    ]
    from narrate.clean.appeals import is_cookie_notice

    assert all(map(is_cookie_notice, banner))
    assert not is_cookie_notice("The bakery will use additional cookies in its new recipe, the owner said on Monday.")
    article = clean_lines([*banner, "Village library reopens after a year", *STORY])
    assert article.title == "Village library reopens after a year"
    assert [b.text for b in article.blocks] == STORY


def test_a_posts_counters_are_not_read() -> None:
    """ "214" and "38" under a newsletter post's byline, "142" / "Likes" / "23 Comments Restack Share" under
    its end: numbers and counters alone on their lines, nothing to say."""
    standfirst = "The roof is mended, the heating works and the books are back on the shelves at last."
    article = clean_lines(["Village library reopens after a year", standfirst, "Nora Pell", "Mar 4, 2024", "214", "38",
                           *STORY, "142", "Likes", "23 Comments Restack Share"])
    assert [b.text for b in article.blocks] == [standfirst, *STORY]


def test_top_matter_a_wire_caption_with_its_licensing_button_share_counts_and_the_writers_job_go() -> None:
    """Above the story: a wire picture's caption with "Purchase Licensing Rights, opens new tab" after its
    credit, sharing rows with counts and a reading time, an old toolbar, a relative date in hours and the
    writer's job on its own line (the name line went with the byline). The story's first paragraph is
    the standfirst."""
    from narrate.clean.dates import is_date_line
    from narrate.clean.rules import is_share_button

    headline = "Village library reopens after a year of roof repairs"
    caption = ("Volunteers carry books into the library in Harlow, May 4, 2024. Valley Wire/Ann Bell/File Photo "
               "Purchase Licensing Rights, opens new tab")
    for top in (["By Rosa Diaz", caption], ["By Rosa Diaz", "Updated 11 hrs ago", "Books reporter, Valley News"],
                ["Share on Facebook 1.2k", "Share 4 minute read Save"],
                ["Print this story Email a friend Comments (6) Bookmark with: Digg del.icio.us Facebook reddit"]):
        assert [b.text for b in clean_lines([*MENU, headline, *top, *STORY]).blocks] == STORY, top
    assert is_date_line("Posted 3 weeks ago") and not is_date_line("Three weeks ago, the roof fell in.")
    assert not is_share_button("Send the library a note")


def test_the_writers_job_under_the_standfirst_goes_with_the_byline() -> None:
    """A magazine's top: headline, standfirst, the writer's name, her job on its own line, the date. The job is
    no part of the story; a story line that names a job, further down, is."""
    headline = "Village library reopens after a year of roof repairs"
    standfirst = "The roof is mended, the heating works and the books are back on the shelves at last."
    for top in (["Nora Pell", "Books and Culture Correspondent", "4 March 2024"],
                ["Nora Pell", "4 March 2024 · 5 min read", "Senior Arts Reporter"]):
        article = clean_lines([*MENU, headline, standfirst, *top, *STORY])
        assert article.byline == "Nora Pell", top
        assert [b.text for b in article.blocks] == [standfirst, *STORY], top
    told = [STORY[0], "Head librarian", *STORY[1:]]  # a box's label inside the story is not the byline's
    assert "Head librarian" in [b.text for b in clean_lines([*MENU, headline, standfirst, "Nora Pell", *told]).blocks]


def test_a_dated_line_with_the_writers_name_among_its_parts_is_the_byline_not_the_standfirst() -> None:
    headline = "Village library reopens after a year of roof repairs"
    article = clean_lines([*MENU, headline, "Mar 12, 2024 • Rosa Diaz • 6 min read", *STORY])
    assert article.byline == "Rosa Diaz"
    assert [b.text for b in article.blocks] == STORY


def test_a_newsrooms_appeal_to_the_readers_who_keep_it_is_not_read() -> None:
    """After the story, a reader-funded newsroom asks for support; a story sentence about a museum's members
    or a park's value is story."""
    from narrate.clean import is_clutter

    headline = "Village library reopens after a year of roof repairs"
    appeals = ["The Valley Ledger is a nonprofit newsroom. We keep our reporting free for everyone.",
               "The Valley Ledger is funded by its readers. If you value local journalism, please consider a donation."]
    assert [b.text for b in clean_lines([*MENU, headline, *STORY, *appeals]).blocks] == STORY
    assert not is_clutter("The museum is funded by its members and a grant from the city, the director said.")
    assert not is_clutter("If you value the park, residents said, you should support the levy in November.")


@pytest.mark.parametrize("line", [
    "By subscribing, you agree to our Terms of Use and Privacy Policy.",
    "By submitting your email you consent to our terms and privacy statement.",
    "We use your sign-up to send you the stories you asked for. See our privacy notice.",
    "Your information is being handled in line with the Gazette's privacy statement.",
    "Use of this site constitutes acceptance of our user agreement and privacy policy.",
    "By clicking Sign Up, you agree to our Terms of Use and acknowledge our Privacy Policy.",
])
def test_a_sign_up_forms_consent_line_is_not_read(line: str) -> None:
    from narrate.clean.clutter import is_clutter

    assert is_clutter(line)


def test_a_story_about_a_privacy_policy_is_read() -> None:
    from narrate.clean.clutter import is_clutter

    for line in ("By subscribing to the loan plan, you agree to pay interest of up to 30% a year on what you owe.",
                 "By registering with the scheme, you accept that your details are shared with the council.",
                 "Getting your sign-up bonus is easy if you open the account before the end of the month.",
                 "Your data is processed abroad, the privacy watchdog found, and the firm must now stop."):
        assert not is_clutter(line), line


@pytest.mark.parametrize(
    "dateline",
    ["Libraries & Archives 4 March 2024 6 min read", "4 March 2024, updated 21:05 Valley Radio, Kestrel Bay"],
)
def test_a_date_with_a_section_an_outlet_or_a_place_beside_it_is_not_read(dateline: str) -> None:
    headline = "Village library reopens after a year of roof repairs"
    standfirst = "Readers return on 4 March 2024 to a building with a new roof and longer hours"
    article = clean_lines([*MENU, headline, standfirst, dateline, *STORY])
    assert article.title == headline
    assert [b.text for b in article.blocks] == [standfirst, *STORY]  # a standfirst's date stays with its words


def test_a_wire_storys_picture_caption_above_its_dateline_is_not_read() -> None:
    headline = "Village library reopens after a year of roof repairs"
    caption = "Readers queue outside the library in Kestrel Bay, Valley County, on Saturday, March 2, 2024."
    lead = "KESTREL BAY, Valley County (HP) — " + STORY[0]
    points = "Roof and heating repaired at a cost of 2 mln"  # the story's key points, no sentence
    article = clean_lines([*MENU, headline, "By Nora Pell", "March 4, 2024", points, caption, lead, *STORY[1:]])
    assert article.title == headline
    assert [b.text for b in article.blocks] == [points, lead, *STORY[1:]]


def test_a_date_with_the_writers_job_under_a_standfirst_sentence_is_not_read() -> None:
    headline = "Village library reopens after a year of roof repairs"
    standfirst = "Readers say the new hours will suit families after school."
    article = clean_lines([*MENU, headline, standfirst, "By Nora Pell",
                           "Courier Staff Writer Published: Monday, March 4, 2024 at 6:02 a.m.", *STORY])
    assert article.byline == "Nora Pell"
    assert [b.text for b in article.blocks] == [standfirst, *STORY]


def test_a_subheading_right_under_an_ad_label_is_the_storys() -> None:
    # The ad copies as its label alone: the short line under it, with the story going on below, is a subheading.
    headline = "Village library reopens after a year of roof repairs"
    subheading = "Longer hours on Thursdays"
    after = "The volunteers said the library and its returned books were back on the shelves for the first readers."
    article = clean_lines([*MENU, headline, "By Nora Pell", *STORY[:2], "Advertisement", subheading, after])
    assert [b.text for b in article.blocks] == [*STORY[:2], subheading, after]


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Volunteers carry books into the library on Monday. Valley Wire/Ann Bell License this content", True),
        ("The old bridge has carried a 10-ton limit since 2006. Courier photo by Ann Bell", True),
        ("Ferries wait at the quay on Saturday. Operators say fares rise on Monday. PHOTO | FILE", True),
        ("Ferries wait at the quay on Saturday. PHOTO | ANN BELL", True),
        ("The viaduct above the harbour road. (File photo)", True),
        # the story's own sentences about photos
        ("She never saw the file. Her photo by the harbour won a prize.", False),
        ("The team checked the photo | it was a fake, she said.", False),
    ],
)
def test_a_captions_credit_in_the_forms_papers_give_it(line: str, caption: bool) -> None:
    from narrate.clean.captions import is_credited_caption

    assert is_credited_caption(line) is caption


def test_counts_a_sponsor_and_a_comments_disclaimer_round_a_newsletter_are_not_read() -> None:
    for line in ("6 Restacks", "Follow the Valley Lantern on WhatsApp for the day's top stories",
                 "This week's Valley Letter is supported by Harbour Outdoor Co. Readers get 10% off.",
                 "Disclaimer: Comments expressed by readers on this site are their own and not the Lantern's."):
        assert is_clutter(line), line
    assert not is_clutter("The festival is supported by the council and two local firms.")


def test_a_biography_that_ends_in_a_tip_line_still_ends_the_story() -> None:
    """ "NAME covers … Have a tip? Email …" is the writer's biography, not a tip line on its own: it ends the
    story, and the newsletter box under it is not read."""
    headline = "Village library reopens after a year of roof repairs"
    bio = "Nora Pell covers the council and its libraries. Have a news tip? Email her at npell@lantern.example."
    box = "Start your day with the stories the valley is talking about, picked by our editors and sent to you early."
    article = clean_lines([*MENU, headline, "By Nora Pell", *STORY, bio, "Get the Morning Briefing", box])
    assert [b.text for b in article.blocks] == STORY
