"""A recipe's card: its ingredients and its steps, as the page shows them.

A recipe's ingredients stand in a box of their own, among times, servings,
ratings and print buttons, and the extractors often leave the whole box out:
the listener hears the story about a dish and never what goes into it. The
page says what its recipe is, in the schema.org vocabulary search engines
read: on the elements themselves (microdata, `itemprop="recipeIngredient"`), or
as JSON-LD, whose strings are then found among the page's list items and
paragraphs. The card read is the smallest part of the page that holds all the
ingredients (or all the steps), with the heading just above it ("Ingredients",
"Method"). Pasted text keeps no markup, so there the card is found by its form
(`pasted_card`): an "Ingredients" label over amounts, a "Method" label over steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import chain
from dataclasses import dataclass
from typing import TYPE_CHECKING

from narrate.article import Block
from narrate.clean.blocks import HEADINGS, element_blocks, text_of
from narrate.clean.rules import is_prose

if TYPE_CHECKING:
    import lxml.html


@dataclass(frozen=True)
class Recipe:
    """A recipe as the page's JSON-LD gives it."""

    ingredients: tuple[str, ...]
    steps: tuple[str, ...]


def recipe_in(item: dict) -> Recipe | None:
    """The recipe a JSON-LD object describes, if it lists ingredients."""
    listed = item.get("recipeIngredient") or item.get("ingredients")
    if isinstance(listed, str):  # one string, an ingredient a line
        listed = listed.splitlines()
    if not isinstance(listed, list):
        return None
    ingredients = tuple(s for s in listed if isinstance(s, str) and s.strip())
    return Recipe(ingredients, tuple(_steps(item.get("recipeInstructions")))) if ingredients else None


def _steps(value: object) -> Iterator[str]:
    """The steps' texts: one string (a step a line), a list of strings, or HowToStep and
    HowToSection objects."""
    if isinstance(value, str):
        yield from (line for line in value.splitlines() if line.strip())
    elif isinstance(value, list):
        for item in value:
            yield from _steps(item)
    elif isinstance(value, dict):
        yield from _steps(value.get("text") or value.get("itemListElement"))


# A shown element is an ingredient's (or a step's) when it holds this share of its words
# and is not much longer than it.
_SHARE = 0.6
# The card is read only when it is mostly what was found in it: its words are at most this many
# times theirs, and this many more (headings, group names, a note).
_CARD_TIMES = 1.5
_CARD_MORE = 40
_MOST_RECIPES = 12  # a round-up of many recipes: the first this many are looked for


def recipe_card(tree: lxml.html.HtmlElement, recipes: Sequence[Recipe]) -> list[Block]:
    """The blocks of each recipe's card on the page, its ingredients before its steps; none
    when the page marks no recipe, or its recipe cannot be found among what the page shows."""
    blocks: list[Block] = []
    read: list[lxml.html.HtmlElement] = []
    for parts in _marked(tree) or _shown(tree, recipes[:_MOST_RECIPES]):
        regions = [_region(part) for part in parts]
        for part, region in zip(parts, regions):
            if region is None or any(_within(region, other) for other in read):
                continue  # read already, as or within another recipe's part
            inner = [other for other in regions if other is not None and other is not region and _within(other, region)]
            if inner:  # this part's box holds the other part's too: its own lines alone, not the whole box
                own = [el for el in part if not any(_within(el, box) for box in inner)]
                blocks += [block for el in own for block in element_blocks(el)]
                read += own
            else:
                blocks += _heading_above(region) + element_blocks(region)
                read.append(region)
    return blocks


def _within(el: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> bool:
    return el is box or box in el.iterancestors()


def _marked(tree: lxml.html.HtmlElement) -> list[list[list[lxml.html.HtmlElement]]]:
    """The elements the page marks as each recipe's ingredients and steps (microdata)."""
    ingredient = './/*[@itemprop="recipeIngredient" or @itemprop="ingredients"]'
    scopes = tree.xpath('//body//*[@itemscope][contains(@itemtype, "Recipe")]') or tree.xpath("//body")
    found = [[_first_of_each(scope.xpath(ingredient)), _first_of_each(scope.xpath('.//*[@itemprop="recipeInstructions"]'))]
             for scope in scopes]
    return [parts for parts in found if parts[0]]


def _first_of_each(elements: Sequence[lxml.html.HtmlElement]) -> list[lxml.html.HtmlElement]:
    """The elements without those that repeat an earlier one's text (a card shown twice: on the
    page and in its printable copy)."""
    seen: set[str] = set()
    first = []
    for el in elements:
        text = text_of(el)
        if text not in seen:
            seen.add(text)
            first.append(el)
    return first


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.casefold()))


