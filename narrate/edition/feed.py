"""The podcast feed: `feed.xml`, one item per edition, made with feedgen.

The feed is rebuilt from the edition manifests in the output folder every
time. Each item is made only from its own manifest (title, author, GUID, its
page `edition-<date>.html` and its cover `edition-<date>.png`), so rebuilding
one date changes that date's item and no other.

feedgen's podcast extension writes the iTunes tags it knows. What it lacks or
refuses (Apple's `itunes:explicit` values `true`/`false`, `itunes:type`,
`podcast:guid`, `podcast:locked`, `podcast:transcript`, `podcast:chapters` and
`atom:link rel="self"`) is written by narrate's own extension below.

Links are `[edition] base_url` + file name. Without a base URL the links are
relative, which a browser can follow but a podcast app cannot; narrate warns.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

from narrate.config import Config
from narrate.edition.manifests import editions
from narrate.edition.settings import category
from narrate.export import write_text
from narrate.transcript import plain

log = logging.getLogger("narrate")

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM_NS = "http://www.w3.org/2005/Atom"
# Podcasting 2.0: podcast:guid is the UUIDv5 of the feed URL (scheme and trailing slashes removed) in this namespace.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
BASE_URL_WARNING = (
    "[edition] base_url is not set, so feed.xml links are relative and podcast apps cannot fetch the audio; "
    "set base_url in narrate.toml to the address where the output folder will be published"
)


def base_of(config: Config) -> str:
    url = config.edition.base_url
    return url if not url or url.endswith("/") else url + "/"


def show_identity(config: Config) -> str:
    """What tells this show from every other made with narrate: its base URL, else its title."""
    return base_of(config) or f"narrate:{plain(config.edition.title)}"


def guid(identity: str, date: str) -> str:
    """An edition's item GUID: unique to the show and the date, the same on every rebuild."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{identity}#edition-{date}"))


def podcast_guid(feed_url: str) -> str:
    """The Podcasting 2.0 GUID of a feed URL."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def link(base_url: str, name: str) -> str:
    return urljoin(base_url, quote(name)) if base_url else quote(name)


def text(value: str) -> str:
    """Text for HTML show notes: `<`, `>` and `&` escaped, apostrophes and quotes left as they are,
    because podcast apps show `&#x27;` literally or drop the character."""
    return html.escape(plain(value), quote=False)


def show_notes(edition: dict[str, Any]) -> str:
    """HTML show notes: each story with its byline and source. Every piece of article text is escaped."""
    items = []
    for story in edition["stories"]:
        parts = [f"<strong>{text(story['title'])}</strong>"]
        if story.get("byline"):
            parts.append(f"by {text(str(story['byline']))}")
        if story.get("publication"):
            parts.append(text(str(story["publication"])))
        url = plain(str(story.get("source_url") or ""))
        if url.startswith(("http://", "https://")):
            href = html.escape(url, quote=False).replace('"', "%22")
            parts.append(f'<a href="{href}">{href}</a>')
        minutes, seconds = divmod(int(story["start_ms"]) // 1000, 60)
        items.append(f"<li>{minutes}:{seconds:02d} {', '.join(parts)}</li>")
    return f"<p>{text(edition['title'])}</p><ol>{''.join(items)}</ol>"


def duration(ms: int) -> str:
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def build_feed(folder: Path, config: Config, manifests: Sequence[dict[str, Any]] | None = None) -> bytes:
    """The RSS 2.0 feed with iTunes and Podcasting 2.0 tags, for the editions given (default: those in `folder`)."""
    from feedgen.feed import FeedGenerator

    settings = config.edition
    base = base_of(config)
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("narrate", NarrateFeedExtension, NarrateEntryExtension)
    fg.title(plain(settings.title))
    fg.description(plain(settings.description) or plain(settings.title))
    fg.link(href=base or "./", rel="alternate")
    fg.language(plain(settings.language))
    fg.author({"name": plain(settings.author), **({"email": settings.owner_email} if settings.owner_email else {})})
    fg.image(url=link(base, "cover.png"), title=plain(settings.title), link=base or "./")
    fg.generator("narrate")
    fg.podcast.itunes_author(plain(settings.author))
    fg.podcast.itunes_image(link(base, "cover.png"))
    chosen = category(settings.category)
    fg.podcast.itunes_category(chosen.name, chosen.sub)
    fg.podcast.itunes_summary(plain(settings.description))
    if settings.owner_email:
        fg.podcast.itunes_owner(name=plain(settings.author), email=plain(settings.owner_email))
    ext = fg.narrate
    ext.explicit = settings.explicit
    ext.locked = settings.locked
    ext.owner = plain(settings.owner_email)
    if base:
        ext.self_url = link(base, "feed.xml")
        ext.podcast_guid = podcast_guid(ext.self_url)
    identity = show_identity(config)
    found = editions(folder) if manifests is None else list(manifests)
    for edition in sorted(found, key=lambda d: d["date"]):  # feedgen prepends: add oldest first
        add_item(fg, folder, edition, base, identity, config)
    return fg.rss_str(pretty=True)


def add_item(fg: Any, folder: Path, edition: dict[str, Any], base: str, identity: str, config: Config) -> None:
    """One edition's item, from its own manifest only."""
    settings = config.edition
    date = edition["date"]
    mp3 = folder / edition["mp3"]
    stem = mp3.stem
    page = f"{stem}.html" if (folder / f"{stem}.html").is_file() else "index.html"
    image = f"{stem}.png" if (folder / f"{stem}.png").is_file() else "cover.png"
    author = plain(str(edition.get("author") or settings.author))
    entry = fg.add_entry()
    entry.guid(str(edition.get("guid") or guid(identity, date)), permalink=False)
    entry.title(plain(edition["title"]))
    entry.description(show_notes(edition))
    entry.link(href=link(base, page))
    entry.enclosure(link(base, mp3.name), str(mp3.stat().st_size), "audio/mpeg")
    day = dt.date.fromisoformat(date)
    entry.pubDate(dt.datetime(day.year, day.month, day.day, 6, 0, tzinfo=dt.UTC))
    entry.podcast.itunes_duration(duration(int(edition["duration_ms"])))
    entry.podcast.itunes_author(author)
    entry.podcast.itunes_image(link(base, image))
    entry.narrate.explicit = bool(edition.get("explicit", settings.explicit))
    if (folder / f"{stem}.vtt").is_file():
        entry.narrate.transcript = (link(base, f"{stem}.vtt"), "text/vtt", plain(str(edition.get("language") or settings.language)))
    if (folder / f"{stem}.chapters.json").is_file():
        entry.narrate.chapters = (link(base, f"{stem}.chapters.json"), "application/json+chapters")


