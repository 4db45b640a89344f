"""The audio edition: many articles as one programme, with its feed, transcript and player.

Each article is narrated as `narrate` does (its own MP3, manifest, transcript
and chapters). The edition then joins them, with a spoken introduction, a short
separator between stories and a closing line, into `edition-<date>.mp3`.

The join streams: every piece is decoded by ffmpeg into one raw PCM file on
disk, next to the output, and that file is encoded once. A one-hour edition is
about 160 MB of 16-bit PCM on disk and a few MB in memory.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import struct
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from narrate.article import Segment
from narrate.cache import Cache
from narrate.config import Config
from narrate.cover import artwork, draw_cover
from narrate.engines import Engine
from narrate.errors import ConfigError, ExportError, NarrateError
from narrate.export import atomic_write, attribution, write_json, write_pcm_mp3, write_text
from narrate.feed import write_feed
from narrate.ffmpeg import ffmpeg_exe
from narrate.loudness import Pcm
from narrate.normalise import normalise
from narrate.player import write_player
from narrate.read import stem_of
from narrate.stitch import SAMPLE_RATE, SAMPLE_WIDTH, stitch
from narrate.synthesise import synthesise, voices_for
from narrate.transcript import Chapter, chapters_json, cues_from_manifest, plain, webvtt

log = logging.getLogger("narrate")

CHUNK = 1 << 16
MAX_SEPARATOR_MS = 10_000


@dataclass
class Story:
    """One narrated article and where it sits in the edition."""

    source: str
    mp3: Path
    manifest: dict[str, Any]
    start_ms: int = 0
    end_ms: int = 0


@dataclass
class EditionResult:
    mp3: Path
    manifest: dict[str, Any]
    failed: list[tuple[str, NarrateError]] = field(default_factory=list)


NarrateOne = Callable[[str, Path], dict[str, Any]]


def edition_date(text: str | None) -> str:
    """--date as given (checked), else today's date, as YYYY-MM-DD."""
    if text is None:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ConfigError(f"--date {text!r} is not a date", "Write it as YYYY-MM-DD, e.g. --date 2024-03-01") from None


def spoken_date(date: str) -> str:
    """How the host says the date: "Friday the 1st of March 2024" reads badly, "Friday, 1 March 2024" well."""
    day = dt.date.fromisoformat(date)
    return f"{day:%A}, {day.day} {day:%B %Y}"


def headline_list(titles: Sequence[str]) -> str:
    """Each headline its own sentence: a pause after each, and no sentence long enough to
    swell the voice model's memory (twenty headlines in one sentence took Piper to 1.4 GB)."""
    clean = [plain(t).rstrip(".!?;:") for t in titles]
    if len(clean) <= 1:
        return "".join(clean)
    return ". ".join(clean[:-1]) + ". And " + clean[-1]


