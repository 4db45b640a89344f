"""Normalise: write each segment's text out the way it should be said.

Any engine (Piper/espeak, Google) reads plain words well and symbols, digits
and abbreviations badly, so this stage turns "£1.5bn" into "one point five
billion pounds" before synthesis. The output is plain words: no engine markup,
no quotation marks, no square brackets.

`speak()` applies the user's lexicon, then every rule in `RULES` in order, then
tidies whitespace. Each rule is a small named `str -> str` function. The order
matters:

- `unicode_spaces` first, so a non-breaking space in "500 kg" looks like any
  other space to the rules after it.
- `quotation_marks` before `decades`, so "’80s" arrives as "'80s"; and before
  everything else, so no rule has to step over quote marks.
- `markup` after `web_addresses` (an address keeps its "_") and before
  `symbols` (a "#tag" stays a hashtag): no Markdown or HTML mark is ever said.
- `square_brackets` before `ellipsis`, so "[…]" (an elision) becomes a pause.
- `titles` before `acronyms` and the number rules: "No 10" must be expanded
  while its digit is still a digit, and "Dr"/"St" need the capitalised name
  after them, not a spelled-out acronym.
- `money` before `percentages` and `units`: "m" after a currency symbol means
  million, anywhere else it means metres.
- `money`, `percentages` and `units` before `ranges`, `years` and `numbers`:
  they consume the number together with its symbol, so "£2,000" is never read
  as the year two thousand.
- `dates` before `ordinals`, `fractions` and `ranges`: "5th May",
  "12/05/2023" and "2023-10-05" are dates, not an ordinal, two fractions or a
  range.
- `decades` before `years` ("1970s" holds a year); `ordinals` before `numbers`
  ("1st" holds a cardinal); `times` before `numbers` ("10.30am" is not a
  decimal); `ranges` before `years` ("2019-20" is not a year followed by
  minus twenty).
- `fractions` before `ranges` and `numbers`, which would read "3/4" as two
  numbers with a slash between them.
- `numbers` after every rule that reads digits in context: it is the catch-all.
- `roman_numerals` before `acronyms`, so "Elizabeth II" is not "I I".
- `acronyms` last, so it also spells acronyms produced by earlier rules
  ("US$5" gives "five US dollars", then "U S dollars").
"""

# Each rule is importable by name, so it can be tested alone (`normalise.titles(...)`).
from narrate.normalise.addresses import web_addresses
from narrate.normalise.dates_and_times import dates, decades, times, years
from narrate.normalise.figures import fractions, numbers, ordinals, ranges, roman_numerals
from narrate.normalise.marks import ellipsis, markup, quotation_marks, slashes, square_brackets, symbols, unicode_spaces
from narrate.normalise.measures import money, percentages, units
from narrate.normalise.shorthand import abbreviations, number_sign, titles
from narrate.normalise.speech import RULES, Rule, apply_lexicon, normalise, speak
from narrate.normalise.spelling import acronyms

__all__ = [
    "RULES",
    "Rule",
    "abbreviations",
    "acronyms",
    "apply_lexicon",
    "dates",
    "decades",
    "ellipsis",
    "fractions",
    "markup",
    "money",
    "normalise",
    "number_sign",
    "numbers",
    "ordinals",
    "percentages",
    "quotation_marks",
    "ranges",
    "roman_numerals",
    "slashes",
    "speak",
    "square_brackets",
    "symbols",
    "times",
    "titles",
    "unicode_spaces",
    "units",
    "web_addresses",
    "years",
]
