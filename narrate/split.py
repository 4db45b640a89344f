"""Split stage: cut an `Article` into `Segment`s, each read by one voice role.

The narrator reads the headline, the standfirst, subheadings and reported
speech; quotations go to the "quote" voice so a listener hears who is talking.

    split(article) -> [Segment]

Paragraph numbers: headline 0, then block i of `article.blocks` is paragraph
i + 1 (so the standfirst, when there is one, is 1).

Only double quotation marks (“…” and "…") mark speech. Single quotes are left
to the narrator: in British headlines ‘…’ marks a claim, and an apostrophe
must never be taken for a quotation mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrate.article import Article, Block, Segment

NARRATOR = "narrator"
QUOTE = "quote"

# A quotation of fewer words than this is a scare quote or a quoted term
# ("dud" shells) and stays with the narrator.
MIN_QUOTE_WORDS = 4

_OPEN_BEFORE = set(" \t\n([{—–-/")
_INNER_END = tuple(".,!?…;:—–-")


@dataclass(frozen=True)
class _Span:
    """A quotation: `start` at its opening mark, `end` just past its closing mark."""

    start: int
    end: int
    closed: bool


def _quote_spans(text: str) -> list[_Span]:
    """Find double-quoted stretches; an unclosed quotation runs to the end."""
    spans: list[_Span] = []
    start: int | None = None
    for i, ch in enumerate(text):
        if ch == "“" and start is None:
            start = i
        elif ch == "”" and start is not None:
            spans.append(_Span(start, i + 1, True))
            start = None
        elif ch == '"':
            if start is None:
                if i == 0 or text[i - 1] in _OPEN_BEFORE:
                    start = i
            elif text[start] == '"' or text[start] == "“":
                spans.append(_Span(start, i + 1, True))
                start = None
    if start is not None:
        spans.append(_Span(start, len(text), False))
    return spans


def is_speech(text: str, span_start: int, span_end: int) -> bool:
    """Whether a quoted stretch is speech rather than a scare quote or a term.

    Speech has at least MIN_QUOTE_WORDS words and reads as its own clause: it
    opens the paragraph, follows "said," or "said:", starts with a capital,
    bracket or ellipsis, or ends in punctuation inside its marks. A lower-case
    phrase woven into the narrator's sentence ("called it “a very bad idea”")
    stays with the narrator.
    """
    inner = text[span_start + 1 : span_end].rstrip("”\"").strip()
    if len(re.findall(r"\w+(?:[’'-]\w+)*", inner)) < MIN_QUOTE_WORDS:
        return False
    before = text[:span_start].rstrip()
    first = inner[:1]
    return (
        not before
        or before.endswith((",", ":", ".", "!", "?", "—", "–"))
        or first.isupper()
        or first in "[(…."
        or inner.endswith(_INNER_END)
    )


def split_paragraph(text: str) -> list[tuple[str, str]]:
    """(voice, text) pieces of one paragraph, in order, none empty.

    Quote marks stay inside the quote piece, so joining the pieces with single
    spaces gives back the paragraph (up to spacing at the joins).
    """
    pieces: list[tuple[str, str]] = []
    pos = 0
    for span in _quote_spans(text):
        if not is_speech(text, span.start, span.end):
            continue
        pieces.append((NARRATOR, text[pos : span.start]))
        pieces.append((QUOTE, text[span.start : span.end]))
        pos = span.end
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
    return merged


def _block_segments(block: Block, paragraph: int) -> list[Segment]:
    if block.kind == "heading":
        return [Segment("body", NARRATOR, block.text, paragraph)] if block.text.strip() else []
    return [
        Segment("quote" if voice == QUOTE else "body", voice, piece, paragraph)
        for voice, piece in split_paragraph(block.text)
    ]


# Words after which a full stop does not end a sentence ("Maj. Gen. Skibitsky").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof rev gen maj lt col capt cpt sgt cpl adm brig gov sen rep st mt no nos vs etc inc ltd co corp jr sr"
    " jan feb mar apr jun jul aug sep sept oct nov dec approx fig dept est u.s u.k u.n e.g i.e a.m p.m".split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[”\"’)\]]*\s+")


def sentences(text: str) -> list[str]:
    """Split text into sentences, so transcripts can be timed sentence by sentence.

    A sentence ends at . ! ? or … (with any closing quotes or brackets) before
    a space and a capital, digit or opening quote, except after an
    abbreviation or an initial ("Maj. Gen.", "J. K. Rowling", "U.S.").
    """
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        nxt = text[match.end() : match.end() + 1]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "“\"‘(["):
            continue
        word = re.findall(r"[\w.]+$", text[start : match.start()])
        last = word[0].lower().rstrip(".") if word else ""
        if text[match.start()] == "." and (last in _ABBREVIATIONS or len(last.replace(".", "")) <= 1):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    return [*out, tail] if tail else out


def split(article: Article) -> list[Segment]:
    """The script: headline, standfirst, then narrator and quote segments per block."""
    segments: list[Segment] = []
    if article.title.strip():
        segments.append(Segment("headline", NARRATOR, article.title.strip(), 0))
    for i, block in enumerate(article.blocks):
        paragraph = i + 1
        if i == 0 and block.kind == "paragraph":
            if block.text.strip():
                segments.append(Segment("standfirst", NARRATOR, block.text.strip(), paragraph))
            continue
        segments.extend(_block_segments(block, paragraph))
    return segments
