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
from narrate.clean.rules import compare_key, is_prose, words_in

_BIO = re.compile(
    rf"^\s*(?P<names>{NAME_WORD}(?:\s+(?:{NAME_WORD}|{NAME_PARTICLES})){{0,3}})"
    r"(?:\s*\(@?\w+\))?,?\s+(?:(?i:is|was|has been)\s+(?:also\s+)?(?i:an?|the)\b"
    r"(?P<role>.{0,120}?)\b(?i:writer|editor|reporter|correspondent|columnist|contributor|journalist|author|"
    r"blogger|freelancer|producer|host|professor|lecturer|founder|co-founder|fellow|analyst|critic|"
    r"consultant|researcher|photographer|historian|novelist|scholar)s?\b"
    # "Jane Morrow covers education for the Courier", "… writes about food for …"
    r"|(?:covers|writes about|reports on)\s(?P<beat>[^.]{2,80}?)\s(?:for|at)\s(?:the\s)?[A-Z])",
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
    if found.group("beat") is not None and len(names.split()) < 2:
        return None  # "Insurance covers most of it for …": a person's beat needs a person's full name
    if names.split()[0].casefold() in _NOT_A_NAME or any(w.casefold() in DATE_WORDS or FURNITURE_WORD.match(w) for w in names.split()):
        return None
    return names


# A contributor's box in the first person under the name: "I write about family firms and …".
_FIRST_PERSON_BIO = re.compile(r"^\s*I (?:write|report|blog) (?:about|on)\b")
# A biography stands in the last few blocks of a story, with at most the page's furniture after it.
_BIO_REACH = 6
_BIO_SHARE = 0.75  # ... or after this share of the story's prose words


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
        if i == 0 or not late or (name := author_bio(block.text)) is None:
            continue
        cut = i
        labels = {"author", "about the author", "written by", "posted by", f"about {compare_key(name)}"}
        for _ in range(2):  # "Author", then the name alone, above the biography
            above = blocks[cut - 1].text
            if cut > 1 and (compare_key(above).rstrip(":") in labels or (
                name.split()[0] in above.split() and len(words_in(above)) <= 4 and not is_prose(above)
            )):
                cut -= 1
        if not any(is_prose(b.text) for b in blocks[:cut]):
            return list(blocks), None  # never the whole story
        return list(blocks[:cut]), name
    return list(blocks), None
