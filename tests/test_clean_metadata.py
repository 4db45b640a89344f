"""Bylines and dates, in the forms pages give them; every example is written for the test."""

from __future__ import annotations

import pytest

from narrate.article import Document
from narrate.clean import clean
from narrate.clean.bylines import byline_near_headline
from narrate.clean.metadata import byline_of, is_entry_time, strip_date_words
from narrate.clean.page_metadata import author_of

HEADLINE = "Harbour ferry returns after two years of repairs"
STORY = [
    "The harbour ferry carried its first passengers across the bay on Monday after two years of repairs.",
    "Islanders waited at the pier since dawn, and many brought flags for the first crossing of the ferry.",
    "The operator said the ferry would sail every two hours until the summer timetable begins in May.",
]


@pytest.mark.parametrize(
    ("lines", "byline"),
    [
        (["By Jane Morrow May 2 at 8:15 AM Follow @jmorrow"], "Jane Morrow"),
        (["By Jane Morrow Follow @jmorrow"], "Jane Morrow"),
        (["By Priya Raman, Lena del Valle and Omar Haddad, Gazette"], "Priya Raman, Lena del Valle and Omar Haddad"),
        (["By Lena “Ace” Hoffmann March 4, 2021 10:15 am"], "Lena “Ace” Hoffmann"),
        (["4 hours ago", "Share", "Lena Hoffmann", "Valley News, Kestrel Bay"], "Lena Hoffmann"),  # the desk she files for
        (["by Sam Okafor @samokafor June 3, 2017"], "Sam Okafor"),
        (["By Dana Whitfield, Senior Health Reporter"], "Dana Whitfield"),
        (["By rural reporter Dana Whitfield", "+ Follow"], "Dana Whitfield"),  # the job before the name, lower case
        (["By chief political correspondent Dana Whitfield and Omar Haddad"], "Dana Whitfield and Omar Haddad"),
        (["Priya Raman | The Harbour Gazette"], "Priya Raman"),
        (["Lena Hoffmann", "March 4, 2021 10:15 AM"], "Lena Hoffmann"),
        (["June 3, 2021", "Lena Hoffmann"], "Lena Hoffmann"),
        (["By", "Omar Haddad"], "Omar Haddad"),
        (["By ANNA MONTGOMERY MONDAY, MARCH 4, 2019"], "ANNA MONTGOMERY"),
        (["Marta Quell", "|", "4 Mar 2021"], "Marta Quell"),  # a separator alone between name and date
        (["2021/03/04", "|", "Marta Quell", "0 Shares"], "Marta Quell"),
        (["By", "Jane Morrow and", "Omar Haddad", "Published Mar 4, 2021"], "Jane Morrow and Omar Haddad"),
        (["Jane Morrow, Staff Writer", "& Omar Haddad, Photo Editor", "March 4, 2021 | 9:15 AM"], "Jane Morrow and Omar Haddad"),
        (["Jane Morrow.", "March 4, 2021"], "Jane Morrow"),
        (["Storm Ciara 9 February 2020"], None),  # a headline with a date, not a byline
        (["Article by", "Jane Morrow", "The mayor at the harbour. (Picture by Omar Haddad)"], "Jane Morrow"),
        (["Jane Morrow", "Jane is a transport reporter and has covered the harbour since 2009."], "Jane Morrow"),
        (["Fix updated timetable links (#12)", "Mar 4, 2021"], None),  # a change note, not "Name Updated <date>"
        (["Recent Posts", "March 4, 2021 Jane Morrow"], None),  # a list's label is no name
        (["By Season", "By Region", "By Price"], None),  # a menu's filters
        (["By Course", "Dinner Recipes", "By Method", "By Product"], None),  # ... with a link between them
        (["From Harbourpedia, the free encyclopedia", "March 4, 2021"], None),  # a phrase, not a name
        (["Reset Password", "March 4, 2021"], None),  # a control
        (["Jane Morrow", "+ Follow", "Published: 9:15am, 4 Mar, 2021"], "Jane Morrow"),  # a button beside the name
        (["Adjust", "Share", "March 4, 2021"], None),  # one word is a name only right beside the date
        (["By Season", "By Region", "By Price", "By Jane Morrow, Staff Writer"], "Jane Morrow"),
        (["Share", "March 4, 2021"], None),
        (["— by Jane Morrow"], "Jane Morrow"),  # a dash before "by"
        (["By Jane Morrow jane.morrow@harbour.example"], "Jane Morrow"),  # an address run on after the name
        (["Contributor: Jane Morrow"], "Jane Morrow"),
        (["Contributors guide"], None),  # a label only with its colon
        (["Jane Morrow", "Staff Writer", "March 4, 2021"], "Jane Morrow"),  # the title on its own line
        (["Jane Morrow Senior Health Reporter", "March 4, 2021"], "Jane Morrow"),
        (["Jane Morrow and Omar Haddad", "March 4, 2021"], "Jane Morrow and Omar Haddad"),
        (["Ferry Timetable", "Winter Services"], None),
        (["Jane Morrow", "Email", "Twitter", "March 4, 2021"], "Jane Morrow"),  # social buttons beside the name
        (["Twitter", "March 4, 2021"], None),
        (["View all posts by Jane Morrow", "March 4, 2021"], "Jane Morrow"),
        (["Jane Morrow", "@janemorrow", "March 4, 2021"], "Jane Morrow"),  # the handle between name and date
        (["In: Travel | By: Jane Morrow"], "Jane Morrow"),  # a byline among a line's parts
        (["March 4, 2021 / Jane Morrow / 3 Comments"], "Jane Morrow"),  # a name among parts beside a date
        (["Guides / Ferry Timetables / Winter"], None),  # parts with no date: a trail of links
        (["Posted by Jane Morrow at 5:15 PM"], "Jane Morrow"),
        (["By Jane Morrow@janemorrow Mar 4, 2021, 5:15pm EST"], "Jane Morrow"),  # the handle run on to the name
        (["Jane Morrow@janemorrow / 5:15 PM GMT•March 4, 2021"], "Jane Morrow"),
        (["Jane Morrow", "Political reporter @janemorrow"], "Jane Morrow"),  # her job on the line under her name
        (["Jane Morrow", "Housing Reporter, Harbour Gazette", "March 4, 2021"], "Jane Morrow"),
        (["Further Help", "Social Issues"], None),  # title-case labels with no job or date beside them
        (["By", "Jane Morrow", "@janemorrow", "Omar Haddad", "@ohaddad", "4 March 2021"],
         "Jane Morrow and Omar Haddad"),  # two authors, each with a handle
        (["Guides Home Ferry & Harbour • March 4, 2021"], None),  # a trail of links beside a date
        (["Opinion by Jane Morrow", "March 4, 2021"], "Jane Morrow"),  # the kind of piece before "by"
        (["Analysis by Jane Morrow, Harbour Gazette", "Updated 3:15 PM, Thu March 4, 2021"], "Jane Morrow"),
        (["Jane Morrow — Senior Reporter", "March 4, 2021"], "Jane Morrow"),  # the job after a dash
        (["Jane Morrow Transport correspondent", "Thu 4 Mar 2021 10.30 GMT"], "Jane Morrow"),  # in lower case
        (["Jane Morrow in Kyiv", "Thu 4 Mar 2021 10.30 GMT"], "Jane Morrow"),  # where she filed from
        (["By Jane Morrow at Harbour Park Saturday 6 March 2021 17:38"], "Jane Morrow"),  # the ground she reported at
        (["By Jane Morrow Columnist 6 March 2021", "Facebook X Email"], "Jane Morrow"),  # a one-word job after a "By"
        (["Jane Morrow Columnist", "6 March 2021"], "Jane Morrow"),
        (["Queues at Harbour Park"], None),  # a name and a ground need the date beside them
        (["Jane Morrow and Omar Haddad in Washington", "Thu 4 Mar 2021"], "Jane Morrow and Omar Haddad"),
        (["Floods in Kent"], None),  # a name and a place need the date beside them
        # the time it was last changed, run on after the date
        (["Jane Morrow in Kyiv Thu 4 Mar 2021 10.30 GMT Last modified on Thu 4 Mar 2021 16.05 GMT"], "Jane Morrow"),
        (["Words", "Jane Morrow", "Photographs", "Omar Haddad", "Thu 4 March 2021"], "Jane Morrow"),  # labels above
        # a team's writers, each with a job title on the same line
        (["Jane Morrow Staff Engineer, Platform", "Omar Haddad Senior Engineer, Platform",
          "March 4, 2021 · 6 min read"], "Jane Morrow and Omar Haddad"),
        (["By Gazette Reporter", "Published: 04/03/2021 10:14"], None),  # the paper's desk, no one's name
        (["Jane Morrow Political correspondent and Omar Haddad Transport correspondent", "Thu 4 Mar 2021 06.00 GMT"],
         "Jane Morrow and Omar Haddad"),  # two writers, each with a job, pasted as one line
        (["Jane Morrow Retail Correspondent", "+ Follow", "4 March 2021, 8:01am"], "Jane Morrow"),
        (["Words: Jane Morrow", "Pictures: Omar Haddad"], "Jane Morrow"),  # a magazine's credits
        (["Jane Morrow – 4 March 2021"], "Jane Morrow"),  # a spaced dash between name and date
        (["4 March 2021 — Jane Morrow"], "Jane Morrow"),
        (["Text: Jane Morrow", "4 March 2021"], "Jane Morrow"),
        (["By JANE MORROW Associated Press"], "JANE MORROW"),  # the name in capitals, then the agency
        (["Jane Morrow, Omar Haddad and Lena Hoffmann", "March 4, 2021"], "Jane Morrow, Omar Haddad and Lena Hoffmann"),
        (["Jane Morrow, Senior Reporter and Editor", "March 4, 2021"], "Jane Morrow"),
        # a writer's card copied as one line: name, job title, then the time or the outlet
        (["Lena Hoffmann Harbour Reporter 09:40, 4 MAR 2021 Updated 11:02, 4 MAR 2021"], "Lena Hoffmann"),
        (["Omar Haddad Transport and cities correspondent Valley Courier"], "Omar Haddad"),
        (["Tidal power plan approved by the council's harbour committee"], None),
        # "By" alone, then one name a line, the first with its comma
        (["By", "Jane Morrow,", "Omar Haddad", "Published March 4, 2021 at 9:15 AM"], "Jane Morrow and Omar Haddad"),
        (["By", "Jane Morrow", "Omar Haddad", "Lena Hoffmann", "Updated 6:45 AM, March 4, 2021"],
         "Jane Morrow, Omar Haddad and Lena Hoffmann"),
        (["By", "Jane Morrow", "Harbour Bureau", "Updated 6:45 AM, March 4, 2021"], "Jane Morrow"),
        # where each writer filed from, between the names
        (["Jane Morrow in Kestrel Bay and Omar Haddad", "Thu 4 Mar 2021 10.30 GMT"], "Jane Morrow and Omar Haddad"),
        # the second writer's line opens with "and", each with a job in sentence case
        (["Jane Morrow Political correspondent", "and Omar Haddad Transport correspondent", "Tue 14 May 2024 06.00 BST"],
         "Jane Morrow and Omar Haddad"),
        # two writers with a comma between, then the date
        (["Jane Morrow, Omar Haddad · Feb 6, 2024 · 8 min read"], "Jane Morrow and Omar Haddad"),
        # a byline run on into the writer's biography, however long
        (["By Jane Morrow, a senior reporter covering the islands, their ferries and the money behind them. She"
          " previously reported on farming. Mar 4, 2021, 1:30 PM 38 Comments"], "Jane Morrow"),
        # a comment count above the story is a button beside the byline, not the comments
        (["Share on Facebook 1.2k", "Print", "212 Comments", "By Jane Morrow and Omar Haddad July 24, 2014"],
         "Jane Morrow and Omar Haddad"),
        # where the writer was, the date on the next line; a journalist's job after the name
        (["Jane Morrow at Kestrel Park", "Sat 20 Apr 2024 17.05 BST"], "Jane Morrow"),
        (["Jane Morrow at Kestrel Park Chief Football Writer", "Sat 20 Apr 2024 17.05 BST"], "Jane Morrow"),
        (["Jane Morrow Senior Journalist", "4 March 2024"], "Jane Morrow"),
        # the button beside the name
        (["Jane Morrow Follow", "March 4, 2021"], "Jane Morrow"),
        # a desk signs for its writers, not the place it files from
        (["Our Bureau", "Kestrel Bay", "Updated - March 04, 2021 at 09:12 PM."], "Our Bureau"),
        # a line that says it is the byline, past a review's box of facts
        (["4 Mar, 2021 05:00 PM", "Share", "★★★★☆", "What", "The Lantern, by Ida Ferrant", "Where",
          "Harbour Theatre, Kestrel Bay", "When", "Until April 26", "Price", "$45", "Reviewed by", "Jane Morrow"],
         "Jane Morrow"),
        # two writers with a comma alone between them, the date on the next line; but a desk, an office or a
        # place after the comma is not a second writer
        (["Jane Morrow, Omar Haddad", "March 4, 2021"], "Jane Morrow and Omar Haddad"),
        (["Jane Morrow, Harbour Bureau", "March 4, 2021"], "Jane Morrow"),
        (["Jane Morrow, Press Office", "March 4, 2021"], "Jane Morrow"),
        (["Jane Morrow, New Kestrel", "March 4, 2021"], "Jane Morrow"),
        # a row of sharing buttons beside the date is no name
        (["Transport desk · Thu 4 Mar 2021 10.30 GMT", "Bluesky · Facebook · Email"], None),
        # the follow button beside the name, and the writer's job under it: her job, not a second writer
        (["Jane Morrow + Follow", "Local Democracy Reporter", "18:05, 4 MAR 2021"], "Jane Morrow"),
        (["Jane Morrow", "Local Democracy Reporter", "18:05, 4 MAR 2021"], "Jane Morrow"),
        # ... but a second writer signed as the first one is stays
        (["Jane Morrow Political correspondent", "Omar Haddad Deputy editor", "4 March 2021"],
         "Jane Morrow and Omar Haddad"),
        # her job in a sport's words, and where she watched the match
        (["Jane Morrow Chief Football Writer at Harbour Park", "Sat 4 Mar 2021 17:12 GMT"], "Jane Morrow"),
        # the outlet's name between two writers and the date
        (["Jane Morrow and Omar Haddad", "Kestrel Tribune", "Updated 9:42 a.m. March 4, 2021"],
         "Jane Morrow and Omar Haddad"),
        # the agency she files for, in one word, between her name and the date
        (["Jane Morrow", "Kestrelwire", "March 4, 2021"], "Jane Morrow"),
        (["Kestrelwire", "March 4, 2021"], "Kestrelwire"),
  # title-case labels with no date or title beside them
    ],
)
def test_byline_forms_near_the_headline(lines: list[str], byline: str | None) -> None:
    assert byline_near_headline(lines) == byline


