"""Articles from the web: a page's URL, or an RSS or Atom feed (a URL or a file) of many.

A page is fetched as a careful client would: a clear User-Agent, connect and
read timeouts, at most five redirects, and a total deadline, so that a server
that drips bytes cannot hold a run for ever. The 10 MB input limit is enforced
while the body arrives (a Content-Length over it is refused before reading),
and only HTML, plain text and feeds are accepted.

HTTP is httpx: its timeouts are per phase, its streamed body arrives as the
network delivers it (so the deadline and the size limit are checked at every
read, not every 64 KB), and it follows redirects one hop at a time when asked,
so each hop gets only what is left of the deadline. Feeds are read by
feedparser, which copes with the RSS and Atom found in the wild.

Fetched pages are kept in the cache folder (`<cache>/v2/pages/`) with their
ETag and Last-Modified: a re-run asks the server only whether they changed.

A failure is one line naming the URL and the HTTP status or the cause.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from narrate import __version__
from narrate.article import Document, Format
from narrate.errors import InputError
from narrate.plan import is_url, stem_of
from narrate.read import MAX_BYTES, decode, read_file, sniff

USER_AGENT = f"narrate/{__version__} (reads news articles aloud; python-httpx)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "text/xml", "application/xml"})
FEED_SUFFIXES = (".xml", ".rss", ".atom")

if TYPE_CHECKING:
    import httpx
MAX_ITEMS = 50
DEFAULT_ITEMS = 10


class FetchError(InputError):
    """A page could not be fetched, or is not something narrate reads.

    `transient`: the same request may well succeed later (a timeout, a dropped
    connection, a server error); a queue worker tries such a job again.
    """

    def __init__(self, what: str, fix: str = "", transient: bool = False) -> None:
        super().__init__(what, fix)
        self.transient = transient


@dataclass(frozen=True)
class Limits:
    """How long and how much one fetch may take."""

    connect: float = 10.0  # seconds to connect
    read: float = 20.0  # seconds to wait for the next bytes
    deadline: float = 60.0  # seconds for the whole fetch, redirects included
    redirects: int = 5
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True)
class Page:
    """A fetched page: its bytes and what the server said they are."""

    url: str  # as asked
    final_url: str  # after redirects
    media_type: str  # "text/html", without parameters; "" when the server gave none
    charset: str | None
    data: bytes

    @property
    def is_feed(self) -> bool:
        return self.media_type in FEED_TYPES and looks_like_feed(self.data)


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def media_type(content_type: str) -> tuple[str, str | None]:
    """`text/html; charset=ISO-8859-1` -> ("text/html", "iso-8859-1")."""
    kind, _, params = content_type.partition(";")
    found = re.search(r"charset=\"?([\w.:-]+)", params, re.IGNORECASE)
    return kind.strip().lower(), found.group(1).lower() if found else None


def pages_folder(cache: Path | None) -> Path | None:
    """Where fetched pages are kept: `<cache>/v2/pages`, or nowhere when caching is off."""
    from narrate.cache import area

    return None if cache is None else area(cache, "pages")


class Fetcher:
    """Fetches pages over HTTP(S) within `limits`, keeping them in `pages` (a folder, or None)."""

    def __init__(self, pages: Path | None = None, limits: Limits = Limits(), check: Callable[[str], None] | None = None) -> None:
        self.pages = pages
        self.limits = limits
        self.check = check  # called with every address before it is requested, redirects included; raises to refuse
        self.requests = 0  # bodies actually downloaded, for tests and --json
        self._this_run: dict[str, Page] = {}  # pages kept in memory when there is no cache folder

    # --- the cache --------------------------------------------------------------------------------

    def _entry(self, url: str) -> tuple[Path, Path] | None:
        if self.pages is None:
            return None
        key = hashlib.sha256(url.encode()).hexdigest()
        folder = self.pages / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def _cached(self, url: str) -> tuple[dict[str, str], Page] | None:
        entry = self._entry(url)
        if entry is None:
            return None
        meta_path, body_path = entry
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            data = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url or hashlib.sha256(data).hexdigest() != meta.get("sha256"):
            return None  # damaged or foreign: fetched again
        page = Page(url, str(meta.get("final_url") or url), str(meta.get("media_type") or ""), meta.get("charset"), data)
        return {k: str(meta[k]) for k in ("etag", "last_modified") if meta.get(k)}, page

    def _keep(self, page: Page, etag: str | None, last_modified: str | None) -> None:
        entry = self._entry(page.url)
        if entry is None:
            return
        meta_path, body_path = entry
        meta = {"url": page.url, "final_url": page.final_url, "media_type": page.media_type, "charset": page.charset,
                "etag": etag, "last_modified": last_modified, "sha256": hashlib.sha256(page.data).hexdigest()}
        from narrate.files import write_atomically

        try:
            for path, data in ((body_path, page.data), (meta_path, json.dumps(meta).encode())):

                def write(tmp: Path, data: bytes = data) -> None:
                    tmp.write_bytes(data)

                write_atomically(path, write)
        except OSError:
            pass  # a cache that cannot be written is skipped, never fatal

    # --- fetching -----------------------------------------------------------------------------------

    def fetch(self, url: str) -> Page:
        """The page at `url`: from this run, from the cache if the server says it has not changed, else downloaded."""
        if url in self._this_run:
            return self._this_run[url]
        cached = self._cached(url)
        page = self._download(url, cached)
        if self.pages is None:
            self._this_run[url] = page
        return page

    def _download(self, url: str, cached: tuple[dict[str, str], Page] | None) -> Page:
        import httpx

        limits = self.limits
        started = time.monotonic()

        def left() -> float:
            remaining = limits.deadline - (time.monotonic() - started)
            if remaining <= 0:
                raise FetchError(f"{url}: took longer than the {limits.deadline:g} s allowed for one page", "Try again later, or save the page and give narrate the file")
            return remaining

        headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.8,*/*;q=0.1"}
        if cached:
            validators, _ = cached
            if "etag" in validators:
                headers["If-None-Match"] = validators["etag"]
            if "last_modified" in validators:
                headers["If-Modified-Since"] = validators["last_modified"]
        current = url
        try:
            with httpx.Client(headers=headers, follow_redirects=False, trust_env=False) as client:
                for hop in range(limits.redirects + 1):
                    remaining = left()
                    if self.check:
                        self.check(current)
                    timeout = httpx.Timeout(connect=min(limits.connect, remaining), read=min(limits.read, remaining),
                                            write=min(limits.read, remaining), pool=min(limits.connect, remaining))
                    request = client.build_request("GET", current, timeout=timeout)
                    response = client.send(request, stream=True)
                    try:
                        if response.has_redirect_location:
                            location = response.headers.get("location", "")
                            if hop == limits.redirects:
                                raise FetchError(f"{url}: more than {limits.redirects} redirects", "Give narrate the page's final address")
                            current = str(response.url.join(location))
                            if not is_url(current):
                                raise FetchError(f"{url}: redirected to {current[:80]}, which is not http or https", "Give narrate the page's final address")
                            continue
                        if response.status_code == 304 and cached:
                            return cached[1]
                        return self._body(url, current, response, left)
                    finally:
                        response.close()
        except httpx.TimeoutException as err:
            what = "connecting" if isinstance(err, httpx.ConnectTimeout) else "waiting for the server"
            raise FetchError(f"{url}: timed out {what}", "Check the address, or try again later", transient=True) from None
        except httpx.HTTPError as err:
            raise FetchError(f"{url}: {_cause(err)}", "Check the address and your connection", transient=True) from None
        raise FetchError(f"{url}: more than {limits.redirects} redirects", "Give narrate the page's final address")

    def _body(self, url: str, final: str, response: httpx.Response, left: Callable[[], float]) -> Page:
        status = response.status_code
        if status >= 400 or status < 200:
            raise FetchError(f"{url}: HTTP {status} ({response.reason_phrase or 'error'})",
                             "Check the address" if status < 500 else "The server failed; try again later",
                             transient=status >= 500 or status == 429)
        kind, charset = media_type(response.headers.get("content-type", ""))
        if kind and kind not in HTML_TYPES | TEXT_TYPES | FEED_TYPES:
            raise FetchError(f"{url}: is {kind}, not an article (HTML or text) or a feed", "Give narrate the address of the article's web page")
        length = response.headers.get("content-length", "")
        limit = self.limits.max_bytes
        if length.isdigit() and int(length) > limit:
            raise FetchError(f"{url}: is {int(length) / 1e6:.1f} MB, over the {limit // (1024 * 1024)} MB limit for one article", "Give narrate the article's own page")
        parts: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{url}: sent more than the {limit // (1024 * 1024)} MB limit for one article", "Give narrate the article's own page")
            parts.append(chunk)
            left()
        self.requests += 1
        page = Page(url, final, kind, charset, b"".join(parts))
        self._keep(page, response.headers.get("etag"), response.headers.get("last-modified"))
        return page

    # --- what narrate reads -------------------------------------------------------------------------

    def document(self, url: str) -> Document:
        """A web page as narrate reads a saved file: decoded, its format known."""
        page = self.fetch(url)
        if page.is_feed:
            raise FetchError(f"{url}: is a feed, not an article", "Give the feed to narrate or to `narrate edition --feed`, which read each item")
        return page_document(page)


def _cause(err: Exception) -> str:
    text = str(err).strip() or type(err).__name__
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "no such host"
    if "Connection refused" in text:
        return "connection refused"
    return text.splitlines()[0][:120]


def page_document(page: Page) -> Document:
    text = _text(page.data, page.charset, page.url)
    if not text.strip():
        raise FetchError(f"{page.url}: the page is empty", "Check the address")
    fmt: Format = "html" if page.media_type in HTML_TYPES else "markdown" if page.media_type == "text/markdown" else "text"
    if not page.media_type:
        fmt = sniff(text)
    return Document(source=page.url, stem=stem_of(page.url), format=fmt, text=text)


def _text(data: bytes, charset: str | None, label: str) -> str:
    """Bytes as text: the charset the server named when Python knows it, else narrate's own decoding."""
    if charset and charset not in ("utf-8", "utf8"):
        try:
            return decode(data.decode(charset).encode("utf-8"), label)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, label)


