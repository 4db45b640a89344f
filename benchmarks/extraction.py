"""How much of a real page's story narrate keeps, and how much clutter it lets through.

Two corpora, two modes, and every comparison row in one run:

- `--corpus dev`: the 65 pages of ../shared/bench/extraction-dev (the public
  article-extraction benchmark). Its own metric: `\\w+` tokens, 4-token
  shingles counted as a multiset; per page, precision tp/(tp+fp) and recall
  tp/(tp+fn); the mean of each over the pages (a page with an empty output has
  no precision and is left out of that mean: the empty pages are counted and
  printed); F1 of the two means. The spoken body is every segment but the headline.
- `--corpus snippets`: the 156 English pages of ../shared/bench/snippets-en
  (trafilatura's evaluation set). The share of `with` snippets the output
  contains and the share of `without` snippets it leaves out, each pooled over
  all snippets of all pages, and their mean. Matched case-sensitively after
  collapsing whitespace and straightening quotes, against every segment's text
  (headline included) joined with newlines.

Modes: `html`, the saved page as `narrate page.html` reads it; `text`, the page
as a person pastes it after select-all and copy (rendered with html-text,
`extract_text(html, guess_layout=True)`, saved as .txt and read as narrate
reads it). Rows for comparison: trafilatura's default, trafilatura with
`favor_precision`, readability-lxml (html mode), and the page as pasted (text mode).

Halves: a page is in the tuning half when `int(sha256(key).hexdigest(), 16) % 2
== 0`, else in the checking half. Rules are tuned on the tuning halves only;
each half is printed with a 95 % bootstrap interval (pages resampled).

Bylines: `benchmarks/bylines.json` (dev) and `benchmarks/bylines-snippets.json`
hold each page's author, labelled by reading the page (null where it names
none). A byline is right when every labelled name token is in it and no month,
digit, handle or URL is; printed by half, with how often a byline is given
where the page names none.

Speed: the median time per page of narrate's clean and split, in-process after
a warm-up page, rendering of the pasted text excluded, timed in serial passes
after the parallel scoring (so no other worker of this run shares the CPU):
each page's median over three passes, each pass with narrate's caches emptied.
In html mode the same passes time each comparison row on each page right after
narrate (as the row's output is made: from the page's HTML, readability-lxml's
with its html-text rendering), and the libraries narrate combines, called alone
(`extractors_alone`): the floor under narrate's html time that its own code
cannot lower.

`--ablate` switches each cleaning rule off in turn (narrate.clean's DISABLED
set) and prints its contribution (score with every rule minus score without it)
on every half of both corpora, in both modes. Positive: the rule helps.

    .venv/bin/python benchmarks/extraction.py [--corpus dev|snippets|both] [--mode html|text|both]
        [--pages] [--ablate] [--jobs N]

Needs the `bench` extra (html-text, readability-lxml). Reads only local files.
"""

from __future__ import annotations

import os
import sys

# Run as a script, the benchmarks folder comes first on sys.path; it holds
# scripts, not modules, and one of them must never shadow a standard module
# (a benchmarks/queue.py would break multiprocessing).
if __name__ == "__main__" and sys.path and os.path.realpath(sys.path[0]) == os.path.dirname(os.path.realpath(__file__)):
    sys.path.pop(0)

import argparse
import gzip
import hashlib
import json
import random
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "bench"
CORPORA = {"dev": SHARED / "extraction-dev", "snippets": SHARED / "snippets-en"}
# Each page's author, labelled by reading the page (null: the page names none).
BYLINES = {"dev": HERE / "bylines.json", "snippets": HERE / "bylines-snippets.json"}
SHINGLE = 4
BOOTSTRAP = 1000
NARRATE = "narrate"
# The comparison rows of each mode.
BASELINES = {"html": ("trafilatura", "trafilatura precise", "readability"), "text": ("as pasted",)}


