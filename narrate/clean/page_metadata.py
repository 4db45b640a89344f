"""What a saved page says of itself in its metadata: its author field and its title, tidied.

An author field lists writers with job titles, account names ("admin"), the
site's own name and the publisher mixed in; a title ends with the site's name.
Only the writers and the headline are kept.
"""

from __future__ import annotations

import re

from narrate.clean.dates import DATE_PREFIX, DATE_WORDS
from narrate.clean.metadata import (
    ORGANISATION, ROLES, SEPARATORS, capitals_only, listed, name_and_role, strip_date_words,
)
from narrate.clean.rules import compare_key, enabled, normalise_space, words_in

_ROLE_ONLY = re.compile(ROLES + r"$", re.IGNORECASE)  # a job title alone: "Ap Auto Writer"
# Who else worked on the story, run on after the writer's name in an author field.
_CREDITED_AFTER = re.compile(
    r"(?<=\w)\s+(?i:(?:medically |expert )?reviewed|fact[- ]?checked|photographs?|illustrations?)\s+by\b"
)

# Account names a publishing system fills in when nobody signed the story.
_NOT_A_PERSON = re.compile(
    r"^(?:\w*admin\w*|administrator|editorial|webmaster|user|username|user name|login|log in|sign in|guest|root|"
    r"author|anonymous|unknown)$",
    re.IGNORECASE,
)
# Letters after a name: "Jane Roe, PhD", "Jane Roe MD" (and, split off as a second author, "PhD").
_NAME_WORDS = 6  # the most words a person's name runs to in a byline
_CREDENTIALS = re.compile(r"(?:^|[\s,]+)(?:Ph\.?\s?D|M\.?D|R\.?N|MSc|MS|MBA|MPH|CSCS|Esq|JD|DDS)\.?$")


def _bio_cut(part: str) -> str:
    """A name with a biography run on: "Jane Roe Jane is a writer at ..." -> "Jane Roe"."""
    found = re.search(r"\s+(?:is|was)\s+(?:an?|the)\b", part)
    if found is None:
        return part
    words = part[: found.start()].split()
    if len(words) > 1 and words[-1] == words[0]:  # the biography opens with the first name again
        words.pop()
    return " ".join(words)
def _before_credits(parts: list[str]) -> list[str]:
    """An author field's parts up to who else worked on the story: "Jane Roe Reviewed by Sam Okafor; Licensed
    Contractor" names its writer first, and what follows is the reviewer's."""
    if not enabled("credits_after_writer"):
        return parts
    for i, part in enumerate(parts):
        if credit := _CREDITED_AFTER.search(part):
            return [*parts[:i], part[: credit.start()]]
    return parts


def author_of(raw: str, sitename: str = "", copyright: str = "") -> str | None:
    """A byline from page metadata: "Tom Krisher; Ap Auto Writer" -> "Tom Krisher".

    Metadata lists authors with ";" and mixes in job titles, the site's own
    name and account names such as "admin"; those are not who wrote the story.
    Nor is the publisher beside a writer: a name the page's copyright notice
    holds ("Copyright Example Media 2023"), or one that names an organisation.
    """
    site = compare_key(sitename).replace(".", " ")
    names: list[str] = []
    for part in _before_credits(re.split(r"\s*;\s*", normalise_space(raw))):
        part = re.sub(r"^by\s*:?\s+", "", part, flags=re.IGNORECASE).strip(SEPARATORS)
        part = re.sub(r"^.*\b(?:by|author)\b\s*:?\s*", "", part, flags=re.IGNORECASE)  # "Edited by Jane", "Article by"
        part = capitals_only(part)  # "JANE MORROW Harbour Press": the writer in capitals, her agency after
        part = re.sub(r"\s*\b(?:https?|www)\b.*$", "", part, flags=re.IGNORECASE)  # a URL's pieces run on
        part = _bio_cut(part)
        part = _CREDENTIALS.sub("", part).strip(SEPARATORS)
        if (named := name_and_role(part)) and any(w.islower() for w in named[1].split()):
            part = named[0]  # "Jane Roe Environment correspondent"; not "Ap Auto Writer", a job title in title case
        if DATE_PREFIX.match(part) and re.match(r"\s*(?:last|first|updated|published|posted|modified)", part, re.I):
            continue  # "Last Updated March 3": a date where a name should be
        part = strip_date_words(part)
        key = compare_key(part).replace(".", " ")
        if (
            not part
            or len(part.split()) > _NAME_WORDS  # a sentence, not a name
            or "@" in part
            or "/" in part
            or _NOT_A_PERSON.match(part)
            or _ROLE_ONLY.search(part)
            or all(w.casefold() in DATE_WORDS for w in part.split())
            or (site and (key == site or key.replace(" ", "") == site.replace(" ", "")))
            or (" " not in key and key in site.split())  # "Google" on the "Google Security Blog"
            or re.search(r"\b(?:com|net|org|co uk)$", key)
        ):
            continue
        words = set(key.split())
        if any(words <= set(compare_key(n).split()) or set(compare_key(n).split()) <= words for n in names):
            continue  # "Troy Smith" and "Troy L Smith": one person
        names.append(part)
    owner = compare_key(copyright)
    people = [
        n for n in names if len(n.split()) >= 2 and not ORGANISATION.search(n) and compare_key(n) not in owner
        and not (site and compare_key(n).split()[0] == site.split()[0])  # "WPB Eastfold", a desk of "WPB News"
    ]
    if people and len(people) < len(names):  # "Molly Wood; NJ Advance Media; Futurism": the person wrote it
        names = people
    return listed(names) or None


