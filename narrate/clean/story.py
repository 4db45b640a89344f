"""Finding the story's end, and what inside it is clutter, by a line's neighbours.

The line rules (`rules`, `metadata`, applied by `clutter`) judge one line at a
time; the rules here need its neighbours: captions are found by the credit
after them, a box inside a story by the prose of the same story after it, and
a pasted page's story is the stretch where prose outweighs short lines. Where
the story starts is `headline`'s concern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from narrate.article import Block
from narrate.clean.captions import is_caption_button, is_caption_label, is_photo_credit
from narrate.clean.clutter import is_clutter, is_metadata
from narrate.clean.code import CODE_NOTE
from narrate.clean.metadata import is_job_title
from narrate.clean.rules import (
    PROSE_WORDS,
    compare_key,
    enabled,
    ends_sentence,
    is_ad_marker,
    is_all_caps,
    is_comments_start,
    is_copyright,
    is_footer_link,
    is_player_chrome,
    is_prose,
    is_read_more,
    is_share_row,
    is_short_sentence,
    is_story_end,
    is_trailer,
    speaks_to_reader,
    words_in,
)
from narrate.text import CLOSING_MARKS, SENTENCE_STOPS

# --------------------------------------------------------------------------
# Sequence rules: ones that need a line's neighbours
# --------------------------------------------------------------------------


def drop_captions(blocks: Sequence[Block]) -> list[Block]:
    """Drop image captions found by their neighbours.

    A line repeated at once is an image's alt text plus its caption: both go,
    with a credit that follows. A short line that does not end a sentence and
    is followed by a photo credit is a caption (a story sentence before an
    uncaptioned picture's credit stays, unless a "hide caption" button says it
    is one), and so is the line under a caption's label alone ("Image
    caption,"). One left-to-right pass, so a removal never creates new
    neighbours.
    """
    kept: list[Block] = []
    texts = [b.text for b in blocks]
    i = 0
    while i < len(blocks):
        text = blocks[i].text
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else None
        if nxt is not None and is_caption_label(text):  # "Image caption," alone: the caption is the next line
            i += 2
            continue
        if nxt is not None and compare_key(nxt) == compare_key(text) and blocks[i].kind == "paragraph":
            i += 2
            while i < len(blocks) and is_photo_credit(blocks[i].text):
                i += 1
            continue
        if (
            nxt is not None
            and is_photo_credit(nxt)
            and not _footer(nxt)  # "© 2024 Example Media": the page's footer, not a picture's credit
            and blocks[i].kind == "paragraph"
            and len(words_in(text)) <= 40
            and (not text.rstrip().endswith((".", "!", "?")) or any(map(is_caption_button, texts[i + 2 : i + 4])))
            and not is_clutter(text)
        ):
            i += 2
            continue
        kept.append(blocks[i])
        i += 1
    return kept


def cut_at_trailer(blocks: Sequence[Block], inner_boxes: bool = False) -> list[Block]:
    """End the story at the first end-of-story list, comment form or copyright notice once the story has begun.

    Before that (fewer than two prose paragraphs kept), a "Most popular" box is
    dropped with the teaser lines listed under it, and the story goes on. With
    `inner_boxes` (an extractor's article, whose boxes no earlier rule took
    out), so is a box under which the story goes on (`goes_on`).
    """
    kept: list[Block] = []
    prose = 0
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if prose >= 2 and enabled("is_comments_start") and is_comments_start(block.text):
            break  # comments and comment forms end the story
        if prose >= 2 and _footer_at(blocks, i - 1):
            break  # the site's footer: teasers listed under it are other stories, a blurb is the site's
        if prose >= 2 and _share_row_ends(blocks, i, kept):
            break  # the row of sharing buttons under the story: a tag list, a biography, a disclaimer follow
        if is_trailer(block.text):
            if prose >= 2 and not (
                inner_boxes and goes_on(blocks, i, vocabulary("\n".join(b.text for b in kept)))
            ):
                break
            while i < len(blocks) and not is_prose(blocks[i].text) and not is_trailer(blocks[i].text):
                i += 1
            continue
        kept.append(block)
        if block.kind == "paragraph" and is_prose(block.text) and not is_clutter(block.text):
            prose += 1
    return kept


def _share_row_ends(blocks: Sequence[Block], i: int, kept: Sequence[Block]) -> bool:
    """A row of sharing buttons (two actions or more: "Share Facebook Twitter Email") ends the story when
    less prose follows it than stands above it, and the first paragraph under it is not in the story's words."""
    if not (enabled("share_row_ends") and is_share_row(blocks[i - 1].text)):
        return False
    if _prose_words(blocks[i:]) >= _prose_words(kept):
        return False  # the row stands near the story's top
    if enabled("repeated_share_rows") and _met_under_prose(blocks, i - 1):
        return False  # the story went on past the same row: each of its entries has one (a live blog)
    j = next((j for j in range(i, len(blocks)) if is_prose(blocks[j].text)), None)
    return j is None or not _continues(vocabulary("\n".join(b.text for b in kept)), blocks[j].text)