@pytest.mark.parametrize(
    ("line", "byline", "date"),
    [
        ("By Jane Morrow on Thu, Mar 4, 2021 at 9:15 am", "Jane Morrow", "2021-03-04"),
        ("March 4, 2021 by Jane Morrow 5 Comments", "Jane Morrow", "2021-03-04"),
        ("Written by Jane Morrow", "Jane Morrow", None),
        ("Posted by Jane Morrow", "Jane Morrow", None),
        ("Author: Jane Morrow", "Jane Morrow", None),
        ("About the Author - Jane Morrow", "Jane Morrow", None),
        ("By JANE MORROW AND OMAR HADDAD FOR THE HARBOUR GAZETTE", "JANE MORROW AND OMAR HADDAD", None),
        ("By Jane Morrow for the Harbour Gazette", "Jane Morrow", None),
        ("Posted by Jane Morrow, Omar Haddad, Lena Hoffmann and Tomas Reyd - Harbour desk",
         "Jane Morrow, Omar Haddad, Lena Hoffmann and Tomas Reyd", None),
        ("By Jane Morrow, Seoul", "Jane Morrow", None),
        ("By Jane Morrow, Omar Haddad", "Jane Morrow and Omar Haddad", None),  # a comma alone between writers
        ("By Jane Morrow, Omar Haddad, Lena Hoffmann", "Jane Morrow, Omar Haddad and Lena Hoffmann", None),
        ("By Jane Morrow, Kestrel University", "Jane Morrow", None),
        ("By Jane Morrow, Harbour Gazette", "Jane Morrow", None),
        ("By Jane Morrow, Senior Reporter", "Jane Morrow", None),
        ("By Jane Morrow, San Kestrel", "Jane Morrow", None),  # the place she filed from
        ("By Jane Morrow, Kestrel City", "Jane Morrow", None),
        ("By Jane Morrow, Min-ji Park", "Jane Morrow and Min-ji Park", None),  # a surname, not a place's word
        ("By Jane Morrow, HCN Business", "Jane Morrow", None),  # an outlet's section
        ("By Jane Morrow, The Kestrel", "Jane Morrow", None),
        ("By Jane Morrow, Associate Professor", "Jane Morrow", None),  # her job
        ("By Jane Morrow and Omar Haddad, Lena Hoffmann", "Jane Morrow, Omar Haddad and Lena Hoffmann", None),
        ("Published 2021/03/04", None, "2021-03-04"),
        ("Posted by Jane Morrow on March 4, 2021", "Jane Morrow", "2021-03-04"),
        ("Date: March 4, 2021", None, "2021-03-04"),
        ("By Jane Morrow on the economy", None, None),
        ("March 4, 2021 • words written by Jane Morrow • Pictures by Omar Haddad", "Jane Morrow", "2021-03-04"),
        ("Posted on March 4, 2021 March 6, 2021 by Jane Morrow", "Jane Morrow", "2021-03-04"),  # published, updated
        ("By the Editorial Board", "the Editorial Board", None),
        ("By Jane Morrow »", "Jane Morrow", None),  # the name as a link to her page
        ("By Jane Morrow Film critic", "Jane Morrow", None),
        ("Jane Morrow at Kestrel Park Sat 20 Apr 2024 19.41 BST", "Jane Morrow", "2024-04-20"),  # where she was
        ("Words by Jane Morrow Photographs by Sam Okafor", "Jane Morrow", None),  # the photographer is not the writer
        ("Photographs and text by Jane Morrow", "Jane Morrow", None),  # a photo essay's maker
        ("By the time the ferry came", None, None),
        # a double surname is one name, whatever follows it
        ("By Jane Morrow-Haddad (@jmorrow)", "Jane Morrow-Haddad", None),
        ("By Jane Morrow-Haddad - Harbour desk", "Jane Morrow-Haddad", None),
        ("Guest post by Jane Morrow", "Jane Morrow", None),
        ("Live reporting by Jane Morrow and Omar Haddad", "Jane Morrow and Omar Haddad", None),
        ("Reviewed by Jane Morrow, Theatre Critic", "Jane Morrow", None),  # her beat and job, not a second writer
        # a blog theme's footer, its labels read aloud, with the post's categories and tags run on
        ("Author Jane Morrow Posted on March 4, 2021 March 6, 2021 Categories Harbour, Ferries Tags tides, boats",
         "Jane Morrow", "2021-03-04"),
        ("By Jane Morrow Published on March 4, 2021", "Jane Morrow", "2021-03-04"),
        # the writer's job as the label
        ("Reporter: Jane Morrow", "Jane Morrow", None),
        ("Writers: Jane Morrow and Omar Haddad", "Jane Morrow and Omar Haddad", None),
        ("Correspondent: Jane Morrow", "Jane Morrow", None),
        ("Report by Jane Morrow", "Jane Morrow", None),
        ("Reporter: Why did the ferry stop?", None, None),  # an interview's question, not a byline
    ],
)
def test_byline_and_date_lines_in_more_forms(line: str, byline: str | None, date: str | None) -> None:
    from narrate.clean.metadata import metadata_of

    assert metadata_of(line) == (byline, date)


