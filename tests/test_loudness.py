"""Loudness: every MP3 narrate writes measures -16 LUFS ±1 with true peak ≤ -1 dBTP, decoded.

Measured here with ffmpeg's ebur128 on the decoded MP3, the way a listener's
player would see it; real Piper speech, real encoder.
"""

from __future__ import annotations

import json
import math
import struct
import subprocess
from pathlib import Path

import pytest

from narrate.article import Clip
from narrate.config import Config
from narrate.errors import ExportError
from narrate.export import write_mp3, write_pcm_mp3
from narrate.ffmpeg import ffmpeg_exe
from narrate.loudness import Pcm, measure
from narrate.pipeline import narrate

STORY = """Harbour reopens after the storm

Fishing boats returned to the harbour on Monday morning.

The council said the repairs took three weeks and cost less than expected.

“We are very glad to be back at sea again,” said one skipper.
"""


def ebur128(path: Path) -> tuple[float, float]:
    """An independent reading: integrated loudness and true peak from ffmpeg's own summary."""
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = proc.stderr[proc.stderr.rindex("Summary:") :]
    lufs = float(summary.split("I:")[1].split("LUFS")[0])
    peak = float(summary.split("Peak:")[1].split("dBFS")[0])
    return lufs, peak


def tone(ms: int, amplitude: int, rate: int = 22050, spikes: bool = False) -> Clip:
    n = rate * ms // 1000
    samples = [int(amplitude * math.sin(2 * math.pi * 220 * i / rate)) for i in range(n)]
    if spikes:  # one full-scale click every 100 ms: peaks far above the loudness, like plosives
        for i in range(0, n, rate // 10):
            samples[i] = 32767
    return Clip(struct.pack(f"<{n}h", *samples), rate)


def test_speech_is_normalised_and_reported_in_the_manifest(tmp_path: Path, piper_engine) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "harbour.txt"
    src.write_text(STORY, encoding="utf-8")
    target = tmp_path / "harbour.mp3"
    data = narrate(str(src), target, Config(), piper_engine).manifest
    lufs, peak = ebur128(target)
    assert -17.0 <= lufs <= -15.0
    assert peak <= -1.0
    assert abs(data["loudness_lufs"] - lufs) <= 0.15
    assert abs(data["true_peak_dbtp"] - peak) <= 0.15
    assert json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))["loudness_lufs"] == data["loudness_lufs"]


def test_quiet_clip_is_raised_to_target(tmp_path: Path) -> None:
    target = tmp_path / "quiet.mp3"
    result = write_mp3(tone(3000, 600), target, {"title": "quiet"})
    lufs, peak = ebur128(target)
    assert abs(lufs + 16) <= 0.5 and peak <= -1.0
    assert result.lufs == lufs and result.true_peak_dbtp == pytest.approx(peak, abs=0.1)


def test_peaky_clip_is_limited_not_clipped(tmp_path: Path) -> None:
    target = tmp_path / "peaky.mp3"
    write_mp3(tone(4000, 1500, spikes=True), target, {"title": "peaky"})
    lufs, peak = ebur128(target)
    assert abs(lufs + 16) <= 1.0
    assert peak <= -1.0


def test_pcm_from_a_file_is_encoded_without_loading_it(tmp_path: Path) -> None:
    raw = tmp_path / "programme.raw"
    raw.write_bytes(tone(2000, 4000).pcm)
    target = tmp_path / "programme.mp3"
    result = write_pcm_mp3(Pcm(22050, path=raw), target, {"title": "from disk"})
    assert measure(target) == result
    assert abs(result.lufs + 16) <= 1.0


def test_silence_cannot_be_normalised(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="silent"):
        write_mp3(Clip(bytes(44100), 22050), tmp_path / "silence.mp3", {"title": "nothing"})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("amplitude, spikes", [(3000, False), (9000, True), (20000, False)])
def test_in_memory_meter_agrees_with_ffmpeg(amplitude: int, spikes: bool) -> None:
    import numpy as np

    from narrate.loudness import integrated_loudness, measure_pcm

    clip = tone(3000, amplitude, spikes=spikes)
    samples = np.frombuffer(clip.pcm, dtype=np.int16).astype(np.float32) / 32768
    assert integrated_loudness(samples, clip.sample_rate) == pytest.approx(measure_pcm(Pcm(clip.sample_rate, data=clip.pcm)).lufs, abs=0.3)


def test_limiter_never_passes_the_ceiling_and_leaves_quiet_parts_alone() -> None:
    import numpy as np

    from narrate.loudness import limit

    rng = np.random.default_rng(7)
    x = np.clip(rng.standard_normal(22050 * 2) * 0.1, -0.3, 0.3).astype(np.float32)
    x[5000] = 0.95  # a lone spike
    y = limit(x, 0.5, 22050)
    assert np.abs(y).max() <= 0.5 + 1e-6
    assert abs(y[5000]) == pytest.approx(0.5, abs=1e-3)
    far = slice(15000, 40000)  # well after the spike's 20 ms release: untouched
    assert np.array_equal(y[far], x[far])


