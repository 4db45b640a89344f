"""The writer's biography: the line about who wrote the story, after it or under the byline.

"Jane Morrow is a staff writer at the Example Post", "Nora Pell covers schools for the Courier", a
contributor's box in the first person ("I write about …") under the name: about the writer, not the
story. It names the author when nothing else on the page does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrate.article import Block
from narrate.clean.dates import DATE_WORDS
from narrate.clean.metadata import FURNITURE_WORD, NAME_PARTICLES, NAME_WORD, PLAIN_NAME
from narrate.clean.rules import compare_key, enabled, is_prose, words_in

_BIO = re.compile(  # a dash before it when it signs the story off: "— Jane Morrow is our health correspondent"
    rf"^\s*(?:[-–—]\s*)?(?P<names>{NAME_WORD}(?:\s+(?:{NAME_WORD}|{NAME_PARTICLES})){{0,3}})"
    r"(?:\s*\(@?\w+\))?,?\s+(?:(?i:is|was|has been)\s+(?:also\s+)?(?i:an?|the|our)\b"
    r"(?P<role>.{0,120}?)\b(?i:writer|editor|reporter|correspondent|columnist|contributor|journalist|author|"
    r"blogger|freelancer|producer|host|professor|lecturer|founder|co-founder|fellow|analyst|critic|"
    r"consultant|researcher|photographer|historian|novelist|scholar)s?\b"
    # "Jane Morrow covers education for the Courier", "… writes about food for …"
    r"|(?:covers|writes about|reports on)\s(?P<beat>[^.]{2,80}?)\s(?:for|at)\s(?:the\s)?[A-Z]"
    # "Jane Morrow writes a fortnightly column for the Courier", after her job too ("is a former teacher and …")
    r"|(?P<column>(?:is\s[^.]{0,80}?\sand\s)?writes\s(?:an?|the)\s(?:\w+\s)?column\s(?:for|in|at|on)\s))",
)


_NOT_A_NAME = frozenset("the this that these he she it they we our his her their its".split())


def author_bio(text: str) -> str | None:
    """The author's name in a biography line after a story ("Jane Morrow is a staff writer at the
    Example Post", "Sam Okafor (@samokafor) is a contributor and the host of ..."), else None.

    Only a line that opens with a name and says at once what the person does is one; a story
    sentence that mentions a writer further on is not.
    """
    found = _BIO.match(text)
    if found is None or len(words_in(text)) > 80 or "." in (found.group("role") or ""):
        return None
    names = found.group("names")
    if (found.group("beat") is not None or found.group("column")) and len(names.split()) < 2:
        return None  # "Insurance covers most of it for …": a person's beat needs a person's full name
    if names.split()[0].casefold() in _NOT_A_NAME or any(w.casefold() in DATE_WORDS or FURNITURE_WORD.match(w) for w in names.split()):
        return None
    return names


# What a biography says of its writer right after the name: "Ann Bell is …", "Ann leads the design team",
# "Ann has spent twenty years …", "Ann writes about food", "Ann spent ten years in restaurants".
_WRITER_DOES = re.compile(
    r"\s+(?:is|was|has|writes|covers|leads|runs|lives|spent|joined|works|teaches|reports|edits)\b(?!\s+(?:said|told)\b)"
)


_NAMED_WRITER = re.compile(rf"\s*{NAME_WORD}(?:\s+(?:{NAME_WORD}|{NAME_PARTICLES})){{1,3}}(?={_WRITER_DOES.pattern})")


def opens_as_bio(text: str) -> bool:
    """A line that opens by saying what a named person does: "Jane Morrow covers the council. …", the
    writer's biography, byline or not."""
    return author_bio(text) is not None or bool(_NAMED_WRITER.match(text))


def writers_bio(text: str, byline: str | None) -> str | None:
    """The writer named in the byline when this paragraph is their biography: it opens with one of the
    byline's names, in full or by first name, and says what that person is or does ("Rosa Diaz is a
    founding partner at …", "Rosa leads strategy at …"). Whatever the job, the page has named its writer."""
    if not byline or not is_prose(text):
        return None
    for name in re.split(r"\s+(?:and|&)\s+|,\s*", byline):
        parts = name.split()
        for said in (name, parts[0] if len(parts) > 1 else None):
            if said and text.startswith(said) and _WRITER_DOES.match(text, len(said)):
                return name
    return None


# A contributor's box in the first person under the name: "I write about family firms and …".
_FIRST_PERSON_BIO = re.compile(r"^\s*I (?:(?:write|report|blog) (?:about|on)|cover)\b")
# A biography stands in the last few blocks of a story, with at most the page's furniture after it.
_BIO_REACH = 6
_BIO_SHARE = 0.75  # ... or after this share of the story's prose words
_ABOVE_BIO = 3  # lines above a biography that belong to its box: a label, the name, the writer's job
_JOB_WORDS = 5  # "Head of Product", "Staff SRE, Pagerline": a job title is a short line


def _job_line(text: str, above: str, name: str) -> bool:
    """The writer's job on its own short line, under their name."""
    return name.split()[0] in above.split() and len(words_in(text)) <= _JOB_WORDS and not is_prose(text)


def cut_author_bio(blocks: Sequence[Block], byline: str | None = None) -> tuple[list[Block], str | None]:
    """The story without the author's biography at its end, and the author's name from it.

    "Jane Morrow is a staff writer at the Example Post" after the last paragraph is about
    the writer, not the story: it and what follows it go, with a lone name or an "Author"
    label just above it. The biography stands among the last few blocks, or after most of
    the story's prose (a box of other stories' titles may follow it). A box headed "About
    NAME", where NAME is the byline's, is the biography whatever it says.
    """
    prose = [len(words_in(b.text)) if is_prose(b.text) else 0 for b in blocks]
    total = sum(prose)
    before = 0
    about = f"about {compare_key(byline)}" if byline else None
    for i, block in enumerate(blocks):
        late = i >= len(blocks) - _BIO_REACH or before >= _BIO_SHARE * (total - prose[i])
        before += prose[i]
        if i and late and about and compare_key(block.text).rstrip(":") == about and any(
            is_prose(b.text) for b in blocks[:i]
        ):
            return list(blocks[:i]), byline
        if (  # the name, then "I write about …"
            i > 1
            and late
            and _FIRST_PERSON_BIO.match(block.text)
            and PLAIN_NAME.match(blocks[i - 1].text)
            and any(is_prose(b.text) for b in blocks[: i - 1])
        ):
            return list(blocks[: i - 1]), blocks[i - 1].text.strip()
        if i == 0 or not late:
            continue
        name = author_bio(block.text)
        if name is None and enabled("writers_bio"):
            name = writers_bio(block.text, byline)
        if name is None:
            continue
        cut = i
        labels = {"author", "authors", "about the author", "about the authors", "written by", "posted by",
                  f"about {compare_key(name)}"}
        for _ in range(_ABOVE_BIO):  # "Author", the name alone and the writer's job, above the biography
            above = blocks[cut - 1].text
            if cut > 1 and (compare_key(above).rstrip(":") in labels or (
                name.split()[0] in above.split() and len(words_in(above)) <= 4 and not is_prose(above)
            ) or (enabled("writers_bio") and _job_line(above, blocks[cut - 2].text, name))):
                cut -= 1
        if not any(is_prose(b.text) for b in blocks[:cut]):
            return list(blocks), None  # never the whole story
        return list(blocks[:cut]), name
    return list(blocks), None
