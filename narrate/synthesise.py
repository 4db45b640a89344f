"""Synthesise: each segment spoken, sentence by sentence, by the engine and voice its role maps to.

Sentences come from the cache when they can (a cached clip that fails the
checks below is a miss). A sentence longer than its engine takes safely in
one call is cut at clause or word breaks first (`engines.pieces`), so no
input, however it is punctuated, makes an engine hold it all at once. Every
new clip is checked before it goes on: one that is silent, or far too short
for its words, is retried once and then fails the article with the text in the
error. Bad audio is never stitched.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from narrate.article import Clip, Segment
from narrate.cache import Cache
from narrate.engines import Engine, Speaker, Voice, pieces, speakers
from narrate.errors import EngineError

MIN_MS_PER_CHAR = 25  # even fast speech is over 40 ms a character; 25 flags truncation
SILENCE_RMS = 50  # 16-bit RMS below this is silence


def voices_for(
    engine: Engine,
    roles: dict[str, str],
    segments: Sequence[Segment],
    tables: Callable[[str], dict[str, Any]] | None = None,
) -> dict[str, Speaker]:
    """The engine and voice of every role the segments use, checked; roles without one read as the narrator.

    `engine` is the narrator's engine; a role whose voice names another engine
    (`kokoro/bm_george`) gets that one, with options from `tables(engine_id)`.
    """
    return speakers(engine, roles, {s.voice for s in segments}, tables)


def rms(clip: Clip) -> float:
    """The clip's root mean square, in 16-bit units. Every cached sentence is checked on every run,
    so it is one float32 dot product (float64 squares took 0.1 s or more for an article)."""
    import numpy as np

    samples = np.frombuffer(clip.pcm[: len(clip.pcm) // 2 * 2], dtype=np.int16).astype(np.float32)
    return math.sqrt(float(np.dot(samples, samples)) / len(samples)) if len(samples) else 0.0


def problem(clip: Clip, text: str) -> str | None:
    """Why a clip is unusable for `text`, or None if it looks right."""
    if clip.sample_width != 2:
        return f"engine returned {8 * clip.sample_width}-bit audio, expected 16-bit"
    if rms(clip) < SILENCE_RMS:
        return "the audio is silent"
    if clip.duration_ms < MIN_MS_PER_CHAR * len(text):
        return f"the audio is {clip.duration_ms / 1000:.1f} s, too short for {len(text)} characters"
    return None


def speak_checked(engine: Engine, text: str, voice: Voice, kind: str, first: Clip | None = None) -> Clip:
    """One piece of text, checked; spoken again once if the audio is bad. `first`: a take already made."""
    clip = first if first is not None else engine.synthesise(text, voice)
    why = problem(clip, text)
    if why:
        clip = engine.synthesise(text, voice)
        why = problem(clip, text)
    if why:
        raise EngineError(
            f"{engine.id} failed twice on the {kind} {text[:80]!r}: {why}",
            "Check the text of that passage, or try another --engine",
        )
    return clip


def join_pieces(clips: Sequence[Clip]) -> Clip:
    """The pieces of one sentence end to end, as one clip (one voice: one format)."""
    if len(clips) == 1:
        return clips[0]
    return Clip(b"".join(c.pcm for c in clips), clips[0].sample_rate, clips[0].sample_width, clips[0].channels)


@dataclass
class _Job:
    """One sentence to speak: which segment it belongs to, by whom, and its pieces as they come back."""

    segment: int
    speaker: Speaker
    text: str
    kind: str
    key: str
    parts: list[str] = field(default_factory=list)
    clips: dict[int, Clip] = field(default_factory=dict)


def synthesise(
    segments: Sequence[Segment],
    engine: Engine,
    voices: Mapping[str, Speaker | Voice],
    cache: Cache | None = None,
    progress: Callable[[], None] | None = None,
) -> list[Clip]:
    """One clip per segment, in order, spoken sentence by sentence with a mark at each sentence.

    `voices` maps each role to its speaker (a bare Voice reads with `engine`,
    the narrator's). Sentences found in the cache are not synthesised again;
    the rest go to each engine in one batch (`synthesise_many`), which speaks
    them side by side where it can, and each is checked and cached as it comes back.
    """
    cache = cache or Cache(None)
    cast = {role: v if isinstance(v, Speaker) else Speaker(engine, v) for role, v in voices.items()}
    jobs: list[_Job] = []
    for i, seg in enumerate(segments):
        speaker = cast[seg.voice]
        for sentence in seg.parts():
            key = cache.key(speaker.engine, speaker.voice, sentence.speech)
            jobs.append(_Job(i, speaker, sentence.speech, seg.kind, key))
    results: list[Clip | None] = [
        cache.get(job.key, check=lambda clip, text=job.text: problem(clip, text)) for job in jobs
    ]
    remaining = Counter(job.segment for job, clip in zip(jobs, results, strict=True) if clip is None)
    if progress:
        for _ in set(range(len(segments))) - set(remaining):
            progress()  # segments wholly from the cache

    # The missing sentences, cut to what each engine takes in one call, batched per engine.
    batches: dict[int, tuple[Engine, list[tuple[int, int]]]] = {}
    for n, job in enumerate(jobs):
        if results[n] is not None:
            continue
        job.parts = pieces(job.text, job.speaker.engine.max_chars) or [job.text]
        _, refs = batches.setdefault(id(job.speaker.engine), (job.speaker.engine, []))
        refs.extend((n, p) for p in range(len(job.parts)))

    done: defaultdict[int, int] = defaultdict(int)
    for speaking, refs in batches.values():
        items = [(jobs[n].parts[p], jobs[n].speaker.voice) for n, p in refs]
        for k, take in speaking.synthesise_many(items):
            n, p = refs[k]
            job = jobs[n]
            job.clips[p] = speak_checked(speaking, job.parts[p], job.speaker.voice, job.kind, take)
            done[n] += 1
            if done[n] < len(job.parts):
                continue
            clip = join_pieces([job.clips[i] for i in range(len(job.parts))])
            job.clips.clear()
            cache.put(job.key, clip)
            results[n] = clip
            remaining[job.segment] -= 1
            if progress and remaining[job.segment] == 0:
                progress()

    grouped: list[list[Clip]] = [[] for _ in segments]
    for job, clip in zip(jobs, results, strict=True):
        grouped[job.segment].append(clip)  # type: ignore[arg-type]
    return [Clip.join(clips) for clips in grouped]