def _shown(tree: lxml.html.HtmlElement, recipes: Sequence[Recipe]) -> list[list[list[lxml.html.HtmlElement]]]:
    """For each recipe, the list items and paragraphs that show its ingredients, and its steps: for
    each string, the first element not yet taken that holds most of its words, looked for from where
    the one before it was found (a card lists them in order)."""
    if not recipes:
        return []
    candidates = [(el, _words(text_of(el))) for el in tree.xpath("//body//li | //body//p")]
    taken: set[int] = set()
    found = []
    for recipe in recipes:
        parts = []
        for listed in (recipe.ingredients, recipe.steps):
            shown, at = [], 0
            for words in map(_words, listed):
                for i in chain(range(at, len(candidates)), range(at)):
                    has = candidates[i][1]
                    if i not in taken and len(words & has) >= _SHARE * len(words) and len(has) <= 2 * len(words) + 4:
                        taken.add(i)
                        shown.append(candidates[i][0])
                        at = i + 1
                        break
            parts.append(shown if len(shown) >= min(2, len(listed)) else [])
        found.append(parts)
    return found


def _region(elements: Sequence[lxml.html.HtmlElement]) -> lxml.html.HtmlElement | None:
    """The smallest part of the page that holds all of `elements`, when it holds little else."""
    if not elements:
        return None
    region = elements[0]
    for el in elements[1:]:
        while not _within(el, region):
            region = region.getparent()
            if region is None:
                return None
    found = sum(len(text_of(el).split()) for el in elements)
    if region.tag in ("body", "html") or len(text_of(region).split()) > _CARD_TIMES * found + _CARD_MORE:
        return None
    return region


def _heading_above(region: lxml.html.HtmlElement) -> list[Block]:
    """The heading just above the card's part ("Ingredients"), with no text between them."""
    el: lxml.html.HtmlElement | None = region
    for _ in range(3):
        if el is None or (el.getparent() is None):
            return []
        before = el.getprevious()
        while before is not None and not (before.tail or "").strip() and _unseen(before):
            before = before.getprevious()  # passing over empty elements, scripts and comments
        if before is None:
            el = el.getparent()
            if el is None or (el.text or "").strip():
                return []
            continue
        if (before.tail or "").strip() or not isinstance(before.tag, str) or before.tag not in HEADINGS:
            return []
        return [Block("heading", text_of(before))]
    return []


def _unseen(el: lxml.html.HtmlElement) -> bool:
    """Nothing a reader sees: a comment, a script or style, an empty element."""
    return not isinstance(el.tag, str) or el.tag in ("script", "style", "noscript") or not text_of(el)


# A recipe's card in pasted text, where no markup is left: its labels, in the words cards use.
_INGREDIENTS = re.compile(r"(?:ingredients|what you(?:'|’)ll need|you(?:'|’)ll need|you will need)\s*:?", re.IGNORECASE)
_METHOD = re.compile(r"(?:method|instructions|directions|steps|preparation|how to make (?:it|them))\s*:?", re.IGNORECASE)
# An ingredient's line starts with its amount: "200g lentils", "½ tsp salt", "a pinch of salt".
_AMOUNT = re.compile(r"(?:\d|[½¼¾⅓⅔⅛⅜⅝⅞]|(?:a|an|one|two|three|four|five|six|half|a few|pinch|juice|zest)\b)", re.IGNORECASE)
_STEP_NUMBER = re.compile(r"(?:step\s*)?\d+[.):]?\s+\S", re.IGNORECASE)
_STEP_LABEL = re.compile(r"step\s*\d+\s*:?", re.IGNORECASE)
_BULLET = re.compile(r"^[▢☐□•·▪◦*–-]\s*")
_CARD_ITEMS = 3  # a card lists at least this many amounts
_STEP_WORDS = 3  # a short step has at least this many words ("Bake for 20 minutes.")


def _short_step(line: str) -> bool:
    """A step too short to pass for prose that still ends its sentence: "Preheat the oven to 180C." """
    return len(line.split()) >= _STEP_WORDS and line.endswith((".", "!"))


def pasted_card(lines: Sequence[str]) -> list[Block]:
    """A recipe's card among pasted lines: an "Ingredients" label over a list of amounts ("200g red
    lentils"), then a "Method" label over its steps, as blocks; none when the page has no such card.

    Group names ("For the filling") stay with the ingredients; a control with a value ("Servings: 1x 2x")
    does not. The steps are the prose, numbered or short whole-sentence lines under the label.
    """
    texts = [_BULLET.sub("", line.strip()) for line in lines]
    for start, text in enumerate(texts):
        if not _INGREDIENTS.fullmatch(text):
            continue
        items: list[str] = []
        end = start + 1
        while end < len(texts) and not _METHOD.fullmatch(texts[end]):
            line = texts[end]
            if is_prose(line) and not _AMOUNT.match(line):
                break  # prose before any method: not a card's list
            if line and (":" not in line or line.endswith(":")):
                items.append(line)
            end += 1
        amounts = sum(1 for line in items if _AMOUNT.match(line))
        if end == len(texts) or not _METHOD.fullmatch(texts[end]) or amounts < _CARD_ITEMS or 2 * amounts < len(items):
            continue
        steps = []
        for line in texts[end + 1:]:
            if not line or _STEP_LABEL.fullmatch(line):
                continue
            if not (is_prose(line) or _STEP_NUMBER.match(line) or _short_step(line)):
                break
            steps.append(line)
        if steps:
            return [Block("heading", text), *(Block("paragraph", i) for i in items),
                    Block("heading", texts[end]), *(Block("paragraph", s) for s in steps)]
    return []
