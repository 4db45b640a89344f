"""Pasted text: boxes in the middle of a story, and the labels around it, each on a page written for the test.

None of these pages, names or sentences is taken from a benchmark page.
"""

from __future__ import annotations

from narrate.article import Article
from tests.pasted import MENU, clean_lines

HEADLINE = "Orchard valley growers count the cost of a late April frost"
BEFORE = [
    "Growers across the orchard valley spent the weekend walking their rows after two nights of hard frost.",
    "The cold came just as the apple and pear trees were in full blossom, the most fragile week of their year.",
    "Several farms lit fires between the rows on the second night, but many said the damage was already done.",
]
# The story turns to a new subject after the box: few of its longer words were used above it.
AFTER = [
    "Insurers expect a rush of claims, and brokers in the market town say premiums will rise again next spring.",
    "A cooperative of smaller farms has asked the regional council for an emergency fund to cover lost wages.",
    "Seasonal pickers, who usually arrive in August, may find far fewer jobs this year, the cooperative warned.",
]
POPULAR = [
    "Most Popular",
    "Ferry timetable changes for the winter",
    "New cycle lane opens on the harbour road",
    "Council approves plan for a second primary school",
    "Weekend weather: sunshine at last",
]


def _story(article: Article) -> list[str]:
    return [b.text for b in article.blocks]


def test_the_story_goes_on_past_a_labelled_list_when_it_turns_to_new_words() -> None:
    """ "Most Popular" and its titles in the story's middle, then three paragraphs on a new subject:
    the story goes on, and the list is not read."""
    footer = ["About us", "Contact", "Privacy", "© 2025 Valley Courier"]
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *POPULAR, *AFTER, *footer])
    assert _story(article) == [*BEFORE, *AFTER]


def test_an_advert_between_the_paragraphs_after_a_labelled_list_does_not_break_them() -> None:
    related = ["RELATED COVERAGE", *POPULAR[1:]]
    after = [AFTER[0], AFTER[1], "ADVERTISEMENT", AFTER[2]]
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *related, *after, "Contact us", "Privacy"])
    assert _story(article) == [*BEFORE, *AFTER]


def test_the_story_goes_on_past_a_labelled_list_shown_again_and_again_in_its_middle() -> None:
    """The same "Most Popular" list after every two paragraphs: the paragraphs in a row are counted
    past the next list, so the story goes on past each list."""
    last = [
        AFTER[2],
        "The council will decide on the emergency fund at its meeting in June, a spokesman said on Monday.",
        "Growers hope to know by then how much of the crop survived, once the first fruit has begun to set.",
    ]
    article = clean_lines([
        *MENU, HEADLINE, "By Nora Pell", *BEFORE, *POPULAR, AFTER[0], AFTER[1], *POPULAR, *last,
        "About us", "Contact", "Privacy",
    ])
    assert _story(article) == [*BEFORE, AFTER[0], AFTER[1], *last]


def test_one_paragraph_under_a_labelled_list_is_not_taken_for_the_story() -> None:
    """After the story, a "Most Popular" list and one paragraph in other words (a site's blurb) stay
    out: a story going on has paragraphs in a row."""
    blurb = "The Valley Courier has served the towns of the orchard valley with local news and sport since 1921."
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *POPULAR, blurb, "Contact us", "Privacy"])
    assert _story(article) == BEFORE


def test_a_comment_policy_under_a_labelled_list_is_not_the_story_going_on() -> None:
    """Paragraphs in a row that speak to the reader (a site's rules for comments) are not the story."""
    rules = [
        "We welcome your comments on the stories of the day, and may print some of them in the paper.",
        "Please keep your comments civil and on the subject of the story, and do not use them to advertise.",
        "Your email address will never be published, and comments may take a while to appear on the site.",
    ]
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *POPULAR, *rules, "Contact us", "Privacy"])
    assert _story(article) == BEFORE


