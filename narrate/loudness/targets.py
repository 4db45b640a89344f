"""What every MP3 narrate writes must measure, and the two values loudness work passes around."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TARGET_LUFS = -16.0
TOLERANCE_LU = 1.0  # the promise: -16 ± 1 LU
AIM_LU = 0.4  # what we aim for, so the promise holds with room to spare
MAX_TRUE_PEAK = -1.0  # dBTP, the promise
PEAK_AIM = -1.5  # dBTP, what we aim for: MP3 encoding adds a little to peaks
SILENT_LUFS = -60.0  # quieter than this there is nothing to normalise (ebur128 reports silence as -70)


@dataclass(frozen=True)
class Loudness:
    """Integrated loudness (LUFS) and true peak (dBTP) of some audio."""

    lufs: float
    true_peak_dbtp: float

    def ok(self) -> bool:
        return abs(self.lufs - TARGET_LUFS) <= TOLERANCE_LU and self.true_peak_dbtp <= MAX_TRUE_PEAK

    def as_manifest(self) -> dict[str, float]:
        return {"loudness_lufs": round(self.lufs, 1), "true_peak_dbtp": round(self.true_peak_dbtp, 1)}


@dataclass(frozen=True)
class Pcm:
    """Raw mono 16-bit PCM to be encoded: in memory (`data`) or in a file on disk (`path`)."""

    sample_rate: int
    data: bytes | None = None
    path: Path | None = None
    channels: int = 1

    def input_args(self) -> list[str]:
        fmt = ["-f", "s16le", "-ar", str(self.sample_rate), "-ac", str(self.channels)]
        return [*fmt, "-i", str(self.path) if self.path is not None else "pipe:0"]
