"""Where a page's byline stands: among the lines under a pasted headline, or signed among an HTML page's first lines.

`metadata` reads one line (is it a byline, and whose names does it give);
this module looks along the lines around the headline for the one that is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrate.clean.biography import author_bio
from narrate.clean.captions import is_credited_caption
from narrate.clean.dates import HAS_DATE, WEEKDAY_RE, is_date_line
from narrate.clean.metadata import (
    BUTTON_WORDS,
    BY_NAME,
    FOLLOW_AFTER,
    FURNITURE_WORD,
    LONE_BY,
    NAME_WORD,
    ORGANISATION,
    OUTLET_NAME,
    PLAIN_NAME,
    are_people,
    byline_among_parts,
    byline_of,
    byline_with_bio,
    filed_from,
    is_job_title,
    is_organisation,
    is_outlet_desk,
    is_role,
    listed,
    metadata_of,
    name_and_rest,
    name_and_role,
    name_role_and_rest,
    tidy_names,
    without_update,
)
from narrate.clean.rules import (
    enabled,
    is_comments_start,
    is_prose,
    is_share_button,
    is_story_end,
    words_in,
)

_PUBLISHED_IN = re.compile(r"^\s*(?:published|posted|featured) in\s*$", re.IGNORECASE)
_FOLLOW = re.compile(r"^\s*\+?\s*follow\s*\+?\s*$", re.IGNORECASE)  # the button beside a writer's name
_READ_TIME = re.compile(r"^\s*\d+\s*min(?:ute)?s?\s+read\s*$", re.IGNORECASE)
# A picture's credit names who took it, not who wrote the story.
_PICTURE_CREDIT = re.compile(
    r"\b(?:getty|shutterstock|alamy|istock\w*|images?|photos?|photograph\w*|pictures?|illustrations?)\b"
    r"|[^\W\d]/[^\W\d]", re.IGNORECASE,
)
_NEAR = 12  # lines after the headline where a byline may stand (share buttons come first on some pages)
_SURE_REACH = 24  # ... and where a line that says it is one ("By NAME", "Reviewed by") may


def signed_byline(lines: Sequence[str]) -> str | None:
    """A byline among the first lines that says it is one: "By NAME", "Article by" above the name,
    "March 4, 2021 by NAME", a name with the writer's job under it or beside it. Stricter than
    `byline_near_headline`: no name is taken for being alone beside a date (an HTML page's text under its
    headline holds more such lines than a story's top)."""
    for i, text in enumerate(lines[:_NEAR]):
        if LONE_BY.match(text) and i + 1 < len(lines) and (person := name_and_rest(lines[i + 1])):
            return person[0]
        if names := byline_of(text) or (metadata_of(text)[0] if BY_NAME.search(text) else None):
            return tidy_names(names)
        if (enabled("name_over_job") and PLAIN_NAME.match(text) and i + 1 < len(lines) and is_job_title(lines[i + 1])
                and (person := name_and_rest(text)) and not person[1]):
            return tidy_names(person[0])  # "Jane Morrow" / "Senior Political Correspondent"
        if enabled("name_job_line") and (named := name_role_and_rest(text)):
            return tidy_names(named)  # "Jane Morrow Senior Reporter", the job beside the name
        if enabled("dated_parts") and (names := byline_among_parts(text)):
            return names  # "March 4, 2021 · 4 min · Jane Morrow": the name among a dated line's parts
    return None


# A desk signing for its writers, as Indian and British papers do: "Our Bureau", "Special Correspondent".
_DESK = re.compile(
    r"^\s*(?:Our|Special|Staff|Senior)\s+(?:(?:Special|Staff|Political|Legal|City|Sports?|Diplomatic|Chief)\s+)?"
    r"(?:Bureau|Correspondents?|Reporters?|Staff|Desk|Writers?)\s*$"
)


# When each writer wrote, beside a live blog's names: "Jane Morrow (now) and Sam Okafor (earlier)".
_SHIFT = re.compile(r"\s+\((?:now|earlier|later)\)")


def byline_near_headline(lines: list[str]) -> str | None:
    """The byline among the first lines after a pasted page's headline, in the forms pages give it.

    "By" alone with the name on the next line; a name with a handle, a time or a
    job title after it ("Sam Okafor @samokafor June 3, 2017", "Tom Reyes, Staff
    Writer"); "NAME | Outlet"; and a name alone on the line before or after the
    date. Only the first lines are looked at, so a commenter or a related story's
    author further down is never taken; a line that says it is a byline is looked for
    a little further than a name that stands alone. A desk that signs for its writers
    ("Our Bureau", "Staff Reporter") is the byline too, as the page gives it.
    """
    sure: list[str] = []
    prose = 0
    reach = _SURE_REACH if enabled("sure_reach") else _NEAR
    for text in lines[:reach]:  # up to the second paragraph of the story, and never into comments
        # a picture's caption is not the story yet, nor a byline run on into the writer's biography
        prose += is_prose(text) and not is_credited_caption(text) and not byline_with_bio(text)
        if prose >= 2 or ((prose or not enabled("count_buttons")) and (is_comments_start(text) or is_story_end(text))):
            break  # comments end the search; above the story "212 Comments" is a button beside the byline
        sure.append(without_update(FOLLOW_AFTER.sub("", _SHIFT.sub("", text))))  # "Jane Morrow + Follow": the name
    near = sure[:_NEAR]
    for i, text in enumerate(sure):  # a line that says "By" is surest, wherever it stands among them, even past
        # a box of short lines (a review's facts: "Where", "When", "Reviewed by")
        if signed := byline_with_bio(text):
            return tidy_names(signed)  # "By Jane Morrow, a senior reporter covering …"
        if len(words_in(text)) > 16:
            continue
        if LONE_BY.match(text) and i + 1 < len(sure):
            two_lines = f"By {sure[i + 1]} {sure[i + 2]}" if i + 2 < len(sure) else ""
            if _AND_AT_END.search(sure[i + 1]) and (both := byline_of(two_lines)):
                return tidy_names(both)  # "By" / "Jane Morrow and" / "Omar Haddad"
            if listed := _names_above_date(sure, i + 1):
                return listed  # "By" / "Jane Morrow," / "Omar Haddad" / the date
            if person := name_and_rest(sure[i + 1]):
                return _with_handled_coauthors(person[0], sure, i + 2)
            if PLAIN_NAME.match(sure[i + 1]):  # under "By" a name may start with a month ("April Roach")
                return _with_handled_coauthors(tidy_names(sure[i + 1].strip()), sure, i + 2)
        if (names := byline_of(text)) and not menu_of_bys(sure, i):
            return tidy_names(names)
        if PLAIN_NAME.match(text) and i + 1 < len(sure) and _introduces(text, sure[i + 1]):
            return tidy_names(text.strip())  # "Jane Morrow" / "Jane is a reporter who ..."
        if names := byline_among_parts(text):
            return names
    for i, text in enumerate(near):
        if len(words_in(text)) > 16 or _PICTURE_CREDIT.search(text) or is_share_button(text):
            continue  # "Jane Doe | Getty Images" took the picture; "Bluesky · Facebook · Email" are buttons
        if enabled("desk_bylines") and _DESK.match(text):
            return text.strip()  # "Our Bureau" / "Kochi" / the date: the desk signs, not the place
        if enabled("names_with_jobs") and (both := _names_with_jobs(text)):
            return both  # "Jane Morrow Political correspondent and Omar Haddad Transport correspondent"
        person = filed_from(text) or name_and_rest(text)
        if person is None and (named := name_role_and_rest(text)):
            return tidy_names(named)
        if person is None and enabled("name_then_job"):  # "Mira Kovacs Staff Engineer, Platform": a team's card
            person = name_and_role(text)
        if person is None or (i and _PUBLISHED_IN.match(near[i - 1])):  # "Published in" / the publication's name
            continue
        names, rest = person
        beside = _beside(near, i)
        # a date after the name makes a byline only with a time, a weekday or a separator beside it,
        # so "Storm Ciara 9 February 2020" (a headline) is not one
        dated = (
            bool(HAS_DATE.search(rest))
            and bool(re.search(r"\d", rest))
            and bool(re.search(r"\d[:.]\d\d|\d/\d\d?/\d|^[,|•·/]|\b" + WEEKDAY_RE, rest, re.IGNORECASE))
        )
        # "Jane Morrow in Kyiv" is a byline with its date beside it, as any name is ("Floods in Kent" may be a title;
        # so may "Chaos at Heathrow")
        signed = rest[:1] in {",", "|", "•", "·", "/", "("} or "@" in rest[:3] or rest[:1].isalpha()
        signed = ((signed and not rest.startswith(("in ", "at ")))
                  or (i + 1 < len(near) and bool(_FOLLOW.match(near[i + 1]))))
        if re.match(r"(?:by|von|текст)\b", text.strip(), re.IGNORECASE) and not menu_of_bys(near, i):
            if is_outlet_desk(tidy_names(names)):
                continue
            return tidy_names(names)
        names = _with_coauthor(names, near, i)
        if len(names.split()) >= 2 and (dated or signed or any(is_date_line(b) or _READ_TIME.match(b) or is_job_title(b)
                                                               for b in beside)):
            if OUTLET_NAME.search(names) and i and (above := _names_alone(near[i - 1])):
                return tidy_names(above)  # "Jane Morrow" (or "Jane Morrow and Sam Okafor") / "Valley Courier" / date
            return tidy_names(names)
        next_to = [near[j] for j in (i - 1, i + 1) if 0 <= j < len(near)]  # one word: the lines right beside it
        if dated or (any(is_date_line(b) for b in next_to) and not FURNITURE_WORD.match(names)):
            if i and enabled("agency_under_name") and (above := _names_alone(near[i - 1])):
                return tidy_names(above)  # "Jane Morrow" / "Reuters" / the date: the agency she files for
            return tidy_names(names)  # one word ("Reuters"), but a date beside it says it is a byline
        if i + 1 < len(near) and near[i + 1] == text and len(names.split()) >= 2 and not rest:
            return tidy_names(names)  # a name shown twice: the author's photo, then the name
    return None


def _names_with_jobs(text: str) -> str | None:
    """Writers each with a job after the name, on one line: "Jane Morrow Political correspondent and Omar Haddad
    Transport correspondent" gives "Jane Morrow and Omar Haddad"."""
    parts = re.split(r"\s+(?:and|&)\s+", text.strip())
    named = [name_and_role(part) for part in parts] if len(parts) > 1 else []
    return listed([n[0] for n in named if n]) if named and all(named) else None


def _names_alone(text: str) -> str | None:
    """A line that holds people's names and nothing else: "Jane Morrow", "Jane Morrow and Sam Okafor"."""
    if PLAIN_NAME.match(text):
        return text.strip()
    person = name_and_rest(text) if enabled("outlet_under_names") else None
    return person[0] if person and not person[1] and " and " in person[0] else None


# A story's own line that says, as a sentence, who wrote it: "This article was written by Jane Morrow."
_WAS_WRITTEN = re.compile(
    r"^\s*this (?:article|story|piece|post|report|feature) was (?=(?:written|reported) by\b)", re.IGNORECASE
)
# The end of a line's first sentence (not an initial's or a title's stop: "Jane R. Morrow", "Dr. Jane Morrow").
_FIRST_SENTENCE_END = re.compile(
    r"(?<=\w\w)(?<!\b(?:Dr|Mr|Ms|St|Jr|Sr))(?<!\b(?:Mrs|Rev))(?<!\bProf)\.(?:\s+(?=[A-Z])|\s*$)"
)
_SIGNING_WORDS = 40  # a line that signs the story is no paragraph of it


def signed_person(lines: Sequence[str]) -> str | None:
    """A person that a line of the story signs as its writer, for a byline that gave a desk, an outlet or the
    site: "Words: NAME · Pictures: NAME", "Contributor: NAME, job", "This article was written by NAME and
    NAME.", "Written by NAME. This story first appeared in …" (its first sentence). The names must look like
    people's, and nothing but a job or another credit may follow them ("By Christmas, prices had doubled" and
    "Written by Jane Morrow, the report …" sign nothing)."""
    for text in lines:
        if len(words_in(text)) > _SIGNING_WORDS:
            continue
        if (named := author_bio(text)) and are_people(named) and not is_organisation(named):
            return tidy_names(named)  # its sign-off: "— Jane Morrow is our health correspondent"
        first = _FIRST_SENTENCE_END.split(_WAS_WRITTEN.sub("", text), 1)[0].rstrip(" .")
        names = byline_of(first)
        if not names or is_organisation(names) or not are_people(names.replace(".", "")) or names not in first:
            continue
        if _credit_goes_on(first[first.index(names) + len(names):].strip()):
            return tidy_names(names)
    return None


# What may follow the names in a line that signs the story: another credit, the outlet, the writer's job.
_AFTER_NAMES = re.compile(r"[·•|;(]|(?:for|of|at|with)\s|and \w+ed by\b|,\s*who\s")


def _credit_goes_on(rest: str) -> bool:
    """Whether what follows the names in a signing line is more of the credit ("· Pictures: NAME", "for the
    Island Wire", ", science correspondent", ", who covers farming"), not the rest of a sentence."""
    if not rest or _AFTER_NAMES.match(rest):
        return True
    return rest[0] == "," and (is_role(rest[1:].strip()) or is_organisation(rest[1:].strip()))


_LISTED_NAMES = 4  # writers named one a line under "By"


def _names_above_date(lines: list[str], j: int) -> str | None:
    """Two writers or more under "By", one a line (a comma after each but the last, or none), and the date
    right under the last: "Jane Morrow," / "Omar Haddad" / "Updated 6:45 AM, May 20, 2024"."""
    names: list[str] = []
    while j < len(lines) and len(names) < _LISTED_NAMES:
        line = lines[j].strip().rstrip(",").strip()
        person = name_and_rest(line) if PLAIN_NAME.fullmatch(line) and not ORGANISATION.search(line) else None
        if person is None or person[1]:
            break
        names.append(person[0])
        j += 1
    if len(names) < 2 or j >= len(lines) or not is_date_line(lines[j]):
        return None
    return tidy_names(listed(names))


def _with_handled_coauthors(names: str, lines: list[str], j: int) -> str:
    """More authors under "By", each name with its handle under it: "By" / "Jane Morrow" / "@jmorrow" /
    "Omar Haddad" / "@ohaddad" gives "Jane Morrow and Omar Haddad"."""
    found = [names]
    while (j + 1 < len(lines) and _HANDLE.match(lines[j]) and PLAIN_NAME.match(lines[j + 1])
           and name_and_rest(lines[j + 1])):
        found.append(lines[j + 1].strip())
        j += 2
    return " and ".join(found)


_AND_AT_END = re.compile(r"\s(?:and|&)\s*$")


_AND_ONLY = re.compile(r"^\s*(?:&|and)\s+(?P<rest>.+)$")


_AND_AT_START = re.compile(rf"^\s*(?:&|and)\s+(?P<names>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})\s*(?:,.*)?$")


def _with_coauthor(names: str, lines: list[str], i: int) -> str:
    """The names on line i, and a second author's on the next line when it opens with "&" or "and"
    ("Jane Morrow, Staff Writer" / "& Omar Haddad, Editor"), or when it is signed as the first one is,
    under its job title ("Jane Morrow" / "Staff Engineer" / "Omar Haddad" / "Site Reliability Lead" / the
    date, or "Jane Morrow Political correspondent" / "Omar Haddad Deputy editor" / the date)."""
    second = _AND_AT_START.match(lines[i + 1]) if i + 1 < len(lines) else None
    if second:
        return f"{names} and {second.group('names')}"
    if i + 1 < len(lines) and enabled("coauthor_lines") and (rest := _AND_ONLY.match(lines[i + 1])):
        if named := name_and_role(rest["rest"]):  # … / "and Sam Okafor Transport correspondent"
            return f"{names} and {named[0]}"
    if not enabled("coauthor_lines") or len(names.split()) < 2:
        return names
    for j in (i + 1, i + 2):  # the next line, or the one under the first writer's job title
        if j + 1 < len(lines) and (person := name_and_rest(lines[j]) or name_and_role(lines[j])):
            other, rest = person
            after = lines[j + 1]
            signed = is_job_title(after) or is_date_line(after) or bool(_READ_TIME.match(after))
            # under a name alone, "Local Democracy Reporter" is that writer's job, not a second writer with theirs
            parallel = not rest or j > i + 1 or lines[i].strip() != names or not enabled("job_under_name")
            signed = signed and parallel and other != names
            if PLAIN_NAME.fullmatch(other) and (not rest or is_job_title(rest)) and signed:
                return f"{names} and {other}"
        if j >= len(lines) or not is_job_title(lines[j]):
            break
    return names


_MENU_REACH = 3  # lines either side where a menu's other "By …" filters stand


def menu_of_bys(lines: list[str], i: int) -> bool:
    """Line i is among three or more short "By …" lines close together: a menu's filters ("By Course",
    "Recipes", "By Method", "By Product"), not a byline."""
    def short_by(j: int) -> bool:
        return 0 <= j < len(lines) and bool(re.match(r"\s*by\s+\S+(?:\s+\S+){0,2}\s*$", lines[j], re.IGNORECASE))

    return short_by(i) and sum(map(short_by, range(i - _MENU_REACH, i + _MENU_REACH + 1))) >= 3


def _introduces(name: str, line: str) -> bool:
    """The line goes on about the person named: "Jane Morrow" then "Jane is a reporter ..." (or "She has ...")."""
    first = name.split()[0]
    subject = rf"(?:{re.escape(first)}|{re.escape(name.strip())}|[Ss]he|[Hh]e)"
    return bool(re.match(rf"\s*{subject}\s+(?:is|was|has|writes)\b", line))


_HANDLE = re.compile(r"^\s*@\w+\s*$")


def _beside(lines: list[str], i: int) -> list[str]:
    """The lines just before and after line i, passing over a separator alone on its line ("|"), a
    button beside the name ("+ Follow") and the author's handle ("@janemorrow")."""
    found = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and (
            _HANDLE.match(lines[j]) or all(w.casefold() in BUTTON_WORDS for w in words_in(lines[j]))
        ):
            j += step
        if 0 <= j < len(lines):
            found.append(lines[j])
    return found


# A box that says who wrote the story, wherever the page puts it (a sidebar copied after the comments):
# "Written by" (or "About the author") alone, the name, the writer's job on the next line; not "Author" alone,
# which a book's card in a review has over the book's author.
_BOX_LABEL = re.compile(r"^\s*(?:written by|about the author)\s*:?\s*$", re.IGNORECASE)


def writer_box(lines: Sequence[str]) -> str | None:
    """The name in an author's box: its label, then the name alone, then the writer's job."""
    for i in range(len(lines) - 2):
        if _BOX_LABEL.match(lines[i]) and PLAIN_NAME.match(lines[i + 1]) and is_job_title(lines[i + 2]):
            if (person := name_and_rest(lines[i + 1])) and not person[1]:
                return tidy_names(person[0])
    return None


# A blog theme's line under the post, its labels read aloud: "Author Jane Morrow Posted on March 4, 2021 …".
_POST_FOOTER = re.compile(r"^\s*Author:?\s+[A-Z].*?\s(?:Posted|Published)\s+on\s+\S")


def post_footer(lines: Sequence[str]) -> str | None:
    """The writer a blog post's footer names ("Author NAME Posted on DATE Categories …"), wherever the page
    has it: the theme puts it under the post, after the buttons that end the story."""
    for line in lines:
        if _POST_FOOTER.match(line) and (names := metadata_of(line)[0]):
            return names
    return None
