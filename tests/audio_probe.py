"""Where the pauses are in a decoded MP3, as ffmpeg's silencedetect hears them (shared by the timing tests)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from narrate.ffmpeg import ffmpeg_exe


def pauses(mp3: Path, min_ms: int) -> list[tuple[int, int]]:
    """Every stretch at least `min_ms` long under -45 dB, as (start, end) in milliseconds."""
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(mp3), "-af", f"silencedetect=noise=-45dB:d={min_ms / 1000}", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    starts = [round(1000 * float(x)) for x in re.findall(r"silence_start: (-?[\d.]+)", proc.stderr)]
    ends = [round(1000 * float(x)) for x in re.findall(r"silence_end: ([\d.]+)", proc.stderr)]
    return list(zip(starts, ends, strict=False))


def off_pause_ms(at_ms: int, found: list[tuple[int, int]]) -> int:
    """How far a time lies outside the nearest pause: 0 when it is in one.

    A segment's start belongs in the pause before it. It may fall short of the
    pause's end: a voice can open softly (a breath, an "s") under the threshold,
    and that quiet is heard as part of the pause. Speech before the start means
    the manifest is late; speech after a start far from any pause means it is early.
    """
    return min(max(start - at_ms, at_ms - end, 0) for start, end in found)
