"""The plain values that pass between pipeline stages.

read -> Document -> clean -> Article -> split -> [Segment] -> normalise -> [Segment]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Format = Literal["text", "markdown", "html"]
BlockKind = Literal["heading", "paragraph"]
SegmentKind = Literal["headline", "standfirst", "subheading", "body", "quote"]


@dataclass(frozen=True)
class Document:
    """An input as read: decoded text plus what kind of text it is."""

    source: str  # the path as given, or "-" for standard input
    stem: str  # output file stem: "north-korea-dud-shells", "stdin"
    format: Format
    text: str


@dataclass(frozen=True)
class Block:
    """One paragraph or heading of the story, clutter removed."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Article:
    """The story alone: its headline and its blocks in reading order.

    `blocks` does not repeat the headline. The first block is the standfirst
    candidate; split decides.
    """

    source: str
    stem: str
    title: str
    blocks: tuple[Block, ...]
    byline: str | None = None
    published: str | None = None  # ISO 8601 date, when known


@dataclass(frozen=True)
class Sentence:
    """One sentence of a segment: as written, and as it will be spoken."""

    text: str
    speech: str


@dataclass(frozen=True)
class Segment:
    """A stretch of text read by one voice role.

    `text` is as written; `speech` is what the engine is given (filled in by
    normalise, sentence by sentence, so transcripts can be timed per sentence).
    `voice` is a role such as "narrator" or "quote", never an engine voice
    name. `paragraph` numbers the block the segment came from, so stitch can
    choose the pause at each boundary.
    """

    kind: SegmentKind
    voice: str
    text: str
    paragraph: int
    speech: str = ""
    sentences: tuple[Sentence, ...] = ()

    def with_sentences(self, sentences: tuple[Sentence, ...]) -> Segment:
        return replace(self, sentences=sentences, speech=" ".join(s.speech for s in sentences))

    def parts(self) -> tuple[Sentence, ...]:
        """The sentences to speak; a segment built by hand is one sentence."""
        return self.sentences or (Sentence(self.text, self.speech),)


@dataclass(frozen=True)
class Clip:
    """Audio that carries its own format: 16-bit PCM unless sample_width says otherwise."""

    pcm: bytes
    sample_rate: int
    sample_width: int = 2
    channels: int = 1
    marks: tuple[float, ...] = ()  # start of each sentence, in ms from the clip's start

    @classmethod
    def join(cls, clips: list[Clip]) -> Clip:
        """Sentence clips of one voice, end to end, with a mark at each start."""
        first = clips[0]
        fmt = (first.sample_rate, first.sample_width, first.channels)
        if any((c.sample_rate, c.sample_width, c.channels) != fmt for c in clips):
            raise ValueError("clips of one segment must share one format")
        marks, at = [], 0.0
        for clip in clips:
            marks.append(at)
            at += clip.duration_ms
        return cls(b"".join(c.pcm for c in clips), *fmt, marks=tuple(marks))

    @property
    def duration_ms(self) -> float:
        frames = len(self.pcm) / (self.sample_width * self.channels)
        return 1000.0 * frames / self.sample_rate


@dataclass
class Timing:
    """Where a segment, and each of its sentences, landed in the stitched audio."""

    start_ms: int
    end_ms: int
    sentences: list[tuple[int, int]] = field(default_factory=list)
