"""Every story sentence once: repeats of the headline, of a block, and pull quotes go."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from narrate.article import Block
from narrate.clean.rules import compare_key, enabled


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
    pulled = False
    for i, block in enumerate(kept):
        key = keys[i].strip("\"'“”‘’ ")
        words = key.split()
        if pulled and enabled("pull_quote_speaker") and _speaker(block.text, keys, i):
            continue  # the pull quote's speaker under it: "— Commissioner Ann Bell", named in the story
        pulled = (
            block.kind == "paragraph"
            and len(words) >= 6
            # only paragraphs holding the quote's rarest word can hold the whole quote
            and any(j != i and len(keys[j]) > len(keys[i]) and key in keys[j] for j in _rarest(holding, words[1:-1]))
        )
        if not pulled:
            result.append(block)
    return result


_SPEAKER_WORDS = 5  # "Ann Bell", "County Commissioner Ann Bell"


def _speaker(text: str, keys: Sequence[str], i: int) -> bool:
    """A line of a few words in title case, each of them in another block of the story: the name (and the
    title) of whoever a pull quote above it quotes."""
    shown = re.findall(r"\w[\w’'.-]*", text)
    if not 0 < len(shown) <= _SPEAKER_WORDS or not all(w[:1].isupper() for w in shown):
        return False
    story = set(re.findall(r"\w[\w'.-]*\w|\w", " ".join(k for j, k in enumerate(keys) if j != i)))
    return all(w in story for w in re.findall(r"\w[\w'.-]*\w|\w", compare_key(text)))


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
