"""The editions already in an output folder, read from their manifests.

Only files named exactly `edition-YYYY-MM-DD.json` are editions
(`edition-<date>.chapters.json` is not). A manifest that is damaged, or was not
written by narrate, is skipped with a warning: it never stops the next edition
from being built into the same folder.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from narrate.plan import EDITION_MANIFEST

log = logging.getLogger("narrate")

# What the feed and the pages read from a manifest, and the type each must have.
REQUIRED: dict[str, type | tuple[type, ...]] = {"title": str, "date": str, "mp3": str, "duration_ms": int, "stories": list}
STORY: dict[str, type | tuple[type, ...]] = {"title": str, "start_ms": int, "end_ms": int}


def problem(data: Any, path: Path) -> str | None:
    """Why a parsed manifest cannot be used, or None when it can."""
    if not isinstance(data, dict):
        return "it is not a JSON object"
    for key, kind in REQUIRED.items():
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            return f"its {key!r} is missing or not a {getattr(kind, '__name__', 'value')}"
    try:
        day = dt.date.fromisoformat(data["date"]).isoformat()
    except ValueError:
        return f"its date {data['date']!r} is not a date"
    if path.name != f"edition-{day}.json":
        return f"its date {day} does not match its name"
    if Path(data["mp3"]).name != data["mp3"]:
        return "its mp3 is not a file name in the same folder"
    for story in data["stories"]:
        if not isinstance(story, dict) or any(not isinstance(story.get(k), t) for k, t in STORY.items()):
            return "one of its stories lacks a title, start_ms or end_ms"
    if "segments" in data and not isinstance(data["segments"], list):
        return "its segments are not a list"
    return None


def is_edition_manifest(path: Path) -> bool:
    return EDITION_MANIFEST.fullmatch(path.name) is not None


def editions(folder: Path, skip: str | None = None) -> list[dict[str, Any]]:
    """Every usable edition manifest in the folder whose MP3 still exists, newest first.

    `skip`: a date whose manifest is about to be replaced (its old one is not read).
    """
    found = []
    try:
        paths = sorted(p for p in folder.iterdir() if is_edition_manifest(p))
    except OSError:
        return []
    for path in paths:
        if skip and path.name == f"edition-{skip}.json":
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as err:
            log.warning("%s is not a readable edition manifest (%s); it is skipped", path, type(err).__name__)
            continue
        why = problem(data, path)
        if why:
            log.warning("%s is not an edition manifest narrate wrote (%s); it is skipped", path, why)
            continue
        if not (folder / data["mp3"]).is_file():
            log.warning("%s names %s, which is missing; that edition is skipped", path, data["mp3"])
            continue
        found.append(data)
    return sorted(found, key=lambda d: d["date"], reverse=True)
