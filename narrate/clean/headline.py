"""Where a story starts: its headline, the line with a story under it.

A pasted page's title ("Headline | Site") is echoed above its story; failing
that, the headline is the first headline-like line with prose, and then a
paragraph, under it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice

from narrate.article import Block
from narrate.clean.clutter import is_clutter, is_metadata
from narrate.clean.metadata import PLAIN_NAME, is_job_title, name_and_role
from narrate.clean.page_metadata import strip_site_name
from narrate.clean.rules import (
    compare_key,
    enabled,
    ends_sentence,
    is_all_caps,
    is_prose,
    is_share_button,
    words_in,
)
from narrate.clean.story import vocabulary

# Words a headline in title case capitalises ("The Shift That Taught Me More Than My MBA"); a menu's items
# are names of sections ("Home News Sport Business") and have none of them.
_TITLE_CASE_WORDS = frozenset((
    "the", "a", "an", "of", "to", "in", "for", "with", "that", "than", "my", "our", "your", "is", "are",
    "was", "how", "why", "what", "when", "from", "on", "at", "by", "as", "its", "it", "this", "these",
    "after", "before", "about", "into", "over", "not", "no", "who",
))


def _looks_like_menu(text: str) -> bool:
    """Navigation such as "Home News Sport Business": capitalised words, no punctuation, and none of
    the small words a headline in title case has."""
    words = text.split()
    return (
        len(words) >= 3
        and all(w[:1].isupper() for w in words)
        and not re.search(r"[,:;’'‘“”\"?!()–—-]", text)
        and not any(w.casefold() in _TITLE_CASE_WORDS for w in words[1:])
    )


# Writers' names and nothing else: "Jane Morrow and Sam Okafor", a live blog's "Jane Morrow (now) and Sam
# Okafor (earlier)". A headline says what happened.
_NAME = r"[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,2}"
_PLACE = r"(?: in [A-Z][\w’'.-]+)?"  # where each filed from: "Jane Morrow in Kyiv and Sam Okafor in Lviv"
_NAMES_LINE = re.compile(
    rf"^\s*{_NAME}{_PLACE}(?: \([a-z]+\))?(?:(?:,| and| &) {_NAME}{_PLACE}(?: \([a-z]+\))?)+\s*$"
    rf"|^\s*{_NAME} \([a-z]+\)\s*$"
)


# ... or a writer's name and the paper's: "Jane Morrow | The Valley Courier".
_NAME_AND_OUTLET = re.compile(rf"^\s*{_NAME}\s+\|\s+(?:The\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,3}}\s*$")


def _names_only(text: str) -> bool:
    """Writers' names and nothing else, or a name and the paper's; a title in title case has its
    small words ("How To Grow and Care For Vines")."""
    if _NAME_AND_OUTLET.match(text):
        return True
    return bool(_NAMES_LINE.match(text)) and not any(
        w.casefold() in _TITLE_CASE_WORDS for w in re.findall(r"[A-Z][\w’'.-]*", text)
    )


_URL = re.compile(r"^\s*(?:https?:|www\.|//)\S*\s*$", re.IGNORECASE)  # a web address alone is no headline


def _in_title_case(text: str) -> bool:
    """A headline set in title case may end in a full stop ("A County Bet on a Plant. Then the Orders
    Stopped."); a sentence in the story is in sentence case."""
    long_words = [w for w in words_in(text) if len(w) >= 4]
    return len(long_words) >= 4 and sum(w[:1].isupper() for w in long_words) >= 0.75 * len(long_words)


def looks_like_headline(text: str, names: bool = False) -> bool:
    """3 to 25 words, no closing full stop (a sentence, inside quotes too) unless in title case, not
    shouted, not clutter, dateline or byline; with `names`, it may be shaped like a list of names."""
    n = len(words_in(text))
    return (
        3 <= n <= 25
        and (not text.rstrip().rstrip("”’\"'").endswith((".", ":", ",")) or _in_title_case(text))
        and not is_all_caps(text)
        and not is_clutter(text)
        and not is_metadata(text)
        and not _CREDIT_LINE.fullmatch(text)
        and not _looks_like_menu(text)
        and not _URL.match(text)
        and (names or not _names_only(text))
        and not name_and_role(text)  # "Tom Reyes Deputy political editor"
    )


# A headline is followed by prose and, within a few lines, by a paragraph of at
# least this many words. Menus and teasers are followed by more menus.
_STORY_WORDS = 20
_STORY_REACH = 8


_BY_LINE = re.compile(r"(?:\w+\s+)?(?i:by)\s*:?(?:\s+[A-Z][\w.’'-]*){0,4}")  # "By", "Written by: Nora Pell"
# Who else worked on the story, under its headline: "Medically reviewed by Nora Pell, MD", "Fact checked by …".
_CREDIT_LINE = re.compile(
    r"\s*(?i:(?:medically |expert )?reviewed|fact[- ]?checked|edited|photographs?|illustrations?|interview)\s+by\s+"
    r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}(?:,\s*[A-Z][\w.]*)?\s*"
)
_TOP_MATTER_LINES = 3  # a byline, its author's name and a date may stand between a headline and its story


