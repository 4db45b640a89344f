"""Synthesise: each segment spoken, sentence by sentence, by the engine voice its role maps to.

Sentences come from the cache when they can. Every new clip is checked before
it goes on: one that is silent, or far too short for its words, is retried
once and then fails the article with the sentence's text in the error. Bad
audio is never stitched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed

from narrate.article import Clip, Segment
from narrate.cache import Cache
from narrate.engines import Engine, Voice
from narrate.errors import ConfigError, EngineError

MIN_MS_PER_CHAR = 25  # even fast speech is over 40 ms a character; 25 flags truncation
SILENCE_RMS = 50  # 16-bit RMS below this is silence


def voices_for(engine: Engine, roles: dict[str, str], segments: Sequence[Segment]) -> dict[str, Voice]:
    """Parse and check the voice of every role the segments use; roles without one fall back to narrator."""
    needed = {s.voice for s in segments} | {"narrator"}
    if "narrator" not in roles:
        raise ConfigError(f"no narrator voice for engine {engine.id}", f"Add [voices.{engine.id}] narrator = \"...\"")
    return {role: engine.check_voice(Voice.parse(roles.get(role, roles["narrator"]))) for role in sorted(needed)}


def rms(clip: Clip) -> float:
    import numpy as np

    samples = np.frombuffer(clip.pcm[: len(clip.pcm) // 2 * 2], dtype=np.int16).astype(np.float64)
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


def problem(clip: Clip, text: str) -> str | None:
    """Why a clip is unusable for `text`, or None if it looks right."""
    if clip.sample_width != 2:
        return f"engine returned {8 * clip.sample_width}-bit audio, expected 16-bit"
    if rms(clip) < SILENCE_RMS:
        return "the audio is silent"
    if clip.duration_ms < MIN_MS_PER_CHAR * len(text):
        return f"the audio is {clip.duration_ms / 1000:.1f} s, too short for {len(text)} characters"
    return None


def speak_checked(engine: Engine, text: str, voice: Voice, kind: str) -> Clip:
    """One sentence, checked; retried once if the audio is bad."""
    clip = engine.synthesise(text, voice)
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


def synthesise(
    segments: Sequence[Segment],
    engine: Engine,
    voices: dict[str, Voice],
    cache: Cache | None = None,
    progress: Callable[[], None] | None = None,
) -> list[Clip]:
    """One clip per segment, in order, spoken sentence by sentence with a mark at each sentence.

    Sentences found in the cache are not synthesised again. The engine says
    how many of the rest to speak at once (engine.workers: gTTS waits on the
    network; Piper runs many sentences one per core, a few over every core).
    """
    cache = cache or Cache(None)
    jobs = [(i, voices[seg.voice], s.speech, seg.kind) for i, seg in enumerate(segments) for s in seg.parts()]
    keys = [cache.key(engine, voice, text) for _, voice, text, _ in jobs]
    results: list[Clip | None] = [cache.get(key) for key in keys]
    remaining = Counter(i for (i, *_), clip in zip(jobs, results, strict=True) if clip is None)
    if progress:
        for _ in set(range(len(segments))) - set(remaining):
            progress()  # segments wholly from the cache

    def run(n: int) -> Clip:
        _, voice, text, kind = jobs[n]
        clip = speak_checked(engine, text, voice, kind)
        cache.put(keys[n], clip)
        return clip

    def finished(n: int, clip: Clip) -> None:
        results[n] = clip
        segment = jobs[n][0]
        remaining[segment] -= 1
        if progress and remaining[segment] == 0:
            progress()

    missing = [n for n, clip in enumerate(results) if clip is None]
    workers = engine.workers(len(missing)) if missing else 1
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(run, n): n for n in missing}
            for future in as_completed(futures):
                finished(futures[future], future.result())
    else:
        for n in missing:
            finished(n, run(n))
    grouped: list[list[Clip]] = [[] for _ in segments]
    for (i, *_), clip in zip(jobs, results, strict=True):
        grouped[i].append(clip)  # type: ignore[arg-type]
    return [Clip.join(clips) for clips in grouped]
