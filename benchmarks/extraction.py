"""How much of a real page's story narrate keeps, and how much clutter it lets through.

Runs narrate's clean + split stages on the pages of an article-extraction
benchmark (default: ../shared/bench/extraction-dev beside the project) and
prints precision, recall and F1 for two kinds of input:

- html: the saved HTML page, as `narrate page.html` would read it;
- text: the page as a person would paste it after select-all and copy,
  rendered with html-text (`extract_text(html, guess_layout=True)`) and read
  as a .txt file.

The metric is the benchmark's: `\\w+` tokens, 4-token shingles counted as a
multiset, per-page true/false positives and false negatives divided by their
sum (so every page weighs the same), then precision and recall from the
summed per-page shares, and F1 from those two. The spoken body is every
segment except the headline.

    .venv/bin/python benchmarks/extraction.py [--bench DIR] [--mode html|text|both] [--pages]

Needs the `bench` extra (html-text). Reads only local files.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_BENCH = HERE.parent.parent / "shared" / "bench" / "extraction-dev"
SHINGLE = 4


@dataclass(frozen=True)
class Score:
    """One page's shares of true positives, false positives and false negatives."""

    tp: float
    fp: float
    fn: float


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of n-token shingles of `text` (short texts: the whole token run)."""
    tokens = re.findall(r"\w+", text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score(truth: str, found: str) -> Score:
    """Shingle matching for one page, normalised so that every page counts once."""
    want, got = shingles(truth), shingles(found)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    if total == 0:
        return Score(1.0, 0.0, 0.0)
    return Score(tp / total, fp / total, fn / total)


def summary(scores: Iterable[Score]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pages."""
    items = list(scores)
    tp = sum(s.tp for s in items)
    fp = sum(s.fp for s in items)
    fn = sum(s.fn for s in items)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def page_html(bench: Path, page: str) -> str:
    data = gzip.decompress((bench / "html" / f"{page}.html.gz").read_bytes())
    from narrate.read import decode

    return decode(data, page)


def pasted_text(html: str) -> str:
    """What select-all and copy in a browser gives, near enough."""
    import html_text

    return str(html_text.extract_text(html, guess_layout=True))


def narrated_body(path: Path) -> str:
    """narrate's read, clean and split on one file; every segment but the headline."""
    from narrate.clean import clean
    from narrate.errors import NarrateError
    from narrate.read import read
    from narrate.split import split

    try:
        segments = split(clean(read(str(path))))
    except NarrateError:
        return ""
    return "\n".join(s.text for s in segments if s.kind != "headline")


def _run_page(args: tuple[str, str, str, str]) -> tuple[str, str, Score, str]:
    bench, page, mode, truth = args
    html = page_html(Path(bench), page)
    with tempfile.TemporaryDirectory() as tmp:
        if mode == "html":
            path = Path(tmp) / f"{page[:16]}.html"
            path.write_text(html, encoding="utf-8")
        else:
            path = Path(tmp) / f"{page[:16]}.txt"
            path.write_text(pasted_text(html), encoding="utf-8")
        body = narrated_body(path)
    return page, mode, score(truth, body), body


def run(bench: Path, modes: list[str], jobs: int, show: Callable[[str], None] | None) -> dict[str, list[Score]]:
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    tasks = [(str(bench), page, mode, truth[page]["articleBody"]) for mode in modes for page in sorted(truth)]
    results: dict[str, list[Score]] = {mode: [] for mode in modes}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for page, mode, s, _ in pool.map(_run_page, tasks, chunksize=2):
            results[mode].append(s)
            if show:
                p = s.tp / (s.tp + s.fp) if s.tp + s.fp else 0.0
                r = s.tp / (s.tp + s.fn) if s.tp + s.fn else 0.0
                show(f"{mode:4} {page[:12]}  P {p:.3f}  R {r:.3f}")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="folder with html/ and ground-truth.json")
    parser.add_argument("--mode", choices=("html", "text", "both"), default="both")
    parser.add_argument("--pages", action="store_true", help="also print each page's precision and recall")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per CPU)")
    args = parser.parse_args(argv)
    if not (args.bench / "ground-truth.json").is_file():
        print(f"no ground-truth.json in {args.bench}: give the benchmark folder with --bench", file=sys.stderr)
        return 2
    modes = ["html", "text"] if args.mode == "both" else [args.mode]
    results = run(args.bench, modes, args.jobs or 0 or None, print if args.pages else None)
    print(f"{'mode':6}{'pages':>7}{'precision':>11}{'recall':>8}{'F1':>7}")
    for mode in modes:
        p, r, f = summary(results[mode])
        print(f"{mode:6}{len(results[mode]):>7}{p:>11.3f}{r:>8.3f}{f:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    raise SystemExit(main())