def test_a_pasted_byline_with_a_handle_becomes_the_field() -> None:
    text = "\n".join([HEADLINE, "by Sam Okafor @samokafor June 3, 2017 10:02 am", *STORY])
    article = clean(Document(source="a.txt", stem="a", format="text", text=text))
    assert article.byline == "Sam Okafor"


@pytest.mark.parametrize(
    ("line", "byline", "published"),
    [
        ("written by Sam Okafor", "Sam Okafor", None),
        ("posted by Sam Okafor on June 3, 2017", "Sam Okafor", "2017-06-03"),
        ("updated March 4, 2021", None, "2021-03-04"),
        ("share", None, None),
    ],
)
def test_a_lower_case_byline_date_or_label_is_never_joined_to_the_headline(
    line: str, byline: str | None, published: str | None
) -> None:
    """A line in lower case under the headline (a site that sets its labels in capitals with CSS has them in
    lower case in its text) stands on its own: it is not the headline's wrapped end."""
    text = "\n".join([HEADLINE, line, *STORY])
    article = clean(Document(source="a.txt", stem="a", format="text", text=text))
    assert (article.title, article.byline, article.published) == (HEADLINE, byline, published)


@pytest.mark.parametrize(
    ("top", "foot", "byline"),
    [
        (["By", "Harbour Press", "March 4, 2021", "Courtesy of Island Wire", "Written by: Jane Morrow"], [],
         "Jane Morrow"),
        (["By News Desk", "March 4, 2021"], ["This article was written by Jane Morrow and Omar Haddad."],
         "Jane Morrow and Omar Haddad"),
        (["By Harbour Press", "March 4, 2021"], ["Written by Jane Morrow. This story first appeared in Island Wire."],
         "Jane Morrow"),
        # no person signs it: the desk stays; and a desk's credit under the desk is no person
        (["By News Desk", "March 4, 2021"], ["Have a story? Write to the newsroom."], "News Desk"),
        (["By", "Harbour Press", "March 4, 2021", "Written by the Island Wire newsroom"], [], "Harbour Press"),
    ],
)
def test_a_person_the_story_signs_wins_over_a_desk_in_the_bylines_place(
    top: list[str], foot: list[str], byline: str
) -> None:
    text = "\n".join([HEADLINE, *top, *STORY, *foot])
    assert clean(Document(source="a.txt", stem="a", format="text", text=text)).byline == byline