# --------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of n-token shingles of `text` (a short text: its whole token run)."""
    tokens = re.findall(r"\w+", text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


@dataclass(frozen=True)
class PageScore:
    """One page on the dev metric: precision None when the output is empty."""

    precision: float | None
    recall: float | None


def dev_score(truth: str, found: str) -> PageScore:
    want, got = shingles(truth), shingles(found)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    return PageScore(tp / (tp + fp) if tp + fp else None, tp / (tp + fn) if tp + fn else None)


def dev_summary(scores: Sequence[PageScore]) -> tuple[float, float, float, int]:
    """The benchmark's figures: mean precision, mean recall, F1 of the two, empty outputs."""
    ps = [s.precision for s in scores if s.precision is not None]
    rs = [s.recall for s in scores if s.recall is not None]
    p = statistics.fmean(ps) if ps else 0.0
    r = statistics.fmean(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, sum(1 for s in scores if s.precision is None)


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "«": '"', "»": '"'})


def snippet_key(text: str) -> str:
    """Whitespace collapsed and quotes straightened; case kept."""
    return " ".join(text.translate(_QUOTES).split())


@dataclass(frozen=True)
class SnippetScore:
    """One page on the snippets metric: counts, pooled over pages later."""

    found: int  # `with` snippets in the output
    wanted: int
    avoided: int  # `without` snippets left out
    unwanted: int


def snippets_score(page: dict[str, list[str]], output: str) -> SnippetScore:
    text = snippet_key(output)
    with_ = [snippet_key(s) for s in page.get("with", [])]
    without = [snippet_key(s) for s in page.get("without", [])]
    return SnippetScore(
        sum(1 for s in with_ if s in text), len(with_), sum(1 for s in without if s not in text), len(without)
    )


def snippets_summary(scores: Sequence[SnippetScore]) -> tuple[float, float, float, int]:
    """Share of `with` kept, share of `without` left out, their mean, and empty outputs (unknown: -1)."""
    wanted = sum(s.wanted for s in scores)
    unwanted = sum(s.unwanted for s in scores)
    kept = sum(s.found for s in scores) / wanted if wanted else 0.0
    avoided = sum(s.avoided for s in scores) / unwanted if unwanted else 0.0
    return kept, avoided, (kept + avoided) / 2, -1


def byline_right(labelled: str, found: str | None) -> bool:
    """Every labelled name token is in the byline, and no month (unless the name has it), digit, handle or URL is."""
    from narrate.text import MONTHS

    if not found:
        return False
    tokens = set(re.findall(r"[\w’'.-]+", found.casefold()))
    bare = {t.strip(".") for t in tokens}
    names = {t.casefold().strip(".,") for t in labelled.split()}
    if not names <= (tokens | bare):
        return False
    if re.search(r"\d|@|https?:|www\.|\.com\b|/", found):
        return False
    return not any(t in MONTHS and t not in names for t in bare)  # "April Roach" names a person


def halves(keys: Sequence[str]) -> dict[str, list[str]]:
    """The whole corpus, its tuning half and its checking half."""
    tuning = [k for k in keys if int(hashlib.sha256(k.encode()).hexdigest(), 16) % 2 == 0]
    checking = [k for k in keys if k not in set(tuning)]
    return {"all": list(keys), "tuning": tuning, "checking": checking}


def bootstrap(keys: Sequence[str], figure: Callable[[Sequence[str]], float], seed: int = 9) -> tuple[float, float]:
    """95 % interval of a figure over pages resampled with replacement."""
    rng = random.Random(seed)
    values = sorted(figure(rng.choices(keys, k=len(keys))) for _ in range(BOOTSTRAP))
    return values[int(0.025 * BOOTSTRAP)], values[int(0.975 * BOOTSTRAP) - 1]


# --------------------------------------------------------------------------
# Running the systems on one page
# --------------------------------------------------------------------------


def load_html(corpus: Path, key: str) -> str:
    from narrate.read import decode

    return decode(gzip.decompress((corpus / "html" / f"{key}.html.gz").read_bytes()), key)


