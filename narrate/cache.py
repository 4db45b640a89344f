"""A content-addressed cache of synthesised sentences.

The key is a hash of everything that changes the audio: engine id and
version, voice, engine options and the spoken text. Re-running an unchanged
article synthesises nothing; editing one paragraph re-synthesises only its
sentences. Entries are WAV files, written to a temporary name and renamed into
place, so two narrate processes can share one cache: the worst case is that
both synthesise the same sentence and one rename wins.

Location: --cache-dir, else $NARRATE_CACHE_DIR, else the user cache folder
($XDG_CACHE_HOME/narrate on Linux).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import wave
from dataclasses import asdict
from pathlib import Path

from narrate.article import Clip
from narrate.engines import Engine, Voice


def default_dir() -> Path:
    if os.environ.get("NARRATE_CACHE_DIR"):
        return Path(os.environ["NARRATE_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("narrate"))


class Cache:
    """Sentence audio on disk, keyed by what made it."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder  # None: caching is off
        self.hits = 0
        self.misses = 0

    def key(self, engine: Engine, voice: Voice, text: str) -> str:
        recipe = {
            "engine": engine.id,
            "version": engine.version(),
            "voice": str(voice),
            "options": asdict(engine.options),
            "text": text,
        }
        return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()

    def get(self, key: str) -> Clip | None:
        if self.folder is None:
            return None
        try:
            with wave.open(str(self.folder / key[:2] / f"{key}.wav"), "rb") as wav:
                clip = Clip(wav.readframes(wav.getnframes()), wav.getframerate(), wav.getsampwidth(), wav.getnchannels())
        except (OSError, EOFError, wave.Error):
            self.misses += 1
            return None
        self.hits += 1
        return clip

    def put(self, key: str, clip: Clip) -> None:
        """Store a clip; a cache that cannot be written is skipped, never fatal."""
        if self.folder is None:
            return
        path = self.folder / key[:2] / f"{key}.wav"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as raw, wave.open(raw, "wb") as wav:
                wav.setnchannels(clip.channels)
                wav.setsampwidth(clip.sample_width)
                wav.setframerate(clip.sample_rate)
                wav.writeframes(clip.pcm)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