def _met_under_prose(blocks: Sequence[Block], i: int) -> bool:
    """The line i stands again between paragraphs of the story: before it, with more of the story's
    prose above that copy than between the two (not the row under a story's first paragraph, which
    many pages have as well as the one at its end), or after it, with a paragraph between."""
    for j in range(i):
        if blocks[j].text == blocks[i].text and 0 < _prose_words(blocks[j + 1 : i]) <= _prose_words(blocks[:j]):
            return True
    again = next((j for j in range(i + 1, len(blocks)) if blocks[j].text == blocks[i].text), i)
    return any(is_prose(b.text) for b in blocks[i + 1 : again])


# An item of a numbered list: "12. How to …", "3) The second …", counted up or down.
_ITEM = re.compile(r"^\s*(\d{1,3})[.)]\s+\S")
_ITEM_REACH = 6  # lines under one item before the next (an answer, a credit, a link)


def _numbered_lists(blocks: Sequence[Block]) -> set[int]:
    """The indices of the lines of numbered lists: from an item to the next one, numbered one more
    or one less, within a few lines ("1. …", an answer, "2. …"), and under the last item as many
    lines as under the one before it. A single numbered line is no list."""
    listed: set[int] = set()
    last: tuple[int, int] | None = None  # (index, number) of the last item
    step = 0  # lines from the item before the last to the last, while a list goes on
    for i, block in enumerate(blocks):
        item = _ITEM.match(block.text)
        if item is None:
            if step and i - last[0] < step:  # type: ignore[index]  # under the list's last item
                listed.add(i)
            continue
        n = int(item.group(1))
        if last is not None and abs(n - last[1]) == 1 and i - last[0] <= _ITEM_REACH:
            listed.update(range(last[0], i + 1))
            step = i - last[0]
        else:
            step = 0
        last = (i, n)
    return listed


def _in_the_storys_voice(block: Block, score: float, previous: float, items: int) -> tuple[float, int]:
    """A short line's score when the story says it, right after a paragraph: a closing short sentence
    ("Neither side has appealed."), a line introducing a list ("What happens next:") and the list's items
    up to the next label count as prose does. Returns the score and how many items may still follow."""
    if score >= 0:  # a paragraph may introduce a list too ("I have summed them up below:")
        opens = score > 0 and enabled("introduced_lists") and introduces_list(block.text)
        return score, INTRODUCED_ITEMS if opens else 0
    words = float(len(words_in(block.text)))
    if previous > 0 and enabled("closing_sentence") and is_short_sentence(block.text):
        return words, items
    if previous > 0 and enabled("introduced_lists") and introduces_list(block.text):
        return words, INTRODUCED_ITEMS
    if items and not block.text.rstrip().endswith(":"):
        return words, items - 1
    return score, 0


