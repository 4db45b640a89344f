"""Trimming the story once its start and end are found: the lines it keeps that are not its own.

The line rules' clutter and a separator with no word to say, the page's labels
above the first paragraph, a short line in none of the story's words (another
story's title, a form's prompt), and the byline's own lines, which the byline
field says once.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from narrate.article import Block
from narrate.clean.appeals import is_newsletter, is_newsletter_blurb, is_offer_button
from narrate.clean.biography import author_bio
from narrate.clean.clutter import is_line_rule_clutter
from narrate.clean.dates import DATE_IN_LINE, DATE_WORDS
from narrate.clean.metadata import LONE_BY, byline_with_bio, is_job_title, name_and_role, without_places
from narrate.clean.rules import (
    LETTER,
    compare_key,
    enabled,
    ends_sentence,
    is_prose,
    is_section_label,
    starts_lower,
    words_in,
)
from narrate.clean.story import INTRODUCED_ITEMS, introduces_list, vocabulary

# A separator ("·", "* * *"): no word to say. Unlike the line rules' clutter, it still counts against
# the story where it ends (`end_of_story`). A rule of underscores stays in the text (the dev pages' true
# bodies keep it) and is silent: speech drops every Markdown mark.
_SAYS_NOTHING = re.compile(r"^\W*$")
# A post's counters on lines of their own ("142" / "Likes"), a chart's bare axis labels: nothing to say either,
# and, like a separator, still counting against the story where it ends (a gallery's pager, "1" to "8").
_COUNTER = re.compile(r"^\s*(?:[\d.,]+\s*[kKmM]?|(?i:likes?|reposts?|restacks?|claps?))\s*$")
# A shop's prices under a product in the story: "$249 at Brevik $239 at Harlan & Finch". Like a separator
# it still counts against the story where it ends: a shopping box after the story is no part of it.
_SHOP_PRICES = re.compile(r"^\s*(?:[$£€]\s?\d[\d,.]*(?:\s+[$£€]\s?\d[\d,.]*)?\s+at\s+[^$£€]{1,30}?\s*){1,4}$")


_NAME_WORDS = 8  # a newsletter's name: "The Oriel Weekly", "Get the Sunday Sheet"


def _newsletters_name(above: str, line: str, box: str) -> bool:
    """`line` is a newsletter's name: a short line between the story's paragraph and the newsletter's
    blurb or sign-up line, which the line rules drop."""
    return (
        enabled("newsletter_names")
        and (is_newsletter(box) or is_newsletter_blurb(box))
        and is_prose(above)
        and not is_prose(line)
        and len(words_in(line)) <= _NAME_WORDS
    )


def drop_clutter(blocks: Sequence[Block]) -> list[Block]:
    """Apply the line rules; a section label before the first paragraph is dropped,
    one inside the story is a subheading, and a newsletter's name above its blurb goes with it."""
    kept: list[Block] = []
    begun = False
    for i, block in enumerate(blocks):
        text = block.text
        shop_prices = enabled("shop_prices") and bool(_SHOP_PRICES.match(text))
        counter = enabled("counters") and bool(_COUNTER.match(text))
        if is_line_rule_clutter(text) or _SAYS_NOTHING.match(text) or shop_prices or counter:
            name_above = i >= 2 and kept and kept[-1] is blocks[i - 1]
            if name_above and _newsletters_name(blocks[i - 2].text, blocks[i - 1].text, text):
                kept.pop()
            continue
        if enabled("is_section_label") and is_section_label(text):
            if not begun:
                continue
            kept.append(Block("heading", text))
            continue
        kept.append(block)
        begun = begun or block.kind == "paragraph"
    return kept


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s*$")
_TOP_LABEL_WORDS = 3


_READ_TIME_WORDS = re.compile(r"\b\d+\s*min(?:ute)?s?\s+read\b", re.IGNORECASE)
_FURNITURE_NAMES = 6  # a section's or an outlet's name and a place beside the date: "T7 News, Wendle Valley"
_FURNITURE_CHARS = 160  # a date, its time and zone, a reading time and six names fit in this


def _dated_furniture(text: str) -> bool:
    """A date with only names beside it: a section, the outlet, a place, a reading time ("Warehousing &
    Storage 12 March 2025 6 min read"). A standfirst that gives a date says more, in lower-case words."""
    if len(text) > _FURNITURE_CHARS or not DATE_IN_LINE.search(text):  # a long line is no dateline: not searched
        return False
    rest = _READ_TIME_WORDS.sub(" ", DATE_IN_LINE.sub(" ", text))
    words = [w for w in re.findall(r"[\w’'&-]+", rest) if not w.isdigit() and w.casefold() not in DATE_WORDS]
    return len(words) <= _FURNITURE_NAMES and all(w[:1].isupper() or w[:1].isdigit() or w == "&" for w in words)


