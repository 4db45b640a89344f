"""Pages written for narrate: how much of the story narrate keeps, and whether it finds the headline and byline.

Each page has its true headline, byline and story (`NAME.truth.json`). Two kinds:

Pasted pages without a page title (`pasted-pages/`). A browser's select-all
copy starts with the page itself, not with the title in its tab, so the
headline cannot be found by the title's echo (the benchmark corpora's pasted
text is rendered with the title first). They were written in common layouts,
in these sets:

- `worked`: the 28 pages session 11's changes were made on;
- `tuned-later`: 12 pages written afterwards by someone who saw neither the
  code nor the first pages, then used for the headline work;
- `unseen`: 12 more written the same way, scored but not looked at while the
  headline work was done (the held-out figure); its worst page was read
  afterwards, for one more change (see `docs/cleaning-log.md`);
- `s12-a` … `s12-f`: session 12's pages, each set written by someone who saw
  neither the code nor any other set. `s12-a` was worked on from the start;
  each later set was scored before anyone read it (its held-out figure, in the
  README), and `s12-b` to `s12-e` were then read for the next changes;
  `s12-f`, sixteen ordinary news pages, was scored last and not read;
- `s13-a` … `s13-d`: session 13's pages, written the same way: blogs,
  newsletters and other pages that are not newspaper stories (`s13-a`), news
  sites' many byline forms (`s13-b`), stories broken up by boxes (`s13-c`),
  and an ordinary week's reading (`s13-d`). Each was scored before it was
  read; `s13-a` to `s13-c` were then read for changes, and `s13-d` was not.
- `s14-p`: session 14's fourteen pages of the many ways sites show who wrote
  a story, written the same way, scored before it was read, then read.

Saved pages (`saved-pages/`): whole HTML documents as a browser saves them,
written the same way in session 14, with the markup, menus, boxes, comments and
footers of many kinds of site: ordinary news (`s14-h1`), pages that are not
news stories (`s14-h2`), awkward markup (`s14-h3`), and an ordinary week
(`s14-h4`, scored and not read), and one more ordinary week written at the
session's end (`s14-h5`, scored once with the session's starting code and
once with its last, never read). Session 15 added company and product blogs
(`s15-c1`), personal and hobby blogs (`s15-c2`) and magazines and long reads
(`s15-c3`), each scored before it was read and then read, an ordinary mix
(`s15-c4`, scored and not read in session 15; its bylines were read in session 16), and one more ordinary week written at the
session's end (`s15-c5`, scored with the session's starting code and its last,
not read in session 15; its bylines were read in session 16). Session 16 added the many ways news sites, magazines and blogs show
who wrote a story (`s16-b1`, `s16-b2`, `s16-b3`, each scored before it was
read, then read) and two more ordinary weeks, one written at the session's
start (`s16-c6`) and one during it (`s16-c7`), each scored with the session's
starting code and its last, never read, and one more read at once (`s16-c8`).
Session 17 read the pasted output of `s14-h5` for its top-matter rules (so
that set is held out no longer), had one line of an `s13-d` page and the first
lines of an `s14-h4` page shown in output diffs, and added two more ordinary
weeks written at its midpoint by helpers who saw neither the code nor any
set (`s17-c1`, `s17-c2`), scored with the session's starting code and each of
its commits, never read. Session 18 saw no page of a held-out set: it read
their aggregate figures only, and its output diffs hid them. Session 19 added
recipe and food pages in the markup of many recipe cards (`s19-r1`), written
for its recipe-card rule after the rule was made, and one more ordinary week
(`s19-c1`), each scored with the session's starting code and its last, never
read; of the held-out pages it saw only counts (how many lines a change
added, and their lengths). Session 20 added news pages from around the
world chosen for being awkward for extractors (`s20-a`), live blogs and long
reads in sibling boxes (`s20-l`) and news pages as the web looked from 2006
to 2014 (`s20-o`), each scored before it was read, then read; and two sets
never read, scored with the session's starting code and its last: one more
ordinary week (`s20-c`) and ordinary pages of 2008 to 2020 from many
countries (`s20-p`); of one held-out `s19-c1` page it counted the lines a
change added and removed. Session 21 added twelve ways real sites show who
wrote a story (`s21-b`, each page given one byline form by the session,
scored before it was read, then read) and one more ordinary week (`s21-c`),
never read, scored with the session's starting code and its last; of the
held-out pages it counted how many lines a change added, their kinds and
lengths. Session 22 added the ways a page credits a desk, the site, a
partner or an agency where the byline stands and names the writer elsewhere
(`s22-b` and `s22-d`, their briefs naming that theme; `s22-b` was scored with
the session's starting code, then read, and `s22-d` was written after the
session's byline rules were made and scored, not read) and one more ordinary
week (`s22-c`), never read, scored with the session's starting code and its
last; the helper who wrote it described its pages in its report, which was
read. Session 23 added an ordinary week (`s23-a`) and the many ways sites
show who wrote a story (`s23-b`), both scored with the session's starting
code before they were read; `s23-b` was then read for byline rules and
`s23-a` for what it lost. `s23-d` was written after those rules, its brief
naming the byline forms they read, and scored, not read. Session 24 added an
ordinary week (`s24-a`), scored with the session's starting code, then read
for its rules; another (`s24-c`), written once the session's first rules
were in, scored with its starting code and its last, never read; and `s24-d`,
written after its rules, the brief naming the forms they read, scored, not
read. Session 25 added two ordinary weeks written at its start: `s25-a`,
scored with the session's starting code and then read for its rules, and
`s25-c` (sites of many countries), scored with its starting code and its
last, never read; `s25-b` (stories with pictures, boxes, players and
embeds inside them), written once the first rules were in, scored with the
starting code and the code of the moment, then read; and `s25-d`, one more
ordinary week written after the session's rules, scored with its starting
code and its last, not read. Session 26 added, at its start, `s26-a` (what
sites put after a story: biographies, tip lines, appeals, corrections,
teasers, comments) and `s26-b` (what they put above and around its start),
each scored with the session's starting code and then read, and `s26-c`,
one more ordinary week, scored with its starting code and its last, never
read; and `s26-d`, one more ordinary week with the furniture of many kinds of
site around its stories, written after the session's rules, scored with its
starting code and its last, not read. Session 27 added, at its start,
`s27-a` (sites that show who wrote a story without a "By"), scored with the
session's starting code and then read, and `s27-b`, one more ordinary week,
scored with its starting code and its last, never read; and `s27-d`, an
ordinary week with the furniture its rules were made for named in its brief
(fact boxes, the writer's job under the byline, pull quotes with their
speakers, republishing rows), written after them, scored with its starting
code and its last, not read. Session 28 added `s28-a` (lists and boxes of
other pages' excerpts, and stories whose own lists use ellipses), written
after its html excerpt-list rule, scored with the starting code and that
rule, then read; `s28-b`, one more ordinary week, never read; and `s28-c`,
more boxes of excerpts in other markup, written while the session's rules
were made on `s28-a`, scored with its starting code and its last, never
read. Session 29 added `s29-b`, one more ordinary week, written during the
session by a helper who saw neither the code nor any set, scored with its
starting code and its last, never read. `--pasted` also scores each saved page as
pasted text (rendered with `html-text`, as `extraction.py` renders a page), and
`--baselines` scores `extraction.py`'s comparison systems on the saved pages.

Per set it prints the mean of each page's precision and recall over 4-word
shingles (the dev benchmark's metric), their F1, and how many headlines and
bylines are right (a byline as `extraction.py` judges one). `--code ROOT`
scores another checkout of narrate, for a side-by-side comparison.

    python benchmarks/written_pages.py [--code ROOT] [--pages] [--pasted] [--baselines]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SETS = (  # (folder, set)
    *(("pasted-pages", s) for s in ("worked", "tuned-later", "unseen", "s12-a", "s12-b", "s12-c", "s12-d", "s12-e",
                                     "s12-f", "s13-a", "s13-b", "s13-c", "s13-d", "s14-p")),
    *(("saved-pages", s) for s in ("s14-h1", "s14-h2", "s14-h3", "s14-h4", "s14-h5",
                                    "s15-c1", "s15-c2", "s15-c3", "s15-c4", "s15-c5", "s16-b1", "s16-b2", "s16-b3",
                                    "s16-c6", "s16-c7", "s16-c8", "s17-c1", "s17-c2", "s19-r1", "s19-c1",
                                    "s20-a", "s20-c", "s20-l", "s20-o", "s20-p", "s21-b", "s21-c",
                                    "s22-b", "s22-c", "s22-d", "s23-a", "s23-b", "s23-d", "s24-a", "s24-c", "s24-d",
                                    "s25-a", "s25-b", "s25-c", "s25-d", "s26-a", "s26-b", "s26-c", "s26-d",
                                    "s27-a", "s27-b", "s27-d", "s28-a", "s28-b", "s28-c", "s29-b")),
)

def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text)
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def byline_right(truth: str | None, found: str | None) -> bool:
    """As `extraction.py` judges a byline (every labelled name token in it, no month, digit, handle or
    URL), with "and" between names not required; and no byline where the page names none."""
    if not truth:
        return not found
    from narrate.text import MONTHS

    if not found:
        return False
    tokens = {t.strip(".,") for t in re.findall(r"[\w’'.-]+", found.casefold())}
    names = {t.casefold().strip(".,") for t in truth.split()} - {"and"}
    if not names <= tokens or re.search(r"\d|@|https?:|www\.|\.com\b|/", found):
        return False
    return not any(t in MONTHS and t not in names for t in tokens)


def score_page(path: Path, pasted: bool = False) -> tuple[float, float, bool, bool]:
    """Precision, recall, headline right, byline right; `pasted`: the saved page as pasted text."""
    from narrate.article import Document
    from narrate.clean import clean
    from narrate.errors import NarrateError
    from narrate.read import read
    from narrate.split import split

    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    try:
        if pasted:
            text = extraction().pasted_text(path.read_text(encoding="utf-8"))
            doc = Document(source=str(path), stem=path.stem, format="text", text=text)
        else:
            doc = read(str(path))
        article = clean(doc)
        body = "\n".join(s.text for s in split(article) if s.kind != "headline")
        title, byline = article.title or "", article.byline
    except NarrateError:
        body, title, byline = "", "", None
    precision, recall = overlap(truth, body)
    return precision, recall, title.strip() == truth["headline"].strip(), byline_right(truth["byline"], byline)


def overlap(truth: dict, body: str) -> tuple[float, float]:
    """A page's precision and recall over 4-word shingles."""
    want, got = shingles("\n".join(truth["body"])), shingles(body)
    return (len(want & got) / len(got) if got else 0.0), (len(want & got) / len(want) if want else 0.0)