def write_feed(folder: Path, config: Config, manifests: Sequence[dict[str, Any]] | None = None) -> Path:
    """Rebuild `feed.xml` in `folder` (warns while the base URL is unset)."""
    if not config.edition.base_url:
        log.warning(BASE_URL_WARNING)
    target = folder / "feed.xml"
    write_text(build_feed(folder, config, manifests).decode("utf-8"), target)
    return target


def _boolean(value: bool) -> str:
    return "true" if value else "false"


class NarrateFeedExtension:
    """feedgen extension for what the podcast extension lacks on the channel."""

    def __init__(self) -> None:
        self.explicit = False
        self.locked = False
        self.owner = ""
        self.self_url = ""
        self.podcast_guid = ""

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "itunes": ITUNES_NS, "atom": ATOM_NS}

    def extend_rss(self, feed: Any) -> Any:
        from feedgen.util import xml_elem

        channel = feed[0]
        if self.self_url:
            xml_elem(f"{{{ATOM_NS}}}link", channel, href=self.self_url, rel="self", type="application/rss+xml")
        xml_elem(f"{{{ITUNES_NS}}}type", channel).text = "episodic"
        xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = _boolean(self.explicit)
        if self.podcast_guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.podcast_guid
        locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel, **({"owner": self.owner} if self.owner else {}))
        locked.text = "yes" if self.locked else "no"
        return feed

    def extend_atom(self, feed: Any) -> Any:
        return feed


class NarrateEntryExtension:
    """feedgen entry extension: `itunes:explicit`, `podcast:transcript` and `podcast:chapters` on an item."""

    def __init__(self) -> None:
        self.explicit = False
        self.transcript: tuple[str, str, str] | None = None
        self.chapters: tuple[str, str] | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "itunes": ITUNES_NS}

    def extend_rss(self, item: Any) -> Any:
        from feedgen.util import xml_elem

        xml_elem(f"{{{ITUNES_NS}}}explicit", item).text = _boolean(self.explicit)
        if self.transcript:
            url, kind, language = self.transcript
            xml_elem(f"{{{PODCAST_NS}}}transcript", item, url=url, type=kind, language=language)
        if self.chapters:
            url, kind = self.chapters
            xml_elem(f"{{{PODCAST_NS}}}chapters", item, url=url, type=kind)
        return item

    def extend_atom(self, entry: Any) -> Any:
        return entry