def test_a_list_title_ending_in_a_quotation_is_not_a_paragraph() -> None:
    """ "Baker to close after 40 years: ‘It is time’": a list's title, though it ends with a closing mark,
    does not split the list in two."""
    popular = [*POPULAR[:3], "Harbour baker to close after forty years of early mornings: ‘It is time’", *POPULAR[3:]]
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *popular, *AFTER, "Contact us", "Privacy"])
    assert _story(article) == [*BEFORE, *AFTER]


def test_a_metered_paywall_and_its_offer_are_not_read() -> None:
    from narrate.clean.appeals import is_paywall

    for line in ("You have 3 free articles left this month.", "This is your last free story.",
                 "You've read all of your free articles for April.",
                 "Get unlimited access to the Courier for just $2 for 3 months."):
        assert is_paywall(line), line
    assert not is_paywall("The paper lets readers see four free articles a month before it asks them to pay, its editor said.")


def test_labels_for_more_on_a_subject_and_a_players_running_time_are_not_read() -> None:
    from narrate.clean.rules import is_player_chrome, is_read_more

    for line in ("MORE ON FROST", "Read more on farming", "More about the valley:"):
        assert is_read_more(line), line
    assert not is_read_more("More on that in the spring, he said.")
    for line in ("Listen · 12 min", "Listen · 3:45", "Watch 2:05"):
        assert is_player_chrome(line), line
    assert not is_player_chrome("Listen to the growers")


def test_a_papers_closing_lines_are_not_read() -> None:
    from narrate.clean.appeals import is_reader_appeal
    from narrate.clean.rules import is_read_more, is_story_end

    assert is_story_end("Welcome to the discussion")
    assert is_read_more("Read More News on")
    for line in ("(Catch all the Farming News, Weather News and Latest News Updates on The Valley Courier.)",
                 "(You can now subscribe to our Courier WhatsApp channel)",
                 "Have an opinion? Send a letter to the editor at our website."):
        assert is_reader_appeal(line), line
    assert not is_reader_appeal("The growers said they would catch all the trains to the market on Friday.")


FACTS = ["At a glance", "Orchards hit: 40", "Nights of frost: 2", "Coldest reading: minus 4C", "Blossom lost: most"]


def test_the_storys_opening_above_a_fact_box_is_read() -> None:
    """Headline, byline, the first paragraph, then a box of facts before the rest: the opening, in the
    story's own words, is read with the rest."""
    opening = ("Growers across the orchard valley say a late April frost has cost them most of this year's apple "
               "and pear blossom, after two nights of hard frost in full bloom.")
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", opening, *FACTS, *BEFORE, *AFTER, "Contact us", "Privacy"])
    assert _story(article) == [opening, *BEFORE, *AFTER]


def test_a_teasers_excerpt_above_a_box_is_not_taken_for_the_storys_opening() -> None:
    teaser = ("The harbour ferry will sail less often from November, its operator told passengers on Monday, "
              "blaming the cost of fuel and a shortage of crew for the winter season.")
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", teaser, *FACTS, *BEFORE, *AFTER, "Contact us", "Privacy"])
    assert _story(article) == [*BEFORE, *AFTER]


def test_a_live_blogs_writers_line_is_not_the_headline() -> None:
    """ "Nora Pell (now) and Tom Reyes (earlier)" under a live blog's headline: the writers, not a title."""
    headline = "Orchard valley frost live: growers light fires as temperatures fall again"
    page = [*MENU, "LIVE", headline, "Nora Pell (now) and Tom Reyes (earlier)", "Sun 13 Apr 2025 14.41 BST", *BEFORE]
    article = clean_lines(page)
    assert article.title == headline
    from narrate.clean.headline import looks_like_headline

    assert looks_like_headline("How To Grow and Care For Pear Trees")
    assert not looks_like_headline("Nora Pell and Tom Reyes")


