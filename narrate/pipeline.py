"""The pipeline, stage by stage: read → clean → split → normalise → synthesise → stitch → export."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from narrate.article import Article, Segment
from narrate.clean import clean
from narrate.config import Config
from narrate.engines import Engine, Voice
from narrate.export import manifest, write_json, write_mp3
from narrate.normalise import normalise
from narrate.read import read
from narrate.split import split
from narrate.stitch import stitch
from narrate.synthesise import synthesise, voices_for

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


def script(source: str, config: Config, stdin: BinaryIO | None = None) -> Script:
    """Everything before synthesis: the dry run."""
    article = clean(read(source, stdin))
    return Script(article, normalise(split(article), config.lexicon))


def narrate(
    source: str,
    target: Path,
    config: Config,
    engine: Engine,
    stdin: BinaryIO | None = None,
    on_segments: Callable[[int], None] | None = None,
    on_progress: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Narrate one article to `target` (an .mp3 path) and its manifest; return the manifest."""
    plan = script(source, config, stdin)
    voices = voices_for(engine, config.roles(), plan.segments)
    warn_if_not_english(plan, engine, voices["narrator"])
    if on_segments:
        on_segments(len(plan.segments))
    clips = synthesise(plan.segments, engine, voices, on_progress)
    audio, timings = stitch(plan.segments, clips, config.pauses)
    article = plan.article
    tags = {
        "title": article.title,
        "artist": article.byline or config.tags.artist,
        "album": config.tags.album,
        "genre": "Speech",
        "date": article.published or "",
        "source": article.source if article.source != "-" else "",
    }
    write_mp3(audio, target, tags)
    data = manifest(
        article,
        plan.segments,
        timings,
        engine.id,
        {role: str(voice) for role, voice in voices.items()},
        round(audio.duration_ms),
    )
    write_json(data, target.with_suffix(".json"))
    return data


def warn_if_not_english(plan: Script, engine: Engine, narrator: Voice) -> None:
    """An English voice reading French sounds like nonsense: say so, but carry on."""
    if not engine.language(narrator).lower().startswith("en"):
        return
    import py3langid

    text = " ".join(s.text for s in plan.segments)[:5000]
    lang, _ = py3langid.classify(text)
    if lang != "en":
        log.warning(
            "%s does not look like English (it looks like %r) but voice %s is English; the result may be hard to follow",
            plan.article.source,
            lang,
            narrator,
        )
