"""Agreement between extractors: one article from three picks of a page, by how far they agree.

trafilatura's precise setting is most often right but sometimes keeps only a
part of the story; a story split across boxes can defeat both trafilatura
settings; readability-lxml reads pages another way. `combine` starts from
the precise pick and puts back what two extractors agree it left out, and
`with_card` puts a recipe card's lines where the story has the card's others.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from narrate.article import Block
from narrate.clean.clutter import is_clutter
from narrate.clean.rules import LETTER, is_prose, is_read_more, is_trailer, words_in
from narrate.clean.story import goes_on, vocabulary

# A block counts as found by another extractor when this share of its word
# trigrams is in that extractor's text.
AGREE = 0.5
# readability-lxml's pick is read in full when it holds at least this share of
# the chosen text and a good deal more besides (a story split across boxes).
CONTAINS = 0.8
MORE = 1.3
# A pick that holds under this share of the prose another extractor found has
# collapsed: the other pick is read. (Reading a collapsed pick that is a list
# beside the other was tried: it changed one benchmark page, so it is left out.)
TENTH = 0.1

Trigram = tuple[str, ...]


def _trigrams_of(text: str) -> frozenset[Trigram]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < 3:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(zip(words, words[1:], words[2:]))


# A block's trigrams, kept a while: the three picks share most of their blocks.
_trigrams = functools.lru_cache(maxsize=1024)(_trigrams_of)


def _said(blocks: Sequence[Block]) -> frozenset[Trigram]:
    """Every trigram of a pick's whole text (not kept: a page's text is read once)."""
    return _trigrams_of("\n".join(b.text for b in blocks))


def _share_in(block: Block, said: frozenset[Trigram]) -> float:
    mine = _trigrams(block.text)
    return len(mine & said) / len(mine) if mine else 0.0


@functools.lru_cache(maxsize=1024)
def _counted(text: str) -> tuple[int, bool]:
    """How many words a block has, and whether it is prose."""
    return len(words_in(text)), is_prose(text)


def _words(blocks: Sequence[Block]) -> int:
    return sum(_counted(b.text)[0] for b in blocks)


def _prose_words(blocks: Sequence[Block]) -> int:
    return sum(n for n, prose in map(_counted, (b.text for b in blocks)) if prose)


def settled(precise: Sequence[Block], readable: Sequence[Block]) -> bool:
    """Whether trafilatura's default pick could not change the combined article.

    `combine` puts back a block of the default pick only when readability-lxml
    has its words too; when every block readability found (and it found some
    prose) is already in the precise pick, there is nothing left to put back.
    Readability's blocks of one or two words are left out of that count: a
    block that short is never vouched for (`_share_in` counts word trigrams).
    Skipping the default pick then changed no output on the 221 pages of both
    benchmark corpora, and it is a third of the HTML path's time on a page.
    """
    if not _prose_words(readable):
        return False
    vouchable = [b for b in readable if any(len(t) == 3 for t in _trigrams(b.text))]
    return len(_merge(precise, vouchable, None, prose_only=False)) == len(precise)


def combine(
    precise: Sequence[Block],
    default: Sequence[Block] | None,
    readable: Sequence[Block],
    description: str | None = None,
    structured: Sequence[Block] = (),
) -> list[Block]:
    """One article from three extractors' picks, by how far they agree.

    trafilatura's precise setting is most often right, but it sometimes leaves
    out a part of the story (everything after a review's summary box, say),
    and a story split across several boxes can defeat both trafilatura
    settings. So, starting from the precise pick:

    - a block it left out is put back, where trafilatura's default has it,
      when readability-lxml has it too (two extractors agree);
    - when readability's pick holds nearly all of that and much more, its
      further prose paragraphs are put back too, but not a box of other
      stories after the story's end (`_without_trailing_box`);
    - whatever the result, it never keeps under a tenth of the prose
      another extractor found, or the page's structured data holds
      (`structured`, its JSON-LD articleBody, for a page a script draws):
      then that pick is read;
    - and readability's paragraph just before the story they share (a
      standfirst, an opening paragraph trafilatura skipped) goes first;
      a standfirst too short to pass for prose goes first when it is the
      page's own summary (`description`, from its metadata).

    `default` is None when it was not asked for (`settled`).
    """
    if default is None:
        default = precise
    r_said = _said(readable)
    chosen = _merge(precise, default, r_said, prose_only=False)
    if _words(readable) > MORE * _words(chosen):
        c_said = _said(chosen)
        if c_said and len(c_said & r_said) >= CONTAINS * len(c_said):
            chosen = _merge(chosen, _without_trailing_box(readable, chosen, c_said), r_said, prose_only=True)
    richest = max((precise, default, readable, structured), key=_prose_words)
    if _prose_words(chosen) < TENTH * _prose_words(richest):
        chosen = list(richest)
    return _with_lead(chosen or list(default) or list(readable), readable, description)


def _with_lead(chosen: list[Block], readable: Sequence[Block], description: str | None) -> list[Block]:
    """The chosen article with readability's paragraph just before the first block they share put first:
    a standfirst, or an opening paragraph trafilatura broke or skipped."""
    said = _said(chosen)
    first = next((i for i, b in enumerate(readable) if _share_in(b, said) >= AGREE), 0)
    if not first:
        return chosen
    lead = readable[first - 1].text
    if not is_prose(lead) and lead != description:
        return chosen
    return _merge(chosen, readable[first - 1 : first + 1], None, prose_only=False)


def _without_trailing_box(
    readable: Sequence[Block], chosen: Sequence[Block], said: frozenset[Trigram]
) -> Sequence[Block]:
    """readability's pick without a box of other stories after the chosen story's end.

    Past the last block the chosen pick also has, a label ("Related", "Keep reading") ends
    readability's pick unless the story goes on under it: prose in the story's own words, or two
    paragraphs in a row, not a related post's one-paragraph excerpt under its title.
    """
    last = max((i for i, b in enumerate(readable) if _share_in(b, said) >= AGREE), default=len(readable))
    story = vocabulary("\n".join(b.text for b in chosen))
    for i in range(last + 1, len(readable)):
        text = readable[i].text
        if not is_prose(text) and (is_trailer(text) or is_read_more(text)) and not goes_on(readable, i + 1, story):
            return readable[:i]
    return readable


def _merge(
    base: Sequence[Block],
    other: Sequence[Block],
    vouched: frozenset[Trigram] | None,
    prose_only: bool,
    after: int = -1,
) -> list[Block]:
    """`base`, with the blocks of `other` that it lacks (and that `vouched`, a second
    extractor's text, has, unless None), each after the block of `base` that `other`
    had before it (those before any, after `base`'s block `after`: at its start by default)."""
    where: dict[Trigram, list[int]] = {}
    for j, b in enumerate(base):
        for trigram in _trigrams(b.text):
            where.setdefault(trigram, []).append(j)
    inserted: list[tuple[int, Block]] = []
    at = after
    for block in other:
        mine = _trigrams(block.text)
        shared = Counter(j for trigram in mine for j in where.get(trigram, ()))
        matches = sorted(j for j, n in shared.items() if n >= AGREE * len(mine))
        if matches:  # a block met again (a repeated label) is the next one on, so the order holds
            at = next((j for j in matches if j > at), max(at, matches[0]))
        elif (vouched is None or _share_in(block, vouched) >= AGREE) and (not prose_only or is_prose(block.text)):
            inserted.append((at, block))
    result = list(base)
    for offset, (place, block) in enumerate(inserted):
        result.insert(place + 1 + offset, block)
    return result


def with_card(story: Sequence[Block], card: Sequence[Block]) -> list[Block]:
    """The story with the lines of a recipe's card that it left out (those no line rule takes for
    clutter): where the card's other lines are, or after the story when it has none of them."""
    card = [b for b in card if LETTER.search(b.text) and not is_clutter(b.text)]  # not a step's number alone
    said = _said(card)
    first = next((i for i, b in enumerate(story) if _share_in(b, said) >= AGREE), len(story))
    return _merge(story, card, None, prose_only=False, after=first - 1)