def test_a_story_sentence_or_another_storys_card_signs_nothing_under_a_desks_byline() -> None:
    from narrate.clean.bylines import signed_person

    assert signed_person(["By Christmas, prices had doubled."]) is None
    assert signed_person(["Written by Jane Morrow, the report was released on Monday."]) is None
    assert signed_person(["By The Way, Here Is What Happened"]) is None
    assert "Jane Morrow" in (signed_person(["Written by Dr. Jane Morrow. This story first appeared in Island Wire."])
                             or "")
    for credit in ("Written by Jane Morrow, who covers farming for the Gazette.",
                   "Reporting by Jane Morrow; editing by Omar Haddad", "Written by Jane Morrow for the Island Wire.",
                   "Author: Jane Morrow, science writer"):
        assert signed_person([credit]) == "Jane Morrow", credit
    card = ["Related stories", "Bus fares rise again", "By Sam Okafor"]
    text = "\n".join([HEADLINE, "By Mail News Service", "March 4, 2021", *STORY, *card])
    assert clean(Document(source="a.txt", stem="a", format="text", text=text)).byline == "Mail News Service"


def test_a_commenter_further_down_is_never_the_byline() -> None:
    comment = ["Leave a Reply", "Theo Marsh", "March 5, 2021 at 9:12 am", "Lovely news for the island."]
    text = "\n".join([HEADLINE, *STORY, *comment])
    article = clean(Document(source="a.txt", stem="a", format="text", text=text))
    assert article.byline is None


