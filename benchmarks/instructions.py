"""A fixed piece of cleaning work to count instructions on, for comparing two checkouts of narrate.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        .venv/bin/python benchmarks/instructions.py [--code ROOT] [--mode html|text]

It reads the first 40 snippets-en pages as saved HTML (or, with `--mode text`, as pasted text, rendered with
`extraction.py`'s `pasted_text`: the rendering is counted too, the same work for any checkout) and cleans and
splits each with `extraction.py`'s `narrate_output`, once, in one process; callgrind's "Collected" line is the
count. Instructions do not move with a shared machine's load as times do, so two checkouts counted one after
the other compare fairly.
`--code ROOT` counts another checkout's narrate (this script and `extraction.py` stay this checkout's).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = 40


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", help="another checkout of narrate to count")
    parser.add_argument("--mode", choices=("html", "text"), default="html", help="the saved page, or the page pasted")
    args = parser.parse_args(argv)
    if args.code:
        sys.path.insert(0, str(Path(args.code).resolve()))
    from written_pages import extraction as load_extraction  # by path: this folder's queue.py shadows the stdlib's

    extraction = load_extraction()
    from narrate.read import read

    corpus = extraction.SHARED / "snippets-en"
    keys = sorted(p.name.removesuffix(".html.gz") for p in (corpus / "html").glob("*.html.gz"))[:PAGES]
    with tempfile.TemporaryDirectory() as tmp:
        for key in keys:
            html = extraction.load_html(corpus, key)
            path = Path(tmp) / f"{key}.{'html' if args.mode == 'html' else 'txt'}"
            path.write_text(html if args.mode == "html" else extraction.pasted_text(html), encoding="utf-8")
            extraction.narrate_output(read(str(path)))
    print(f"cleaned and split {len(keys)} pages ({args.mode}) with narrate from {sys.modules['narrate'].__file__}")
    return 0


if __name__ == "__main__":
    if sys.path and Path(sys.path[0]).resolve() == HERE:  # the benchmarks folder first would shadow the stdlib
        sys.path.pop(0)
        sys.path.append(str(HERE))
    raise SystemExit(main())
