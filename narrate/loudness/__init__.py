"""Loudness: every MP3 at -16 LUFS integrated with true peak at or below -1 dBTP.

-16 LUFS is the spoken-word podcast norm, so stories sit at one level from
file to file and from story to story in an edition. One module a concern:

- `targets`: the promise (-16 LUFS ± 1 LU, ≤ -1 dBTP) and the values passed around;
- `meter`: a BS.1770 meter in numpy (integrated loudness, true peak);
- `levelling`: an article's speech levelled in memory (gain, soft clipper, limiter);
- `encode`: MP3s encoded and measured as a player decodes them; an edition,
  an hour or more on disk, levelled by ffmpeg's streaming filters instead.
"""

from __future__ import annotations

from narrate.loudness.encode import encode_measured, encode_normalised, encode_speech, measure, measure_pcm
from narrate.loudness.levelling import CLIP_KNEE, TRUE_PEAK_CEILING_DB, level_in_memory, limit, soft_clip
from narrate.loudness.meter import BLOCK, block_tops, block_true_peaks, integrated_loudness, true_peak
from narrate.loudness.targets import MAX_TRUE_PEAK, PEAK_AIM, TARGET_LUFS, TOLERANCE_LU, Loudness, Pcm

__all__ = [
    "BLOCK", "CLIP_KNEE", "MAX_TRUE_PEAK", "PEAK_AIM", "TARGET_LUFS", "TOLERANCE_LU", "TRUE_PEAK_CEILING_DB",
    "Loudness", "Pcm", "block_tops", "block_true_peaks", "encode_measured", "encode_normalised", "encode_speech",
    "integrated_loudness", "level_in_memory", "limit", "measure", "measure_pcm", "soft_clip", "true_peak",
]