# A wire story's dateline, opening its first paragraph: "SALT FORK, Texas (AP) —", "KYIV (Reuters) -".
_WIRE_LEAD = re.compile(r"^\s*[A-Z][A-Z.’' -]+(?:,\s*[A-Z][\w.’' ]+)?\s*\((?:[A-Z][\w.&]*\s*){1,3}\)\s*[—–-]\s")
_WIRE_LEAD_REACH = 6  # blocks under the headline: a picture's caption and credit, the byline, the date, buttons


def drop_above_wire_lead(blocks: Sequence[Block]) -> list[Block]:
    """A wire story starts at its dateline ("SALT FORK, Texas (AP) — On a dusty …"): the sentences above it,
    under the headline, are its picture's caption, never the story. The story's key points listed above
    the dateline ("Profit down 9 pct"), which are no sentences, stay."""
    lead = next((i for i, b in enumerate(blocks[:_WIRE_LEAD_REACH]) if _WIRE_LEAD.match(b.text)), None)
    if not lead:
        return list(blocks)
    return [b for i, b in enumerate(blocks) if i >= lead or b.kind != "paragraph" or not is_prose(b.text)]


def drop_top_labels(blocks: Sequence[Block]) -> list[Block]:
    """Above the story's first paragraph, drop the page's labels: a line of three words or fewer
    that is no sentence ("Editorial", "Social Share", "Posted on", a name left over from a byline),
    a line with no letter ("0", "15:23 2019") and the writer's job ("Staff Writer, Valley News").
    A standfirst is a sentence or longer, and a heading stays: it may be the story's first subheading. A
    date with only names beside it goes above the second paragraph too: a standfirst may stand above it,
    and so does the writer's job among the lines right under a standfirst (its byline's, with the date)."""
    def label(block: Block) -> bool:
        text = block.text
        return not LETTER.search(text) or (len(words_in(text)) <= _TOP_LABEL_WORDS and not _SENTENCE_END.search(text))

    def job(block: Block) -> bool:  # the writer's job, its name line gone with the byline: "Science reporter"
        return enabled("top_job_titles") and is_job_title(block.text)

    def dated(block: Block) -> bool:  # "Warehousing & Storage 12 March 2025 6 min read", "… updated 21:05 T7 News"
        return enabled("dated_furniture") and _dated_furniture(block.text)

    prose = list(itertools.islice((i for i, b in enumerate(blocks) if is_prose(b.text) and not dated(b)), 2))
    if not prose:  # no paragraph of prose: a table or a list is the story, and nothing is above it
        return list(blocks)
    first, second = prose[0], prose[-1]
    under = first + 1  # past the lines right under the first paragraph that are the byline's: name, job, date
    while enabled("job_under_standfirst") and under < second and any(f(blocks[under]) for f in (label, job, dated)):
        under += 1
    return [b for i, b in enumerate(blocks)
            if b.kind != "paragraph"
            or not ((i < first and (label(b) or job(b))) or (i < second and dated(b)) or (first < i < under and job(b)))]


def _is_fragment(text: str) -> bool:
    """A short line that is no sentence: not prose, and no closing stop, colon or quote mark."""
    return not is_prose(text) and not text.rstrip().endswith((".", "!", "?", ":", "”", '"'))


def drop_off_topic(title: str, blocks: Sequence[Block]) -> list[Block]:
    """Drop a short line inside a pasted story that shares none of its longer words with the headline
    or the rest of the story: another story's title ("Ferry operator cuts winter sailings" among
    paragraphs about new homes), a box's label, a form's prompt. The first line under the headline
    (a standfirst), a numbered item, an item of a list a line ending in a colon introduces, and a line
    with prose right under it (a subheading) stay: none of them need repeat the story's words."""
    counts = Counter(vocabulary(title))
    words = [vocabulary(b.text) for b in blocks]
    for mine in words:
        counts.update(mine)
    kept = []
    for i, (block, mine) in enumerate(zip(blocks, words)):
        if (
            i > 0
            and block.kind == "paragraph"
            and len(mine) >= 2
            and _is_fragment(block.text)
            and not block.text.lstrip()[:1].isdigit()
            and not (i + 1 < len(blocks) and is_prose(blocks[i + 1].text))
            and all(counts[w] == 1 for w in mine)
            and not (enabled("introduced_lists") and _listed(blocks, i))
        ):
            continue
        kept.append(block)
    return kept


def _listed(blocks: Sequence[Block], i: int) -> bool:
    """Line i is an item of a list that a line ending in a colon introduces, a few short lines above."""
    j = i
    while j > 0 and i - j < INTRODUCED_ITEMS and _is_fragment(blocks[j - 1].text):
        j -= 1
    return j > 0 and introduces_list(blocks[j - 1].text)


def _name_words(names: str) -> list[str]:
    """The words of a list of names, however it is joined: "a, b and c" and "a, b, c" are the same list."""
    return [w for w in re.split(r"[\s,]+", names) if w and w not in ("and", "&")]