# --- feeds ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One feed item: its full text when the feed carries it, else the page to fetch."""

    source: str  # the item's link, or `<feed>#item-<n>` when it has none
    title: str
    link: str
    html: str | None  # content:encoded (or Atom content), with the title as a heading


def is_feed_path(source: str) -> bool:
    return not is_url(source) and Path(source).suffix.lower() in FEED_SUFFIXES


def parse_feed(data: bytes, origin: str) -> list[Item]:
    """Every item of an RSS or Atom feed, in feed order."""
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True, response_headers={"content-location": origin})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise FetchError(f"{origin}: is not an RSS or Atom feed narrate can read", "Check the feed's address or file")
    items = []
    for n, entry in enumerate(parsed.entries, 1):
        title = str(entry.get("title") or "").strip()
        link = str(entry.get("link") or "").strip()
        if not is_url(link):
            link = ""
        full = ""
        for content in entry.get("content") or []:
            if len(str(content.get("value") or "")) > len(full):
                full = str(content.get("value"))
        body = f"<h1>{html.escape(title)}</h1>\n{full}" if full.strip() else None
        items.append(Item(link or f"{origin}#item-{n}", title, link, body))
    return items


@dataclass
class Inputs:
    """What a run reads: sources in order, the documents already in hand, and those that failed before any work."""

    sources: list[str] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    failed: list[tuple[str, InputError]] = field(default_factory=list)