def test_a_blog_posts_footer_after_its_like_button_names_the_writer() -> None:
    """The theme's line under a post comes after the "Like" widget that ends the story, and before comments."""
    footer = ["Share this:", "Facebook", "Like this:", "Like Loading…",
              "Author Jane Morrow Posted on March 4, 2021 Categories Harbour Tags ferries",
              "2 thoughts on “Harbour ferry returns”", "Theo Marsh says:", "March 5, 2021 at 9:12 am",
              "Lovely news for the island.", "Reply"]
    text = "\n".join([HEADLINE, *STORY, *footer])
    article = clean(Document(source="a.txt", stem="a", format="text", text=text))
    assert article.byline == "Jane Morrow"
    assert not any("Posted on" in b.text or "Theo" in b.text for b in article.blocks)


def test_the_writers_box_after_the_comments_names_the_writer() -> None:
    """A sidebar's "Written by" box, copied after the story and its comments: the label, the name, the job."""
    comment = ["Leave a Reply", "Theo Marsh says:", "March 5, 2021 at 9:12 am", "Lovely news for the island."]
    for box, byline in ((["Written by", "Jane Morrow", "Senior Editor"], "Jane Morrow"),
                        (["Written by", "Jane Morrow", "Read more of her work"], None),  # no job: not sure enough
                        (["The Lantern", "Author", "Ida Ferrant", "Former foreign correspondent"], None)):  # a book's
        text = "\n".join([HEADLINE, *STORY, *comment, *box])
        article = clean(Document(source="a.txt", stem="a", format="text", text=text))
        assert article.byline == byline, box


@pytest.mark.parametrize(
    ("raw", "byline"),
    [
        ("Maria Lopez Garcia July", "Maria Lopez Garcia"),  # a month run on
        ("Tom Reyes http and Treyes", "Tom Reyes"),  # a URL's pieces
        ("Username", None),  # a login placeholder
        ("Last Updated March 3", None),  # a date where a name should be
        ("JANE MORROW; OMAR HADDAD Harbour Press", "JANE MORROW and OMAR HADDAD"),  # writers in capitals, agency after
        ("Theresa May", "Theresa May"),
        ("Doris Day", "Doris Day"),
        ("Story by", None),  # a label with no name under it
        ("Second Edition Edited by Omar Haddad", "Omar Haddad"),
        ("Lena Hoffmann; PhD", "Lena Hoffmann"),  # letters after the name, split off as an author
        ("Lena Hoffmann, MD", "Lena Hoffmann"),
        ("Jack Ma", "Jack Ma"),  # a short surname is no credential
        ("Omar Haddad Omar is a writer at the Gazette", "Omar Haddad"),  # a biography run on
        ("Omar Haddad; Has Been Covering The Harbour For The Gazette Since", "Omar Haddad"),
        ("Lena Hoffmann; Harbour Advance Media", "Lena Hoffmann"),  # the publisher listed as an author
        ("Lena Hoffmann; Gazette", "Lena Hoffmann"),  # ... or the site's one-word name
        ("Harbour Press Agency", "Harbour Press Agency"),  # an agency alone is the byline
        ("Lena Hoffmann; Omar Haddad", "Lena Hoffmann and Omar Haddad"),
        ("Lena Hoffmann Environment correspondent", "Lena Hoffmann"),  # her job, in sentence case
        ("Tom Reyes; Harbour Auto Writer", "Tom Reyes"),  # a job title in title case stays out
        # the writer first, then who reviewed the story and that person's job
        ("Jane Morrow Reviewed by Sam Okafor; Licensed Electrician Updated", "Jane Morrow"),
    ],
)
def test_author_metadata_carries_no_junk(raw: str, byline: str | None) -> None:
    assert author_of(raw) == byline