_SITE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")
_BREADCRUMB_SEPARATOR = re.compile(r"\s+[»›]\s+")


def strip_site_name(title: str, sitename: str = "") -> str:
    """Drop a trailing site name: "Headline | The Times", "Headline - BBC News"; and a leading path
    to the page: "Site » Blog Archive » Headline".

    A part after "|" is dropped when short; after a dash only when it is the
    known site name or a few capitalised words, so "Strike - what it means"
    keeps its tail.
    """
    site_key = compare_key(sitename)
    crumbs = _BREADCRUMB_SEPARATOR.split(title)  # "Site » Blog Archive » Headline": the page's path, headline last
    if len(crumbs) > 1 and len(words_in(crumbs[-1])) >= 3 and all(len(c.split()) <= 5 for c in crumbs[:-1]):
        title = crumbs[-1].strip()
    while True:
        separators = list(_SITE_SEPARATOR.finditer(title))
        if not separators:
            return title
        last = separators[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        if len(words_in(head)) < 3:
            return title
        tail_words = tail.split()
        named = bool(site_key) and (site_key in compare_key(tail) or compare_key(tail) in site_key)
        piped = "|" in last.group() and len(tail_words) <= 5
        dashed = len(tail_words) <= 4 and all(
            w[:1].isupper() or not w[:1].isalpha() for w in tail_words
        )
        if not (named or piped or dashed):
            return title
        title = head


_BLOG_NAME_WORDS = 5  # a blog's name is short; a headline's first part before a colon may not be


def title_past_path(page_title: str, title: str) -> str:
    """The headline at the end of a <title> written as the page's path ("Site » Blog Archive » Headline")
    when the metadata's title is one of the path's steps (the site's name), or after the blog's name and a
    colon ("Blog Name: Post title") when the metadata's title is the blog's name; else `title`."""
    crumbs = _BREADCRUMB_SEPARATOR.split(page_title)
    if len(crumbs) > 1 and compare_key(title) in {compare_key(c) for c in crumbs[:-1]}:
        return strip_site_name(page_title)
    blog, colon, post = page_title.partition(": ")  # "Blog Name: Post title", as Blogger writes it
    if (colon and enabled("blog_title") and compare_key(blog) == compare_key(title) and ": " not in post
            and len(blog.split()) <= _BLOG_NAME_WORDS < len(post.split())):
        return post.strip()
    return title


def is_site_desk(author: str, sitename: str) -> bool:
    """Whether a byline names one of the site's own desks: "Harbour Gazette Sport" on the Harbour Gazette."""
    site = compare_key(sitename).replace(".", " ")
    return bool(site) and compare_key(author).replace(".", " ").startswith(site + " ") and enabled("site_desk")