def feed_inputs(feed: str, fetcher: Fetcher, latest: int | None = None) -> Inputs:
    """The first `latest` items of a feed (a URL or a file), in feed order. Items with full text need no fetching;
    an item with neither full text nor a link is reported as failed."""
    if is_url(feed):
        page = fetcher.fetch(feed)
        if not looks_like_feed(page.data):
            raise FetchError(f"{feed}: is not an RSS or Atom feed", "Check the feed's address")
        data, origin = page.data, page.final_url
    else:
        data, origin = read_file(Path(feed)), str(Path(feed))
    items = parse_feed(data, origin)
    found = Inputs()
    for item in items[: latest or len(items)]:
        if item.source in found.sources:
            continue  # the same story twice in one feed
        if not item.html and not item.link:
            found.failed.append((item.source, FetchError(f"{item.source}: the item has neither text nor a link", "Fix the feed")))
            continue
        found.sources.append(item.source)
        if item.html:
            found.documents[item.source] = Document(source=item.link or item.source, stem=stem_of(item.source), format="html", text=item.html)
    return found


def resolve(given: Sequence[str], fetcher: Fetcher) -> Inputs:
    """Expand feeds (files or URLs) given to `narrate` into their items; keep every other source as it is.

    A URL is fetched here to learn whether it is a feed; a page is kept (in the
    cache, or in memory) for when it is narrated. A URL that fails is reported
    here, and the other inputs carry on.
    """
    found = Inputs()
    for source in given:
        try:
            if is_feed_path(source) or (is_url(source) and fetcher.fetch(source).is_feed):
                more = feed_inputs(source, fetcher)
                found.sources += [s for s in more.sources if s not in found.sources]
                found.documents.update(more.documents)
                found.failed += more.failed
                continue
        except InputError as err:
            found.failed.append((source, err))
            continue
        found.sources.append(source)
    return found


