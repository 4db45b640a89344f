"""The podcast feed: `feed.xml`, one item per edition, made with feedgen's podcast extension.

The feed is rebuilt from the edition manifests (`edition-<date>.json`) in the
output folder every time, so regenerating a date replaces its item instead of
adding a second one: the item's GUID is made from the date alone.

Links are `[edition] base_url` + file name. Without a base URL the links are
relative, which a browser can follow but a podcast app cannot; narrate warns.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

from narrate.config import Config
from narrate.export import write_text
from narrate.transcript import plain

log = logging.getLogger("narrate")

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
BASE_URL_WARNING = (
    "[edition] base_url is not set, so feed.xml links are relative and podcast apps cannot fetch the audio; "
    "set base_url in narrate.toml to the address where the output folder will be published"
)


def guid(date: str) -> str:
    """The item's identity: the edition's date, so a rebuilt edition replaces its item."""
    return f"narrate-edition-{date}"


def link(base_url: str, name: str) -> str:
    return urljoin(base_url, quote(name)) if base_url else quote(name)


def editions(folder: Path) -> list[dict[str, Any]]:
    """Every edition manifest in the folder whose MP3 still exists, newest first."""
    found = []
    for path in sorted(folder.glob("edition-*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("%s is not a readable edition manifest; it is left out of the feed", path)
            continue
        if isinstance(data, dict) and "date" in data and (folder / str(data.get("mp3", ""))).is_file():
            found.append(data)
    return sorted(found, key=lambda d: d["date"], reverse=True)


def show_notes(edition: dict[str, Any]) -> str:
    """HTML show notes: each story with its byline and source. Every piece of article text is escaped."""
    items = []
    for story in edition["stories"]:
        parts = [f"<strong>{html.escape(plain(story['title']))}</strong>"]
        if story.get("byline"):
            parts.append(f"by {html.escape(plain(story['byline']))}")
        if story.get("publication"):
            parts.append(html.escape(plain(story["publication"])))
        if story.get("source_url"):
            url = html.escape(plain(story["source_url"]), quote=True)
            parts.append(f'<a href="{url}">{url}</a>')
        minutes, seconds = divmod(story["start_ms"] // 1000, 60)
        items.append(f"<li>{minutes}:{seconds:02d} {', '.join(parts)}</li>")
    return f"<p>{html.escape(plain(edition['title']))}</p><ol>{''.join(items)}</ol>"


def duration(ms: int) -> str:
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def build_feed(folder: Path, config: Config) -> bytes:
    """The RSS 2.0 feed with iTunes and Podcasting 2.0 tags, for every edition in `folder`."""
    from feedgen.feed import FeedGenerator

    settings = config.edition
    base = settings.base_url if not settings.base_url or settings.base_url.endswith("/") else settings.base_url + "/"
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
    fg.title(plain(settings.title))
    fg.description(plain(settings.description) or plain(settings.title))
    fg.link(href=base or "./", rel="alternate")
    fg.language(plain(settings.language))
    fg.author({"name": plain(settings.author), **({"email": settings.owner_email} if settings.owner_email else {})})
    fg.image(url=link(base, "cover.png"), title=plain(settings.title), link=base or "./")
    fg.generator("narrate")
    fg.podcast.itunes_author(plain(settings.author))
    fg.podcast.itunes_image(link(base, "cover.png"))
    fg.podcast.itunes_explicit("yes" if settings.explicit else "no")
    fg.podcast.itunes_category(plain(settings.category))
    fg.podcast.itunes_summary(plain(settings.description))
    if settings.owner_email:
        fg.podcast.itunes_owner(name=plain(settings.author), email=plain(settings.owner_email))
    for edition in reversed(editions(folder)):  # feedgen prepends: add oldest first
        mp3 = folder / edition["mp3"]
        stem = mp3.stem
        entry = fg.add_entry()
        entry.guid(guid(edition["date"]), permalink=False)
        entry.title(plain(edition["title"]))
        entry.description(show_notes(edition))
        entry.link(href=link(base, "index.html"))
        entry.enclosure(link(base, mp3.name), str(mp3.stat().st_size), "audio/mpeg")
        day = dt.date.fromisoformat(edition["date"])
        entry.pubDate(dt.datetime(day.year, day.month, day.day, 6, 0, tzinfo=dt.UTC))
        entry.podcast.itunes_duration(duration(int(edition["duration_ms"])))
        entry.podcast.itunes_author(plain(settings.author))
        entry.podcast.itunes_image(link(base, "cover.png"))
        entry.podcast.itunes_explicit("yes" if settings.explicit else "no")
        entry.podcastindex.transcript = (link(base, f"{stem}.vtt"), "text/vtt", plain(settings.language))
        entry.podcastindex.chapters = (link(base, f"{stem}.chapters.json"), "application/json+chapters")
    return fg.rss_str(pretty=True)


def write_feed(folder: Path, config: Config) -> Path:
    """Rebuild `feed.xml` in `folder`; warn while the base URL is unset."""
    if not config.edition.base_url:
        log.warning(BASE_URL_WARNING)
    target = folder / "feed.xml"
    write_text(build_feed(folder, config).decode("utf-8"), target)
    return target


class PodcastIndexExtension:
    """feedgen extension for the Podcasting 2.0 namespace: declares it on the channel."""

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, feed: Any) -> Any:
        return feed

    def extend_atom(self, feed: Any) -> Any:
        return feed


class PodcastIndexEntryExtension:
    """feedgen entry extension: <podcast:transcript> and <podcast:chapters> on an item."""

    def __init__(self) -> None:
        self.transcript: tuple[str, str, str] | None = None
        self.chapters: tuple[str, str] | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, item: Any) -> Any:
        from feedgen.util import xml_elem

        if self.transcript:
            url, kind, language = self.transcript
            xml_elem(f"{{{PODCAST_NS}}}transcript", item, url=url, type=kind, language=language)
        if self.chapters:
            url, kind = self.chapters
            xml_elem(f"{{{PODCAST_NS}}}chapters", item, url=url, type=kind)
        return item

    def extend_atom(self, entry: Any) -> Any:
        return entry
