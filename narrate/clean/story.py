"""Finding the story: where it starts (the headline) and ends, and what inside it is clutter.

The line rules (`rules`, `metadata`) judge one line at a time; the rules here
need a line's neighbours: the headline is the line with a story under it,
captions are found by the credit after them, and a pasted page's story is
the stretch where prose outweighs short lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import islice

from narrate.article import Block
from narrate.clean.metadata import (
    author_bio,
    byline_near_headline,
    is_byline,
    is_date_line,
    is_dated_byline,
    is_named_dateline,
    strip_site_name,
)
from narrate.clean.rules import (
    DISABLED,
    compare_key,
    enabled,
    ends_sentence,
    is_ad_marker,
    is_all_caps,
    is_author_note,
    is_call_to_action,
    is_comments_start,
    is_cookie_notice,
    is_copyright,
    is_credited_caption,
    is_disclosure,
    is_gallery_slide,
    is_newsletter,
    is_paywall,
    is_photo_credit,
    is_player_chrome,
    is_posed_caption,
    is_prose,
    is_read_more,
    is_reader_appeal,
    is_section_label,
    is_share_button,
    is_shouted_promo,
    is_site_furniture,
    is_story_end,
    is_trailer,
    normalise_space,
    starts_lower,
    words_in,
)

# The line rules, applied in order to every line after the headline. Section
# labels are handled by position (see `drop_clutter`).
LINE_RULES: tuple[Callable[[str], bool], ...] = (
    is_paywall,
    is_ad_marker,
    is_photo_credit,
    is_credited_caption,
    is_posed_caption,
    is_share_button,
    is_read_more,
    is_newsletter,
    is_author_note,
    is_shouted_promo,
    is_cookie_notice,
    is_site_furniture,
    is_player_chrome,
    is_gallery_slide,
    is_reader_appeal,
    is_call_to_action,
    is_disclosure,
    is_byline,
    is_date_line,
    is_dated_byline,
)


# Every rule the benchmark's ablation can switch off, by name.
RULES: tuple[str, ...] = (
    *(rule.__name__ for rule in LINE_RULES),
    "is_trailer", "is_section_label", "end_of_story", "drop_inner_boxes", "is_comments_start", "is_copyright",
    "drop_captions",
    "drop_repeats", "title_echo", "byline_near_headline", "top_matter", "title_heads", "author_bio", "gap_resumes",
    "numbered_items", "teaser_lists",
)


# Byline and date lines are dropped from what is read, but they are part of the
# story's top, not clutter: the headline and the story's ends are found as if
# they were story lines (treating them as clutter moved the start of the story
# on both corpora's tuning halves).
_METADATA = frozenset({"is_byline", "is_date_line", "is_dated_byline"})


def _is_metadata(text: str) -> bool:
    """A byline or dateline, the named kind too ("Jane Smith | 5 March 2024"): never a headline."""
    return is_byline(text) or is_date_line(text) or is_dated_byline(text) or is_named_dateline(text)


def is_line_rule_clutter(text: str) -> bool:
    """True when a line rule that is switched on claims the line."""
    return _line_rule_clutter(text, frozenset(DISABLED))


def is_clutter(text: str) -> bool:
    """True when any line rule, the trailer rule or the section-label rule claims the line."""
    return _clutter(text, frozenset(DISABLED))


# The story finders ask the same line again and again (is it clutter? does a story follow it?);
# each line is judged once (`_claims`), whichever rules are switched off, so cleaning stays linear.
def _line_rule_clutter(text: str, disabled: frozenset[str]) -> bool:
    return not _claims(text) <= disabled


@lru_cache(maxsize=1 << 16)
def _claims(text: str) -> frozenset[str]:
    """The names of the line rules that claim a line, switched on or not: each rule judges a line once,
    whichever rules a caller leaves out (the metadata rules, the ablation's)."""
    return frozenset(rule.__name__ for rule in LINE_RULES if rule(text))


@lru_cache(maxsize=1 << 16)
def _clutter(text: str, disabled: frozenset[str]) -> bool:
    return (
        _line_rule_clutter(text, disabled | _METADATA)
        or ("is_trailer" not in disabled and is_trailer(text))
        or ("is_section_label" not in disabled and is_section_label(text))
    )


# --------------------------------------------------------------------------
# Headline anchoring
# --------------------------------------------------------------------------


def _looks_like_menu(text: str) -> bool:
    """Navigation such as "Home News Sport Business": capitalised words, no punctuation."""
    words = text.split()
    return len(words) >= 3 and all(w[:1].isupper() for w in words) and not re.search(
        r"[,:;’'‘“”\"?!()–—-]", text
    )


_URL = re.compile(r"^\s*(?:https?:|www\.|//)\S*\s*$", re.IGNORECASE)  # a web address alone is no headline


def looks_like_headline(text: str) -> bool:
    """3 to 25 words, no closing full stop, not shouted, not clutter, dateline or byline."""
    n = len(words_in(text))
    return (
        3 <= n <= 25
        and not text.rstrip().endswith((".", ":", ","))
        and not is_all_caps(text)
        and not is_clutter(text)
        and not _is_metadata(text)
        and not _looks_like_menu(text)
        and not _URL.match(text)
    )


# A headline is followed by prose and, within a few lines, by a paragraph of at
# least this many words. Menus and teasers are followed by more menus.
_STORY_WORDS = 20
_STORY_REACH = 8


_BY_LINE = re.compile(r"(?:\w+\s+)?(?i:by)\s*:?(?:\s+[A-Z][\w.’'-]*){0,4}")  # "By", "Written by: Nora Pell"
_TOP_MATTER_LINES = 3  # a byline, its author's name and a date may stand between a headline and its story


@lru_cache(maxsize=1 << 14)
def _is_top_matter(text: str) -> bool:
    """A line that stands between a headline and its first paragraph: a byline or date,
    a name alone ("Jane Morrow"), or "Written by" above it."""
    words = words_in(text)
    return (
        _is_metadata(text)
        or (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not ends_sentence(text))
        or bool(_BY_LINE.fullmatch(text.strip()))
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
    keys = {compare_key(first), compare_key(strip_site_name(first))}
    if enabled("title_heads"):
        keys |= _title_heads(first)
    keys = {k for k in keys if len(words_in(k)) >= _ECHO_WORDS}
    if not keys:
        return None
    echoes = [i for i in range(1, len(blocks)) if compare_key(blocks[i].text) in keys]
    found = next((i for i in echoes if _story_follows(blocks, i, strict=False)), None)
    if found is None and enabled("title_heads"):  # a short story: prose, if not a long paragraph, under the echo
        found = next((i for i in echoes if _prose_follows(blocks, i)), None)
    return found


# A page title's head shorter than this is too common a line to be sure of ("News", "Home").
_ECHO_WORDS = 2
_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")


def _title_heads(title: str) -> set[str]:
    """Every head of a page title cut at a separator, as comparison keys: "Headline – Site – Section"
    gives "Headline" and "Headline – Site". Site names come in any case ("site.example", "Notizie di Valle"),
    so the echo of a head above a story tells where the headline is, not the words of the tail."""
    parts = _TITLE_PARTS.split(title)
    longest = max(len(words_in(p)) for p in parts)
    heads = set()
    for m in _TITLE_PARTS.finditer(title):
        head = title[: m.start()]
        # the headline is the title's longest part: "Site | Headline" has a short head, never an echo of it
        if len(words_in(head)) >= longest:
            heads.add(compare_key(head))
    return heads


def _prose_follows(blocks: Sequence[Block], index: int) -> bool:
    """A paragraph of prose comes next, after the top matter (a short story, or a table's introduction)."""
    later = (blocks[i] for i in range(index + 1, len(blocks)))
    following = [b for b in islice((b for b in later if not is_clutter(b.text)), _STORY_REACH)
                 if not _is_top_matter(b.text)]
    return bool(following) and is_prose(following[0].text)


def headline_index(blocks: Sequence[Block]) -> int | None:
    """The page title's echo above a story; else the first headline-like line with
    prose and then a story under it; failing that, with a story under it; failing
    that the first headline-like line; and failing that the first line that is not
    clutter."""
    echo = _title_echo_index(blocks) if enabled("title_echo") else None
    if echo is not None:
        return echo
    candidates = [i for i, b in enumerate(blocks) if looks_like_headline(b.text)]
    for strict in (True, False):
        for i in candidates:
            if _story_follows(blocks, i, strict):
                return i
    if candidates:
        return candidates[0]
    return next((i for i, b in enumerate(blocks) if not is_clutter(b.text)), None)


# --------------------------------------------------------------------------
# Sequence rules: ones that need a line's neighbours
# --------------------------------------------------------------------------


def drop_captions(blocks: Sequence[Block]) -> list[Block]:
    """Drop image captions found by their neighbours.

    A line repeated at once is an image's alt text plus its caption: both go,
    with a credit that follows. A short line that does not end a sentence and
    is followed by a photo credit is a caption (a story sentence before an
    uncaptioned picture's credit stays). One left-to-right pass, so a removal
    never creates new neighbours.
    """
    kept: list[Block] = []
    i = 0
    while i < len(blocks):
        text = blocks[i].text
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else None
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
            and not text.rstrip().endswith((".", "!", "?"))
            and not is_clutter(text)
        ):
            i += 2
            continue
        kept.append(blocks[i])
        i += 1
    return kept


def cut_at_trailer(blocks: Sequence[Block]) -> list[Block]:
    """End the story at the first end-of-story list, comment form or copyright notice once the story has begun.

    Before that (fewer than two prose paragraphs kept), a "Most popular" box is
    dropped with the teaser lines listed under it, and the story goes on.
    """
    kept: list[Block] = []
    prose = 0
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if prose >= 2 and enabled("is_comments_start") and is_comments_start(block.text):
            break  # comments and comment forms end the story
        if prose >= 2 and _footer(block.text):
            break  # the site's footer: teasers listed under it are other stories
        if is_trailer(block.text):
            if prose >= 2:
                break
            while i < len(blocks) and not is_prose(blocks[i].text) and not is_trailer(blocks[i].text):
                i += 1
            continue
        kept.append(block)
        if block.kind == "paragraph" and is_prose(block.text) and not is_clutter(block.text):
            prose += 1
    return kept


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


def _line_score(block: Block) -> float:
    """Story evidence of a line: prose counts its words, known clutter nothing (its
    own rule removes it), anything else costs a little."""
    if is_prose(block.text):
        return float(len(words_in(block.text)))
    if is_clutter(block.text):
        return 0.0  # removed anyway, by its own rule
    return -float(min(max(len(words_in(block.text)), 2), 8))


# Each further short line in an unbroken run costs more: a long run of links
# after the last paragraph is a page's furniture, not a list inside the story.
_RUN_GROWTH = 4
# A gap of short lines costing this much ends the story outright, whatever prose
# (an author's biography, a site's blurb, cookie notices) comes after.
_GAP_LIMIT = 60
_GAP_AFTER_WORDS = 150  # ... once the story has this many words of prose
_LEAD_RUN = 3  # short lines in a row after the headline: a teaser box, not a standfirst


# A box inside the story: at most this many short lines between two prose paragraphs.
_BOX_REACH = 40
# Prose after a box continues the story when this share of its longer words
# were already used by the story above the box.
COHESION = 0.35
# ... and when it is a paragraph, not a teaser's one line: at least this many distinct longer words.
_RESUME_WORDS = 4
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")
# Comments reuse the story's words too: a box that mentions them is where the story ends, not a box inside it.
_COMMENTISH = re.compile(r"\b(?:comments?|repl(?:y|ies)|responses?|thoughts on)\b", re.IGNORECASE)


def vocabulary(text: str) -> set[str]:
    """The longer words of `text`, case-folded: what says two passages are about the same thing."""
    return {w.casefold() for w in _LONG_WORD.findall(text)}


def _continues(story: set[str], text: str) -> bool:
    """Whether a paragraph after a box is the same story: it reuses the story's own words."""
    mine = vocabulary(text)
    return len(mine) >= _RESUME_WORDS and len(mine & story) >= COHESION * len(mine)


def _footer(text: str) -> bool:
    """The site's copyright notice: the page's footer, so never a box inside the story."""
    return enabled("is_copyright") and is_copyright(text)


def _is_box_marker(text: str) -> bool:
    return is_trailer(text) or is_ad_marker(text) or is_read_more(text) or is_player_chrome(text)


def drop_inner_boxes(blocks: Sequence[Block]) -> list[Block]:
    """Drop a box of short lines in the middle of a pasted story, so the story goes on after it.

    A run of short lines between two prose paragraphs is a box (related links,
    a most-read list, a chart's labels, a table, a video player) when it is
    labelled as one ("Most read", "Advertisement") or its lines are only a
    few words each; it goes when the prose after it reuses the story's own
    words, so the story resumes rather than another one starting. The story
    must have begun (two prose paragraphs) for a box to be in its middle.
    """
    kept: list[Block] = []
    story: set[str] = set()
    prose = 0
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if is_prose(block.text):
            story |= vocabulary(block.text)
            prose += 1
            kept.append(block)
            i += 1
            continue
        j = i
        while j < len(blocks) and j - i < _BOX_REACH and not is_prose(blocks[j].text):
            j += 1
        box = blocks[i:j]
        labelled = any(_is_box_marker(b.text) for b in box)
        terse = len(box) >= 3 and sum(len(words_in(b.text)) for b in box) <= 4 * len(box)
        if (
            prose >= 2
            and j < len(blocks)
            and is_prose(blocks[j].text)
            and (labelled or terse)
            and not any(is_comments_start(b.text) or is_story_end(b.text) or _footer(b.text) or _COMMENTISH.search(b.text)
                        for b in box)
            and _continues(story, blocks[j].text)
        ):
            i = j  # the box goes; the story resumes
            continue
        kept.extend(box)
        i = j
    return kept


def _resumes(blocks: Sequence[Block], index: int, story: set[str]) -> bool:
    """Whether the story goes on after a run of short lines (a list of tips, the subheadings of a
    guide): soon after it come two paragraphs of prose in a row, the first in the story's own words."""
    j = index
    while j < len(blocks) and j - index < _BOX_REACH and not is_prose(blocks[j].text):
        j += 1
    return (
        j + 1 < len(blocks)
        and is_prose(blocks[j + 1].text)
        and _continues(story, blocks[j].text)
        and not any(is_comments_start(b.text) or is_story_end(b.text) or is_trailer(b.text) or _footer(b.text)
                    for b in blocks[index:j])
    )


def end_of_story(blocks: Sequence[Block]) -> list[Block]:
    """Cut a pasted page to its story.

    Under the headline, prose lines are evidence of the story and short lines
    (menus, teaser headlines, footer links) evidence against, each further
    line of an unbroken run more so. The story is the stretch where the
    balance peaks, so a subheading between paragraphs stays while the lists
    after the last paragraph go. Lines between the headline and that stretch
    (a standfirst, a byline) stay unless a run of short lines separates them
    from the headline: that is a teaser box, and goes.
    """
    best, best_start, best_end = 0.0, 0, 0
    total, start, run, gap = 0.0, 0, 0, 0.0
    story: set[str] = set()  # the longer words of the prose so far
    listed = _numbered_lists(blocks) if enabled("numbered_items") else set()
    for i, block in enumerate(blocks):
        score = _line_score(block)
        if i in listed:  # a numbered list is the story's own: its items count, the lines under them cost nothing
            score = max(score, float(len(words_in(block.text))) if _ITEM.match(block.text) else 0.0)
        if score > 0:
            run, gap = 0, 0.0
            story |= vocabulary(block.text)
        elif score < 0 or run:  # known clutter neither costs nor breaks a run
            run += 1
            score *= 1 + run / _RUN_GROWTH
            gap -= score
            if best >= _GAP_AFTER_WORDS and gap > _GAP_LIMIT and not (
                enabled("gap_resumes") and _resumes(blocks, i + 1, story)
            ):
                break
        total += score
        if total <= 0:
            total, start = 0.0, i + 1
        elif total > best:
            best, best_start, best_end = total, start, i + 1
    if not best_end:
        return list(blocks)
    while best_end - 1 in listed and best_end in listed:  # a numbered list ends with its last item's lines
        best_end += 1
    lead: list[Block] = []
    short = 0
    keys = [compare_key(b.text) for b in blocks[:best_start]]
    for block, key in zip(blocks[:best_start], keys):
        if _line_score(block) < 0 and keys.count(key) == 1 and not _is_metadata(block.text):
            # a doubled caption is drop_captions' job; a byline or date line belongs to the top of the story
            short += 1
        if short >= _LEAD_RUN:
            lead = []
            break
        lead.append(block)
    return lead + list(blocks[best_start:best_end])


def drop_clutter(blocks: Sequence[Block]) -> list[Block]:
    """Apply the line rules; a section label before the first paragraph is dropped,
    one inside the story is a subheading."""
    kept: list[Block] = []
    begun = False
    for block in blocks:
        text = block.text
        if is_line_rule_clutter(text):
            continue
        if enabled("is_section_label") and is_section_label(text):
            if not begun:
                continue
            kept.append(Block("heading", text))
            continue
        kept.append(block)
        begun = begun or block.kind == "paragraph"
    return kept


def _in_repeated_run(keys: Sequence[str], original: int, repeat: int) -> bool:
    """Whether a repeated block sits in a repeated stretch (a second menu, a second
    set of steps) rather than alone, as a pull quote or an image's alt text does."""
    before = original > 0 and keys[original - 1] == keys[repeat - 1] and original - 1 != repeat - 1
    after = repeat + 1 < len(keys) and keys[original + 1] == keys[repeat + 1] and original + 1 != repeat
    return before or after


# A line met this many times is part of the story's structure (the same
# question put to each guest, an ingredient in each day's menu), not a repeat.
RECURRING = 3


def drop_repeats(title: str, blocks: Sequence[Block]) -> list[Block]:
    """Every story sentence once: drop a repeat of the headline or of a kept block,
    and a pull quote that another paragraph already holds. A line that recurs
    three times or more is the story's own structure and stays."""
    title_key = compare_key(title)
    all_keys = [compare_key(b.text) for b in blocks]
    counts = Counter(all_keys)
    first: dict[str, int] = {}
    kept: list[Block] = []
    for i, (block, key) in enumerate(zip(blocks, all_keys)):
        if key == title_key:
            continue
        j = first.setdefault(key, i)
        if j != i and counts[key] < RECURRING and not _in_repeated_run(all_keys, j, i):
            continue
        kept.append(block)
    keys = [compare_key(b.text) for b in kept]
    holding = _word_index(keys)
    result: list[Block] = []
    for i, block in enumerate(kept):
        key = keys[i].strip("\"'“”‘’ ")
        words = key.split()
        pulled = (
            block.kind == "paragraph"
            and len(words) >= 6
            # only paragraphs holding the quote's rarest word can hold the whole quote
            and any(j != i and len(keys[j]) > len(keys[i]) and key in keys[j] for j in _rarest(holding, words[1:-1]))
        )
        if not pulled:
            result.append(block)
    return result


def _word_index(keys: Sequence[str]) -> dict[str, list[int]]:
    """Word -> the blocks whose key holds it."""
    index: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        for word in set(key.split()):
            index.setdefault(word, []).append(j)
    return index


def _rarest(index: dict[str, list[int]], words: Sequence[str]) -> list[int]:
    """The blocks holding the rarest of `words` (inner words: a quote's first and last may be cut mid-word)."""
    return min((index.get(w, []) for w in words), key=len, default=[])


def _starts_byline(line: str) -> bool:
    """ "by Sam Okafor @samokafor June 3": a byline in lower case, never the end of the line before."""
    return bool(re.match(r"\s*by\s+\S", line)) and byline_near_headline([line]) is not None


def join_wrapped(lines: Sequence[str]) -> list[str]:
    """Rejoin hard-wrapped lines: a line not ending a sentence continues into a
    following line that starts in lower case."""
    joined: list[str] = []
    for line in lines:
        if joined and not ends_sentence(joined[-1]) and starts_lower(line) and not _starts_byline(line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def runs_of_lines(text: str) -> list[list[str]]:
    """The page's lines in runs: a blank line ends a run, and wrapped lines are never joined across one."""
    runs: list[list[str]] = [[]]
    for line in (normalise_space(line) for line in text.splitlines()):
        if line:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return runs


def text_blocks(text: str) -> list[Block]:
    """Plain text: every non-blank line is a block, after rejoining wrapped lines."""
    return [Block("paragraph", line) for run in runs_of_lines(text) for line in join_wrapped(run)]


# A biography stands in the last few blocks of a story, with at most the page's furniture after it.
_BIO_REACH = 6


def cut_author_bio(blocks: Sequence[Block]) -> tuple[list[Block], str | None]:
    """The story without the author's biography at its end, and the author's name from it.

    "Jane Morrow is a staff writer at the Example Post" after the last paragraph is about
    the writer, not the story: it and what follows it go, with a lone name or an "Author"
    label just above it.
    """
    start = max(0, len(blocks) - _BIO_REACH)
    for i in range(start, len(blocks)):
        name = author_bio(blocks[i].text)
        if name is None or i == 0:
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
