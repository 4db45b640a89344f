"""Export: the stitched clip as one tagged MP3, and its manifest beside it.

Both files are written to a temporary name in the target folder and renamed
into place, so an interrupted run leaves the previous good file or none.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from narrate.article import Article, Clip, Segment, Timing
from narrate.errors import ExportError
from narrate.ffmpeg import pydub_audio_segment

BITRATE = "96k"  # mono speech: 64 kbit/s is the floor, 96 keeps sibilants clean


def atomic_write(target: Path, write: Callable[[Path], None]) -> None:
    """Call write(tmp) on a temporary file beside `target`, then rename it into place."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as err:
        raise ExportError(f"cannot write to {target.parent} ({err.strerror})", "Choose a writable folder with -o") from err
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as err:
        raise ExportError(f"could not write {target} ({err.strerror})", "Check free disk space and permissions") from err
    finally:
        tmp.unlink(missing_ok=True)


def write_mp3(clip: Clip, target: Path, tags: dict[str, str]) -> None:
    """Encode with pydub (ffmpeg/LAME), then tag with mutagen, atomically."""
    AudioSegment = pydub_audio_segment()
    audio = AudioSegment(data=clip.pcm, sample_width=clip.sample_width, frame_rate=clip.sample_rate, channels=clip.channels)

    def write(tmp: Path) -> None:
        audio.export(str(tmp), format="mp3", bitrate=BITRATE, parameters=["-ac", "1"])
        write_tags(tmp, tags)

    atomic_write(target, write)


def write_tags(path: Path, tags: dict[str, str]) -> None:
    from mutagen.id3 import COMM, ID3, TALB, TCON, TDRC, TIT2, TPE1, WOAS

    frames = {"title": TIT2, "artist": TPE1, "album": TALB, "genre": TCON, "date": TDRC}
    id3 = ID3()
    for key, frame in frames.items():
        if tags.get(key):
            id3.add(frame(encoding=3, text=[tags[key]]))
    if tags.get("source"):
        id3.add(COMM(encoding=3, lang="eng", desc="source", text=[tags["source"]]))
        if tags["source"].startswith(("http://", "https://")):
            id3.add(WOAS(url=tags["source"]))
    id3.save(str(path), v2_version=4)


def manifest(
    article: Article,
    segments: Sequence[Segment],
    timings: Sequence[Timing],
    engine: str,
    voices: dict[str, str],
    duration_ms: int,
) -> dict[str, Any]:
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
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
