"""ffmpeg: always the binary in the imageio-ffmpeg wheel, a known recent version (loudness needs
ffmpeg 7 or later for its loopback decoder; a system's ffmpeg may be older)."""

from __future__ import annotations

import subprocess
from functools import cache

from narrate.errors import EngineError


@cache
def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def decode_to_pcm(data: bytes, sample_rate: int, filters: str = "") -> bytes:
    """Decode compressed audio (MP3 from an engine) to mono 16-bit PCM at `sample_rate`."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", "pipe:0"]
    if filters:
        cmd += ["-af", filters]
    cmd += ["-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1", "-ar", str(sample_rate), "pipe:1"]
    proc = subprocess.run(cmd, input=data, capture_output=True, check=False)
    if proc.returncode != 0:
        detail = proc.stderr.decode(errors="replace").strip().splitlines()
        raise EngineError(
            f"ffmpeg could not decode the engine's audio ({detail[-1] if detail else 'no detail'})",
            "The engine returned something that is not audio; try again or use --engine piper",
        )
    return proc.stdout


@cache
def pydub_audio_segment() -> type:
    """pydub's AudioSegment, pointed at our ffmpeg. Imported lazily: pydub warns at import when ffmpeg is not on PATH."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg_exe()
    return AudioSegment
