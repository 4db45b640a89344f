"""Metadata: the byline and the publication date, and lines that hold only them.

A byline or dateline is read for the article's metadata and then dropped from
the story. Only lines that look like nothing but a byline or a date are read,
so a sentence in the story that names a person and a date gives nothing.
An author's biography at the end of a pasted story gives the byline too, and goes.
Where among a page's lines the byline stands is `bylines`' question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrate.clean.dates import DATE_IN_LINE, DATE_WORDS, HAS_DATE, WEEKDAY_RE, is_date_line, published_of
from narrate.clean.rules import (
    enabled,
    ends_sentence,
    is_read_more,
    is_site_furniture,
    is_trailer,
    words_in,
)
from narrate.text import MONTHS, WEEKDAYS

# The small words inside a person's name: "Lauren del Valle", "Anna van der Berg".
NAME_PARTICLES = "de|del|della|van|von|der|den|da|das|dos|du|di|le|la|bin|ibn|al|el|ter|ten"
# A nickname in quotes inside a name: 'Amanda "Ace" Tan', "Lee “Tiger” Park".
_NICKNAME = r"[\"“][A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?[\"”]"
_BYLINE = re.compile(
    r"^\s*(?:(?:[Bb][Yy]|(?i:(?:photo(?:graph)?s|pictures|images) and (?:words|text) by|"  # a photo essay's
    r"(?:live )?(?:written|posted|words|story|text|article|report|reporting|reported|coverage|"
    r"opinion|analysis|commentary|perspective|review|reviewed|essay|column|interview|interviewed|(?:guest )?post) by"
    r"|(?:(?:view|see) )?(?:all |more )?(?:posts|articles|stories) by|(?:about the )?authors?"
    r"|(?:contributors?|words|text|story|reporters?|writers?|journalists?|correspondents?)(?=\s*:)))"
    r"\s*[:–—-]?)\s+"
    # a job in lower case before the name: "By rural reporter Jane Morrow", "By political editor …"
    r"(?:(?:[a-z]+\s+){0,3}(?:reporter|editor|correspondent|writer|columnist|producer|critic|journalist)\s+(?=[A-Z]))?"
    r"(?P<names>(?:the\s+(?=[A-Z]))?"  # "By the Editorial Board"
    r"[A-Z\u00c0-\u024f][\w’'.-]*(?:\s+(?!(?:Posted|Published|Updated)\b)(?:[A-Z\u00c0-\u024f][\w’'.-]*|"
    rf"{_NICKNAME}|and|&|{NAME_PARTICLES})){{0,12}})"
    # After the names: a mark (a hyphen only after a space: "Achebe-Park" is one name), a handle, an outlet, a time.
    r"(?P<rest>(?:\s*[,;|•·–—]|\s+-|\s*\(?@\w|\s+for\s|\s+at\s+\d{1,2}[:.]\d\d"
    r"|\s+on\s+(?=(?:[A-Za-z]+\.?,?\s+){0,2}\d)"  # "Posted by NAME on March 4, 2021"
    r"|\s+(?:Posted|Published|Updated)\b)"  # "Author NAME Posted on March 4, 2021"
    r".{0,60})?\s*$",
)


# Whole month and weekday names; not "May" (Theresa May), nor the short forms ("Lena Sun").
_TRAILING_DATE_WORDS = frozenset((*MONTHS, *WEEKDAYS)) - {"may"}


def strip_date_words(names: str) -> str:
    """Whole month and weekday words run on after a name go: "Maria Lopez July" -> "Maria Lopez",
    "ANNA MONTGOMERY MONDAY" -> "ANNA MONTGOMERY" (a word is dropped only when all of it is a date word)."""
    words = names.split()
    while words and words[-1].casefold().strip(".,") in _TRAILING_DATE_WORDS:
        words.pop()
    return " ".join(words).strip(SEPARATORS)


# Three or more authors listed: "By Ann Lee, Tom Reyes and Kiran C Nair - Harbour team".
_ONE_NAME = rf"[A-Z\u00c0-\u024f][\w’'.-]*(?:\s+(?:[A-Z\u00c0-\u024f][\w’'.-]*|{NAME_PARTICLES})){{0,3}}"
_LISTED_BYLINE = re.compile(
    r"^\s*(?:[Bb][Yy]|(?i:(?:written|posted|article) by))\s*:?\s+"
    rf"(?P<names>{_ONE_NAME}(?:\s*,\s*{_ONE_NAME})+,?\s+(?:and|&)\s+{_ONE_NAME})"
    r"(?P<rest>(?:\s*[,|•·–—-]|\s+for\s).{0,60})?\s*$"
)


# The words a byline opens with (`_BYLINE`): "By", "Written by", "View all posts by", "Author:", "Reporter:".
_BYLINE_WORD = re.compile(
    r"\b(?:by|authors?|contributors?|words|text|story|reporters?|writers?|journalists?|correspondents?)\b",
    re.IGNORECASE,
)
_BYLINE_OPENING = 60  # characters: "— View all posts by" and the marks before it
_LOWER_END = re.compile(r"\s[a-z]+s?$")
_PICTURES_BY = re.compile(  # "… Photographs by Sam Okafor" after the writer's name
    r"(?<=\S)\s*[|,;·•]?\s+(?i:photo(?:graph)?s?|pictures?|images?|illustrations?|video)\s+by\b.*$"
)


def byline_of(text: str) -> str | None:
    """The names in a byline line ("By Jane Smith and John Doe", "Written by Jane Smith",
    "Author: Jane Smith", "By Jane Smith for the Daily Example"), else None."""
    if not _BYLINE_WORD.search(text, 0, _BYLINE_OPENING):
        return None  # every byline says so near its start: the search below is slow on the lines that are not one
    text = without_update(text)
    text = _EMAIL_AFTER.sub("", _COUNT_AFTER.sub("", _LEADING_MARKS.sub("", _ARROW_AFTER.sub("", text))))
    text = without_places(text)
    if enabled("picture_credit_after"):  # "Words by Jane Morrow Photographs by Sam Okafor": the writer's is the byline
        text = _PICTURES_BY.sub("", text)
    if enabled("role_in_lower_case") and _LOWER_END.search(text):  # "By Jane Morrow Film critic"
        text = _ROLE_AFTER_NAME.sub("", text)
    match = _LISTED_BYLINE.match(text) or _BYLINE.match(text)
    if not match or len(words_in(text)) > (24 if match.re is _LISTED_BYLINE else 16):
        return None
    names = _FOR_OUTLET.sub("", match.group("names").strip())
    if match.re is _BYLINE and match.group("rest") and enabled("comma_end_names"):  # "By Jane Morrow, Sam Okafor"
        names = _with_comma_names(names, match.group("rest"))[0]
    names = strip_date_words(_ROLE_AFTER_NAME.sub("", names))
    if is_outlet_desk(names):
        return None  # "By Gazette Reporter": the paper's desk, no one's name
    words = names.split()
    while words and words[-1].casefold() in BUTTON_WORDS:  # "By Jane Smith Follow @janesmith"
        words.pop()
    names = " ".join(words)
    if len(words_in(names)) < 1:
        return None
    return names


# Where a writer filed from, after the name: "By Jane Smith in Kyiv and Tom Reyes in Lviv", "… at Hampden Park".
_PLACE_AFTER = re.compile(r"\s+(?:in|at)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?(?=\s*(?:,|;|\band\b|&|$))")


def without_places(text: str) -> str:
    """A byline without the places its writers filed from: "Jane Smith in Kyiv and Tom Reyes"."""
    return _PLACE_AFTER.sub("", text) if " in " in text or " at " in text else text


# Whom the writer wrote for, run on after the names: "By Jane Smith For The Daily Example".
_FOR_OUTLET = re.compile(r"\s+(?i:for)\s.*$")
# A dash or bullet before a byline ("— by Jane Smith"), an e-mail address after it.
_LEADING_MARKS = re.compile(r"^\s*[-–—•·*]+\s*")
_EMAIL_AFTER = re.compile(r"\s+\S+@\S+\.\w+\s*$")
_ARROW_AFTER = re.compile(r"\s*[»›→]+\s*$")  # the writer's name as a link to their page: "By Jane Smith »"
# A count of comments or shares beside a byline: "by Jane Smith 5 Comments".
_COUNT_AFTER = re.compile(r"\s+\d+\s+(?i:comments?|responses?|replies|shares?)\s*$")

# A job title run on after the names: "By Meg James Staff Writer".
_ROLE_AFTER_NAME = re.compile(
    r"(?:\s*[,–—-])?(?:\s+(?:Senior|Chief|Staff|Political|Business|Sports?|Deputy|Associate|Contributing|Special"
    r"|Foreign|Economics|Science|Health|Technology|Tech|Local|News|Home|Legal|Security|Defen[cs]e"
    r"|Diplomatic|Education|Environment|Arts|Auto|Investigations?|Transport|Crime|Energy|Climate|Culture|Media"
    r"|Consumer|Housing|Property|Travel|Food|Fashion|Music|Film|Books|Data|Digital|World|Royal|Medical|Markets?"
    r"|Courts|Justice|Social|Affairs|Policy|Community|Features|Opinion|Managing|Executive|Assistant"
    r"|Football|Soccer|Cricket|Rugby|Golf|Tennis|Motoring|Games|Gaming|Theatre|Theater|Dance|Art|Television|TV"
    r"|Restaurant|Wine|Retail|Banking|Aviation|Agriculture|Industry|Economy|Trade|Immigration|Religion|Weather))*"
    r"\s+(?:Writer|Editor|Correspondent|Reporter|Columnist|Contributor|Producer|Critic|Reviewer|Journalist"
    r"|writer|editor|correspondent|reporter|columnist|contributor|producer|critic|reviewer|journalist)s?$"
)


def is_outlet_desk(names: str) -> bool:
    """What is left of "By Gazette Reporter" once the job goes: the paper's name alone, no one's."""
    return enabled("outlet_desk") and " " not in names.strip() and bool(OUTLET_NAME.search(names))


def is_byline(text: str) -> bool:
    """A byline: "By Jane Smith", "By Jane Smith and John Doe, Seoul"."""
    return byline_of(text) is not None


BY_NAME = re.compile(r"(?:^|[\s|•·,])(?:written )?by\s*:?\s+[A-Z\u00c0-\u024f]", re.IGNORECASE)


def is_dated_byline(text: str) -> bool:
    """A byline run together with its date: "By Ana Reyes March 3, 2021, 9:15 AM EST",
    "Friday June 4, 2021 10:02 am by Tom Okoro", "April 9, 2022 | BY: Newsroom", and a dated line
    with a name among its parts: "Mar 12, 2024 • Jane Morrow • 6 min read"."""
    text = without_update(text)
    words = words_in(text)
    if not words or len(words) > 20:
        return False
    if not BY_NAME.search(text):  # a name among the parts of a dated line, which has separators
        return (enabled("dated_parts") and bool(_PART_SEPARATOR.search(text)) and bool(HAS_DATE.search(text))
                and bool(re.search(r"\d", text)) and bool(byline_among_parts(text)))
    if text.rstrip().endswith((".", "!", "?")) and not re.search(r"\b(?:[ap]\.m|ET|GMT)\.?$", text):
        return False
    return bool(HAS_DATE.search(text)) and bool(re.search(r"\d", text))


_NAME_PART = re.compile(
    r"^(?P<names>[A-Z\u00c0-\u024f][\w’'.-]*(?:\s+(?:[A-Z\u00c0-\u024f][\w’'.-]*|"
    rf"and|&|{NAME_PARTICLES})){{1,6}})(?:\s*,\s*[A-Z][\w\s’'.-]{{0,40}})?$"
)
SEPARATORS = " \t|•·,;:–—-"


_AT_PLACE = re.compile(r"\s+at\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s*$")


def _name_before_date(text: str) -> str | None:
    """The names in "Jane Smith Tue 5 Mar 2024 10.30 GMT" or "Jane Smith | 5 March 2024".

    A name alone before a date is a byline only when a weekday, a time or a
    separator shows the date is a dateline, so "Storm Ciara 9 February 2020" is not.
    """
    if len(words_in(text)) > 16:  # first: the date search is slow on a long paragraph
        return None
    found = DATE_IN_LINE.search(text)
    if found is None or text[found.end() :].strip(SEPARATORS):
        return None
    head = text[: found.start()]
    if enabled("name_at_place"):  # where the writer was: "Jane Morrow at Brannock Park Sat 20 Apr 2024 19.41 BST"
        head = _AT_PLACE.sub("", head)
    plain = _NAME_PART.match(head.strip(SEPARATORS))
    if not plain or re.match(r"(?:written\s+)?by\b", head.strip(), re.IGNORECASE):
        return None
    if any(w.casefold() in _CONTROL_WORDS for w in plain.group("names").split()):
        return None  # "Blog Home AI & Machine Learning • October 18, 2019": a trail of links, not a name
    dated = (
        re.search(r"[|•·]|\s[–—]\s", head)
        or found.group("time")
        or re.match(r"(?:[^\d]*\s)?" + WEEKDAY_RE + r"\s", found.group(0), re.IGNORECASE)
    )
    return plain.group("names") if dated else None


# A live blog's entry, headed by its time and perhaps its writer: "6:15 pm" (twice: once shown, once for a
# screen reader), "02.18 BST", "2:58 p.m. By Jane Morrow".
_ENTRY_TIME = re.compile(
    r"^\s*(?P<times>(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
    r"(?:\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?)(?P<zone>\s+[A-Z]{2,4}\b)?\s*[|·•–—-]?\s*(?P<rest>.*)$",
)


def is_entry_time(text: str) -> bool:
    """A live blog entry's time with its writer, "2:58 p.m. By Jane Morrow", or with its echo, "6:15 pm
    6:15 pm", "02.18 02.18 BST". A time alone stays: some stories list the times of what happened
    ("4:14 p.m." over what happened then), and "4.50" alone is a number."""
    found = _ENTRY_TIME.match(text)
    if not found:
        return False
    rest = re.sub(r"^(?i:by)\s+", "", found["rest"].strip())
    if not rest:  # the time shown and its echo
        times = re.findall(r"\d{1,2}[:.]\d{2}|\d{1,2}(?=\s*[ap])", found["times"])
        return len(times) == 2 and times[0] == times[1]
    if not (":" in found["times"] or re.search(r"[ap]\.?m", found["times"], re.IGNORECASE) or found["zone"]):
        return False
    person = name_and_rest(rest)
    return bool(person and not person[1] and are_people(person[0]))


def is_named_dateline(text: str) -> bool:
    """A byline without "By", run together with its date: "Jane Smith Tue 5 Mar 2024 10.30 GMT"."""
    return _name_before_date(text) is not None


# When a dated line was changed, run on after its date: "Jane Morrow Tue 11 Mar 2025 07.42 GMT Last modified on …".
_MODIFIED_AFTER = re.compile(r"(?<=\S)\s+(?i:(?:last )?(?:modified|updated)(?: on| at)?\s*:?)\s+")


def without_update(text: str) -> str:
    """A dated line without the time it was last changed, run on after its date: "Jane Morrow Tue 11 Mar 2025
    07.42 GMT Last modified on Tue 11 Mar 2025 16.05 GMT" gives "Jane Morrow Tue 11 Mar 2025 07.42 GMT", and
    "Published: DATE · Modified: DATE by Jane Morrow" keeps the name after it."""
    changed = "odified" in text or "pdated" in text  # a cheap look first: most lines say neither
    found = _MODIFIED_AFTER.search(text) if changed and enabled("update_after_date") else None
    if not found or not HAS_DATE.search(text, 0, found.start()):
        return text
    date = DATE_IN_LINE.match(text, found.end())
    return text[: found.start()] + text[date.end():] if date else text


# A blog post's categories and tags, run on after its byline and date: "… Categories Garden, Potatoes Tags frost".
_FILED_UNDER = re.compile(r"\s+(?:Categories|Tags|Filed under|Posted in)\b.*$")


def metadata_of(text: str) -> tuple[str | None, str | None]:
    """(byline names, ISO date) from a byline or dateline, either or both in one line.

    Reads "By Jane Smith, Political Editor | Updated 5 March 2024, 10:30am",
    "Jane Smith Tue 5 Mar 2024 10.30 GMT", "Published: 05/03/2024" and
    "Friday June 4, 2021 10:02 am by Tom Okoro". Only lines the
    clutter rules drop are read, so a sentence in the story that names a
    person and a date gives nothing.
    """
    text = _FILED_UNDER.sub("", without_update(text))
    if named := _name_before_date(text):
        found = DATE_IN_LINE.search(text)
        return named, published_of(found.group(0)) if found else None
    if not (is_byline(text) or is_date_line(text) or is_dated_byline(text)):
        return None, None
    found = DATE_IN_LINE.search(text)
    if found is None:
        return byline_of(text), (published_of(text) if is_date_line(text) else None)
    names: str | None = None
    last = max(DATE_IN_LINE.finditer(text), key=lambda m: m.end())  # "Posted on DATE DATE by NAME": published, updated
    for part in (text[: found.start()], text[last.end() :]):
        part = re.sub(
            r"^(?:(?:(?:words|text|story)\s+)?(?:written\s+|posted\s+)?by|authors?)\s*:?\s*", "By ",
            part.strip(SEPARATORS), flags=re.IGNORECASE,
        )
        part = re.sub(r"(?:\s+(?i:posted|published))?\s+(?:on|at)$", "", part)  # "By Jane Smith on" a date
        if part.startswith("By ") and (names := byline_of(part)):
            break
    return names, published_of(found.group(0))


# A wire story's credits at its foot: "(Reporting by Jane Morrow and Sam Okafor; Editing by Lee Chan)", and
# a site's own: "This story was reported by Jane Morrow, a member-reporter with the Courier."
_WIRE_CREDIT = re.compile(
    r"^\s*\(?\s*(?:(?i:this (?:story|article|report|piece) was)\s+)?(?i:reporting|reported|writing|written)\s+by\s+"
    r"(?P<names>[^;()]{3,80}?)"
    r"\s*(?:[;,]\s*(?i:(?:additional|further) reporting|writing|editing|edited|compiled|graphics|video)\b[^()]*"
    r"|[,.]\s+(?:an?|the|our)\s.*)?\)?\s*$"  # "…, a reporter with the Courier. It was edited by …"
)


def wire_credit(text: str) -> str | None:
    """The reporters a wire story's closing credits name (its editors are not its writers)."""
    found = _WIRE_CREDIT.match(text)
    names = byline_of(f"By {found['names']}") if found else None
    return tidy_names(names) if names else None


