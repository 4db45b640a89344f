"""How the dry run grows with the input: cleaning, splitting and normalising must stay linear.

    .venv/bin/python benchmarks/scaling.py [--sizes 1.2,2.5,5,9.9] [--rounds 1]

Each input is pasted-text prose (sentences drawn from the reference article,
shuffled with a fixed seed) of the given size in MB, written to a file and run
through `narrate script` as a whole process, cold (no cache is involved in a
dry run). Reports the wall time of each size and the ratio of each time to the
one before it: a linear stage doubles its time when its input doubles.

Issue 13's targets: the 9.9 MB dry run within 60 s, and doubling an input at
most 2.2 times the time.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "articles" / "north-korea-dud-shells.txt"


def prose(size: int, seed: int = 1) -> str:
    """`size` bytes of paragraphs of real news sentences, a headline first."""
    text = REFERENCE.read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[.!?”])\s+", text) if len(s.split()) >= 6 and s[0].isupper()]
    rng = random.Random(seed)
    parts = ["A long document of many paragraphs\n\n"]
    total = len(parts[0])
    while total < size:
        para = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5))) + "\n\n"
        parts.append(para)
        total += len(para.encode())
    return "".join(parts)


def dry_run(path: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.run([str(Path(sys.executable).parent / "narrate"), "script", str(path)],
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"narrate script {path} failed: {proc.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1.2,2.5,5,9.9", help="input sizes in MB, comma-separated")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each size; the median is reported")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    print("| input | dry run (median, s) | × previous size's time | input × previous |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        previous: tuple[float, float] | None = None
        for mb in sizes:
            path = Path(tmp) / f"long-{mb}.txt"
            path.write_text(prose(int(mb * 1024 * 1024)), encoding="utf-8")
            seconds = statistics.median(dry_run(path) for _ in range(args.rounds))
            ratio = f"{seconds / previous[1]:.2f}" if previous else ""
            grown = f"{mb / previous[0]:.2f}" if previous else ""
            print(f"| {mb:g} MB | {seconds:.1f} | {ratio} | {grown} |", flush=True)
            previous = (mb, seconds)


if __name__ == "__main__":
    main()