def test_a_newsletters_promotion_a_donation_box_and_share_labels_are_not_read() -> None:
    from narrate.clean.clutter import is_clutter

    for line in ("skip past newsletter promotion", "after newsletter promotion", "Free weekly newsletter",
                 "Privacy Notice: Newsletters may contain information about charities and online ads.",
                 "Share on X (formerly Twitter)", "Copied",
                 "Click here if you are having trouble viewing this gallery on mobile",
                 "Your gift helps restore orchards and protect the valley's bees.",
                 "The Orchard Trust is a registered 501(c)(3) nonprofit. Gifts are tax-deductible."):
        assert is_clutter(line), line
    assert not is_clutter("The trust said a single donation helps it plant ten trees, its report found.")


def test_two_writers_each_under_or_beside_a_job_title() -> None:
    """ "Nora Pell" / "Staff Engineer, Platform" / "Tom Reyes" / "Data Engineer" / the date, and "Nora Pell
    Political correspondent" / "Tom Reyes Deputy political editor" / the date: both writers, never a job title."""
    headline = "How the orchard valley's cooperative moved its orders online in a month"
    for top in (["Nora Pell", "Staff Engineer, Platform", "Tom Reyes", "Senior Data Engineer, Payments", "April 22, 2025"],
                ["Nora Pell Political correspondent", "Tom Reyes Deputy political editor", "Tue 22 Apr 2025 09.14 BST"]):
        article = clean_lines([*MENU, headline, *top, *BEFORE, *AFTER])
        assert article.byline == "Nora Pell and Tom Reyes", top
    article = clean_lines([*MENU, headline, "Nora Pell", "Senior Product Manager, Payments", "April 22, 2025", *BEFORE])
    assert article.byline == "Nora Pell"
    headline = "Orchard valley frost live: growers light fires as temperatures fall again"
    article = clean_lines([*MENU, "LIVE", headline, "Nora Pell (now) and Tom Reyes (earlier)", "Sun 13 Apr 2025 14.41 BST", *BEFORE])
    assert article.byline == "Nora Pell and Tom Reyes"


def test_a_wire_pages_slide_captions_ad_label_and_link_labels_are_not_read() -> None:
    from narrate.clean.clutter import is_clutter

    for line in ("Item 1 of 3 Growers light fires between the rows of an orchard, April 14, 2025. VALLEY/Tom Reyes",
                 "[2/3]Growers light fires between the rows of an orchard.", "Advertisement · Scroll to continue",
                 "Acquire Licensing Rights, opens new tab", "Our Standards: The Courier Principles., opens new tab"):
        assert is_clutter(line), line
    assert not is_clutter("1/4 of the growers said they would replant.")


def test_a_sign_up_forms_messages_and_an_ad_slots_button_are_not_read() -> None:
    from narrate.clean.clutter import is_clutter

    for line in ("Hide Ad", "Thank you for signing up!", "Sorry, there seem to be some issues. Please try again later.",
                 "Get unlimited access to the Courier today."):
        assert is_clutter(line), line
    assert not is_clutter("Readers will get unlimited access to the archive from May, the publisher said on Monday.")


# More of the story's opening, so that it has the length of a story before a long box.
MORE = [
    "At Hollin Farm the damage was worst on the lower slopes, where the cold air settled in the hollows overnight.",
    "Ada Brennan, who has grown pears there for thirty years, said she had never seen so much blossom turn brown.",
    "Her neighbours on the upper slopes fared better, losing perhaps a third of their blossom to the second frost.",
    "The valley's growers' association said it would count the losses farm by farm over the next fortnight.",
    "Some of the oldest trees in the valley were planted after the last great frost, almost seventy years ago now.",
    "Growers say those trees have lived through many hard springs, but none that came so late and stayed so long.",
]


# A box with no label of its own: a gallery's captions, each a few words, none of them clutter.
GALLERY = [f"Picture {n}: growers and their trees on the {day} morning after the frost" for n, day in
           zip(range(1, 7), ("first", "second", "third", "fourth", "fifth", "last"))]