class WebInputs:
    """A run's inputs once URLs and feeds among them are known: feeds become their items, pages are
    fetched when they are narrated (`document`), and files and standard input are read as ever."""

    def __init__(self, inputs: Inputs, fetcher: Fetcher | None) -> None:
        self.sources = inputs.sources
        self.failed = inputs.failed
        self._documents = inputs.documents
        self._fetcher = fetcher

    def document(self, source: str) -> Document | None:
        """The document of a web source (fetched now, or carried by its feed); None for a file or standard input."""
        if source in self._documents:
            return self._documents[source]
        if self._fetcher is not None and is_url(source):
            return self._fetcher.document(source)
        return None


def web_inputs(sources: Sequence[str], cache: Path | None, feed: str | None = None, latest: int | None = None) -> WebInputs:
    """Sources as given, with feeds expanded (a `feed` of `--feed` first, its first `latest` items).

    Nothing web-related is imported or fetched when no source is a URL or a feed.
    """
    if feed is None and not any(is_url(s) or is_feed_path(s) for s in sources):
        return WebInputs(Inputs(list(sources)), None)
    fetcher = Fetcher(pages_folder(cache))
    found = Inputs()
    if feed is not None:
        found = feed_inputs(feed, fetcher, latest_count(latest))
    more = resolve([s for s in sources if s not in found.sources], fetcher)
    found.sources += more.sources
    found.documents.update(more.documents)
    found.failed += more.failed
    return WebInputs(found, fetcher)


def latest_count(value: int | None) -> int:
    """--latest N: 1 to 50, default 10."""
    from narrate.errors import ConfigError

    count = DEFAULT_ITEMS if value is None else value
    if not 1 <= count <= MAX_ITEMS:
        raise ConfigError(f"--latest {value} is out of range", f"Give 1 to {MAX_ITEMS} (default {DEFAULT_ITEMS})")
    return count