@lru_cache(maxsize=1 << 14)
def _is_top_matter(text: str) -> bool:
    """A line that stands between a headline and its first paragraph: a byline or date,
    a name alone ("Jane Morrow"), or "Written by" above it."""
    words = words_in(text)
    return (
        is_metadata(text)
        or (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not ends_sentence(text))
        or bool(_BY_LINE.fullmatch(text.strip()) or _CREDIT_LINE.fullmatch(text))
    )


def _story_follows(blocks: Sequence[Block], index: int, strict: bool) -> bool:
    """A story paragraph comes soon; strictly, prose (not a menu) comes next, after at
    most a few lines of top matter (a byline, a name, a date)."""
    later = (blocks[i] for i in range(index + 1, len(blocks)))
    if enabled("top_matter"):  # bare marks ("-"), and top matter past the next line, do not use up the reach
        later = (b for b in later if words_in(b.text) and not (_is_top_matter(b.text) and not strict))
    following = list(islice((b for b in later if not is_clutter(b.text)), _STORY_REACH))
    if strict:
        lead = 0
        while enabled("top_matter") and lead < min(_TOP_MATTER_LINES, len(following) - 1) and _is_top_matter(following[lead].text):
            lead += 1
        if not following or len(words_in(following[lead].text)) < 3:
            return False
    return any(len(words_in(b.text)) >= _STORY_WORDS for b in following)


def _title_echo_index(blocks: Sequence[Block]) -> int | None:
    """A page pasted whole starts with its title ("Headline | Site"); where the
    headline itself comes again above a story, that line is the headline."""
    if len(blocks) < 2:
        return None
    first = blocks[0].text
    if is_share_button(first):  # a browser's copy starts where the page does: a share button is no title
        return None
    keys = {compare_key(first), compare_key(strip_site_name(first))}
    if enabled("title_heads"):
        keys |= _title_heads(first)
    keys = {k for k in keys if len(words_in(k)) >= _ECHO_WORDS}
    if not keys:
        return None
    # A first line of a few words is more often the site's name (a browser's copy has no page title): its echo
    # past the page's first paragraph is the name in the footer, not a headline above the story.
    short = len(words_in(first)) <= _SITE_NAME_WORDS
    reach = _first_paragraph(blocks) if short else len(blocks)
    # ... and under a writer's name ("Jane Morrow" / "Harbour Gazette"), the outlet she writes for
    echoes = [i for i in range(1, reach) if compare_key(blocks[i].text) in keys
              and not (short and enabled("name_under_byline") and PLAIN_NAME.match(blocks[i - 1].text))]
    found = next((i for i in echoes if _story_follows(blocks, i, strict=False)), None)
    if found is None and enabled("title_heads"):  # a short story: prose, if not a long paragraph, under the echo
        found = next((i for i in echoes if _prose_follows(blocks, i)), None)
    parts = _TITLE_PARTS.split(first)
    if found is None and enabled("reworded_title") and len(parts) > 1:  # a page title, "Headline | Site", shown in
        # other words above the story: "PIE-ONEER! Gran, 81, …"
        head = vocabulary(max(parts, key=len))  # the title's longer words, not the site's name
        found = _reworded_at(blocks, head)
    return found


def _reworded_at(blocks: Sequence[Block], title_words: set[str]) -> int | None:
    """The first line that says the title in other words (`_rewords`) with a story under it, above any
    paragraph of prose (past a cookie banner's, which is clutter) and off a breadcrumb's trail."""
    for i in range(1, min(len(blocks), _REWORDED_REACH)):
        text = blocks[i].text
        if (_rewords(text, title_words) and not _TRAIL.search(text) and not _looks_like_menu(text)
                and _story_follows(blocks, i, strict=False)):
            return i
        if is_prose(text) and not is_clutter(text):
            return None  # the story, or another, has begun
    return None


