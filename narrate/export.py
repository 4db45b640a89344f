"""Export: the stitched clip as one tagged MP3, and its manifest beside it.

Every MP3 is normalised to -16 LUFS (narrate.loudness) and tagged with
mutagen: title, artist, attribution, chapters (CHAP frames with a CTOC table of
contents) and cover art. Files are written to a temporary name in the target
folder and renamed into place, so an interrupted run leaves the previous good
file or none.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from narrate.article import Article, Clip, Segment, Timing
from narrate.errors import ExportError
from narrate.loudness import Loudness, Pcm, encode_normalised, encode_speech
from narrate.files import write_atomically
from narrate.transcript import Chapter, chapters_json, cues_from_manifest, plain, webvtt


def atomic_write(target: Path, write: Callable[[Path], None]) -> None:
    """`files.write_atomically`, its failures said as errors a person can act on."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"cannot write to {target.parent} ({err.strerror})", "Choose a writable folder with -o") from err
    try:
        write_atomically(target, write)
    except OSError as err:
        raise ExportError(f"could not write {target} ({err.strerror})", "Check free disk space and permissions") from err


def write_mp3(
    clip: Clip,
    target: Path,
    tags: dict[str, str],
    chapters: Sequence[Chapter] = (),
    cover: bytes | None = None,
    levelled: list[bytes] | None = None,
) -> Loudness:
    """Encode at -16 LUFS, then tag with mutagen, atomically; return the loudness measured on the MP3.

    `levelled` receives the levelled PCM that was encoded (an edition joins it)."""
    if clip.sample_width != 2:
        raise ExportError(f"cannot encode {8 * clip.sample_width}-bit audio", "Stitch converts clips to 16-bit first; report this as a bug")
    return write_pcm_mp3(Pcm(clip.sample_rate, data=clip.pcm, channels=clip.channels), target, tags, chapters, cover, levelled)


def write_pcm_mp3(
    pcm: Pcm,
    target: Path,
    tags: dict[str, str],
    chapters: Sequence[Chapter] = (),
    cover: bytes | None = None,
    levelled: list[bytes] | None = None,
) -> Loudness:
    """The same for PCM that may live in a file on disk: an hour-long edition is never loaded whole."""
    measured: list[Loudness] = []

    def write(tmp: Path) -> None:
        if pcm.data is not None and pcm.channels == 1:
            measured.append(encode_speech(pcm, tmp, target.name, levelled))
        else:
            measured.append(encode_normalised(pcm, tmp, target.name))
        write_tags(tmp, tags, chapters, cover)

    atomic_write(target, write)
    return measured[0]


def write_tags(path: Path, tags: dict[str, str], chapters: Sequence[Chapter] = (), cover: bytes | None = None) -> None:
    """ID3v2.3: the usual tags, attribution, chapters and cover art.

    Version 2.3, because ffmpeg (and every M4B converter built on it) misreads the
    sizes inside a v2.4 chapter frame once a title passes 125 bytes and drops
    that chapter; with 2.3 it lists every chapter.

    Every text goes through `plain`, so control characters in an article
    (a NUL would end an ID3 string early) never reach the frames.
    """
    from mutagen.id3 import APIC, CHAP, COMM, CTOC, TALB, TCON, TDRC, TIT2, TPE1, TPUB, WOAS, WXXX, CTOCFlags

    frames = {"title": TIT2, "artist": TPE1, "album": TALB, "genre": TCON, "date": TDRC, "publication": TPUB}
    id3 = chapters_in_order_id3()
    for key, frame in frames.items():
        value = plain(tags.get(key) or "")
        if value:
            id3.add(frame(encoding=3, text=[value]))
    source = plain(tags.get("source") or "")
    if source:
        id3.add(COMM(encoding=3, lang="eng", desc="source", text=[source]))
        if source.startswith(("http://", "https://")):
            id3.add(WOAS(url=source))
    attribution = plain(tags.get("attribution") or "")
    if attribution:
        id3.add(COMM(encoding=3, lang="eng", desc="attribution", text=[attribution]))
    if chapters:
        chapters = sorted(chapters, key=lambda c: (c.start_ms, c.end_ms))
        ids = [f"chp{i}" for i in range(len(chapters))]
        for element_id, chapter in zip(ids, chapters, strict=True):
            sub: list[Any] = [TIT2(encoding=3, text=[plain(chapter.title) or element_id])]
            if chapter.url:
                sub.append(WXXX(encoding=3, desc="source", url=chapter.url))
            id3.add(CHAP(element_id=element_id, start_time=int(chapter.start_ms), end_time=int(chapter.end_ms), sub_frames=sub))
        id3.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=["Chapters"])],
            )
        )
    if cover:
        id3.add(APIC(encoding=3, mime="image/png", type=3, desc="Cover", data=cover))
    id3.save(str(path), v2_version=3)