# A writer's job, in a line's last word ("Ap Auto Writer") or anywhere in a short line ("Political reporter @jm").
ROLES = r"\b(?:writer|editor|correspondent|reporter|columnist|contributor|producer|critic|reviewer)s?"
_PERSON_ROLE = re.compile(ROLES + r"\b", re.IGNORECASE)
# A publisher, an agency or a desk where a writer's name would stand ("NJ Advance Media", "Harbour Bureau").
ORGANISATION = re.compile(
    r"\b(?:media|news|press|group|publishing|publications?|network|magazines?|agency|agencies|newspapers?|inc|ltd|"
    r"llc|corp|company|staff|team|desk|bureau|newsroom|service|wire)\b",
    re.IGNORECASE,
)
# Job titles of people who write on company and engineering blogs: "Staff Engineer, Platform".
_WORK_ROLE = re.compile(
    r"\b(?:manager|engineer|director|officer|designer|developer|analyst|scientist|founder|co-founder|strategist"
    r"|consultant|researcher)s?\b|\bhead of\b|\b(?:ceo|cto|cfo|coo)\b",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------
# A byline near the headline, in the forms pasted pages give it
# --------------------------------------------------------------------------

NAME_WORD = r"[A-Z\u00c0-\u00de\u0100-\u024f\u0410-\u042f\u0401][\w’'.-]*"
_NAME_LINE = re.compile(
    rf"^\s*(?:(?:[Bb]y|BY|[Vv]on|[Тт]екст)\s*:?\s+)?"
    rf"(?P<names>{NAME_WORD}(?:\s+(?:{NAME_WORD}|{_NICKNAME}|{NAME_PARTICLES})){{0,3}}"
    rf"(?:\s+(?:and|&)\s+{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})?)"
    r"(?P<rest>(?:\s*[,|•·/(]|\s*@|\s+\d|\s+(?:[Vv]iew|[Mm]ore|[Pp]ublished|[Uu]pdated|[Pp]ubliziert)\b"
    r"|\s+(?:in|at)\s+[A-Z]).*)?\s*$"
)
_ROLE_WORDS = re.compile(
    r"\b(?:writer|editor|correspondent|reporter|columnist|contributor|producer|staff|news|media|press|"
    r"journal|times|post|daily|weekly|magazine|"
    r"senior|principal|manager|engineer|director|officer|president|designer|developer|analyst|scientist)\b",
    re.IGNORECASE,
)
# A newspaper's name, as it ends: "Valley Courier", "The Harbour Times".
OUTLET_NAME = re.compile(
    r"\b(?:Times|Post|Herald|Gazette|Journal|Tribune|Courier|Chronicle|Observer|Telegraph|Examiner|Inquirer|Mirror"
    r"|Express|Record|Register|Bulletin|Dispatch|Standard|Press|News|Daily|Weekly|Magazine|Media)$"
)
PLAIN_NAME = re.compile(r"^\s*[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}\s*$")
LONE_BY = re.compile(  # "By", "Article by", "Author:" or a magazine's "Words" alone on its line, the name on the next
    r"^\s*(?:(?:(?:article|story|words|text|written|posted|reported|reviewed|interview|interviewed)\s+)?(?:by|von)"
    r"|author|words)\s*:?\s*$",
    re.IGNORECASE,
)
# The buttons beside an author's name.
_SOCIAL = "twitter facebook linkedin instagram whatsapp"
BUTTON_WORDS = frozenset(f"follow unfollow share email tweet print {_SOCIAL}".split())
# Words that open a phrase, never a name; and the words of a page's controls.
_NOT_A_FIRST_NAME = frozenset(
    "from the a an in on at for with about of to and or this that our your my"
    " der die das ein eine einer el los las un une il gli".split()  # articles in the languages pages come in
)
_CONTROL_WORDS = frozenset(
    "password login logout register account search cart menu subscribe newsletter share print email comments "
    "contact privacy terms cookies home tweet".split()
)
FURNITURE_WORD = re.compile(
    rf"^(?:share|print|email|comments?|menu|home|news|subscribe|advertisement|close|play|pause|listen|watch|download|follow|save|{_SOCIAL.replace(' ', '|')})$", re.I
)


def _is_label(text: str) -> bool:
    """A page's label, never a name: "Recent Posts", "Read More", "Contact Us"."""
    return is_trailer(text) or is_read_more(text) or is_site_furniture(text)


# More people after a name: ", Sam Okafor and Lee Chan", each named in two words or more.
_FULL_NAME = r"[A-Z\u00c0-\u024f][\w’'.-]*(?:\s+[A-Z\u00c0-\u024f][\w’'.-]*){1,3}"
_MORE_NAMES = re.compile(
    rf"^,\s*(?P<names>{_FULL_NAME}(?:\s*,\s*{_FULL_NAME})*,?\s+(?:and|&)\s+{_FULL_NAME})(?P<rest>.*)$"
)


# ... or with commas alone, before a separator or at the line's end: "Jane Morrow, Sam Okafor · Feb 6, 2024 ·
# 8 min read", "By Jane Morrow, Sam Okafor".
_COMMA_NAMES = re.compile(rf"^,\s*(?P<names>{_FULL_NAME}(?:\s*,\s*{_FULL_NAME})*)(?P<rest>\s+[·•|].*|\s*)$")


def _with_comma_names(names: str, rest: str) -> tuple[str, str]:
    """More writers listed after a writer's name with commas alone ("…, Sam Okafor · date"), joined to it."""
    more = _COMMA_NAMES.match(rest) if enabled("comma_names") else None
    if more and _people(more["names"]) and (more["rest"].strip() or enabled("comma_end_names")):
        return listed([*re.split(r"\s+(?:and|&)\s+", names), *(n.strip() for n in more["names"].split(","))]), \
            more["rest"].strip()
    return names, rest


def _people(names: str) -> bool:
    """Whether names listed after a writer's look like people's: two or three words, none in capitals
    ("CNN Business"), none opening with "The" ("The Guardian"), and not a job ("Associate Professor"), an
    outlet's, a desk's or a section's name ("FC Bureau", "Yahoo Finance", "Norrvik University") or a place
    ("New York", "Mexico City"). A list of rules, so it misses some: the names that are kept are read aloud."""
    for name in (n.strip() for n in names.split(",")):
        words = name.split()
        if not 2 <= len(words) <= 3 or words[0] == "The" or any(len(w) > 1 and w.isupper() for w in words):
            return False
        if (_ROLE_WORDS.search(name) or _JOB_WORDS.search(name) or is_organisation(name) or is_job_title(name)
                or _PLACE_OPENING.match(name) or _NOT_A_SURNAME.search(name)):
            return False
    return True


def are_people(names: str) -> bool:
    """Whether every writer in "A, B and C" looks like a person (`_people`)."""
    return _people(", ".join(re.split(r"\s+(?:and|&)\s+", names)))


def is_role(text: str) -> bool:
    """A writer's job or role after the name: "Senior Lecturer in Urban Planning", "volunteer coordinator"."""
    words = text.split()
    return bool(is_job_title(text) or _ROLE_WORDS.search(text) or _JOB_WORDS.search(text) or _WORK_ROLE.search(text)
                or (len(words) <= 3 and text.islower()))


# An institution's or a department's name: "Press Office", "Kestrel University", "Communications and Marketing".
_INSTITUTION = re.compile(
    r"\b(?:office|university|college|institute|school|department|council|ministry|centre|center|communications|"
    r"marketing)\b",
    re.IGNORECASE,
)


def is_organisation(name: str) -> bool:
    """A desk's, an outlet's or an institution's name, not a person's: "Mail News Service", "Press Office"."""
    return bool(ORGANISATION.search(name) or OUTLET_NAME.search(name) or _INSTITUTION.search(name))


# The first words of many places' names, rarely of a person's: "By Jane Morrow, New York".
_PLACE_OPENING = re.compile(r"(?:New|San|Los|Las|Saint|St\.?|Fort|Port|Mount|Cape|Kuala|Buenos|Tel|North|South|"
                            r"East|West|Upper|Lower|Greater)\s")
# Jobs that follow a name after a comma: "Jane Morrow, Associate Professor", "…, Chief Executive".
_JOB_WORDS = re.compile(
    r"\b(?:professor|lecturer|fellow|executive|chief|researcher|student|candidate|associate|assistant|deputy|"
    r"founder|chair|chairman|chairwoman|adviser|advisor|consultant|economist|strategist|minister|secretary)\b",
    re.IGNORECASE,
)
# The last words of places' and sections' names, rarely a surname: "Mexico City", "Yahoo Finance" (not "Park" or
# "Hill", which are common surnames: "Sung Park", "Lauren Hill").
_NOT_A_SURNAME = re.compile(
    r"\b(?:City|Island|Islands|County|Valley|Bay|Beach|Heights|Springs|Falls|Lanka|Republic|Kingdom|"
    r"States|Coast|Business|Finance|Money|Sport|Sports|Tech|Politics|Opinion|Verify|Jazeera|Conversation)$"
)


def name_and_rest(text: str) -> tuple[str, str] | None:
    """(names, rest) when a line starts with a person's name: capitalised words, no month, weekday or date word."""
    untitled = _ROLE_AFTER_NAME.sub("", text.rstrip())  # "Jane Morrow Senior Reporter": a title says it is a byline
    found = _NAME_LINE.match(untitled)
    if not found:
        return None
    words = found.group("names").strip(SEPARATORS).split()
    rest = " ".join([(found.group("rest") or "").strip(), text.rstrip()[len(untitled):].strip()]).strip()
    dated = next((i for i, w in enumerate(words) if w.casefold().strip(".,") in DATE_WORDS), None)
    if dated is not None:  # "Reuters November 18, 2019": the date starts where the name ends
        words, rest = words[:dated], " ".join([*words[dated:], rest])
    names = " ".join(words)
    if names and (listed := _MORE_NAMES.match(rest)):  # "Jane Morrow, Sam Okafor and Lee Chan"
        names, rest = f"{names}, {listed['names']}", listed["rest"].strip()
    elif names:
        names, rest = _with_comma_names(names, rest)
    if not names or _ROLE_WORDS.search(names) or LONE_BY.match(names) or _is_label(names):
        return None  # "By" alone, "Recent Posts"
    if words[0].casefold() in _NOT_A_FIRST_NAME or any(w.casefold() in _CONTROL_WORDS for w in words):
        return None  # "From Wikipedia, the free encyclopedia", "Reset Password"
    if re.match(r"(?:updated|published)\b", rest) and not HAS_DATE.search(rest):  # "Use updated bindings": a sentence
        return None
    return names, rest


def filed_from(text: str) -> tuple[str, str] | None:
    """Writers named with the places they filed from: "Jane Morrow in Kyiv and Sam Okafor" gives
    "Jane Morrow and Sam Okafor" (a name "in" a place alone may be a headline: "Floods in Kent")."""
    if " at " in text and enabled("name_at_place") and (
        person := name_and_rest(_AT_PLACE.sub("", _ROLE_AFTER_NAME.sub("", text.rstrip())))
    ):
        return person  # "Jane Morrow at Brannock Park" (and her job: "Chief Sports Writer"), the date on the next line
    if " in " not in text or not enabled("filed_from"):
        return None
    person = name_and_rest(without_places(text))
    return person if person and re.search(r"\s(?:and|&)\s", person[0]) else None


# A byline run on into the writer's biography: "By Jane Morrow, a senior reporter covering privacy. She …".
_BY_WITH_BIO = re.compile(rf"^\s*[Bb]y\s+(?P<names>{_FULL_NAME}),\s+(?:an?|the)\s+[a-z]")


def byline_with_bio(text: str) -> str | None:
    """The writer's name in a byline run on into their biography, else None."""
    found = _BY_WITH_BIO.match(text) if enabled("byline_with_bio") else None
    return found["names"] if found else None


_PART_SEPARATOR = re.compile(r"\s+[|/•·–—]\s+")


def byline_among_parts(text: str) -> str | None:
    """The byline among a line's parts: "In: Politics | By: Jane Morrow", and a name beside a date
    ("March 4, 2021 / Jane Morrow / 3 Comments")."""
    parts = [p.strip() for p in _PART_SEPARATOR.split(text)]
    if len(parts) < 2:
        return None
    for part in parts:
        if names := byline_of(part):
            return tidy_names(names)
    if not any(is_date_line(p) for p in parts):
        return None
    return next((p for p in parts if PLAIN_NAME.match(p) and not _is_label(p) and name_and_rest(p)), None)


def name_and_role(text: str) -> tuple[str, str] | None:
    """ "Omar Haddad Deputy political editor": a name of two or three words, and a job title after it."""
    words = text.split()
    for n in (2, 3):
        name, role = " ".join(words[:n]), " ".join(words[n:])
        if role and PLAIN_NAME.fullmatch(name) and not _ROLE_WORDS.search(name) and is_job_title(role):
            return name, role
    return None


# A name, then a job title ("City Reporter", "Consumer affairs correspondent", or one word: "Columnist"), then
# nothing, a date or time, or the outlet: "Jane Morrow Health Reporter 17:05, 3 MAY 2024".
_NAME_ROLE_REST = tuple(
    re.compile(
        rf"^\s*(?P<names>(?-i:{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}}))\s+{title}"
        + ROLES + r"\b,?"
        r"(?P<rest>\s*(?:\d.*|(?:[A-Z][\w’'&.-]*\s*){1,4})?)$",
        re.IGNORECASE,
    )
    for title in (r"(?-i:[A-Z])[\w’'-]*(?:\s+[\w’'-]+){0,2}?\s+", "")  # a title of words tried first
)


_LEADING_BY = re.compile(r"^\s*(?i:by)\s+(?=[A-Z])")


def name_role_and_rest(text: str) -> str | None:
    """The name of "NAME Job Title DATE" or "NAME Job Title Outlet" on one line (a writer's card copied whole),
    after a "By" or without one."""
    text = _LEADING_BY.sub("", text, count=1)
    found = _NAME_ROLE_REST[0].match(text) or _NAME_ROLE_REST[1].match(text)
    if not found or _ROLE_WORDS.search(found["names"]) or found["names"].split()[0].casefold() in _NOT_A_FIRST_NAME:
        return None
    rest = found["rest"].strip()
    if rest[:1].isdigit() and not HAS_DATE.search(rest):
        return None
    return found["names"]


def is_job_title(text: str) -> bool:
    """A job title or the writer's outlet alone on its line, beside the name it belongs to: "Staff Writer",
    "Senior Health Reporter", "Housing Reporter, Harbour Gazette", "Political reporter @janemorrow",
    "Valley News, Kestrel Bay", "Staff Engineer, Platform"."""
    if len(words_in(text)) <= 4 and _ROLE_AFTER_NAME.fullmatch(" " + text.strip()):
        return True
    desk, comma, _ = text.partition(",")  # the desk the writer files for: "Valley News, Kestrel Bay"
    if comma and len(words_in(text)) <= 6 and OUTLET_NAME.search(desk.strip()) and not ends_sentence(text):
        return True
    return len(words_in(text)) <= 6 and bool(_PERSON_ROLE.search(text) or _WORK_ROLE.search(text)) and not ends_sentence(text)


FOLLOW_AFTER = re.compile(r"\s+(?i:\+?\s?follow|unfollow)$")  # "Jane Morrow Follow": the button beside the name
_CAPITALS_THEN_MORE = re.compile(r"^((?:[A-Z][A-Z’'.-]+\s+)+[A-Z][A-Z’'.-]+)\s+[A-Z][a-z].*$")


def capitals_only(names: str) -> str:
    """A name in capitals without what runs on after it: "JANE MORROW Associated Press" gives "JANE MORROW"."""
    return _CAPITALS_THEN_MORE.sub(r"\1", names)


def listed(names: Sequence[str]) -> str:
    """Names as a reader says them: "Ann Lee", "Ann Lee and Tom Reyes", "Ann Lee, Tom Reyes and Kiran Nair"."""
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def tidy_names(names: str) -> str:
    """Names without a job title, a handle, a site or a date run on after them."""
    names = _ROLE_AFTER_NAME.sub("", names).strip(SEPARATORS)
    names = capitals_only(names)
    names = re.sub(r"(\w{3,})\.$", r"\1", names)  # a full stop after a surname, not an initial's
    return FOLLOW_AFTER.sub("", strip_date_words(re.sub(r"\s+@\w+.*$", "", names)))