_TRAIL = re.compile(r"\s[/>»›]\s|^\s*you are here\b", re.IGNORECASE)  # "Home / Baby / Nurseries / …"


# The page shows its title in other words: most of the title's longer words, in a line of a headline's length.
_REWORDED_SHARE = 0.6
_REWORDED_WORDS = (4, 40)
_REWORDED_REACH = 80  # lines from the page's top: past a cookie banner and a menu, not into the story
_TITLE_WORDS = 3  # longer words in the title: fewer are as often a site's or a section's name


def _rewords(text: str, title_words: set[str]) -> bool:
    """`text` says the page's title in other words ("PIE-ONEER! Gran, 81, scoops bake-off crown" for "Gran, 81,
    scoops bake-off crown | The Daily Clarion"): it holds most of the title's longer words. A teaser that
    shares a few of them ("LIVE: travel ban extended" under "Blizzard buries city; travel ban in effect") does not."""
    words = len(words_in(text))
    return (_REWORDED_WORDS[0] <= words <= _REWORDED_WORDS[1] and len(title_words) >= _TITLE_WORDS
            and not ends_sentence(text)  # a story's sentence that happens to use the title's words
            and len(vocabulary(text) & title_words) >= _REWORDED_SHARE * len(title_words))


_SITE_NAME_WORDS = 3
# A page title's head shorter than this is too common a line to be sure of ("News", "Home").
_ECHO_WORDS = 2
_TITLE_PARTS = re.compile(r"\s+[|–—·•-]\s+|\s*\|\s*")


def _title_heads(title: str) -> set[str]:
    """Every head of a page title cut at a separator, as comparison keys: "Headline – Site – Section"
    gives "Headline" and "Headline – Site", and "Blog: Headline – Site" gives "Headline" too. Site
    names come in any case ("site.example", "Notizie di Valle"), so the echo of a head above a story
    tells where the headline is, not the words of the tail."""
    parts = _TITLE_PARTS.split(title)
    longest = max(len(words_in(p)) for p in parts)
    heads = set()
    blog, colon, post = parts[0].partition(": ")  # "Blog Name: Headline", the headline the longer part
    if colon and len(words_in(post)) > max(len(words_in(blog)), _ECHO_WORDS):
        heads.add(compare_key(post))
    if enabled("longest_part"):  # "Section | Headline - Site": the headline stands between two others
        heads |= {compare_key(p) for p in parts if len(words_in(p)) == longest >= _HEADLINE_WORDS}
    for m in _TITLE_PARTS.finditer(title):
        head = title[: m.start()]
        # the headline is the title's longest part: "Site | Headline" has a short head, never an echo of it
        if len(words_in(head)) >= longest:
            heads.add(compare_key(head))
    return heads


_CONTENTS_REACH = 16  # lines under a headline and its standfirst where the story starts, past a table of contents


def _story_within(blocks: Sequence[Block], index: int) -> bool:
    """A paragraph of the story within a table of contents' reach under line `index`."""
    later = (b for b in blocks[index + 1:] if not is_clutter(b.text))
    return any(len(words_in(b.text)) >= _STORY_WORDS and is_prose(b.text) for b in islice(later, _CONTENTS_REACH))


def _prose_follows(blocks: Sequence[Block], index: int) -> bool:
    """A paragraph of prose comes next, after the top matter (a short story, or a table's introduction)."""
    later = (blocks[i] for i in range(index + 1, len(blocks)))
    following = [b for b in islice((b for b in later if not is_clutter(b.text)), _STORY_REACH)
                 if not _is_top_matter(b.text)]
    return bool(following) and is_prose(following[0].text)


_SIGNED_REACH = 4  # lines under a headline where its byline or date stands (a standfirst, a caption between)
_SIGNED_STORY_REACH = 16  # ... and lines from there to the story's first paragraph, past share buttons and a picture
_HEADLINE_WORDS = 5  # a shorter line is as often a section's name or a menu's item
_TEASER_WORDS = 12  # a headline-like line this short between a headline and its byline: a teaser's title


