"""Split stage: cut an `Article` into `Segment`s, each read by one voice role.

The narrator reads the headline, the standfirst, subheadings, reported speech
and scare quotes; quotations go to the "quote" voice so a listener hears who
is talking.

    split(article) -> [Segment]

Paragraph numbers: headline 0, then block i of `article.blocks` is paragraph
i + 1 (so the standfirst, when there is one, is 1).

Quotation marks may be double (“…”, "…") or single (‘…’, '…', the British
body-text style), and one kind may nest inside the other. A single closing
mark doubles as the apostrophe, so ’ between letters (Kyiv’s, don’t), before
a year (’90s) or after a plural (the Joneses’ house, when a later mark closes
the quotation) is never a quotation mark. Whether a quotation is speech or a
scare quote is decided the way a reader decides it: length, a speech verb or
attribution next to it, and whether it reads as a whole clause. Headlines and
standfirsts are never split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from narrate.article import Article, Block, Segment

NARRATOR = "narrator"
QUOTE = "quote"

# A quotation of fewer words than this is a scare quote or a quoted term
# ("dud" shells) unless it is plainly attributed speech (“No,” she said).
MIN_QUOTE_WORDS = 4

Kind = Literal["double", "single"]

_OPEN_BEFORE = set(" \t\n([{—–-/“‘\"'")
_INNER_END = tuple(".,!?…;:—–-")
_CLAUSE_BEFORE = (",", ":", ".", "!", "?", "—", "–")
_QUOTE_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
# ’90s, 'em, 'tis: an elided start, not an opening mark.
_ELISION = re.compile(r"(?:\d\ds\b|\d\d\b|em\b|tis\b|twas\b|n\b|cause\b)", re.IGNORECASE)

# Verbs and phrases that attribute words to a speaker. Nouns that share a
# spelling ("the United States", "bank notes") are left out.
_SPEECH_VERB = re.compile(
    r"\b(?:say|says|said|tell|tells|told|add|adds|added|ask|asks|asked|write|writes|wrote|"
    r"warn|warns|warned|insist|insists|insisted|explain|explains|explained|reply|replies|replied|"
    r"continue|continues|continued|went on|goes on|according to|claimed|argue|argues|argued|"
    r"stated|declare|declares|declared|announced|admit|admits|admitted|noted|recalled|recalls|"
    r"shouted|whispered|urged|tweeted|posted|remarked|suggested|commented|acknowledged|"
    r"concede|concedes|conceded|maintained|vowed|pledged|promised|joked|demanded|"
    r"responded|answered|stressed|cautioned|predicted|complained|protested|pleaded|"
    r"recounted|testified|confirmed|denied|agreed|wondered)\b",
    re.IGNORECASE,
)
_SENTENCE_STOP = re.compile(r"[.!?…]\s|[.!?…]$|[“”‘\"]")


@dataclass
class _Span:
    """A quotation: `start` at its opening mark, `end` just past its closing mark.

    An unclosed quotation runs to the end of its parent (or of the paragraph).
    `inner` holds the quotations nested inside it.
    """

    start: int
    end: int
    closed: bool
    kind: Kind
    inner: list[_Span] = field(default_factory=list)


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _single_role(text: str, i: int) -> str:
    """What a single mark at `i` can be: "open", "close" or "" (an apostrophe)."""
    ch = text[i]
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if _is_letter(prev) and _is_letter(nxt):
        return ""  # Kyiv’s, don’t, O’Neill, 1990's
    if (not prev or prev in _OPEN_BEFORE) and nxt and not nxt.isspace():
        if ch == "’" or _ELISION.match(text, i + 1):
            return ""  # ’90s, 'em
        return "open"
    if ch != "‘" and prev and not prev.isspace() and not _is_letter(nxt):
        return "close"
    return ""


def _later_single_close(text: str, i: int) -> bool:
    """Whether another single closing mark follows `i` before any single opening mark."""
    for j in range(i + 1, len(text)):
        if text[j] in "‘’'":
            role = _single_role(text, j)
            if role == "open":
                return False
            if role == "close":
                return True
    return False


def _quote_spans(text: str) -> list[_Span]:
    """The outermost quotations of a paragraph, each holding its nested ones."""
    top: list[_Span] = []
    stack: list[_Span] = []

    def open_(i: int, kind: Kind) -> None:
        span = _Span(i, len(text), False, kind)
        (stack[-1].inner if stack else top).append(span)
        stack.append(span)

    def close(i: int, kind: Kind) -> None:
        while stack:
            span = stack.pop()
            span.end = i + 1 if span.kind == kind else i
            span.closed = span.kind == kind
            if span.closed:
                return

    def has_open(kind: Kind) -> bool:
        return any(s.kind == kind for s in stack)

    for i, ch in enumerate(text):
        if ch == "“":
            if not has_open("double"):
                open_(i, "double")
        elif ch == "”":
            if has_open("double"):
                close(i, "double")
        elif ch == '"':
            if has_open("double"):
                close(i, "double")
            elif i == 0 or text[i - 1] in _OPEN_BEFORE:
                open_(i, "double")
        elif ch in "‘’'":
            role = _single_role(text, i)
            if role == "open" and not (stack and stack[-1].kind == "single"):
                open_(i, "single")
            elif role == "close" and has_open("single"):
                if text[i - 1] in "sS" and _later_single_close(text, i):
                    continue  # the Joneses’ house: a plural possessive
                close(i, "single")
    for span in stack:
        span.end = len(text)
    return top


def _words_in(text: str) -> int:
    return len(_QUOTE_WORD.findall(text))


def _attributed_after(text: str, end: int) -> bool:
    """A speech verb in the few words after a quotation: “No,” she said / said Ms Lee."""
    after = text[end:]
    stop = _SENTENCE_STOP.search(after)
    clause = after[: stop.start()] if stop else after
    words = clause.split()[:6]
    return bool(words) and bool(_SPEECH_VERB.search(" ".join(words)))


def _attributed_before(before: str) -> bool:
    """A speech verb leading into a quotation: She said: / He told the BBC, / She added “…”"""
    before = before.rstrip()
    if before.endswith((",", ":")):
        clause = re.split(r"[.!?…]\s", before[:-1])[-1]
        return bool(_SPEECH_VERB.search(" ".join(clause.split()[-6:])))
    last = before.split()[-1:] or [""]
    return bool(_SPEECH_VERB.fullmatch(last[0]))


_MINOR_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "v",
        "vs",
        "with",
    }
)


def _title_like(inner: str) -> bool:
    """Title Case, as names of films, books and campaigns are written: ‘And Then We Danced’."""
    words = [w for w in _QUOTE_WORD.findall(inner) if w.lower() not in _MINOR_WORDS]
    return len(words) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in words)


def is_speech(text: str, span_start: int, span_end: int, continued: bool = False) -> bool:
    """Whether a quoted stretch is speech rather than a scare quote or a term.

    A quotation continued from the previous paragraph is speech. Otherwise
    speech reads as its own clause: it opens the paragraph, follows "said,",
    "said:" or a full stop, starts with a bracket or ellipsis, or ends in
    punctuation inside its marks; or, when the sentence does not run on past
    its closing mark, it starts with a capital or follows a speech verb. It is at
    least MIN_QUOTE_WORDS words long, unless it is a complete short utterance
    with a speaker named next to it (“No,” she said.) or the whole paragraph.
    A phrase woven into the narrator's sentence ("called it “a very bad
    idea”", "the so-called ‘special military operation’") stays with the
    narrator.
    """
    if continued:
        return True
    inner = text[span_start + 1 : span_end].strip()
    if inner[-1:] in "”\"’'":
        inner = inner[:-1].strip()
    words = _words_in(inner)
    if not words:
        return False
    before = text[:span_start].rstrip()
    after = text[span_end:].strip()
    first = inner[:1]
    ends_inside = inner.endswith(_INNER_END)
    if words < MIN_QUOTE_WORDS:
        complete = ends_inside or after[:1] in (".", "!", "?", "") or after.startswith(",")
        whole = not before and not re.search(r"\w", after)
        attributed = _attributed_after(text, span_end) or (before.endswith((",", ":")) and _attributed_before(before))
        return whole or (complete and attributed and first.isupper())
    if _title_like(inner) and not ends_inside and not _attributed_after(text, span_end):
        return False  # a name or title: the theme ‘The Medium is the Message’
    if not before or before.endswith(_CLAUSE_BEFORE) or first in "[(…." or ends_inside:
        return True
    if after[:1].isalnum() and not _attributed_after(text, span_end):
        return False  # woven into the sentence: He wrote “The Road to Wigan Pier” in 1937.
    return first.isupper() or _attributed_before(before)


def _speech_spans(text: str, spans: list[_Span], continued: Kind | None) -> list[_Span]:
    """The quotations voiced as quotes: outermost speech, else speech nested in a non-speech span."""
    found: list[_Span] = []
    for span in spans:
        carry = continued is not None and span.start == 0 and span.kind == continued
        if span.kind == "single" and not span.closed and not carry:
            # An unmatched single mark is as likely a stray apostrophe: trust it
            # only where a quotation plainly opens, at a capital after a clause break.
            before = text[: span.start].rstrip()
            opens = not before or before.endswith(_CLAUSE_BEFORE) or _attributed_before(before)
            if not (opens and text[span.start + 1 : span.start + 2].isupper()):
                found.extend(_speech_spans(text, span.inner, None))
                continue
        if is_speech(text, span.start, span.end, continued=carry):
            found.append(span)
        else:
            found.extend(_speech_spans(text, span.inner, None))
    return found


def _split(text: str, continued: Kind | None = None) -> tuple[list[tuple[str, str]], Kind | None]:
    """Pieces of one paragraph, and the kind of quotation still open at its end (if speech)."""
    pieces: list[tuple[str, str]] = []
    pos = 0
    still_open: Kind | None = None
    for span in _speech_spans(text, _quote_spans(text), continued):
        pieces.append((NARRATOR, text[pos : span.start]))
        pieces.append((QUOTE, text[span.start : span.end]))
        pos = span.end
        still_open = None if span.closed else span.kind
    pieces.append((NARRATOR, text[pos:]))

    merged: list[tuple[str, str]] = []
    for voice, piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if merged and not re.search(r"\w", piece):
            # A lone full stop after a closing mark (“…”.) belongs to the quote.
            prev_voice, prev = merged[-1]
            merged[-1] = (prev_voice, prev + piece)
            continue
        if merged and merged[-1][0] == voice:
            merged[-1] = (voice, f"{merged[-1][1]} {piece}")
            continue
        merged.append((voice, piece))
    return merged, still_open


def split_paragraph(text: str, continued: Kind | None = None) -> list[tuple[str, str]]:
    """(voice, text) pieces of one paragraph, in order, none empty.

    `continued` names the kind of quotation left open by the previous
    paragraph; a paragraph reopening it with the same mark is still speech.
    Quote marks stay inside the quote piece, so joining the pieces with single
    spaces gives back the paragraph (up to spacing at the joins).
    """
    return _split(text, continued)[0]


def _block_segments(block: Block, paragraph: int, continued: Kind | None) -> tuple[list[Segment], Kind | None]:
    """A block's segments, and the kind of quotation it leaves open for the next block."""
    if block.kind == "heading":
        return ([Segment("subheading", NARRATOR, block.text, paragraph)] if block.text.strip() else []), None
    pieces, still_open = _split(block.text, continued)
    segments = [Segment("quote" if voice == QUOTE else "body", voice, piece, paragraph) for voice, piece in pieces]
    return segments, still_open


# A standfirst is a sentence or two under the headline; a first paragraph longer than this is the story
# itself (a site's structured data can give the whole story as one paragraph), split like any other.
STANDFIRST_WORDS = 80


def split(article: Article) -> list[Segment]:
    """The script: headline, standfirst (a short first paragraph), then narrator and quote segments
    per block.

    A quotation left open at the end of a paragraph carries into the next one
    when that paragraph reopens it, as news style does for long quotations.
    """
    segments: list[Segment] = []
    if article.title.strip():
        segments.append(Segment("headline", NARRATOR, article.title.strip(), 0))
    continued: Kind | None = None
    for i, block in enumerate(article.blocks):
        paragraph = i + 1
        if i == 0 and block.kind == "paragraph" and len(block.text.split()) <= STANDFIRST_WORDS:
            if block.text.strip():
                segments.append(Segment("standfirst", NARRATOR, block.text.strip(), paragraph))
            continue
        if not block.text.strip():
            continue
        block_segments, continued = _block_segments(block, paragraph, continued)
        segments.extend(block_segments)
    return segments