def test_the_sites_own_desk_beside_a_writer_is_no_author() -> None:
    assert author_of("Lena Hoffmann Environment correspondent; HBC Eastfold", "HBC News") == "Lena Hoffmann"
    assert author_of("HBC Eastfold", "HBC News") == "HBC Eastfold"  # the desk alone signs the story


def test_the_copyright_holder_beside_a_writer_is_the_publisher() -> None:
    """A publisher's name that reads like a person's ("Harbour Kemp") is known by the page's copyright."""
    notice = "Copyright (c) Harbour Kemp 2023"
    assert author_of("Harbour Kemp; Lena Hoffmann", copyright=notice) == "Lena Hoffmann"
    assert author_of("Harbour Kemp; Lena Hoffmann") == "Harbour Kemp and Lena Hoffmann"
    assert author_of("Lena Hoffmann", copyright="© 2023 Lena Hoffmann") == "Lena Hoffmann"  # her own blog


@pytest.mark.parametrize(
    ("names", "expected"),
    [("ANNA MONTGOMERY MONDAY", "ANNA MONTGOMERY"), ("Ana Reyes March", "Ana Reyes"), ("Lena Sun", "Lena Sun")],
)
def test_strip_date_words(names: str, expected: str) -> None:
    assert strip_date_words(names) == expected


def test_upper_case_byline_keeps_the_whole_name() -> None:
    assert byline_of("By ANNA MONTGOMERY MONDAY") == "ANNA MONTGOMERY"


def test_a_name_and_date_just_above_the_headline_sign_the_story() -> None:
    """Some pages set the author's name and the date above the headline; a one-word menu item beside a
    date there is no byline."""
    def byline(top: list[str]) -> str | None:
        text = "\n".join([*top, HEADLINE, *STORY]) + "\n"
        return clean(Document(source="page.txt", stem="page", format="text", text=text)).byline

    assert byline(["Home", "Travel", "Jane Morrow", "March 4, 2021"]) == "Jane Morrow"
    assert byline(["Home", "Travel", "March 4, 2021"]) is None


@pytest.mark.parametrize(
    ("raw", "site", "byline"),
    [
        ("Harbourline", "Harbourline Engineering Blog", None),  # one word of the site's own name
        ("Ferry; Times", "Ferry & Times", None),  # the site's name split into "authors"
        ("Jane Morrow", "Jane Morrow Writes", "Jane Morrow"),  # a person's blog keeps its author
        ("Morrow", "The Harbour Gazette", "Morrow"),
    ],
)
def test_the_sites_own_name_is_no_author(raw: str, site: str, byline: str | None) -> None:
    assert author_of(raw, site) == byline


def test_the_line_a_byline_was_read_from_is_not_read_as_story() -> None:
    """The byline is the article's field (tags, manifest); its line above the story is not said as story text."""
    for top in (["Jane Morrow - Mar 4, 2021, 10:31 pm CST"], ["Jane Morrow @janemorrow", "March 4, 2021"]):
        text = "\n".join([HEADLINE, *top, *STORY]) + "\n"
        article = clean(Document(source="page.txt", stem="page", format="text", text=text))
        assert article.byline == "Jane Morrow"
        assert [b.text for b in article.blocks] == STORY
    standfirst = "Reuters has learned the ferry will sail again in May"  # a sentence that opens with the byline's name
    text = "\n".join([HEADLINE, "By Reuters", standfirst, *STORY]) + "\n"
    article = clean(Document(source="page.txt", stem="page", format="text", text=text))
    assert article.byline == "Reuters"
    assert [b.text for b in article.blocks] == [standfirst, *STORY]


def test_two_writers_with_a_comma_between_are_the_byline_and_their_line_is_not_story() -> None:
    text = "\n".join([HEADLINE, "Jane Morrow, Omar Haddad", "March 4, 2021", *STORY]) + "\n"
    article = clean(Document(source="page.txt", stem="page", format="text", text=text))
    assert article.byline == "Jane Morrow and Omar Haddad"
    assert [b.text for b in article.blocks] == STORY


