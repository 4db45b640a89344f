"""The pipeline, stage by stage: read → clean → split → normalise → synthesise → stitch → export."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from narrate import __version__

from narrate.article import Article, Clip, Document, Segment, Timing
from narrate.cache import Cache
from narrate.clean import clean
from narrate.config import Config
from narrate.engines import Engine, Speaker
from narrate.edition.cover import title_card
from narrate.errors import ExportError
from narrate.files import facts, publish, staging
from narrate.export import attribution, manifest, transcript_paths, write_json, write_mp3, write_transcripts
from narrate.normalise import normalise
from narrate.read import read
from narrate.split import split
from narrate.stitch import stitch
from narrate.synthesise import synthesise, voices_for
from narrate.transcript import article_chapters

log = logging.getLogger("narrate")


@dataclass(frozen=True)
class Script:
    """What would be said: the article and its segments, speech filled in."""

    article: Article
    segments: list[Segment]

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.article.source,
            "title": self.article.title,
            "byline": self.article.byline,
            "published": self.article.published,
            "segments": [{"kind": s.kind, "voice": s.voice, "text": s.text, "speech": s.speech} for s in self.segments],
        }


def script(source: str, config: Config, stdin: BinaryIO | None = None, document: Document | None = None) -> Script:
    """Everything before synthesis: the dry run. `document`: an article already in hand (a queued job's text)."""
    article = clean(document or read(source, stdin))
    segments = [seg for seg in normalise(split(article), config.lexicon) if seg.speech]
    return Script(article, segments)


class Progress(Protocol):
    """What the CLI's progress bar needs to know."""

    def start(self, segments: int) -> None: ...

    def advance(self) -> None: ...


@dataclass(frozen=True)
class Result:
    manifest: dict[str, Any]
    skipped: bool  # True when the outputs were already up to date
    levelled: Clip | None = None  # the levelled audio the MP3 was encoded from, when just made (an edition joins it)


def fingerprint(plan: Script, engine: Engine, voices: dict[str, Speaker], config: Config) -> str:
    """A hash of everything an article's outputs are made from."""
    used = {id(s.engine): s.engine for s in voices.values()} | {id(engine): engine}
    recipe = {
        "narrate": __version__,
        "script": plan.as_json(),
        "engine": [engine.id, engine.version(), asdict(engine.options)],
        "engines": sorted([e.id, e.version(), asdict(e.options)] for e in used.values()),
        "voices": {role: str(speaker) for role, speaker in voices.items()},
        # The edition's settings do not change an article's files: its cover is a title card of its own.
        "config": {k: v for k, v in asdict(config).items() if k not in ("path", "edition")},
        "cover": "title card",
    }
    return hashlib.sha256(json.dumps(recipe, sort_keys=True, default=str).encode()).hexdigest()


def up_to_date(target: Path, recipe: str) -> dict[str, Any] | None:
    """The existing manifest, if the outputs at `target` were made from the same inputs."""
    try:
        old = json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(old, dict) or old.get("fingerprint") != recipe:
        return None
    recorded = old.get("files")
    outputs = (target, *transcript_paths(target))
    if not isinstance(recorded, dict) or set(recorded) != set(OUTPUT_ROLES):
        return None
    # A size is read from the directory and is cheap; hashing would make a warm run slow.
    for role, path in zip(OUTPUT_ROLES, outputs, strict=True):
        entry = recorded[role]
        if not isinstance(entry, dict) or not path.is_file() or path.stat().st_size != entry.get("bytes"):
            return None
    return old


OUTPUT_ROLES = ("mp3", "vtt", "chapters")


@dataclass
class Spoken:
    """An article synthesised and stitched, not yet written: export can run while the next one speaks."""

    plan: Script
    voices: dict[str, Speaker]
    recipe: str
    audio: Clip
    timings: list[Timing]
    target: Path
    config: Config
    engine_id: str
    cache: Cache | None = None

    def write(self) -> Result:
        """Export: the MP3 at -16 LUFS with tags and chapters, its transcript, chapters and manifest."""
        article, config, target = self.plan.article, self.config, self.target
        tags = {
            "title": article.title,
            "artist": article.byline or config.tags.artist,
            "album": config.tags.album,
            "genre": "Speech",
            "date": article.published or "",
            "source": article.source if article.source != "-" else "",
        }
        credit = attribution(tags["source"], article.byline)
        tags["publication"] = credit.get("publication", "")
        tags["attribution"] = " · ".join(credit.values())
        data = manifest(
            article,
            self.plan.segments,
            self.timings,
            self.engine_id,
            {role: str(speaker) for role, speaker in self.voices.items()},  # engine/voice
            round(self.audio.duration_ms),
        )
        chapters = article_chapters(data)
        card = title_card(article.title, credit.get("publication", ""))
        levelled: list[bytes] = []
        # Every file is written in a staging folder first: a failure there (a full disk) leaves
        # the previous complete set in place. Then they are renamed into place, the manifest last.
        try:
            with staging(target.parent, target.stem) as stage:
                staged = stage / target.name
                data.update(write_mp3(self.audio, staged, tags, chapters, card, levelled).as_manifest())
                data["fingerprint"] = self.recipe
                write_transcripts(data, staged, chapters, tags["artist"])
                data["files"] = {role: facts(path) for role, path in zip(OUTPUT_ROLES, (staged, *transcript_paths(staged)), strict=True)}
                write_json(data, staged.with_suffix(".json"))
                publish(stage, [target, *transcript_paths(target), target.with_suffix(".json")])
        except OSError as err:
            raise ExportError(f"could not write {target} ({err.strerror})", "Check free disk space and permissions") from err
        level = Clip(levelled[0], self.audio.sample_rate) if levelled else None
        keep_levelled(self.cache, self.recipe, level)
        return Result(data, skipped=False, levelled=level)


def speak(
    source: str,
    target: Path,
    config: Config,
    engine: Engine,
    *,
    cache: Cache | None = None,
    force: bool = False,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    document: Document | None = None,
) -> Result | Spoken:
    """Everything up to export; a Result straight away when the outputs are up to date."""
    plan = script(source, config, stdin, document)
    voices = voices_for(engine, config.roles(), plan.segments, config.engine_table)
    recipe = fingerprint(plan, engine, voices, config)
    existing = None if force else up_to_date(target, recipe)
    if existing:
        return Result(existing, skipped=True)
    warn_if_not_english(plan, voices["narrator"])
    if progress:
        progress.start(len(plan.segments))
    clips = synthesise(plan.segments, engine, voices, cache, progress.advance if progress else None)
    # The programme runs at the narrator's engine rate; other voices are resampled to it.
    rate = voices["narrator"].engine.sample_rate or None
    audio, timings = stitch(plan.segments, clips, config.pauses, rate=rate)
    return Spoken(plan, voices, recipe, audio, timings, target, config, engine.id, cache)


def _levelled_path(cache: Cache | None, recipe: str) -> Path | None:
    from narrate.cache import area

    if cache is None or cache.folder is None or not recipe:
        return None
    return area(cache.folder, "levelled") / f"{recipe}.wav"


def keep_levelled(cache: Cache | None, recipe: str, clip: Clip | None) -> None:
    """Keep an article's levelled PCM beside the sentence cache, keyed by its fingerprint, so an
    edition of up-to-date articles joins the very samples their MP3s were made from. Best effort."""
    from narrate.cache import encode_entry
    from narrate.files import write_atomically

    path = _levelled_path(cache, recipe)
    if path is None or clip is None:
        return
    try:
        entry = encode_entry(clip)

        def write(tmp: Path) -> None:
            tmp.write_bytes(entry)

        write_atomically(path, write)
    except OSError:
        log.warning("could not keep the levelled audio of %s in the cache", path.stem[:12])


def levelled_audio(cache: Cache | None, manifest: dict[str, Any]) -> Clip | None:
    """An article's levelled audio as kept by `keep_levelled`, checked against its checksum; None if gone or damaged."""
    from narrate.cache import DamagedEntry, decode_entry

    path = _levelled_path(cache, str(manifest.get("fingerprint") or ""))
    if path is None:
        return None
    try:
        clip = decode_entry(path.read_bytes())
    except OSError:
        return None
    except DamagedEntry as err:
        log.warning("the kept levelled audio %s… is damaged (%s); speaking that article again", path.stem[:12], err)
        return None
    return clip


def narrate(
    source: str,
    target: Path,
    config: Config,
    engine: Engine,
    *,
    cache: Cache | None = None,
    force: bool = False,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    document: Document | None = None,
) -> Result:
    """Narrate one article to `target` (an .mp3 path) and its manifest, unless they are up to date."""
    spoken = speak(source, target, config, engine, cache=cache, force=force, stdin=stdin, progress=progress, document=document)
    return spoken if isinstance(spoken, Result) else spoken.write()


# The commonest words of English, and of the languages most often mistaken for it on the web.
ENGLISH_WORDS = frozenset(
    "the and of to is was that for with it on as are by this from at have has be were said not but they "
    "which he she his her their would will been an or who its had".split()
)
OTHER_WORDS = frozenset(
    "le la les des est et une du au pour pas qui dans sur "  # French
    "der die das und ist nicht ein eine mit den sich auch "  # German
    "el los las y es del por con una para lo "  # Spanish
    "il di che per non della sono gli "  # Italian
    "os da em não uma do com "  # Portuguese
    "het een van zijn niet op".split()  # Dutch
)


def looks_english(text: str) -> bool:
    """A quick test with no model to load: one word in twenty or more is a common English one
    (a quarter, in most English prose), and common English words outnumber the others."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    english = sum(w in ENGLISH_WORDS for w in words)
    return len(words) < 20 or (english >= len(words) / 20 and english >= sum(w in OTHER_WORDS for w in words))


def warn_if_not_english(plan: Script, narrator: Speaker) -> None:
    """An English voice reading French sounds like nonsense: say so, but carry on."""
    if not narrator.engine.language(narrator.voice).lower().startswith("en"):
        return
    if not looks_english(" ".join(s.text for s in plan.segments)[:5000]):
        log.warning(
            "%s does not look like English but voice %s is English; the result may be hard to follow",
            plan.article.source,
            narrator,
        )