def introduces_list(text: str) -> bool:
    """A line that ends in a colon and says what follows ("What happens next:"), not a label ("Tagged:")."""
    return text.rstrip().endswith(":") and len(words_in(text)) >= _INTRO_WORDS


def _line_score(block: Block) -> float:
    """Story evidence of a line: prose counts its words, known clutter nothing (its
    own rule removes it), anything else costs a little."""
    if is_prose(block.text):
        return float(len(words_in(block.text)))
    if is_clutter(block.text) or block.text == CODE_NOTE:
        return 0.0  # removed anyway, by its own rule; a code block, said in one line, is the story's
    return -float(min(max(len(words_in(block.text)), 2), 8))


# Each further short line in an unbroken run costs more: a long run of links
# after the last paragraph is a page's furniture, not a list inside the story.
_RUN_GROWTH = 4
# A gap of short lines costing this much ends the story outright, whatever prose
# (an author's biography, a site's blurb, cookie notices) comes after.
_GAP_LIMIT = 60
_GAP_AFTER_WORDS = 150  # ... once the story has this many words of prose
_OUTWEIGHS = 2.0  # a stretch past such a gap is the story when it scores this many times the first
_LEAD_RUN = 3  # short lines in a row after the headline: a teaser box, not a standfirst
INTRODUCED_ITEMS = 12  # the most items of a list introduced by a line ending in a colon
_INTRO_WORDS = 3  # ... a line of this many words or more; "Tagged:", "Like this:" are labels


# A box inside the story: at most this many short lines between two prose paragraphs.
_BOX_REACH = 40
# Prose after a box continues the story when this share of its longer words
# were already used by the story above the box.
COHESION = 0.35
# ... and when it is a paragraph, not a teaser's one line: at least this many distinct longer words.
_RESUME_WORDS = 4
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")
# Comments reuse the story's words too: a box that mentions them is where the story ends, not a box inside it.
_COMMENT_WORDS = r"(?:comments?|repl(?:y|ies)|responses?|thoughts on)\b"
_COMMENTISH = re.compile(r"\b" + _COMMENT_WORDS, re.IGNORECASE)
_COUNTED = re.compile(r"\d\s*" + _COMMENT_WORDS, re.IGNORECASE)  # "14 Responses", "312 thoughts on “…”"
_COMMENTISH_WORDS = 6  # "Leave a reply": a longer line is a title ("Nets or drones? … response")


def _commentish(text: str) -> bool:
    """A line about comments: short, or with their count."""
    return bool(_COMMENTISH.search(text)) and (
        not enabled("long_titles_in_boxes") or len(words_in(text)) <= _COMMENTISH_WORDS or bool(_COUNTED.search(text))
    )


def vocabulary(text: str) -> set[str]:
    """The longer words of `text`, case-folded: what says two passages are about the same thing."""
    return {w.casefold() for w in _LONG_WORD.findall(text)}


_ALIKE = 0.6  # share of the shorter's longer words the longer holds: the same headline, reworded


def alike(heading: str, title: str) -> bool:
    """The <h1> and the metadata's title are the same headline in other words: most of the longer words
    of the shorter are in the longer ("Pensioner ordered to tear down lighthouse" and "Retired postman, 74,
    is ordered to tear down model lighthouse he built"; "Opinion: Bellwood has a garage problem"). The
    small words ("the", "to") are left out, so "The Bellwood Times" is not "The Bellwood budget row"."""
    ours, theirs = vocabulary(heading), vocabulary(title)
    return bool(ours and theirs) and len(ours & theirs) >= _ALIKE * min(len(ours), len(theirs))


