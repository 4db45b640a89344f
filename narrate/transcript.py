"""Transcripts and chapters: WebVTT cues and Podcasting 2.0 JSON chapters from a manifest.

The manifest already says when every sentence starts and ends, so a transcript
is a rewrite of it, not a guess. Everything here is pure: strings and dicts in,
strings and dicts out; export writes them to disk.

Article text is untrusted. `plain` removes control characters (which break
ID3 frames and XML) and `vtt_text` escapes what WebVTT treats as markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

CHAPTERS_VERSION = "1.2.0"  # Podcasting 2.0 JSON chapters format version
_SPACE = re.compile(r"\s+")


_BREAKS = frozenset("\t\n\r\f\v\x85\u2028\u2029")
_DROPPED = frozenset({"Cc", "Cs", "Co", "Cn"})  # controls, lone surrogates, private use, unassigned


def plain(text: str) -> str:
    """One line of printable text: control characters dropped, whitespace collapsed.

    NUL ends an ID3 string and most controls are illegal in XML, so they never
    get further than this.
    """
    kept = (" " if ch in _BREAKS else ch for ch in text if ch in _BREAKS or unicodedata.category(ch) not in _DROPPED)
    return _SPACE.sub(" ", "".join(kept)).strip()


def vtt_text(text: str) -> str:
    """Cue text with WebVTT's markup characters escaped, so `<script>` is shown, not parsed."""
    return plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Cue:
    """One sentence on screen from start to end."""

    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True)
class Chapter:
    """A named stretch of a programme: a story in an edition, a part of an article."""

    start_ms: int
    end_ms: int
    title: str
    url: str | None = None


def cues_from_manifest(manifest: dict[str, Any], offset_ms: int = 0) -> list[Cue]:
    """One cue per sentence, shifted by `offset_ms` (where the article starts in an edition)."""
    cues = []
    for seg in manifest["segments"]:
        for sentence in seg.get("sentences") or [{"text": seg["text"], "start_ms": seg["start_ms"], "end_ms": seg["end_ms"]}]:
            text = plain(sentence["text"])
            if text:
                cues.append(Cue(offset_ms + sentence["start_ms"], offset_ms + sentence["end_ms"], text))
    return cues


def timestamp(ms: int) -> str:
    """WebVTT's HH:MM:SS.mmm."""
    ms = max(0, int(ms))
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def webvtt(cues: Iterable[Cue]) -> str:
    """A WebVTT file: numbered cues, text escaped; a cue never ends before it starts."""
    lines = ["WEBVTT", ""]
    for number, cue in enumerate(cues, 1):
        end = max(cue.end_ms, cue.start_ms + 1)
        lines += [str(number), f"{timestamp(cue.start_ms)} --> {timestamp(end)}", vtt_text(cue.text), ""]
    return "\n".join(lines)


def article_chapters(manifest: dict[str, Any]) -> list[Chapter]:
    """Two chapters for a single article: the headline with its standfirst, then the story.

    The first runs from the start of the file, the second to its end, so
    together they cover every moment and a player can always show one.
    """
    segments = manifest["segments"]
    duration = int(manifest["duration_ms"])
    title = plain(manifest.get("title") or "") or "Headline"
    body = next((s for s in segments if s["kind"] not in ("headline", "standfirst")), None)
    if body is None or body is segments[0]:
        return [Chapter(0, duration, title)]
    return [Chapter(0, int(body["start_ms"]), title), Chapter(int(body["start_ms"]), duration, "The story")]


def chapters_json(chapters: Sequence[Chapter], title: str | None = None, author: str | None = None) -> dict[str, Any]:
    """The Podcasting 2.0 JSON chapters document (times in seconds)."""
    doc: dict[str, Any] = {"version": CHAPTERS_VERSION}
    if title:
        doc["title"] = plain(title)
    if author:
        doc["author"] = plain(author)
    items = []
    for chapter in chapters:
        item: dict[str, Any] = {
            "startTime": round(chapter.start_ms / 1000, 3),
            "endTime": round(chapter.end_ms / 1000, 3),
            "title": plain(chapter.title),
        }
        if chapter.url:
            item["url"] = chapter.url
        items.append(item)
    doc["chapters"] = items
    return doc