def pasted_text(html: str) -> str:
    """What select-all and copy in a browser gives, near enough."""
    import html_text

    return str(html_text.extract_text(html, guess_layout=True))


@dataclass
class Output:
    """What one system said for one page."""

    body: str  # every segment but the headline (the dev metric)
    whole: str  # every segment, headline included (the snippets metric)
    byline: str | None = None
    seconds: float | None = None  # wall-clock time of narrate's clean and split
    cpu: float | None = None  # the process's CPU time for the same (steadier on a shared machine)
    pass_seconds: list[float] = field(default_factory=list)  # wall-clock time in each timing pass


@dataclass
class PageResult:
    key: str
    outputs: dict[tuple[str, str], Output] = field(default_factory=dict)  # (mode, system) -> output
    ablated: dict[tuple[str, str], Output] = field(default_factory=dict)  # (mode, rule) -> output
    times: dict[str, list[float]] = field(default_factory=dict)  # html mode: another row's seconds in each pass


def narrate_output(doc: object, disabled: frozenset[str] = frozenset()) -> Output:
    """narrate's clean and split on one read document, with some rules switched off."""
    from narrate import clean as clean_stage
    from narrate.errors import NarrateError
    from narrate.split import split

    from narrate.clean.html import EXTRACTION_RULES, extractions

    stale = bool(disabled & EXTRACTION_RULES)  # the extractors' cached picks were made with the rule on
    if stale:
        extractions.cache_clear()
    clean_stage.DISABLED.clear()
    clean_stage.DISABLED.update(disabled)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        article = clean_stage.clean(doc)  # type: ignore[arg-type]
        segments = split(article)
    except NarrateError:
        return Output("", "", None, time.perf_counter() - start, time.process_time() - cpu)
    finally:
        clean_stage.DISABLED.clear()
        if stale:
            extractions.cache_clear()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    body = "\n".join(s.text for s in segments if s.kind != "headline")
    return Output(body, "\n".join(s.text for s in segments), article.byline, seconds, cpu)


def baseline(system: str, html: str) -> str:
    if system.startswith("trafilatura"):
        import trafilatura

        return trafilatura.extract(html, favor_precision=system.endswith("precise")) or ""
    import html_text
    from readability import Document as Readable

    try:
        return str(html_text.extract_text(Readable(html).summary(html_partial=True), guess_layout=True))
    except Exception:  # noqa: BLE001 - readability raises many kinds of error on odd pages: an empty output
        return ""


def run_page(task: tuple[str, str, tuple[str, ...], tuple[str, ...]]) -> PageResult:
    """Every system on one page, and narrate once more with each ablated rule off."""
    corpus, key, modes, rules = task
    from narrate.read import read

    html = load_html(Path(corpus), key)
    result = PageResult(key)
    with tempfile.TemporaryDirectory() as tmp:
        for mode in modes:
            path = Path(tmp) / f"page.{'html' if mode == 'html' else 'txt'}"
            pasted = pasted_text(html) if mode == "text" else ""
            path.write_text(html if mode == "html" else pasted, encoding="utf-8")
            doc = read(str(path))
            result.outputs[(mode, NARRATE)] = narrate_output(doc)
            for system in BASELINES[mode]:
                text = pasted if system == "as pasted" else baseline(system, html)
                result.outputs[(mode, system)] = Output(text, text)
            for rule in rules:
                result.ablated[(mode, rule)] = narrate_output(doc, frozenset({rule}))
    return result


TIMING_PASSES = 3  # serial passes; a page's time is its median over them