def build(
    sources: Sequence[str],
    out: Path,
    config: Config,
    engine: Engine,
    narrate_one: NarrateOne,
    date: str,
    title: str | None = None,
    cache: Cache | None = None,
    on_failure: Callable[[str, NarrateError], None] | None = None,
) -> EditionResult:
    """Narrate every source, then build the edition MP3, its transcript, chapters, cover, feed and player."""
    settings = config.edition
    name = plain(title or settings.title) or "narrate"
    stories: list[Story] = []
    failed: list[tuple[str, NarrateError]] = []
    for source in sources:
        target = out / f"{stem_of(source)}.mp3"
        try:
            stories.append(Story(source, target, narrate_one(source, target)))
        except NarrateError as err:
            failed.append((source, err))
            if on_failure:
                on_failure(source, err)
    if not stories:
        raise ExportError("no article could be narrated, so there is no edition", "Fix the errors above and run again")

    cover = artwork(settings) or draw_cover(name, spoken_date(date))
    write_bytes(cover, out / "cover.png")
    for story in stories:
        embed_cover(story.mp3, cover)

    said = {"title": name, "date": spoken_date(date)}
    intro_text = settings.intro.format(**said, headlines=headline_list([s.manifest["title"] for s in stories]))
    outro_text = settings.outro.format(**said)
    host = host_clips(intro_text, outro_text, config, engine, cache)
    separator = separator_pcm(settings.separator)

    mp3 = out / f"edition-{date}.mp3"
    segments: list[dict[str, Any]] = []
    with pcm_file(out) as (raw, path):
        at = 0

        def add(pcm: bytes) -> None:
            nonlocal at
            raw.write(pcm)
            at += len(pcm)

        intro_pcm, intro_segments = host["intro"]
        add(intro_pcm)
        segments += intro_segments
        for story in stories:
            add(separator)
            story.start_ms = ms(at)
            at += decode_into(story.mp3, raw)
            story.end_ms = ms(at)
            segments += shifted(story.manifest["segments"], story.start_ms)
        add(separator)
        outro_pcm, outro_segments = host["outro"]
        outro_start = ms(at)
        add(outro_pcm)
        segments += shifted(outro_segments, outro_start)
        duration_ms = ms(at)
        raw.flush()

        chapters = [
            Chapter(s.start_ms, s.end_ms, s.manifest["title"], attribution(s.manifest["source"], None).get("source_url"))
            for s in stories
        ]
        credits = [attribution(s.manifest["source"], s.manifest.get("byline")) for s in stories]
        tags = {
            "title": f"{name}: {date}",
            "artist": settings.author,
            "album": name,
            "genre": "Podcast",
            "date": date,
            "attribution": "; ".join(" · ".join([s.manifest["title"], *c.values()]) for s, c in zip(stories, credits, strict=True)),
        }
        loudness = write_pcm_mp3(Pcm(SAMPLE_RATE, path=path), mp3, tags, chapters, cover)

    manifest: dict[str, Any] = {
        "edition": name,
        "title": f"{name}: {spoken_date(date)}",
        "date": date,
        "date_label": spoken_date(date),
        "author": settings.author,
        "mp3": mp3.name,
        "duration_ms": duration_ms,
        **loudness.as_manifest(),
        "stories": [
            {
                "source": s.source,
                "mp3": s.mp3.name,
                "title": s.manifest["title"],
                "byline": s.manifest.get("byline"),
                "published": s.manifest.get("published"),
                **credit,
                "start_ms": s.start_ms,
                "end_ms": s.end_ms,
            }
            for s, credit in zip(stories, credits, strict=True)
        ],
        "segments": segments,
    }
    write_json(manifest, mp3.with_suffix(".json"))
    write_text(webvtt(cues_from_manifest(manifest)), mp3.with_suffix(".vtt"))
    write_json(chapters_json(chapters, manifest["title"], settings.author), mp3.with_name(f"{mp3.stem}.chapters.json"))
    write_feed(out, config)
    write_player(out, manifest, settings.language)
    return EditionResult(mp3, manifest, failed)


def ms(byte_count: int) -> int:
    return round(1000 * byte_count / (SAMPLE_WIDTH * SAMPLE_RATE))


def shifted(segments: Sequence[dict[str, Any]], offset: int) -> list[dict[str, Any]]:
    """Manifest segments moved `offset` ms later, sentences included."""
    out = []
    for seg in segments:
        moved = {**seg, "start_ms": seg["start_ms"] + offset, "end_ms": seg["end_ms"] + offset}
        moved["sentences"] = [{**s, "start_ms": s["start_ms"] + offset, "end_ms": s["end_ms"] + offset} for s in seg.get("sentences", [])]
        out.append(moved)
    return out


def host_clips(intro: str, outro: str, config: Config, engine: Engine, cache: Cache | None) -> dict[str, tuple[bytes, list[dict[str, Any]]]]:
    """The introduction and closing line, spoken by the `host` role, with their sentence timings."""
    result: dict[str, tuple[bytes, list[dict[str, Any]]]] = {}
    for key, text in (("intro", intro), ("outro", outro)):
        segments = normalise([Segment(kind="body", voice="host", text=text, paragraph=0)], config.lexicon)
        segments = [s for s in segments if s.speech]
        if not segments:
            result[key] = (b"", [])
            continue
        voices = voices_for(engine, config.roles(), segments)
        clips = synthesise(segments, engine, voices, cache)
        audio, timings = stitch(segments, clips, config.pauses)
        manifest = [
            {
                "kind": key,
                "voice": "host",
                "text": seg.text,
                "speech": seg.speech,
                "start_ms": t.start_ms,
                "end_ms": t.end_ms,
                "sentences": [{"text": s.text, "start_ms": a, "end_ms": b} for s, (a, b) in zip(seg.parts(), t.sentences, strict=True)],
            }
            for seg, t in zip(segments, timings, strict=True)
        ]
        result[key] = (audio.pcm, manifest)
    return result