def goes_on(blocks: Sequence[Block], i: int, story: set[str]) -> bool:
    """Whether the story goes on under a box that starts at line `i`: the first prose after it is in the
    story's own words, or two paragraphs in a row follow (not one teaser's excerpt under its title).
    Prose under a comments heading is the readers', not the story's."""
    j = next((j for j in range(i, len(blocks)) if is_prose(blocks[j].text)), len(blocks))
    if any(is_comments_start(b.text) for b in blocks[i:j]):
        return False
    return j < len(blocks) and (
        _continues(story, blocks[j].text) or (j + 1 < len(blocks) and is_prose(blocks[j + 1].text))
    )


def _continues(story: set[str], text: str) -> bool:
    """Whether a paragraph after a box is the same story: it reuses the story's own words."""
    mine = vocabulary(text)
    return len(mine) >= _RESUME_WORDS and len(mine & story) >= COHESION * len(mine)


def _footer(text: str) -> bool:
    """The site's copyright notice: the page's footer, so never a box inside the story."""
    return enabled("is_copyright") and is_copyright(text)


_FOOTER_REACH = 4  # a footer's links stand close together


def _footer_at(blocks: Sequence[Block], i: int) -> bool:
    """The site's footer starts at line `i`: its copyright notice, or a row of its links (two, such as
    "About us" and "Privacy", within a few lines)."""
    if _footer(blocks[i].text):
        return True
    return (
        enabled("footer_links")
        and is_footer_link(blocks[i].text)
        and any(is_footer_link(b.text) for b in blocks[i + 1 : i + 1 + _FOOTER_REACH])
    )


def _is_box_marker(text: str) -> bool:
    return is_trailer(text) or is_ad_marker(text) or is_read_more(text) or is_player_chrome(text)


# A line that starts with an amount and its unit: "2 tablespoons olive oil", "1 1/2 cups (300 g) lentils".
_MEASURED = re.compile(
    r"^\s*(?:\d+(?:[.,/]\d+)?(?:\s+\d/\d)?|[½⅓⅔¼¾⅛])\s*(?:\([^)]*\)\s*)?"
    r"(?:cups?|tablespoons?|teaspoons?|tbsp|tsp|g|kg|grams?|ml|l|litres?|liters?|oz|ounces?|lbs?|pounds?|cloves?"
    r"|cans?|tins?|pinch(?:es)?|handfuls?|slices?|sticks?|sprigs?|bunch(?:es)?|large|medium|small)\b",
    re.IGNORECASE,
)
_MEASURED_RUN = 3  # lines in a row that start with an amount and a unit: a list of ingredients


def _ingredients_at(box: Sequence[Block]) -> int:
    """Where a list of ingredients starts in a box, with its label ("Ingredients") above it; the box's
    end when it has none. The list is the story's own, however short its lines."""
    measured = [bool(_MEASURED.match(b.text)) for b in box]
    for k in range(len(box) - _MEASURED_RUN + 1):
        if all(measured[k : k + _MEASURED_RUN]):
            return k - 1 if k and not measured[k - 1] else k
    return len(box)


# A sentence's end: a stop, colon or semicolon, and any closing marks after it. A title may end in a
# closing mark alone ("Diner to close after 58 years: ‘We just got tired’"); a paragraph does not.
_STOPPED = re.compile(rf"[{SENTENCE_STOPS}:;][{re.escape(CLOSING_MARKS)}]*\s*$")


def _paragraph(text: str) -> bool:
    """A paragraph of prose, not a list's title that ends in a quotation."""
    return is_prose(text) and (len(words_in(text)) >= PROSE_WORDS or bool(_STOPPED.search(text)))