def test_true_peak_finds_the_peak_between_samples() -> None:
    import numpy as np

    from narrate.loudness import true_peak

    rate = 22050
    n = np.arange(rate)
    fade = np.hanning(rate)  # no sudden start or end
    x = (0.5 * fade * np.sin(2 * np.pi * (rate / 4) * n / rate + np.pi / 4)).astype(np.float32)  # samples at ±0.354 at most
    assert 20 * np.log10(np.abs(x).max()) == pytest.approx(-9.0, abs=0.1)
    assert true_peak(x) == pytest.approx(20 * np.log10(0.5), abs=0.1)  # -6 dBTP, 3 dB over every sample


def test_true_peak_skips_only_blocks_that_cannot_hold_it(piper_engine) -> None:  # type: ignore[no-untyped-def]
    """Real speech, levelled as for an MP3: the blocks true_peak skips never held the peak (every block
    interpolated gives the same figure), and most blocks are skipped."""
    import numpy as np

    from narrate.engines import Voice
    from narrate.loudness import BLOCK, block_tops, level_in_memory, true_peak
    from narrate.loudness.meter import _reach, with_neighbours

    clip = piper_engine.synthesise("The storm passed in the night. By Monday morning the boats were back "
                                   "in the harbour, and the market opened at six as it always had.", Voice("joe"))
    x = np.frombuffer(level_in_memory(clip.pcm, clip.sample_rate), np.int16)
    y = x.astype(np.float32) / 32768
    every_block = 20 * np.log10(float(block_tops(y).max()))
    assert true_peak(x) == pytest.approx(every_block, abs=1e-6)
    tops = np.abs(np.concatenate([y, np.zeros(-len(y) % BLOCK, np.float32)])).reshape(-1, BLOCK).max(axis=1)
    assert np.mean(with_neighbours(tops) * _reach() > tops.max()) < 0.5


def test_soft_clip_rounds_off_only_the_peaks_and_the_chain_holds_true_peaks() -> None:
    import numpy as np

    from narrate.loudness import CLIP_KNEE, PEAK_AIM, block_true_peaks, level_in_memory, limit, soft_clip, true_peak

    rate = 24000
    rng = np.random.default_rng(3)
    quiet = (rng.standard_normal(rate) * 0.05).astype(np.float32)
    x = quiet.copy()
    n = np.arange(2400)
    x[10000:12400] += (1.2 * np.hanning(2400) * np.sin(2 * np.pi * 5900 * n / rate)).astype(np.float32)  # loud, near Nyquist
    ceiling = 10 ** (-1.6 / 20)
    y = soft_clip(x.copy(), ceiling)
    assert np.array_equal(y[:9000], x[:9000]) and np.array_equal(y[13500:], x[13500:])  # no peak, not touched
    assert np.abs(y[11000:11400]).max() < np.abs(x[11000:11400]).max() - 0.1  # the peak is rounded off...
    assert np.abs(y[11000:11400]).max() > CLIP_KNEE * ceiling  # ...not flattened under the knee
    z = limit(y, ceiling, rate, block_true_peaks(y, floor=ceiling / 2))
    assert true_peak(z) <= -1.6 + 0.01  # between samples too

    # loud and quiet blocks side by side, pushed 6 dB: the in-memory chain stays within what encoding accepts
    noise = (rng.standard_normal(rate * 4) * 0.3).astype(np.float32) * (rng.random(rate // 2) < 0.3).repeat(8)
    pcm = (np.clip(noise * 2, -1, 1) * 32767).astype(np.int16).tobytes()
    levelled = np.frombuffer(level_in_memory(pcm, rate), np.int16).astype(np.float32) / 32768
    assert true_peak(levelled) <= PEAK_AIM + 0.3


def test_levelling_allows_for_the_clipper_before_its_first_try(piper_engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Real speech pushed 5 dB or more: the first gain already allows for what the clipper takes, so
    the chain runs once and lands within the 0.2 LU it accepts (a plain gain landed 0.5 LU short)."""
    import numpy as np

    from narrate import loudness
    from narrate.engines import Voice
    from narrate.loudness import levelling

    clip = piper_engine.synthesise(
        "The council said the repairs to the harbour wall took three weeks. Boats came back on Monday, "
        "and the skippers were glad to be at sea again after so long ashore.", Voice("joe"))
    x = np.frombuffer(clip.pcm, np.int16).astype(np.float32) / 32768
    target = loudness.integrated_loudness(x, clip.sample_rate) + 6  # as far as Piper's output is from -16 LUFS
    runs = []
    real_limit = levelling.limit
    monkeypatch.setattr(levelling, "limit", lambda *a, **k: runs.append(1) or real_limit(*a, **k))  # counts the chain's runs
    levelled = np.frombuffer(loudness.level_in_memory(clip.pcm, clip.sample_rate, target), np.int16).astype(np.float32) / 32768
    assert len(runs) == 1
    assert abs(loudness.integrated_loudness(levelled, clip.sample_rate) - target) < 0.2
    assert loudness.true_peak(levelled) <= loudness.TRUE_PEAK_CEILING_DB + 0.05
