"""The plain values that pass between pipeline stages.

read -> Document -> clean -> Article -> split -> [Segment] -> normalise -> [Segment]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Format = Literal["text", "markdown", "html"]
BlockKind = Literal["heading", "paragraph"]
SegmentKind = Literal["headline", "standfirst", "body", "quote"]


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
class Segment:
    """A stretch of text read by one voice role.

    `text` is as written; `speech` is what the engine is given (filled in by
    normalise). `voice` is a role such as "narrator" or "quote", never an
    engine voice name. `paragraph` numbers the block the segment came from, so
    stitch can choose the pause at each boundary.
    """

    kind: SegmentKind
    voice: str
    text: str
    paragraph: int
    speech: str = ""

    def with_speech(self, speech: str) -> Segment:
        return replace(self, speech=speech)


@dataclass(frozen=True)
class Clip:
    """Audio that carries its own format: 16-bit PCM unless sample_width says otherwise."""

    pcm: bytes
    sample_rate: int
    sample_width: int = 2
    channels: int = 1

    @property
    def duration_ms(self) -> float:
        frames = len(self.pcm) / (self.sample_width * self.channels)
        return 1000.0 * frames / self.sample_rate


@dataclass
class Timing:
    """Where a segment landed in the stitched audio."""

    start_ms: int
    end_ms: int


@dataclass
class Narration:
    """What export receives: the segments, their timings and the audio."""

    article: Article
    segments: list[Segment]
    timings: list[Timing] = field(default_factory=list)