def drop_inner_boxes(blocks: Sequence[Block]) -> list[Block]:
    """Drop a box of short lines in the middle of a pasted story, so the story goes on after it.

    A run of short lines between two prose paragraphs is a box (related links,
    a most-read list, a chart's labels, a table, a video player) when it is
    labelled as one ("Most read", "Advertisement") or its lines are only a
    few words each; it goes when the prose after it reuses the story's own
    words, so the story resumes rather than another one starting, or when
    the box is a list under its own label and paragraphs follow in a row
    (the story may turn to a new subject after a "Most Popular" list). The
    story must have begun (two prose paragraphs) for a box to be in its middle.
    """
    kept: list[Block] = []
    story: set[str] = set()
    prose = 0
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if _paragraph(block.text):
            story |= vocabulary(block.text)
            prose += 1
            kept.append(block)
            i += 1
            continue
        j = i
        while j < len(blocks) and j - i < _BOX_REACH and not _paragraph(blocks[j].text):
            j += 1
        box = blocks[i:j]
        labelled = any(_is_box_marker(b.text) for b in box)
        terse = len(box) >= 3 and sum(len(words_in(b.text)) for b in box) <= 4 * len(box)
        if (
            prose >= 2
            and j < len(blocks)
            and _paragraph(blocks[j].text)
            and (labelled or terse)
            and not any(is_comments_start(b.text) or is_story_end(b.text) or _commentish(b.text) for b in box)
            and not any(_footer_at(blocks, k) for k in range(i, j))
            and (_continues(story, blocks[j].text) or _prose_resumes(box, blocks, j))
        ):
            kept.extend(box[_ingredients_at(box):])  # the box goes, but not a recipe's list in it
            if _subheading_under_ad(box) and _continues(story, blocks[j].text):
                kept.append(box[1])  # "Advertisement" / "How it works": the ad copies as its label alone
            i = j  # the story resumes
            continue
        kept.extend(box)
        i = j
    return kept


_SUBHEADING_WORDS = 8


def _subheading_under_ad(box: Sequence[Block]) -> bool:
    """An ad's label and one short line that is no sentence: the ad copies as its label alone, so the line
    is the story's next subheading."""
    return (enabled("subheading_after_ad") and len(box) == 2 and is_ad_marker(box[0].text)
            and len(words_in(box[1].text)) <= _SUBHEADING_WORDS and not ends_sentence(box[1].text)
            and box[1].text.strip()[:1].isupper())


_PROSE_RUN = 3  # paragraphs in a row under a labelled list: the story goes on, whatever its words
_LISTED = 3  # ... a list: its label and two lines or more


def _prose_resumes(box: Sequence[Block], blocks: Sequence[Block], j: int) -> bool:
    """Whether the story goes on under a box whatever its words: the box is a list under its own label
    ("Most Popular", "More on …", a player), and paragraphs follow in a row, the first not the site's
    words to the reader (a comment policy, a disclaimer)."""
    return (
        enabled("prose_resumes")
        and len(box) >= _LISTED
        and _is_box_marker(box[0].text)
        and _paragraphs_from(blocks, j, headings=True, boxes=True) >= _PROSE_RUN
        and not _addresses_reader(blocks[j].text)
    )


_RESUME_RUN = 2  # paragraphs in a row after a long gap, in a few of the story's words: the story goes on
_OPENING_WORDS = 8  # a site's words to its reader say so at once: "Please keep your comments civil", "We welcome your …"


def _addresses_reader(text: str) -> bool:
    """A paragraph that opens by speaking to the reader (a comment policy, a notice), not a story's
    paragraph that turns to "you" further on (an explainer's "… and how you use it")."""
    return speaks_to_reader(" ".join(text.split()[:_OPENING_WORDS])) or text.lstrip().casefold().startswith("please")