def test_the_bylines_own_lines_are_not_read_as_story() -> None:
    """Above the story, the lines that go with the byline are the page's furniture: "By" alone over the
    name, the writer's job under it, the alt text of the writer's photo, a lone separator."""
    tops = (
        ["By", "Jane Morrow", "March 4, 2021"],
        ["Written by", "Jane Morrow", "March 4, 2021"],
        ["Jane Morrow", "Reporter", "Published 5:00 AM EST, Thu March 4, 2021"],
        ["Photo of Jane Morrow", "Jane Morrow", "March 4, 2021"],
        ["Jane Morrow", "·", "4 min read", "·", "Mar 4, 2021"],
    )
    for top in tops:
        text = "\n".join([HEADLINE, *top, *STORY]) + "\n"
        article = clean(Document(source="page.txt", stem="page", format="text", text=text))
        assert article.byline == "Jane Morrow", top
        assert [b.text for b in article.blocks] == STORY, top
    # under a standfirst, the byline's line goes too
    standfirst_first = "The island's ferry is back after two long years of repairs to its hull."
    text = "\n".join([HEADLINE, standfirst_first, "Jane Morrow in Kyiv", "Thu 4 Mar 2021 10.30 GMT", *STORY]) + "\n"
    article = clean(Document(source="page.txt", stem="page", format="text", text=text))
    assert article.byline == "Jane Morrow"
    assert [b.text for b in article.blocks] == [standfirst_first, *STORY]
    # a byline run on into the writer's biography
    signed = "By Jane Morrow, a senior reporter covering the islands. She previously reported on farming. Mar 4, 2021"
    text = "\n".join([HEADLINE, signed, *STORY]) + "\n"
    article = clean(Document(source="page.txt", stem="page", format="text", text=text))
    assert article.byline == "Jane Morrow"
    assert [b.text for b in article.blocks] == STORY
    # the writer and where she was, run into the date
    text = "\n".join([HEADLINE, "Jane Morrow at Kestrel Park Sat 20 Apr 2024 19.41 BST", *STORY]) + "\n"
    article = clean(Document(source="page.txt", stem="page", format="text", text=text))
    assert article.byline == "Jane Morrow"
    assert [b.text for b in article.blocks] == STORY
    # two writers with the places they filed from
    text = "\n".join([HEADLINE, "Jane Morrow in Kyiv and Omar Haddad", "Thu 4 Mar 2021 10.30 GMT", *STORY]) + "\n"
    article = clean(Document(source="page.txt", stem="page", format="text", text=text))
    assert article.byline == "Jane Morrow and Omar Haddad"
    assert [b.text for b in article.blocks] == STORY
    # the writer named in a sentence under the headline is still read
    standfirst = "Jane Morrow rode the first crossing and talked to the crew."
    text = "\n".join([HEADLINE, "By Jane Morrow", standfirst, *STORY]) + "\n"
    article = clean(Document(source="page.txt", stem="page", format="text", text=text))
    assert [b.text for b in article.blocks] == [standfirst, *STORY]


def test_the_writers_biography_names_the_author_wherever_it_stands() -> None:
    """With no byline at the top, the writer's biography names the author, even after a box of other
    stories where the story has already ended."""
    teasers = ["More from the Gazette", "Storm warning for the weekend", "School term dates change", "Bakery wins prize"]
    bio = "Jane Morrow is a senior writer at the Harbour Gazette, covering transport and the islands."
    text = "\n".join([HEADLINE, *STORY, *teasers, bio]) + "\n"
    article = clean(Document(source="page.txt", stem="page", format="text", text=text))
    assert article.byline == "Jane Morrow"
    assert [b.text for b in article.blocks] == STORY


def test_a_columnists_biography_after_her_other_job_names_her() -> None:
    from narrate.clean.biography import author_bio

    bio = "Jane Morrow is a former headteacher and writes a fortnightly column on schools for the Harbour Gazette."
    assert author_bio(bio) == "Jane Morrow"
    assert author_bio("The council is a partner and writes a column on its plans for residents.") is None


def test_a_sentence_opening_with_an_article_in_another_language_is_no_byline() -> None:
    """ "Die Hafenbehörde (HB) …", "Ein Hafen, ist ein Hafen": capitalised words and a mark after
    them, but the first is an article ("Die", "Ein"), not a first name."""
    assert byline_near_headline(["Die Hafenbehörde (HB) ist für die Fähren zuständig und plant neue Routen."]) is None
    assert byline_near_headline(["Ein Hafen, ist ein Hafen"]) is None


def test_a_writers_beat_and_a_contributors_box_in_the_first_person_are_the_biography() -> None:
    """ "Nora Pell covers schools for the Valley Courier." and, under the name, "I write about …" end
    the story and name its writer; a sentence whose subject is no person's full name stays."""
    from narrate.article import Block
    from narrate.clean.biography import author_bio, cut_author_bio

    assert author_bio("Nora Pell covers schools and libraries for the Valley Courier. Reach her at the desk.") == "Nora Pell"
    assert author_bio("Insurance covers most of the repairs for The Hall, the council said.") is None
    story = [Block("paragraph", line) for line in (
        "The library reopened on Saturday after a year of repairs to its roof, windows and heating.",
        "Volunteers carried the returned books back to the shelves, and the first readers came at noon.",
    )]
    box = [Block("paragraph", "Nora Pell"), Block("paragraph", "I write about libraries, schools and the money behind them.")]
    assert cut_author_bio([*story, *box]) == (story, "Nora Pell")
    box = [Block("paragraph", "Nora Pell"), Block("paragraph", "I cover libraries, schools and the money behind them.")]
    assert cut_author_bio([*story, *box]) == (story, "Nora Pell")
    assert author_bio("Nora Pell writes a fortnightly column for the Valley Courier. She chairs the library friends.") == "Nora Pell"
    assert author_bio("Insurance writes a column for nobody.") is None