def time_pages(folder: Path, keys: Sequence[str], modes: Sequence[str], results: dict[str, PageResult]) -> None:
    """Time narrate's clean and split on every page, one page at a time in this process, after a warm-up;
    in html mode, each comparison row and the libraries narrate calls (`extractors_alone`) beside it.

    The scoring runs in parallel workers, whose timings would include the
    other workers' load on a two-core machine (a quarter or more on these
    shared machines), so the times printed come from serial passes. The
    pasted text is rendered before the clock starts. Each page is timed in
    `TIMING_PASSES` passes and keeps its median: one pass on these machines
    can read a fifth slower or faster than the next. Every pass starts with
    narrate's caches empty, so no page is timed on what an earlier pass left.
    The other rows are timed on the same page right after narrate, so a slow
    spell on the machine slows them alike.
    """
    from narrate.clean.html import extractions
    from narrate.read import read

    others = (*BASELINES["html"], EXTRACTORS_ALONE)
    with tempfile.TemporaryDirectory() as tmp:
        for mode in modes:
            docs = []
            for key in keys:
                html = load_html(folder, key)
                path = Path(tmp) / f"{key}.{'html' if mode == 'html' else 'txt'}"
                path.write_text(html if mode == "html" else pasted_text(html), encoding="utf-8")
                docs.append(read(str(path)))
            passes: list[list[Output]] = []
            for _ in range(TIMING_PASSES):
                narrate_output(docs[-1])  # a warm-up: imports and first calls
                if mode == "html":
                    for system in others:
                        time_system(system, docs[-1].text, asked=True)
                clear_caches()
                timed: list[Output] = []
                for doc, key in zip(docs, keys):
                    timed.append(narrate_output(doc))
                    if mode == "html":  # narrate's pick of this page is still cached: did it ask the default?
                        asked = getattr(extractions(doc.text), "default", None) is not None
                        for system in others:
                            results[key].times.setdefault(system, []).append(time_system(system, doc.text, asked))
                passes.append(timed)
            for n, key in enumerate(keys):
                timed_page = results[key].outputs[(mode, NARRATE)]
                timed_page.seconds = statistics.median(p[n].seconds or 0.0 for p in passes)
                timed_page.cpu = statistics.median(p[n].cpu or 0.0 for p in passes)
                timed_page.pass_seconds = [p[n].seconds or 0.0 for p in passes]


# The libraries narrate's html path calls, called alone as a user of them would: see `extractors_alone`.
EXTRACTORS_ALONE = "the extractors alone"


def time_system(system: str, html: str, asked: bool) -> float:
    """Wall-clock seconds of one comparison row on one page (or of `extractors_alone`)."""
    start = time.perf_counter()
    if system == EXTRACTORS_ALONE:
        extractors_alone(html, asked)
    else:
        baseline(system, html)
    return time.perf_counter() - start


def extractors_alone(html: str, asked: bool) -> None:
    """What narrate's html path costs in the libraries it combines, before any of its own work: the page
    parsed once, trafilatura's precise pick, its default pick where narrate asked for it (`asked`),
    readability-lxml's pick (its own cleaning, on a copy, as its users call it), and trafilatura's metadata."""
    import contextlib
    import copy

    import trafilatura
    from readability import Document as Readable
    from trafilatura.utils import load_html as parse

    from narrate.clean.html import TRAFILATURA_OPTIONS

    tree = parse(html)
    if tree is None:
        return
    trafilatura.extract(tree, favor_precision=True, fast=True, **TRAFILATURA_OPTIONS)
    if asked:
        trafilatura.extract(tree, **TRAFILATURA_OPTIONS)
    with contextlib.suppress(Exception):  # as in `baseline`: readability raises many kinds of error on odd pages
        Readable(copy.deepcopy(tree)).summary(html_partial=True)
    trafilatura.extract_metadata(tree)


