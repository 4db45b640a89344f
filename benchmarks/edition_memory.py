"""Peak memory of a cold `narrate edition` of the ten-article set (issue 11: at most 900 MB).

    .venv/bin/python benchmarks/edition_memory.py [--warm]

Cold: an empty sentence cache, so every sentence is synthesised. Peak RSS is
ru_maxrss from wait4 on the narrate process, which on Linux also covers every
child it waited for (ffmpeg): the largest process of the tree. With --warm the
same edition is built again into a fresh folder with the cache now full, and
reported beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import BIN, run, ten_folder

TARGET_MB = 900


def edition(ten: Path, out: Path, cache: Path) -> tuple[float, float, float]:
    seconds, rss = run([str(BIN / "narrate"), "edition", str(ten), "-o", str(out), "-q", "--date", "2024-01-01"],
                       {"NARRATE_CACHE_DIR": str(cache)})
    minutes = json.loads((out / "edition-2024-01-01.json").read_text(encoding="utf-8"))["duration_ms"] / 60000
    return seconds, rss, minutes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warm", action="store_true", help="also build it again with the cache full")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="narrate-edition-bench-") as tmp:
        work = Path(tmp)
        ten = ten_folder(work)
        seconds, rss, minutes = edition(ten, work / "cold", work / "cache")
        verdict = "met" if rss <= TARGET_MB else "MISSED"
        print(f"ten-article edition ({minutes:.1f} min of audio)")
        print(f"  cold (empty cache)  {seconds:6.1f} s   peak RSS {rss:4.0f} MB   target <= {TARGET_MB} MB: {verdict}")
        if args.warm:
            seconds, rss, _ = edition(ten, work / "warm", work / "cache")
            print(f"  warm (cache full)   {seconds:6.1f} s   peak RSS {rss:4.0f} MB")


if __name__ == "__main__":
    main()
