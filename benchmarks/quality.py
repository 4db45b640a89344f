"""Does levelling damage the voice? DNSMOS of narrate's MP3 against the engine's raw output.

    .venv/bin/python benchmarks/quality.py [--article PATH] [--casts piper,mixed,kokoro]

Needs the bench extra (speechmos, librosa) and, for the Kokoro casts, the kokoro extra.
DNSMOS (Microsoft's deep noise suppression MOS, P.835: signal, background and
overall, 1 to 5) runs offline from the ONNX models in the speechmos wheel.

For each cast, on the same article and text:
  piper   every role Piper (the default: joe, and joe two semitones lower for quotations)
  mixed   a Piper narrator, Kokoro's bm_george for quotations
  kokoro  every role Kokoro (am_michael, bf_emma)
it scores
  raw     the engine's output stitched, before any levelling (other voices already
          resampled to the narrator's rate and matched to its loudness)
  final   the MP3 narrate writes, decoded (and, as DNSMOS marks louder speech down by itself,
          the same turned down to the raw output's loudness: the processing's own cost)
and, from the final MP3 cut at the manifest's segment times, the narration alone and the
quotations alone. Everything is resampled to 16 kHz mono by ffmpeg and clipped to +-0.999,
as DNSMOS expects. Target: final at most 0.15 under raw. Also printed: peak-to-loudness
ratio (true peak minus integrated loudness) before and after, i.e. how much was limited.

--chains also levels each cast's raw output in memory (PCM, before MP3 encoding) with
other levelling chains and scores each: the true-peak limiter alone (no soft clipper),
and the soft clipper with its knee at 50 %, 70 % (narrate's) and 85 % of the ceiling.
It also scores the raw output turned up to -16 LUFS by a plain gain, its peaks cut only
where they pass full scale: what DNSMOS makes of the level itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python benchmarks/x.py`, this folder comes first on sys.path, where benchmarks/queue.py
# would stand in for the standard library's queue (which concurrent.futures and urllib3 import).
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import io
import json
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REFERENCE = ROOT / "articles" / "north-korea-dud-shells.txt"
CASTS = {
    "piper": (None, []),
    "mixed": (None, ["quote=kokoro/bm_george"]),
    "kokoro": ("kokoro", []),
}
TARGET_DROP = 0.15
GAIN_ALONE = "gain alone, peaks cut at full scale"
CHAINS = {"limiter alone": None, "clipper 50 %": 0.5, "clipper 70 % (narrate)": 0.7, "clipper 85 %": 0.85}


def to_16k(pcm: bytes, rate: int) -> Any:
    import numpy as np

    from narrate.ffmpeg import decode_to_pcm

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm)
    x = np.frombuffer(decode_to_pcm(buffer.getvalue(), 16000), dtype=np.int16).astype(np.float32) / 32768
    return np.clip(x, -0.999, 0.999)


def dnsmos(x: Any) -> float:
    from speechmos import dnsmos as model

    return float(model.run(x, sr=16000)["ovrl_mos"])


def plr(pcm: bytes, rate: int) -> float:
    import numpy as np

    from narrate.loudness import integrated_loudness, true_peak

    x = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768
    return true_peak(x) - integrated_loudness(x, rate)


def chains(raw: bytes, rate: int) -> dict[str, float]:
    """DNSMOS of the raw output levelled in memory by each chain of CHAINS, and turned up to the
    target by a plain gain with no peak control (what no chain can beat but by doing more than level)."""
    import numpy as np

    from narrate.loudness import TARGET_LUFS, integrated_loudness, level_in_memory

    x = np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768
    gained = x * np.float32(10 ** ((TARGET_LUFS - integrated_loudness(x, rate)) / 20))
    plain = (np.clip(gained, -1, 32767 / 32768) * 32768).astype(np.int16).tobytes()
    return {GAIN_ALONE: dnsmos(to_16k(plain, rate)),
            **{label: dnsmos(to_16k(level_in_memory(raw, rate, knee=knee), rate)) for label, knee in CHAINS.items()}}


def cast(name: str, article: Path, work: Path, compare: bool = False) -> dict[str, float]:
    import numpy as np

    from narrate import config as configuration
    from narrate.cache import Cache
    from narrate.engines import get_engine
    from narrate.ffmpeg import decode_to_pcm
    from narrate.pipeline import speak

    engine_id, voices = CASTS[name]
    cfg = configuration.load(str(ROOT / "narrate.toml")).with_overrides(engine_id, voices, None)
    engine = get_engine(cfg.engine, cfg.engine_table())
    target = work / f"{name}.mp3"
    spoken = speak(str(article), target, cfg, engine, cache=Cache(work / "cache"), force=True)
    assert not hasattr(spoken, "skipped")
    raw, rate = spoken.audio.pcm, spoken.audio.sample_rate
    started = time.perf_counter()
    manifest = spoken.write().manifest
    export_seconds = time.perf_counter() - started
    decoded = decode_to_pcm(target.read_bytes(), rate)
    final = to_16k(decoded, rate)
    parts: dict[str, list[Any]] = {"narrator": [], "quote": []}
    for seg in manifest["segments"]:
        if seg["voice"] in parts:
            parts[seg["voice"]].append(final[seg["start_ms"] * 16 : seg["end_ms"] * 16])
    raw16 = to_16k(raw, rate)
    # DNSMOS marks louder speech down by itself (Piper's raw output scores 0.05 lower at its own level than
    # 6 dB under it), so the final MP3 is also scored turned down to the raw output's loudness: what is
    # left of the drop there is what the processing did, apart from the level.
    from narrate.loudness import integrated_loudness

    matched = final * np.float32(10 ** ((integrated_loudness(raw16, 16000) - integrated_loudness(final, 16000)) / 20))
    return {
        "raw": dnsmos(raw16),
        "final": dnsmos(final),
        "matched": dnsmos(np.clip(matched, -0.999, 0.999)),
        "narration": dnsmos(np.concatenate(parts["narrator"])),
        "quotes": dnsmos(np.concatenate(parts["quote"])) if parts["quote"] else float("nan"),
        "plr_raw": plr(raw, rate),
        "plr_final": plr(decoded, rate),
        "lufs": manifest["loudness_lufs"],
        "dbtp": manifest["true_peak_dbtp"],
        "export_s": export_seconds,
        **(chains(raw, rate) if compare else {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--article", type=Path, default=REFERENCE)
    parser.add_argument("--casts", default="piper,mixed,kokoro")
    parser.add_argument("--chains", action="store_true", help="also score other levelling chains (see above)")
    args = parser.parse_args()
    print(f"DNSMOS overall, {args.article.name}; target: final at most {TARGET_DROP} under raw")
    print(f"  {'cast':7} {'raw':>5} {'final':>6} {'drop':>5}  {'at raw level':>12}  {'narration':>9} {'quotes':>6}   PLR raw -> final    LUFS  dBTP")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.casts.split(","):
            r = cast(name, args.article, Path(tmp), args.chains)
            drop = r["raw"] - r["final"]
            failed |= drop > TARGET_DROP
            print(f"  {name:7} {r['raw']:5.2f} {r['final']:6.2f} {drop:5.2f}  {r['matched']:12.2f}  {r['narration']:9.2f} {r['quotes']:6.2f}"
                  f"   {r['plr_raw']:5.1f} -> {r['plr_final']:4.1f} dB  {r['lufs']:5.1f} {r['dbtp']:5.1f}"
                  f"{'   (missed)' if drop > TARGET_DROP else ''}")
            for label in [GAIN_ALONE, *CHAINS] if args.chains else ():
                print(f"          levelled in memory, {label}: {r[label]:.3f}")
            print(json.dumps({"cast": name, **{k: round(v, 3) for k, v in r.items()}}), file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
