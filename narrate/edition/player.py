"""The web player: one static page per edition, `edition-<date>.html`, and the folder's `index.html`.

`index.html` plays the newest edition and lists every edition in the folder,
newest first, each linking to its own page. An edition's page never lists the
others, so building a new date leaves the older pages as they were.

Pages must work opened straight from disk, where browsers refuse to fetch
neighbouring files, so the transcript and chapters are embedded in the page as
JSON. Article text is untrusted: in HTML it is escaped, inside the JSON block
every `<`, `>` and `&` is a \\u escape (so `</script>` cannot close the block),
and a Content-Security-Policy lets only the page's own script run, by hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from narrate.export import write_text
from narrate.transcript import plain

_MARKER = re.compile(r"\{\{([A-Z0-9_]+)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def page_data(manifest: dict[str, Any]) -> dict[str, Any]:
    """What the page's script needs: stories and timed sentences, all text made plain."""
    stories = [
        {
            "title": plain(s["title"]),
            "byline": plain(s.get("byline") or ""),
            "publication": plain(s.get("publication") or ""),
            "source_url": plain(s.get("source_url") or ""),
            "start_ms": s["start_ms"],
            "end_ms": s["end_ms"],
        }
        for s in manifest["stories"]
    ]
    segments = [
        {
            "kind": seg["kind"],
            "paragraph": seg.get("paragraph", i),
            "start_ms": seg["start_ms"],
            "end_ms": seg["end_ms"],
            "sentences": [{"text": plain(x["text"]), "start_ms": x["start_ms"], "end_ms": x["end_ms"]} for x in seg.get("sentences", [])],
        }
        for i, seg in enumerate(manifest.get("segments", []))
    ]
    return {"title": plain(manifest["title"]), "duration_ms": manifest["duration_ms"], "stories": stories, "segments": segments}


def editions_list(editions: Sequence[dict[str, Any]], playing: str) -> str:
    """The index's list of every edition, newest first, each linking to its own page."""
    if not editions:
        return ""
    items = []
    for edition in editions:
        page = html.escape(str(edition.get("page") or f"edition-{edition['date']}.html"), quote=True)
        label = html.escape(plain(str(edition.get("date_label") or edition["date"])))
        current = ' aria-current="page"' if edition["date"] == playing else ""
        note = ' <span class="now">(playing)</span>' if current else ""
        items.append(f'<li><a href="{page}"{current}>{label}</a>{note}</li>')
    return f'<nav class="editions" aria-labelledby="editions-heading"><h2 id="editions-heading">Editions</h2><ol>{"".join(items)}</ol></nav>'


def render(manifest: dict[str, Any], language: str = "en", editions: Sequence[dict[str, Any]] = ()) -> str:
    """The page for one edition manifest; with `editions`, the index that also lists them."""
    folder = resources.files("narrate.edition") / "templates"
    template = (folder / "player.html").read_text(encoding="utf-8")
    script = (folder / "player.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    values = {
        "LANG": html.escape(plain(language) or "en", quote=True),
        "TITLE": html.escape(plain(manifest.get("edition") or manifest["title"])),
        "DATE": html.escape(plain(manifest.get("date_label") or manifest["date"])),
        "MP3": html.escape(manifest["mp3"], quote=True),
        "COVER": html.escape(str(manifest.get("cover") or "cover.png"), quote=True),
        "EDITIONS": editions_list(editions, manifest["date"]),
        "DATA": script_json(page_data(manifest)),
        "SCRIPT": script,
        "SCRIPT_HASH": digest,
    }
    # one pass, so a value that happens to contain {{SOMETHING}} is never expanded
    return _MARKER.sub(lambda m: values[m.group(1)], template)


def write_index(folder: Path, editions: Sequence[dict[str, Any]], language: str = "en") -> Path:
    """`index.html`: the newest edition's player, and every edition listed newest first."""
    ordered = [
        # an edition built before editions had pages of their own: the list links to its MP3
        edition if (folder / str(edition.get("page") or f"edition-{edition['date']}.html")).is_file() else {**edition, "page": edition["mp3"]}
        for edition in sorted(editions, key=lambda e: e["date"], reverse=True)
    ]
    target = folder / "index.html"
    write_text(render(ordered[0], language, ordered), target)
    return target


def sample_manifest(title: str) -> dict[str, Any]:
    """A one-story manifest to render a page with before any audio exists (the settings check)."""
    return {
        "edition": title,
        "title": title,
        "date": "2000-01-01",
        "mp3": "edition-2000-01-01.mp3",
        "duration_ms": 1000,
        "stories": [{"title": title, "start_ms": 0, "end_ms": 1000}],
        "segments": [],
    }
