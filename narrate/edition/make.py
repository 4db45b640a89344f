"""Build one edition: many articles as one programme, with its transcript, covers, pages and feed.

Each article is narrated as `narrate` does (its own MP3, manifest, transcript
and chapters). The edition then joins the articles' levelled PCM (the very
samples their MP3s were encoded from, never a decoded MP3), with a spoken
introduction, a short separator between stories and a closing line, into
`edition-<date>.mp3`.

The join streams: each story's PCM is appended to one raw file on disk beside
the output as soon as its article is done, and that file is encoded once. A
one-hour edition is about 160 MB of 16-bit PCM on disk and a few MB in memory.

Files of one date (`edition-<date>.*`) and that date's feed item are all a
rebuild of the date changes, besides `index.html` (which lists every edition)
and `feed.xml`, which holds every item. `cover.png` is the show's and does not
change from day to day.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import shutil
import struct
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from narrate.article import Clip, Segment
from narrate.cache import Cache
from narrate.config import Config
from narrate.edition import cover as covers
from narrate.edition import feed, manifests, player
from narrate.edition import settings as edition_settings
from narrate.engines import Engine, speakers
from narrate.errors import ConfigError, ExportError, NarrateError
from narrate.export import atomic_write, attribution, write_json, write_pcm_mp3, write_text
from narrate.ffmpeg import ffmpeg_exe
from narrate.loudness import Pcm
from narrate.normalise import normalise
from narrate.plan import planned_outputs
from narrate.stitch import SAMPLE_RATE, SAMPLE_WIDTH, stitch
from narrate.synthesise import synthesise
from narrate.transcript import Chapter, chapters_json, cues_from_manifest, plain, webvtt

log = logging.getLogger("narrate")

CHUNK = 1 << 16
MAX_SEPARATOR_MS = 10_000
INTRODUCTION = "Introduction"


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


class Narrated(Protocol):
    """What narrating one article gives the edition (`pipeline.Result` is one): its manifest and,
    when just made, the levelled audio its MP3 was encoded from."""

    @property
    def manifest(self) -> dict[str, Any]: ...

    @property
    def levelled(self) -> Clip | None: ...


# narrate_one(source, target, force) -> pipeline.Result. `force`: narrate again even if up to date
# (asked only when an up-to-date article's levelled audio is no longer kept beside the cache).
NarrateOne = Callable[[str, Path, bool], Narrated]


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


def check(sources: Sequence[str], out: Path, config: Config, date: str) -> None:
    """Everything that can be refused before any audio work: the output plan and every [edition] setting."""
    planned_outputs(sources, out, edition_date=date)
    edition_settings.check(config)


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
    """Narrate every source, then build the edition MP3, its transcript, chapters, covers, pages and feed."""
    check(sources, out, config, date)
    targets = {item.source: item.mp3 for item in planned_outputs(sources, out)}
    settings = config.edition
    name = plain(title or settings.title) or "narrate"
    artwork = edition_settings.resolve(config, settings.artwork) if settings.artwork else None
    separator = separator_pcm(settings.separator, config)
    stories: list[Story] = []
    failed: list[tuple[str, NarrateError]] = []
    with pcm_file(out) as (body, body_path):
        for source in sources:
            target = targets[source]
            try:
                manifest, pcm = narrated(source, target, narrate_one, cache)
            except NarrateError as err:
                failed.append((source, err))
                if on_failure:
                    on_failure(source, err)
                continue
            story = Story(source, target, manifest)
            stories.append(story)
            body.write(separator)
            story.start_ms = ms(body.tell())  # from the end of the introduction, for now
            body.write(pcm)
            story.end_ms = ms(body.tell())
            del pcm
        if not stories:
            raise ExportError("no article could be narrated, so there is no edition", "Fix the errors above and run again")
        body.write(separator)
        body.flush()
        said = {"title": name, "date": spoken_date(date)}
        intro_text = settings.intro.format(**said, headlines=headline_list([s.manifest["title"] for s in stories]))
        outro_text = settings.outro.format(**said)
        host, host_voice = host_clips(intro_text, outro_text, config, engine, cache)
        result = join(out, date, name, config, stories, host, host_voice, body, body_path, artwork)
    result.failed = failed
    return result


def narrated(source: str, target: Path, narrate_one: NarrateOne, cache: Cache | None) -> tuple[dict[str, Any], bytes]:
    """An article's manifest and its levelled PCM at the edition's rate: just made, else kept beside the cache,
    else made again. An article whose narrator speaks at another rate (Kokoro's 24 kHz) is resampled once."""
    from narrate.pipeline import levelled_audio
    from narrate.stitch import to_target

    done = narrate_one(source, target, False)
    clip = done.levelled or levelled_audio(cache, done.manifest)
    if clip is None:  # up to date, but its levelled audio is no longer kept: speak it again (the sentence cache helps)
        done = narrate_one(source, target, True)
        clip = done.levelled
    if clip is None:
        raise ExportError(f"{source}: its levelled audio was not kept", "Run the edition again with --force")
    pcm = to_target(clip, SAMPLE_RATE)
    if len(pcm) % SAMPLE_WIDTH:
        pcm += bytes(SAMPLE_WIDTH - len(pcm) % SAMPLE_WIDTH)
    return done.manifest, pcm


def join(
    out: Path,
    date: str,
    name: str,
    config: Config,
    stories: list[Story],
    host: dict[str, tuple[bytes, list[dict[str, Any]]]],
    host_voice: str,
    body: BinaryIO,
    body_path: Path,
    artwork: Path | None,
) -> EditionResult:
    """Introduction + stories + closing line into the edition's MP3; then its manifest, transcript, covers, pages, feed."""
    settings = config.edition
    intro_pcm, intro_segments = host["intro"]
    outro_pcm, outro_segments = host["outro"]
    offset = ms(len(intro_pcm))
    for story in stories:
        story.start_ms += offset
        story.end_ms += offset
    segments = list(intro_segments)
    for story in stories:
        segments += shifted(story.manifest["segments"], story.start_ms)
    outro_start = offset + ms(body.tell())
    segments += shifted(outro_segments, outro_start)

    date_cover = covers.edition_cover(name, spoken_date(date), artwork)
    show_cover = covers.show_cover(name, artwork)
    chapters = [Chapter(0, stories[0].start_ms, INTRODUCTION)] + [
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
    mp3 = out / f"edition-{date}.mp3"
    with pcm_file(out) as (whole, whole_path):
        whole.write(intro_pcm)
        body.seek(0)
        shutil.copyfileobj(body, whole, CHUNK)
        whole.write(outro_pcm)
        duration_ms = ms(whole.tell())
        whole.flush()
        loudness = write_pcm_mp3(Pcm(SAMPLE_RATE, path=whole_path), mp3, tags, chapters, date_cover)

    identity = feed.show_identity(config)
    manifest: dict[str, Any] = {
        "edition": name,
        "title": f"{name}: {spoken_date(date)}",
        "date": date,
        "date_label": spoken_date(date),
        "author": plain(settings.author),
        "guid": feed.guid(identity, date),
        "explicit": settings.explicit,
        "language": settings.language,
        "mp3": mp3.name,
        "cover": f"edition-{date}.png",
        "page": f"edition-{date}.html",
        "duration_ms": duration_ms,
        **loudness.as_manifest(),
        "voices": {"host": host_voice},
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
    write_bytes(date_cover, out / f"edition-{date}.png")
    write_bytes(show_cover, out / "cover.png")
    write_text(webvtt(cues_from_manifest(manifest)), mp3.with_suffix(".vtt"))
    write_json(chapters_json(chapters, manifest["title"], settings.author), mp3.with_name(f"{mp3.stem}.chapters.json"))
    write_text(player.render(manifest, settings.language), out / manifest["page"])
    write_json(manifest, mp3.with_suffix(".json"))  # the manifest last: it says the edition is complete
    every = [manifest, *manifests.editions(out, skip=date)]
    feed.write_feed(out, config, every)
    player.write_index(out, every, settings.language)
    return EditionResult(mp3, manifest)


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


def host_clips(intro: str, outro: str, config: Config, engine: Engine, cache: Cache | None) -> tuple[dict[str, tuple[bytes, list[dict[str, Any]]]], str]:
    """The introduction and closing line, spoken by the `host` role, levelled, with their sentence timings;
    and who the host is (`engine/voice`, as manifests write it).

    Both are synthesised in one call: the engine then speaks them as it spoke the articles, with
    no second copy of its voice loaded for a handful of sentences.
    """
    from narrate.loudness import level_in_memory

    parts = {}
    for key, text in (("intro", intro), ("outro", outro)):
        segments = normalise([Segment(kind="body", voice="host", text=text, paragraph=0)], config.lexicon)
        parts[key] = [s for s in segments if s.speech]
    every = [*parts["intro"], *parts["outro"]]
    voices = speakers(engine, config.roles(), {"host"}, config.engine_table)
    clips = synthesise(every, engine, voices, cache) if every else []
    result: dict[str, tuple[bytes, list[dict[str, Any]]]] = {}
    at = 0
    for key, segments in parts.items():
        own, at = clips[at : at + len(segments)], at + len(segments)
        if not segments:
            result[key] = (b"", [])
            continue
        audio, timings = stitch(segments, own, config.pauses)
        try:
            pcm = level_in_memory(audio.pcm, audio.sample_rate)
        except ExportError:
            pcm = audio.pcm  # too short or quiet to measure: the edition's own levelling takes care of it
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
        result[key] = (pcm, manifest)
    return result, str(voices["host"])


def separator_pcm(kind: str, config: Config | None = None) -> bytes:
    """The sound between stories: a soft two-note chime, a pause, or a short audio file (relative to narrate.toml)."""
    if kind == "silence":
        return bytes(SAMPLE_WIDTH * SAMPLE_RATE * 3 // 2)
    if kind == "chime":
        return chime()
    path = edition_settings.resolve(config, kind) if config else Path(kind)
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
    return proc.stdout[: len(proc.stdout) - len(proc.stdout) % SAMPLE_WIDTH]


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
    """A temporary raw PCM file beside the outputs, removed afterwards whatever happens; named for this
    host and process, so one left by a killed run is swept by a later run (narrate.files)."""
    from narrate.files import temp_beside

    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = temp_beside(folder / "edition.pcm")
    except OSError as err:
        raise ExportError(f"cannot write to {folder} ({err.strerror})", "Choose a writable folder with -o") from err
    try:
        with path.open("w+b") as raw:
            yield raw, path
    except OSError as err:
        raise ExportError(f"could not write the edition's audio in {folder} ({err.strerror})", "Check free disk space") from err
    finally:
        path.unlink(missing_ok=True)


def write_bytes(data: bytes, target: Path) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    atomic_write(target, write)