def chapters_in_order_id3() -> Any:
    """An empty ID3 tag that writes its chapters in time order.

    mutagen writes frames of equal priority smallest first, so a chapter with a
    long title or a URL lands after the ones that follow it in time (chp0, chp2,
    chp1). ffmpeg, and the M4B converters built on it, list chapters in file
    order. This tag writes every other frame as mutagen does, then the table of
    contents, then the chapters sorted by start time.
    """
    from mutagen.id3 import ID3
    from mutagen.id3._tags import save_frame  # mutagen's own frame writer: the bytes stay mutagen's

    class ChaptersInOrder(ID3):  # type: ignore[misc]
        def _write(self, config: Any) -> bytes:
            moved = [*self.getall("CTOC"), *sorted(self.getall("CHAP"), key=lambda f: (f.start_time, f.end_time))]
            for frame in moved:
                del self[frame.HashKey]
            try:
                rest = super()._write(config)
            finally:
                for frame in moved:
                    self.add(frame)
            return bytes(rest) + b"".join(save_frame(frame, config=config) for frame in moved)

    return ChaptersInOrder()


def manifest(
    article: Article,
    segments: Sequence[Segment],
    timings: Sequence[Timing],
    engine: str,
    voices: dict[str, str],
    duration_ms: int,
) -> dict[str, Any]:
    """The manifest: what was said, by which voice, and when. export adds loudness once the MP3 exists."""
    return {
        "source": article.source,
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "engine": engine,
        "voices": voices,
        "duration_ms": duration_ms,
        "segments": [
            {
                "kind": seg.kind,
                "voice": seg.voice,
                "paragraph": seg.paragraph,
                "text": seg.text,
                "speech": seg.speech,
                "start_ms": t.start_ms,
                "end_ms": t.end_ms,
                "sentences": [
                    {"text": sentence.text, "start_ms": start, "end_ms": end}
                    for sentence, (start, end) in zip(seg.parts(), t.sentences, strict=True)
                ],
            }
            for seg, t in zip(segments, timings, strict=True)
        ],
    }


def write_json(data: dict[str, Any], target: Path) -> None:
    write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", target)


def transcript_paths(mp3: Path) -> tuple[Path, Path]:
    """Where the transcript and the JSON chapters of an MP3 go: beside it, same stem."""
    return mp3.with_suffix(".vtt"), mp3.with_name(mp3.stem + ".chapters.json")


def write_transcripts(data: dict[str, Any], mp3: Path, chapters: Sequence[Chapter], author: str | None = None) -> None:
    """`<stem>.vtt` (one cue per sentence) and `<stem>.chapters.json` beside an MP3, from its manifest."""
    vtt, chapters_file = transcript_paths(mp3)
    write_text(webvtt(cues_from_manifest(data)), vtt)
    write_json(chapters_json(chapters, data.get("title"), author), chapters_file)


def attribution(source: str, byline: str | None, publication: str | None = None) -> dict[str, str]:
    """Who wrote it and where it came from, as far as known: source URL, publication, byline."""
    url = source if source.startswith(("http://", "https://")) else ""
    if not publication and url:
        from urllib.parse import urlsplit

        publication = urlsplit(url).hostname or ""
    parts = {"source_url": url, "publication": publication or "", "byline": byline or ""}
    return {k: plain(v) for k, v in parts.items() if v}


def write_text(text: str, target: Path) -> None:
    """UTF-8 text (a transcript, a feed, a page), atomically."""

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    atomic_write(target, write)