# The story after a long box, turning to the money: a subheading, then paragraphs in few of its words.
MONEY = [
    "What growers want",
    "A cooperative of smaller farms in the valley has asked the council for an emergency fund for wages.",
    "Seasonal pickers, who usually arrive in August, may find far fewer jobs this year, the cooperative said.",
    "The council's finance committee will meet on Thursday to decide whether it can find the money this year.",
    "Its chair said the committee understood the hardship, but that any fund would have to be paid back later.",
    "The cooperative's members plan to bring a petition to the meeting, signed by most of the valley's farms.",
]


def test_the_story_goes_on_past_a_long_unlabelled_box_when_paragraphs_follow() -> None:
    """A long box with no label of its own (a gallery's captions) past the story's first paragraphs, then
    paragraphs that turn to the money (few of the story's words, a subheading between them):
    the story goes on. Another story's paragraphs, in none of its words, do not (see the next test)."""
    after = [
        "Insurers expect a rush of claims from growers, and brokers say premiums will rise again next spring.",
        *MONEY,
    ]
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *MORE, *GALLERY, *after, "Contact us", "Privacy"])
    assert _story(article)[-len(after):] == after
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *MORE, *GALLERY, *AFTER, "Contact us", "Privacy"])
    assert not set(AFTER) & set(_story(article))


def test_the_story_goes_on_past_a_subheadings_list_when_two_paragraphs_follow() -> None:
    """A subheading and its list of short items (a long run of short lines), then two paragraphs before the
    page's tags: the story goes on to them."""
    listed = ["What the growers lost", "Most of the early pear blossom on the lower slopes",
              "About a third of the apple blossom on the upper slopes", "Two weeks of picking work for the summer",
              "The first hives of the season, moved out of the valley too soon", "A cold store's worth of early fruit"]
    after = [
        "Insurers expect a rush of claims from growers over the coming weeks, and brokers in the market town say that"
        " premiums will rise again next spring for every farm in the valley, whether or not it lost blossom this year,"
        " because the frost came so late.",
        "A cooperative of smaller farms in the valley has asked the council for an emergency fund to cover the wages"
        " of pickers and packers this summer, saying that without it several of its members will not open their"
        " packing sheds at all until the autumn.",
    ]
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *MORE, *listed, *after, "Farming Weather News",
                           "12 Comments", "Sign in to comment"])
    assert _story(article)[-len(after):] == after


def test_the_story_goes_on_past_a_long_box_when_it_turns_to_you_further_on() -> None:
    """Paragraphs past a long box that speak to "you" only further on (an explainer's) go on with the
    story; a site's notice speaks to the reader at once, and does not (the comment-policy test)."""
    after = [
        "Insurers expect a rush of claims from growers, and how much you pay next spring depends on your valley.",
        *MONEY,
    ]
    article = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *MORE, *GALLERY, *after, "Contact us", "Privacy"])
    assert _story(article)[-len(after):] == after


def test_a_feedback_widget_or_a_next_storys_byline_in_the_box_ends_the_story() -> None:
    after = [
        "Insurers expect a rush of claims from growers, and brokers say premiums will rise again next spring.",
        "A cooperative of smaller farms in the valley has asked the council for an emergency fund for wages.",
        "Seasonal pickers, who usually arrive in August, may find far fewer jobs this year, the cooperative said.",
    ]
    feedback = ["Was this article helpful?", "Yes", "No", "Thanks for your feedback!", "Other", "Helpful", "Submit",
                *GALLERY]
    next_story = [*GALLERY, "Harbour ferry to sail less often this winter", "By Tom Reyes", "April 22, 2025"]
    for box in (feedback, next_story):
        article = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *MORE, *box, *after, "Contact us"])
        assert not set(after) & set(_story(article)), box[:2]


def test_a_forms_messages_and_a_template_placeholder_are_not_read() -> None:
    from narrate.clean.clutter import is_clutter
    from narrate.clean.rules import is_story_end

    for line in ("You're in!", "Thank you, {{form.email}}, for signing up.", "There was an error. Please try again."):
        assert is_clutter(line), line
    assert is_story_end("Was this article helpful?") and is_story_end("Is this page useful?")