def extraction() -> Any:
    """`extraction.py`, for its comparison systems and its rendering of a page as pasted text; loaded by
    path, since this folder on sys.path would shadow the stdlib's queue."""
    import importlib.util

    if "extraction" not in sys.modules:
        spec = importlib.util.spec_from_file_location("extraction", HERE / "extraction.py")
        sys.modules["extraction"] = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(sys.modules["extraction"])  # type: ignore[union-attr]
    return sys.modules["extraction"]


def baseline_page(path: Path, system: str) -> tuple[float, float]:
    """A comparison row's precision and recall on a saved page (`extraction.py`'s systems)."""
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    return overlap(truth, extraction().baseline(system, path.read_text(encoding="utf-8")))


def means(rows: list) -> tuple[float, float, float]:
    p = sum(r[0] for r in rows) / len(rows)
    r = sum(r[1] for r in rows) / len(rows)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", help="a checkout of narrate to score instead of this one")
    parser.add_argument("--pages", action="store_true", help="also print each page's figures")
    parser.add_argument("--pasted", action="store_true", help="also score each saved page as pasted text")
    parser.add_argument("--baselines", action="store_true", help="also score the comparison systems on saved pages")
    args = parser.parse_args(argv)
    if args.code:
        sys.path.insert(0, str(Path(args.code).resolve()))
    import narrate

    print(f"narrate from {Path(narrate.__file__).resolve().parent.parent}")
    print(f"{'set':13} pages  mean P  mean R  F1(means)  headlines  bylines")
    runs = [(folder, name, False) for folder, name in SETS]
    runs += [("saved-pages", name, True) for folder, name in SETS if folder == "saved-pages" and args.pasted]
    for folder, name, pasted in runs:
        pages = sorted(p for p in (HERE / folder / name).glob("*") if p.suffix in (".txt", ".html"))
        if not pages:
            continue
        rows = [score_page(p, pasted) for p in pages]
        n = len(rows)
        name = f"{name} pasted" if pasted else name
        p, r, f1 = means(rows)
        heads, bylines = sum(r[2] for r in rows), sum(r[3] for r in rows)
        print(f"{name:13} {n:5}  {p:6.3f}  {r:6.3f}  {f1:9.3f}  {heads:5}/{n:<4} {bylines:4}/{n}")
        if args.pages:
            for page, (pp, rr, hh, bb) in zip(pages, rows):
                print(f"    {page.stem:28} P {pp:.2f} R {rr:.2f} headline {'yes' if hh else 'no '} byline {'yes' if bb else 'no'}")
        if folder == "saved-pages" and not pasted and args.baselines:
            for system in ("trafilatura", "trafilatura precise", "readability"):
                p, r, f1 = means([baseline_page(page, system) for page in pages])
                print(f"  {system:19}  {p:6.3f}  {r:6.3f}  {f1:9.3f}")
    return 0


if __name__ == "__main__":
    if sys.path and Path(sys.path[0]).resolve() == HERE:  # the benchmarks folder first would shadow the stdlib
        sys.path.pop(0)
    sys.exit(main())