def _resumes(blocks: Sequence[Block], index: int, story: set[str], gap_start: int) -> bool:
    """Whether the story goes on after a run of short lines that began at `gap_start` (a list of tips,
    the subheadings of a guide, a gallery's captions), looking on from line `index`: soon after it come
    two paragraphs of prose in a row, the first in the story's own words; or two paragraphs or more
    (subheadings between them) with a few of the story's words, when the run holds no byline or date (a
    next story's), no end-of-story label and the first of them does not speak to the reader
    (`long_resume`)."""
    j = index
    while j < len(blocks) and j - index < _BOX_REACH and not is_prose(blocks[j].text):
        j += 1
    if j >= len(blocks) or any(_footer_at(blocks, k) for k in range(index, j)):
        return False
    if _ends_story(blocks[index:j]):
        return False
    if j + 1 < len(blocks) and is_prose(blocks[j + 1].text) and _continues(story, blocks[j].text):
        return True
    if not enabled("long_resume") or (run := _paragraphs_from(blocks, j, headings=True)) < _RESUME_RUN:
        return False
    words = set().union(*(vocabulary(b.text) for b in blocks[j : j + 2 * run] if is_prose(b.text)))
    return (
        len(words & story) >= _LOOSE_COHESION * len(words)
        and not any(is_metadata(b.text) for b in blocks[gap_start:j])
        and not _ends_story(blocks[gap_start:j])
        and not _addresses_reader(blocks[j].text)
    )


def _ends_story(lines: Sequence[Block]) -> bool:
    return any(is_comments_start(b.text) or is_story_end(b.text) or is_trailer(b.text) for b in lines)


_HEADING_WORDS = 8  # a subheading between paragraphs is a line this short with prose right under it
# Paragraphs in a row after a long gap go on with the story when this share of their longer words is the
# story's: far less than a paragraph right after a box must share (`COHESION`), but more than another
# story's (the same news page's next story, a site's blurb) does.
_LOOSE_COHESION = 0.08


def _paragraphs_from(blocks: Sequence[Block], j: int, headings: bool = False, boxes: bool = False) -> int:
    """How many paragraphs of prose follow from line `j` in a row: an advert's label between them does not
    break the row, nor, with `headings`, does a subheading (a short line with a paragraph under it), nor,
    with `boxes`, another labelled box ("Most read" and its list)."""
    count = 0
    k = j
    while k < len(blocks):
        text = blocks[k].text
        if _paragraph(text):
            count += 1
        elif boxes and _is_box_marker(text):
            reach = range(k + 1, min(len(blocks), k + _BOX_REACH))
            end = next((m for m in reach if _paragraph(blocks[m].text)), None)
            if end is None or any(is_comments_start(b.text) or is_story_end(b.text) for b in blocks[k:end]):
                break
            k = end
            continue
        elif not (
            is_ad_marker(text)
            or (headings and len(words_in(text)) <= _HEADING_WORDS and k + 1 < len(blocks) and _paragraph(blocks[k + 1].text))
        ):
            break
        k += 1
    return count


def _best_stretch(blocks: Sequence[Block], begin: int, listed: set[int]) -> tuple[float, int, int, int]:
    """The stretch from line `begin` on where the story's balance peaks: its score, its start and end,
    and the line where a gap of short lines ended the search (the page's end when none did)."""
    best, best_start, best_end = 0.0, begin, begin
    total, start, run, gap = 0.0, begin, 0, 0.0
    story: set[str] = set()  # the longer words of the prose so far
    previous, items = 0.0, 0
    for i in range(begin, len(blocks)):
        block = blocks[i]
        score, items = _in_the_storys_voice(block, _line_score(block), previous, items)
        previous = score
        if i in listed:  # a numbered list is the story's own: its items count, the lines under them cost nothing
            score = max(score, float(len(words_in(block.text))) if _ITEM.match(block.text) else 0.0)
        elif _MEASURED.match(block.text):  # an ingredient ("2 tablespoons olive oil") is the recipe's own
            score = max(score, float(len(words_in(block.text))))
        if score > 0:
            run, gap = 0, 0.0
            story |= vocabulary(block.text)
        elif score < 0 or run:  # known clutter neither costs nor breaks a run
            run += 1
            score *= 1 + run / _RUN_GROWTH
            gap -= score
            if best >= _GAP_AFTER_WORDS and gap > _GAP_LIMIT and not (
                enabled("gap_resumes") and _resumes(blocks, i + 1, story, gap_start=i + 1 - run)
            ):
                return best, best_start, best_end, i + 1
        total += score
        if total <= 0:
            total, start = 0.0, i + 1
        elif total > best:
            best, best_start, best_end = total, start, i + 1
    return best, best_start, best_end, len(blocks)