def clear_caches() -> None:
    """Empty every cache in narrate's cleaning (the line tests keep what they decided, page to page)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("narrate.clean"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def run(corpus: str, modes: Sequence[str], rules: Sequence[str], jobs: int | None) -> dict[str, PageResult]:
    folder = CORPORA[corpus]
    keys = sorted(json.loads((folder / labels_file(corpus)).read_text(encoding="utf-8")))
    tasks = [(str(folder), key, tuple(modes), tuple(rules)) for key in keys]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = {r.key: r for r in pool.map(run_page, tasks, chunksize=1)}
    time_pages(folder, keys, modes, results)
    return results


def labels_file(corpus: str) -> str:
    return "ground-truth.json" if corpus == "dev" else "snippets.json"


# --------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------


class Scorer:
    """Scores of any system's outputs on one corpus, by half."""

    def __init__(self, corpus: str) -> None:
        self.corpus = corpus
        self.labels = json.loads((CORPORA[corpus] / labels_file(corpus)).read_text(encoding="utf-8"))
        self.halves = halves(sorted(self.labels))

    def page(self, key: str, out: Output) -> PageScore | SnippetScore:
        if self.corpus == "dev":
            return dev_score(self.labels[key]["articleBody"], out.body)
        return snippets_score(self.labels[key], out.whole)

    def summary(self, scores: Sequence[PageScore | SnippetScore]) -> tuple[float, float, float, int]:
        if self.corpus == "dev":
            return dev_summary(scores)  # type: ignore[arg-type]
        empty = 0
        return (*snippets_summary(scores)[:3], empty)  # type: ignore[arg-type]

    def figure(self, per_page: dict[str, PageScore | SnippetScore], keys: Sequence[str]) -> float:
        return self.summary([per_page[k] for k in keys])[2]


def report(corpus: str, results: dict[str, PageResult], modes: Sequence[str], show_pages: bool) -> None:
    scorer = Scorer(corpus)
    heads = ("P", "R", "F1") if corpus == "dev" else ("with", "without", "score")
    print(f"\n## {corpus}: {len(results)} pages ({len(scorer.halves['tuning'])} tuning, "
          f"{len(scorer.halves['checking'])} checking)")
    print(f"{'mode':5} {'system':20} {'half':9}{heads[0]:>7}{heads[1]:>8}{heads[2]:>7}  {'95% interval':14}{'empty':>6}")
    for mode in modes:
        for system in (NARRATE, *BASELINES[mode]):
            per_page = {k: scorer.page(k, r.outputs[(mode, system)]) for k, r in results.items()}
            for half, keys in scorer.halves.items():
                a, b, f, _ = scorer.summary([per_page[k] for k in keys])
                empty = sum(1 for k in keys if not results[k].outputs[(mode, system)].whole.strip())
                lo, hi = bootstrap(keys, lambda ks, pp=per_page: scorer.figure(pp, ks))
                print(f"{mode:5} {system:20} {half:9}{a:>7.3f}{b:>8.3f}{f:>7.3f}  [{lo:.3f}, {hi:.3f}]  {empty:>4}")
                if system == NARRATE and half == "all":
                    whole = (a, b, f)
        print(f"{mode:5} narrate, whole corpus, unrounded (targets are judged on these): "
              + ", ".join(f"{h} {v:.5f}" for h, v in zip(heads, whole)))
        times = [r.outputs[(mode, NARRATE)].seconds or 0.0 for r in results.values()]
        cpus = [r.outputs[(mode, NARRATE)].cpu or 0.0 for r in results.values()]
        passes = [[r.outputs[(mode, NARRATE)].pass_seconds[n] for r in results.values()] for n in range(TIMING_PASSES)]
        print(f"{mode:5} narrate median time per page: {1000 * statistics.median(times):.1f} ms wall, "
              f"{1000 * statistics.median(cpus):.1f} ms CPU (clean + split, in-process, warm; each page's median "
              f"of {TIMING_PASSES} serial passes, whose own medians were "
              + ", ".join(f"{1000 * statistics.median(p):.1f}" for p in passes) + " ms wall)")
        if mode == "html":
            report_times(times, results)
        if BYLINES[corpus].is_file():
            report_bylines(mode, json.loads(BYLINES[corpus].read_text(encoding="utf-8")), results, scorer.halves)
        if show_pages:
            for key, r in sorted(results.items()):
                out = r.outputs[(mode, NARRATE)]
                s = scorer.page(key, out)
                if isinstance(s, PageScore):
                    line = f"P {s.precision if s.precision is not None else float('nan'):.3f}  R {s.recall or 0:.3f}"
                else:
                    line = f"with {s.found}/{s.wanted}  without {s.avoided}/{s.unwanted}"
                print(f"  {mode:4} {key[:16]}  {line}  byline={out.byline!r}")