def _signed_under(blocks: Sequence[Block], index: int) -> bool:
    """A headline as news pages set one: a byline or a date within a few lines under it, with no
    teaser's title between, and a paragraph of the story soon after."""
    if len(words_in(blocks[index].text)) < _HEADLINE_WORDS:
        return False
    window = blocks[index + 1 : index + 1 + 4 * (_SIGNED_REACH + _SIGNED_STORY_REACH)]  # clutter in between too
    later = [b.text for b in window if words_in(b.text) and not is_clutter(b.text)]
    near = later[:_SIGNED_REACH]
    signed = next((k for k, text in enumerate(near) if is_metadata(text) or _BY_LINE.fullmatch(text.strip())), None)
    if signed is None or any(
        looks_like_headline(t) and len(words_in(t)) <= _TEASER_WORDS and not is_job_title(t) for t in near[:signed]
    ):  # the writer's job title under the name ("Senior audio editor") is no teaser
        return False
    return any(len(words_in(t)) >= _STORY_WORDS for t in later[signed + 1 : signed + 1 + _SIGNED_STORY_REACH])


_TOLD_REACH = 20  # lines under a headline where its story's first paragraphs stand
_TOLD_WORDS = 2  # ... and the headline's longer words they use again


def _told_below(blocks: Sequence[Block], index: int) -> bool:
    """A title-case line shaped like a list of names ("Smoky Red Lentil and Roasted Pepper Soup") is a
    headline after all when the prose under it uses its words: a writer's name is not in the story."""
    text = blocks[index].text
    if not (_names_only(text) and looks_like_headline(text, names=True)):
        return False
    prose = "\n".join(b.text for b in blocks[index + 1 : index + 1 + _TOLD_REACH] if is_prose(b.text))
    return len(vocabulary(text) & vocabulary(prose)) >= _TOLD_WORDS


def _first_paragraph(blocks: Sequence[Block]) -> int:
    """Where the page's first paragraph stands (a headline-like line past it is a subheading)."""
    return next(
        (k for k, b in enumerate(blocks)
         if is_prose(b.text) and len(words_in(b.text)) >= _STORY_WORDS and not is_clutter(b.text)),
        len(blocks),
    )


def headline_index(blocks: Sequence[Block]) -> int | None:
    """The page title's echo above a story; else the first headline-like line (five words or
    more, above the first paragraph) with its byline or date under it and the story after (a
    browser's copy has no page title, and news pages sign their headlines); else the first
    headline-like line with prose and then a story under it (or with a sentence under it, and
    the story past a table of contents); failing that, with a story under
    it; failing that a headline in capitals with prose and a story under it; failing that the
    first headline-like line; and failing that the first line that is not clutter."""
    echo = _title_echo_index(blocks) if enabled("title_echo") else None
    # the echo of a first line of a few words may be the site's name shown again (its logo): a signed
    # headline under it wins; the echo of a longer page title is the headline, and nothing more is looked at
    if echo is not None and len(words_in(blocks[0].text)) > _SITE_NAME_WORDS:
        return echo
    candidates = [i for i, b in enumerate(blocks) if looks_like_headline(b.text) or _told_below(blocks, i)]
    signed = None
    if enabled("signed_headline"):
        first = _first_paragraph(blocks)
        signed = next((i for i in candidates if i < first and _signed_under(blocks, i)), None)
    if echo is not None:  # the site's name again, as its logo above a signed headline or under the headline's
        # byline ("Jane Morrow" / "Harbour Gazette"): the signed headline wins
        return signed if signed is not None and (signed > echo or enabled("name_under_byline")) else echo
    if signed is not None:
        return signed
    for strict in (True, False):
        for i in candidates:
            if _story_follows(blocks, i, strict):
                return i
            if strict and enabled("introduced_headline") and _prose_follows(blocks, i) and _story_within(blocks, i):
                return i  # a standfirst under it, then a table of contents before the story
    if enabled("shouted_headline"):  # a headline set in capitals, with the story under it
        shouted = (i for i, b in enumerate(blocks) if is_all_caps(b.text) and looks_like_headline(b.text.capitalize()))
        if (i := next((i for i in shouted if _story_follows(blocks, i, strict=True)), None)) is not None:
            return i
    if candidates:
        return candidates[0]
    return next((i for i, b in enumerate(blocks) if not is_clutter(b.text)), None)

