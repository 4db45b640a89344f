"""How Kokoro's sentences are best spread over the cores: synthesis alone, each layout in its own process.

    .venv/bin/python benchmarks/kokoro_layout.py [--layouts shared,one,two] [--models fast] [--rounds 1] [--voice am_michael]

Needs the kokoro extra. The reference article's sentences, cut as narrate cuts
them for Kokoro, are spoken with every layout in turn, each in a fresh
process (the model loaded, then timed from the first sentence to the last):

  shared  two sentences side by side on one session of one thread each (narrate's way)
  one     one sentence at a time on one session of two threads
  two     two sentences side by side, each thread with its own session of one thread

and with each model given to --models (each layout with each model, alternating, --rounds times):

  fast    the model as narrate runs it, its int8 convolutions rewritten (narrate/engines/kokoro_int8.py)
  joined  the int8 model as joined from its PyPI parts

It prints the real-time factor (wall time / audio), how busy the cores were
(CPU time / wall time) and the process's peak RSS. Warm: the model is joined
and loaded before the clock starts; the phonemiser's first call is included.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python benchmarks/x.py`, this folder comes first on sys.path, where benchmarks/queue.py
# would stand in for the standard library's queue (which concurrent.futures and urllib3 import).
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import json
import resource
import subprocess
import threading
import time

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "articles" / "north-korea-dud-shells.txt"
LAYOUTS = {"shared": (1, 2, 1), "one": (2, 1, 1), "two": (1, 2, 2)}  # threads per session, sentences at once, sessions


def measure(layout: str, voice: str, model: str) -> dict[str, float]:
    """One layout, in this process."""
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np
    import onnxruntime
    from kokoro_onnx import Kokoro

    from narrate.config import load
    from narrate.engines import pieces
    from narrate.engines.kokoro import MAX_CHARS, VOICES, VOICES_FILE, fast_model_path, model_path
    from narrate.pipeline import script

    plan = script(str(REFERENCE), load(None))
    items = [p for seg in plan.segments for s in seg.parts() for p in pieces(s.speech, MAX_CHARS)]
    threads, workers, sessions = LAYOUTS[layout]
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.enable_mem_pattern = False  # as narrate's engine
    path = str(fast_model_path() if model == "fast" else model_path())
    models = [Kokoro.from_session(onnxruntime.InferenceSession(path, sess_options=options, providers=["CPUExecutionProvider"]),
                                  str(VOICES_FILE)) for _ in range(sessions)]
    style = np.load(VOICES_FILE)[voice]
    language = VOICES[voice][1]
    mine = threading.local()
    handed = iter(range(len(items)))
    lock = threading.Lock()

    def speak(text: str) -> float:
        if not hasattr(mine, "model"):
            with lock:
                mine.model = models[next(handed) % sessions]
        audio, rate = mine.model.create(text, voice=style, speed=1.0, lang=language)
        return len(audio) / rate

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    started, cpu_started = time.perf_counter(), cpu()
    with ThreadPoolExecutor(workers) as pool:
        audio = sum(pool.map(speak, items))
    wall = time.perf_counter() - started
    return {"pieces": len(items), "audio": audio, "wall": wall, "busy": (cpu() - cpu_started) / wall,
            "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--models", default="fast", help="fast, joined, or both: fast,joined")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--voice", default="am_michael")
    parser.add_argument("--model", default="fast", help=argparse.SUPPRESS)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the child process: measure this layout
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.voice, args.model)))
        return
    print(f"Kokoro synthesis alone, reference article, voice {args.voice}, each run in its own process")
    for n in range(args.rounds):
        models = args.models.split(",")
        for layout in args.layouts.split(","):
            for model in models if n % 2 == 0 else reversed(models):
                out = subprocess.run([sys.executable, __file__, "--one", layout, "--model", model, "--voice", args.voice],
                                     capture_output=True, text=True, check=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"  {layout:7} {model:7} {r['wall']:6.1f} s for {r['audio']:.1f} s of audio ({r['pieces']} pieces): "
                      f"RTF {r['wall'] / r['audio']:.3f}   cores busy {r['busy']:.2f}   peak RSS {r['rss']:.0f} MB")


if __name__ == "__main__":
    main()