def test_a_label_for_more_briefs_and_a_report_link_end_or_leave_the_story() -> None:
    from narrate.clean.clutter import is_clutter
    from narrate.clean.rules import is_trailer

    assert is_trailer("More news in brief")
    assert is_trailer("More local stories from the valley")
    assert is_clutter("Report an issue with this article")
    assert not is_trailer("There is more news in brief on page four.")
    assert not is_clutter("Readers can report an issue with a bin collection on the council's website.")


def test_an_embedded_posts_counts_and_a_polls_controls_are_not_read() -> None:
    from narrate.clean.clutter import is_clutter

    for line in ("Reply 38", "Repost 412", "Like 1.9K", "12 Likes", "Poll", "Vote", "1,284 votes · Poll closes in 3 days",
                 "you@example.com"):
        assert is_clutter(line), line
    for line in ("1,284 votes were cast in the first hour, the council said.", "Poll shows voters split on the bypass"):
        assert not is_clutter(line), line


def test_a_forms_labels_a_maps_credits_and_a_dateline_with_its_reading_time() -> None:
    from narrate.clean.clutter import is_clutter
    from narrate.clean.dates import is_date_line

    for line in ("Email address", "This site is protected by reCAPTCHA and the Privacy Policy applies.", "Find out more",
                 "Learn more", "View larger map", "Map data ©2025 Valley Maps", "Topics"):
        assert is_clutter(line), line
    assert not is_clutter("Find out more about the library's new hours on the council's website, the mayor said.")
    assert is_date_line("Thursday, 20 March 2025 · 7 min read")
    assert not is_date_line("Seven minutes to read the whole report, the council said on 20 March 2025.")


def test_a_related_title_that_says_response_is_no_comment_and_the_story_goes_on() -> None:
    """ "Read more" and two other stories' titles in the middle of the story, one of them about a response;
    the story resumes after them. A short "12 responses" line still stops the box from being passed over."""
    box = ["Read more", "Frost damage worse than feared, say growers",
           "Cold snap or climate shift? Orchard valley divided over council response"]
    later = ["The growers said the frost would cost the orchard valley its best apple and pear harvest in years.",
             *AFTER]
    assert _story(clean_lines([*MENU, HEADLINE, *BEFORE, *box, *later])) == [*BEFORE, *later]
    replies = ["Read more", "Frost damage worse than feared, say growers", "12 responses"]
    assert "12 responses" not in _story(clean_lines([*MENU, HEADLINE, *BEFORE, *replies, *later]))


def test_a_box_of_other_stories_excerpts_after_the_story_is_not_read_but_its_cut_quotes_are() -> None:
    """Under the story, other stories' titles, each over its opening cut short with an ellipsis: not read.
    The story's own readers' answers, cut short too but with no title over each, are."""
    answers = ["We asked growers to finish one sentence: this spring I learned…",
               "“…that a fire between the rows buys you two degrees and not a degree more…”",
               "“…how many neighbours will turn up at three in the morning with a thermos…”"]
    box = ["Elsewhere in the valley",
           "Bakery on Mill Street marks forty years",
           "For forty years the ovens on Mill Street have been lit before five, and the owners say that...",
           "Read more",
           "Night buses return after two winters",
           "After two winters without a late service, the council has agreed to run a bus on Fridays and...",
           "Read more",
           "Harbour wall rebuilt by volunteers",
           "Stone by stone, a team of volunteers spent the summer on the old harbour wall, and this week…"]
    footer = ["About us", "Contact", "Privacy", "© 2025 Valley Courier"]
    story = clean_lines([*MENU, HEADLINE, "By Nora Pell", *BEFORE, *answers, *AFTER, *box, *footer])
    assert _story(story) == [*BEFORE, *answers, *AFTER]
