"""A content-addressed cache of synthesised sentences, checked on every read.

The key is a hash of everything that changes the audio: engine id and
version, voice, engine options and the spoken text. Re-running an unchanged
article synthesises nothing; editing one paragraph re-synthesises only its
sentences.

Layout, versioned so that a later narrate can change it without misreading
this one (entries of another layout are simply not looked at):

    <cache>/v2/sentences/ab/<key>.wav   sentence audio
    <cache>/v2/models/                  voice models assembled on first use
    <cache>/v2/pages/                   fetched web pages

An entry is a WAV file (16-bit mono, playable as it is) with one more RIFF
chunk, `nrt2`, holding the sample rate, width, channels, frame count and
sha256 of its audio as they were written. An entry is used only when all of
them agree with what is read back. A truncated, garbled, or foreign entry is a
miss: narrate says so in one line, speaks the sentence again and rewrites it.

Entries are written to a temporary name and renamed into place, so two narrate
processes can share one cache: the worst case is that both synthesise the same
sentence and one rename wins.

Location: --cache-dir, else $NARRATE_CACHE_DIR, else the user cache folder
($XDG_CACHE_HOME/narrate on Linux).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import struct
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from narrate.article import Clip
from narrate.engines import Engine, Voice
from narrate.files import write_atomically

log = logging.getLogger("narrate")

LAYOUT = "v2"
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # a sentence is at most a few MB of 16-bit audio
META_CHUNK = b"nrt2"


def default_dir() -> Path:
    if os.environ.get("NARRATE_CACHE_DIR"):
        return Path(os.environ["NARRATE_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("narrate"))


def area(folder: Path, name: str) -> Path:
    """One part of the cache's current layout: sentences, models, pages."""
    return folder / LAYOUT / name


class DamagedEntry(Exception):
    """A cache entry that is not what was written."""


def encode_entry(clip: Clip) -> bytes:
    """A WAV file of the clip with its checksum chunk."""
    meta = json.dumps(
        {
            "sample_rate": clip.sample_rate,
            "sample_width": clip.sample_width,
            "channels": clip.channels,
            "frames": len(clip.pcm) // (clip.sample_width * clip.channels),
            "sha256": hashlib.sha256(clip.pcm).hexdigest(),
        },
        sort_keys=True,
    ).encode()
    block = clip.channels * clip.sample_width
    fmt = struct.pack("<HHIIHH", 1, clip.channels, clip.sample_rate, clip.sample_rate * block, block, 8 * clip.sample_width)
    body = b"WAVE" + _chunk(b"fmt ", fmt) + _chunk(b"data", clip.pcm) + _chunk(META_CHUNK, meta)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _chunk(tag: bytes, data: bytes) -> bytes:
    return tag + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")


def decode_entry(raw: bytes) -> Clip:
    """The clip in an entry, or DamagedEntry saying what does not agree."""
    if raw[:4] != b"RIFF" or raw[8:12] != b"WAVE":
        raise DamagedEntry("not a WAV file")
    chunks: dict[bytes, bytes] = {}
    at = 12
    while at + 8 <= len(raw):
        tag, size = raw[at : at + 4], struct.unpack("<I", raw[at + 4 : at + 8])[0]
        chunks[tag] = raw[at + 8 : at + 8 + size]
        at += 8 + size + size % 2
    if META_CHUNK not in chunks or b"fmt " not in chunks or b"data" not in chunks:
        raise DamagedEntry("no checksum; written by something else")
    try:
        meta = json.loads(chunks[META_CHUNK])
        tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", chunks[b"fmt "][:16])
    except (ValueError, struct.error) as err:
        raise DamagedEntry(f"unreadable header ({err})") from None
    pcm = chunks[b"data"]
    if not isinstance(meta, dict) or (tag, channels, rate, bits // 8) != (1, meta.get("channels"), meta.get("sample_rate"), meta.get("sample_width")):
        raise DamagedEntry("its format differs from the one it was written with")
    if (bits, channels) != (16, 1):
        raise DamagedEntry(f"{bits}-bit, {channels} channel(s): narrate caches 16-bit mono")
    if len(pcm) != meta.get("frames", -1) * 2:
        raise DamagedEntry(f"{len(pcm) // 2} frames where {meta.get('frames')} were written")
    if hashlib.sha256(pcm).hexdigest() != meta.get("sha256"):
        raise DamagedEntry("its audio does not match its checksum")
    return Clip(pcm, rate)


def read_entry(path: Path) -> bytes:
    """An entry's bytes: only a regular file of a sane size is read (never a FIFO, never /dev/zero)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            raise DamagedEntry("not a regular file of a sentence's size")
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(MAX_ENTRY_BYTES + 1)
    finally:
        os.close(fd)


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

    def path(self, key: str) -> Path | None:
        return None if self.folder is None else area(self.folder, "sentences") / key[:2] / f"{key}.wav"

    def get(self, key: str, check: Callable[[Clip], str | None] | None = None) -> Clip | None:
        """The clip stored under `key`, or None. An entry that is damaged, or that `check` finds a
        problem with (silent, too short for its text), is a miss said in one line; it is
        rewritten when the sentence is spoken again."""
        path = self.path(key)
        if path is None:
            return None
        try:
            clip = decode_entry(read_entry(path))
            why = check(clip) if check else None
            if why:
                raise DamagedEntry(why)
        except OSError:
            self.misses += 1
            return None
        except DamagedEntry as err:
            self.misses += 1
            log.warning("cache entry %s… is damaged (%s); speaking that sentence again", key[:12], err)
            return None
        self.hits += 1
        return clip

    def put(self, key: str, clip: Clip) -> None:
        """Store a clip; a cache that cannot be written is skipped, never fatal."""
        path = self.path(key)
        if path is None or clip.sample_width != 2 or clip.channels != 1:
            return
        data = encode_entry(clip)
        try:
            write_atomically(path, lambda tmp: tmp.write_bytes(data))
        except OSError:
            pass