def separator_pcm(kind: str) -> bytes:
    """The sound between stories: a soft two-note chime, a pause, or a short audio file."""
    if kind == "silence":
        return bytes(SAMPLE_WIDTH * SAMPLE_RATE * 3 // 2)
    if kind == "chime":
        return chime()
    path = Path(kind)
    if not path.is_file():
        raise ConfigError(f"[edition] separator {kind!r} is neither chime, silence nor a file", "Give chime, silence or the path of a short audio file")
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path), "-t", str(MAX_SEPARATOR_MS / 1000),
         "-f", "s16le", "-ac", "1", "-ar", str(SAMPLE_RATE), "pipe:1"],
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0 or not proc.stdout:
        raise ConfigError(f"[edition] separator {path} could not be decoded", "Use a short WAV, MP3 or OGG file")
    return proc.stdout


def chime() -> bytes:
    """Two soft bell-like notes, a fifth apart, between half-second pauses: audible, never startling."""
    rate = SAMPLE_RATE
    pad, ring = rate // 2, int(rate * 0.9)
    samples = [0.0] * (pad + int(rate * 0.16) + ring + pad)
    for freq, start in ((659.25, pad), (987.77, pad + int(rate * 0.16))):
        for i in range(ring):
            t = i / rate
            envelope = min(1.0, t / 0.008) * math.exp(-t * 5.5)
            samples[start + i] += 5200 * envelope * (math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t))
    return struct.pack(f"<{len(samples)}h", *(max(-32768, min(32767, int(v))) for v in samples))


@contextmanager
def pcm_file(folder: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """A temporary raw PCM file beside the outputs, removed afterwards whatever happens."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=".edition.", suffix=".pcm.part")
    except OSError as err:
        raise ExportError(f"cannot write to {folder} ({err.strerror})", "Choose a writable folder with -o") from err
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as raw:
            yield raw, path
    except OSError as err:
        raise ExportError(f"could not write the edition's audio in {folder} ({err.strerror})", "Check free disk space") from err
    finally:
        path.unlink(missing_ok=True)


def decode_into(mp3: Path, raw: BinaryIO) -> int:
    """Decode an MP3 to 16-bit mono PCM at the stitch rate, straight into `raw`; return the bytes written."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-ar", str(SAMPLE_RATE), "pipe:1"]
    written = 0
    with tempfile.TemporaryFile() as errors, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors) as proc:
        stdout: BinaryIO = proc.stdout  # type: ignore[assignment]  # a pipe, as asked
        while chunk := stdout.read(CHUNK):
            raw.write(chunk)
            written += len(chunk)
        proc.wait()
        errors.seek(0)
        detail = errors.read().decode(errors="replace").strip()
    if proc.returncode != 0:
        raise ExportError(f"could not decode {mp3} for the edition ({detail or 'no detail'})", "Narrate that article again with --force")
    if written % SAMPLE_WIDTH:
        raw.write(bytes(SAMPLE_WIDTH - written % SAMPLE_WIDTH))
        written += SAMPLE_WIDTH - written % SAMPLE_WIDTH
    return written


def write_bytes(data: bytes, target: Path) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    atomic_write(target, write)


def embed_cover(mp3: Path, cover: bytes) -> None:
    """Add the edition's cover art to an article's MP3, keeping its other tags; atomically."""
    from mutagen.id3 import APIC, ID3, ID3NoHeaderError

    def write(tmp: Path) -> None:
        tmp.write_bytes(mp3.read_bytes())
        try:
            tags = ID3(str(tmp))
        except ID3NoHeaderError:
            tags = ID3()
        tags.setall("APIC", [APIC(encoding=3, mime="image/png", type=3, desc="Cover", data=cover)])
        tags.save(str(tmp), v2_version=4)

    atomic_write(mp3, write)