def _prose_words(blocks: Sequence[Block]) -> int:
    """The most a stretch of these lines could score: the words of their prose."""
    return sum(len(words_in(b.text)) for b in blocks if is_prose(b.text))


def _headline_words(title: str, blocks: Sequence[Block]) -> int:
    return len(vocabulary(title) & vocabulary("\n".join(b.text for b in blocks)))


def end_of_story(blocks: Sequence[Block], title: str = "") -> list[Block]:
    """Cut a pasted page to its story.

    Under the headline, prose lines are evidence of the story and short lines
    (menus, teaser headlines, footer links) evidence against, each further
    line of an unbroken run more so. The story is the stretch where the
    balance peaks, so a subheading between paragraphs stays while the lists
    after the last paragraph go. Lines between the headline and that stretch
    (a standfirst, a byline) stay unless a run of short lines separates them
    from the headline: that is a teaser box, and goes.

    A long gap of short lines ends the story, whatever prose comes after (a
    biography, a site's blurb), unless a stretch past it scores over twice
    as much and speaks as many of the headline's words: then the first stretch
    was a preamble (a gallery's captions above the story) and that one is the story.
    """
    listed = _numbered_lists(blocks) if enabled("numbered_items") else set()
    best, best_start, best_end, stop = _best_stretch(blocks, 0, listed)
    while stop < len(blocks) and enabled("later_story"):
        if _prose_words(blocks[stop:]) <= _OUTWEIGHS * best:  # not prose enough past the gap to be the story
            break
        score, start, end, stop = _best_stretch(blocks, stop, listed)
        if score > _OUTWEIGHS * best and _headline_words(title, blocks[start:end]) >= _headline_words(
            title, blocks[best_start:best_end]
        ):
            best, best_start, best_end = score, start, end
    if not best_end:
        return list(blocks)
    while best_end - 1 in listed and best_end in listed:  # a numbered list ends with its last item's lines
        best_end += 1
    lead: list[Block] = []
    short = 0
    keys = [compare_key(b.text) for b in blocks[:best_start]]
    for block, key in zip(blocks[:best_start], keys):
        if _line_score(block) < 0 and keys.count(key) == 1 and not is_metadata(block.text):
            # a doubled caption is drop_captions' job; a byline or date line belongs to the top of the story
            short += 1
        if short >= _LEAD_RUN:
            lead = _story_above(blocks[:best_start], blocks[best_start:best_end]) if enabled("lead_prose") else []
            break
        lead.append(block)
    return lead + list(blocks[best_start:best_end])


def _story_above(above: Sequence[Block], story: Sequence[Block]) -> list[Block]:
    """The paragraphs above a box that split the story from its headline (a review's specs, a fact box)
    which are in the story's own words: its opening, not a teaser's excerpt."""
    words = set().union(*(vocabulary(b.text) for b in story if is_prose(b.text)))
    kept = [b for b in above if is_prose(b.text) and len(words_in(b.text)) >= PROSE_WORDS and _continues(words, b.text)]
    if enabled("standfirst_above") and above and above[0] not in kept and _standfirst(above[0].text, words):
        kept.insert(0, above[0])  # the line right under the headline, in the story's words: its standfirst
    return kept


_STANDFIRST_WORDS = 8  # a standfirst without its full stop: "Pedestrians face a detour while engineers …"


def _standfirst(text: str, story: set[str]) -> bool:
    return (
        len(words_in(text)) >= _STANDFIRST_WORDS
        and not is_clutter(text)
        and not is_metadata(text)
        and not is_job_title(text)  # "Jane Morrow, Staff Attorney, Harbour Rights Project"
        and not is_all_caps(text)  # a shouted label
        and _continues(story, text)
    )