def report_times(narrate_times: Sequence[float], results: dict[str, PageResult]) -> None:
    """Each comparison row's median time per page, from the same passes as narrate's, and narrate's as a multiple."""
    mine = statistics.median(narrate_times)
    for system in (*BASELINES["html"], EXTRACTORS_ALONE):
        theirs = statistics.median(statistics.median(r.times[system]) for r in results.values())
        print(f"html  {system:20} median time per page: {1000 * theirs:.1f} ms wall (the same passes; "
              f"narrate takes {mine / theirs:.2f} times as long)")


def report_bylines(mode: str, labelled: dict[str, str | None], results: dict[str, PageResult],
                   halves_of: dict[str, list[str]]) -> None:
    """Bylines right on the pages that name an author, by half; and bylines given where a page names none."""
    for half, keys in halves_of.items():
        named = [k for k in keys if labelled.get(k) and k in results]
        right = [k for k in named if byline_right(labelled[k], results[k].outputs[(mode, NARRATE)].byline)]  # type: ignore[arg-type]
        nameless = [k for k in keys if k in labelled and labelled[k] is None and k in results]
        invented = [k for k in nameless if results[k].outputs[(mode, NARRATE)].byline]
        line = f"{mode:5} narrate bylines right, {half:8}: {len(right)}/{len(named)} = {len(right) / max(len(named), 1):.1%}"
        if nameless:
            line += f"; a byline where the page names none: {len(invented)}/{len(nameless)}"
        print(line)


def report_ablation(corpus: str, results: dict[str, PageResult], modes: Sequence[str], rules: Sequence[str]) -> None:
    scorer = Scorer(corpus)
    names = list(scorer.halves)
    print(f"\n## ablation, {corpus}: score with every rule minus score with the rule off (positive: it helps); "
          "pages: how many pages change")
    print(f"{'mode':5} {'rule':22}" + "".join(f"{h:>10}" for h in names) + f"{'pages':>7}")
    for mode in modes:
        full = {k: scorer.page(k, r.outputs[(mode, NARRATE)]) for k, r in results.items()}
        for rule in rules:
            off = {k: scorer.page(k, r.ablated[(mode, rule)]) for k, r in results.items()}
            changed = sum(1 for k, r in results.items() if r.ablated[(mode, rule)].whole != r.outputs[(mode, NARRATE)].whole)
            deltas = [scorer.figure(full, scorer.halves[h]) - scorer.figure(off, scorer.halves[h]) for h in names]
            print(f"{mode:5} {rule:22}" + "".join(f"{d:>+10.4f}" for d in deltas) + f"{changed:>7}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("dev", "snippets", "both"), default="both")
    parser.add_argument("--mode", choices=("html", "text", "both"), default="both")
    parser.add_argument("--pages", action="store_true", help="also print narrate's score on each page")
    parser.add_argument("--ablate", action="store_true", help="switch each cleaning rule off in turn")
    parser.add_argument("--rules", help="with --ablate: only these rules, comma-separated")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per CPU)")
    args = parser.parse_args(argv)
    corpora = ["dev", "snippets"] if args.corpus == "both" else [args.corpus]
    for corpus in corpora:
        if not (CORPORA[corpus] / labels_file(corpus)).is_file():
            print(f"no {labels_file(corpus)} in {CORPORA[corpus]}: the shared benchmark folder is missing",
                  file=sys.stderr)
            return 2
    modes = ["html", "text"] if args.mode == "both" else [args.mode]
    rules: list[str] = []
    if args.ablate:
        from narrate.clean import RULES

        rules = args.rules.split(",") if args.rules else list(RULES)
    for corpus in corpora:
        results = run(corpus, modes, rules, args.jobs)
        report(corpus, results, modes, args.pages)
        if rules:
            report_ablation(corpus, results, modes, rules)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    raise SystemExit(main())