def drop_byline_lines(byline: str, blocks: Sequence[Block]) -> list[Block]:
    """The lines of the byline, among the lines above the first paragraph, which the byline field
    says once, not again as story text: the line it was read from ("Jane Morrow", "Jane Morrow -
    Nov 19, 2019, 10:31 pm", "Jane Morrow @janemorrow"), a "By" or "Written by" alone above it, the
    writer's job under it ("Reporter"), and a short line around the name ("Photo of Jane Morrow",
    "More from Jane Morrow"). Under a standfirst, the line the byline was read from goes too."""
    name = compare_key(byline)
    writers = {compare_key(n) for n in re.split(r",\s*|\s+(?:and|&)\s+", byline)}

    def signs(text: str) -> bool:  # the name, then nothing, a date, a handle or a separator; not a sentence going on
        rest = " ".join(text.split()[len(byline.split()):])
        placed = re.match(r"(?:in|at)\s+[A-Z]", rest)  # "Jane Morrow in Kyiv", "Jane Morrow at Brannock Park"
        named = (compare_key(text).startswith(name) or compare_key(without_places(text)) == name  # "A in Kyiv and B"
                 or _name_words(compare_key(text)) == _name_words(name))  # "Jane Morrow, Sam Okafor"
        return named and len(words_in(text)) <= 16 and (placed or not starts_lower(rest))

    def with_job(text: str) -> bool:  # one of the writers with a job on the same line: "Jane Morrow Staff Engineer"
        return bool((person := name_and_role(text)) and compare_key(person[0]) in writers)

    def about_signer(i: int) -> bool:
        text = blocks[i].text
        if LONE_BY.match(text):
            return True
        if is_job_title(text) and any(signs(blocks[j].text) for j in (i - 1, i - 2) if j >= 0):
            return True
        if with_job(text):
            return True
        return (len(words_in(text)) <= 6 and not is_prose(text) and not ends_sentence(text)
                and bool(name) and name in compare_key(text))

    prose = [i for i, b in enumerate(blocks) if is_prose(b.text)][:2] + [len(blocks)] * 2
    first, second = prose[0], prose[1]

    def goes(i: int) -> bool:
        text = blocks[i].text
        if i <= second and (bio := author_bio(text) or byline_with_bio(text)) and compare_key(bio) == name:
            return True  # the writer's one-line biography under the byline: "Jane Morrow is a reporter …", "By Jane
            # Morrow, a reporter …"
        if i < first:
            return signs(text) or about_signer(i)
        # under a standfirst, before the story's next paragraph: the byline line alone, never a sentence
        return i < second and not is_prose(text) and not _SENTENCE_END.search(text) and (signs(text) or with_job(text))

    return [b for i, b in enumerate(blocks) if not goes(i)]


_OFFER_WORDS = 40  # a box's offer under its title is a sentence or two
_TITLE_WORDS = 10  # ... and its title a short line or two


def drop_offer_boxes(blocks: Sequence[Block]) -> list[Block]:
    """Drop a call-to-action box inside or after the story: its button ("Start your free trial"), the
    short offer above it and the box's title above that ("Know what you'll sell tomorrow"). The offer
    goes only under a title of a line or two that stands after a paragraph, so a story's own paragraph
    never goes with a button under it, whether a list of links or the headline is above it."""
    gone: set[int] = set()
    for i, block in enumerate(blocks):
        if not is_offer_button(block.text):
            continue
        above = blocks[i - 1].text if i >= 2 else ""
        offer = i - 1 if is_prose(above) and len(words_in(above)) <= _OFFER_WORDS else i
        top = offer
        while top > 0 and offer - top < 2 and _box_title(blocks[top - 1].text):
            top -= 1
        if top == 0 or not is_prose(blocks[top - 1].text):
            top = offer  # no paragraph above the title: a list of links, or the story's top, not a box
        gone.update(range(top if top < offer else i, i + 1))
    return [b for k, b in enumerate(blocks) if k not in gone]


def _box_title(text: str) -> bool:
    return not is_prose(text) and 0 < len(words_in(text)) <= _TITLE_WORDS


_TAG_WORDS = 8  # a row of a story's tags: "Oceans Climate Marine biology", "Refrigeration Regulation Warehousing"


def drop_trailing_tags(blocks: Sequence[Block]) -> list[Block]:
    """Short lines after a pasted story's last paragraph that say no sentence (its tags, a section's
    name, a button) go: a story ends on a sentence. A numbered item stays, and so do a list that a
    line ending in a colon introduces and a quotation's attribution ("— Jane Morrow (@janemorrow) May 2")."""
    end = len(blocks)
    while end > 1 and _trailing_tag(blocks[end - 1].text):
        end -= 1
    if end == len(blocks) or not any(is_prose(b.text) for b in blocks[:end]) or introduces_list(blocks[end - 1].text):
        return list(blocks)
    return list(blocks[:end])


def _trailing_tag(text: str) -> bool:
    stripped = text.strip()
    return (
        not is_prose(stripped)
        and len(words_in(stripped)) <= _TAG_WORDS
        and (not ends_sentence(stripped) or (stripped.endswith(":") and not introduces_list(stripped)))  # "Tagged:"
        and not stripped[:1].isdigit()
        and not stripped.startswith(("—", "–", "-"))
    )