def test_the_writer_and_not_the_newspaper_under_the_headline() -> None:
    """ "Nora Pell" / "Valley Courier" / the date: the line beside the date is the paper, the name above it the writer."""
    assert byline_near_headline(
        ["Nora Pell", "Valley Courier", "Published 6:02 a.m. CT Oct. 14, 2024",
         "The library reopened on Saturday after a year of repairs to its roof, windows and heating."]
    ) == "Nora Pell"


def test_the_writers_one_line_biography_under_the_byline_is_not_read() -> None:
    from narrate.article import Block
    from narrate.clean.trim import drop_byline_lines

    lines = ["The library reopened on Saturday after a year of repairs to its roof and heating.",
             "Nora Pell is a senior reporter covering schools and libraries in the valley.",
             "Volunteers carried the returned books back to the shelves, and the first readers came at noon."]
    kept = drop_byline_lines("Nora Pell", [Block("paragraph", line) for line in lines])
    assert [b.text for b in kept] == [lines[0], lines[2]]


@pytest.mark.parametrize(
    ("credits", "byline"),
    [
        ("(Reporting by Jane Morrow and Omar Haddad; Editing by Lena Hoffmann)", "Jane Morrow and Omar Haddad"),
        ("This story was reported by Jane Morrow, a member-reporter with the Gazette. It was edited by Lena Hoffmann.",
         "Jane Morrow"),
    ],
)
def test_a_storys_closing_credits_name_its_reporters(credits: str, byline: str) -> None:
    """No byline at the top: the reporters in the credits at the story's foot, not its editors."""
    text = "\n".join([HEADLINE, "KESTREL BAY, March 4 (Harbour Wire) - " + STORY[0], *STORY[1:], credits]) + "\n"
    article = clean(Document(source="page.txt", stem="page", format="text", text=text))
    assert article.byline == byline


def test_the_headline_between_a_section_and_the_sites_name_in_the_page_title() -> None:
    """A page title "Section | Headline - Site", or with "·" between its parts: its headline is found again
    above the story, not the menu between."""
    for title in (f"Opinion | {HEADLINE} - Harbour Gazette", f"{HEADLINE} · Harbour Gazette"):
        text = "\n".join([title, "Harbour Gazette", "Island News Weather Sport Support us", "Opinion", HEADLINE,
                          *STORY]) + "\n"
        article = clean(Document(source="page.txt", stem="page", format="text", text=text))
        assert article.title == HEADLINE, title


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("4:15 p.m. By Lena Hoffmann", True),
        ("11:02 am Priya Raman", True),
        ("7:40 pm 7:40 pm", True),  # the time shown and its echo for a screen reader
        ("21.05 21.05 GMT", True),
        ("4:14 p.m.", False),  # a time alone may head what happened then: it stays
        ("4.50", False),
        ("6:15 pm 6:20 pm", False),
        ("9:30 a.m. The ferry left the pier with 40 passengers on board.", False),
    ],
)
def test_a_live_blog_entrys_time_with_its_writer_or_its_echo_is_a_stamp(line: str, stamp: bool) -> None:
    assert is_entry_time(line) is stamp


def test_a_pasted_live_blog_is_read_without_its_entries_stamps() -> None:
    entries = [("3:05 p.m. By Lena Hoffmann", STORY[0]), ("2:40 p.m. By Omar Haddad", STORY[1]),
               ("2:10 p.m. 2:10 p.m.", STORY[2])]
    page = [HEADLINE, *(line for entry in entries for line in entry)]
    article = clean(Document(source="live.txt", stem="live", format="text", text="\n\n".join(page)))
    assert [b.text for b in article.blocks] == STORY


def test_the_lines_that_sign_a_pasted_story_are_not_read() -> None:
    """A byline line with the time it was changed run on, and each writer's name with a job on the same line."""
    for top, byline in [
        (["By Lena Hoffmann in Kestrel Bay Thu 4 Mar 2021 10.30 GMT Last modified on Thu 4 Mar 2021 16.05 GMT"],
         "Lena Hoffmann"),
        (["Lena Hoffmann Staff Engineer, Platform", "Omar Haddad Senior Engineer, Platform", "March 4, 2021"],
         "Lena Hoffmann and Omar Haddad"),
        (["Published: March 4, 2021 · Modified: March 9, 2021 by Lena Hoffmann"], "Lena Hoffmann"),
    ]:
        page = "\n\n".join([HEADLINE, *top, *STORY])
        article = clean(Document(source="ferry.txt", stem="ferry", format="text", text=page))
        assert (article.byline, [b.text for b in article.blocks]) == (byline, STORY)


def test_writers_with_their_jobs_under_a_standfirst_are_not_read() -> None:
    standfirst = "Two years of repairs, a new engine and a fresh coat of paint: what it took to get the ferry back."
    top = [standfirst, "Lena Hoffmann Staff Engineer, Platform", "Omar Haddad Senior Engineer, Platform", "March 4, 2021"]
    page = "\n\n".join([HEADLINE, *top, *STORY])
    article = clean(Document(source="ferry.txt", stem="ferry", format="text", text=page))
    assert article.byline == "Lena Hoffmann and Omar Haddad"
    assert [b.text for b in article.blocks] == [standfirst, *STORY]
