"""Synthesise: each segment spoken by the engine voice its role maps to.

Clips are checked before they go on: a clip that is silent, or far too short
for its words, is retried once and then fails the article with the segment's
text in the error. Bad audio is never stitched.
"""

from __future__ import annotations

import array
import math
from collections.abc import Callable, Sequence

from narrate.article import Clip, Segment
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
    samples = array.array("h", clip.pcm[: len(clip.pcm) // 2 * 2])
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


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
    progress: Callable[[], None] | None = None,
) -> list[Clip]:
    """One clip per segment, in order, spoken sentence by sentence with a mark at each sentence."""
    clips = []
    for seg in segments:
        voice = voices[seg.voice]
        clips.append(Clip.join([speak_checked(engine, s.speech, voice, seg.kind) for s in seg.parts()]))
        if progress:
            progress()
    return clips
