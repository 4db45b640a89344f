"""Articles from the web, against a real HTTP server on 127.0.0.1 started by the test.

The server serves pages of ../shared/bench/extraction-dev/ and the awkward
cases a client must survive: a redirect chain and a loop, 404 and 500, a
server that stalls past the read timeout, one that drips bytes past the total
deadline, a 12 MB body, a chunked body that grows past the limit, a PDF, an
RSS feed of three items (full text, to fetch, broken) and an Atom feed.
Nothing here reaches the internet.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from narrate.cli import main
from narrate.fetch import USER_AGENT, Fetcher, FetchError, Limits, feed_inputs, latest_count, resolve
from narrate.plan import url_stem
from tests.conftest import ROOT

PAGES = ROOT.parent / "shared" / "bench" / "extraction-dev" / "html"
TRUTH = json.loads((ROOT.parent / "shared" / "bench" / "extraction-dev" / "ground-truth.json").read_text(encoding="utf-8"))
GAMING = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
SECOND = "04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34"
FAST = Limits(connect=2.0, read=0.5, deadline=2.0)

FULL_TEXT = """<p>The lighthouse keeper's cottage opened to visitors on Saturday after ten years of repairs.</p>
<p>Volunteers rebuilt the roof and repainted the lantern room. The council paid for new windows.</p>
<p>"It's been a long wait," said the trust's chair. Tickets are free for children.</p>"""


def page(name: str) -> bytes:
    return gzip.decompress((PAGES / f"{name}.html.gz").read_bytes())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: ClassVar[list[tuple[str, str]]] = []  # (path, user agent), for the tests to inspect
    downloads: ClassVar[dict[str, int]] = {}

    def log_message(self, *args: Any) -> None:  # keep the test output clean
        pass

    def send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        base = f"http://{self.headers['Host']}"
        Handler.seen.append((path, self.headers.get("User-Agent", "")))
        if path == "/news/gaming-is-never-over.html":
            etag = '"gaming-1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            Handler.downloads[path] = Handler.downloads.get(path, 0) + 1
            self.send(200, page(GAMING), ETag=etag)
        elif path == "/news/second-story/":
            Handler.downloads[path] = Handler.downloads.get(path, 0) + 1
            self.send(200, page(SECOND), Last_Modified="Sat, 02 Mar 2024 06:00:00 GMT")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/news/gaming-is-never-over.html" if left == 0 else f"/hop/{left - 1}"
            self.send(302, b"", Location=target)
        elif path == "/loop":
            self.send(301, b"", Location="/loop")
        elif path == "/missing":
            self.send(404, b"<h1>Not found</h1>")
        elif path == "/broken":
            self.send(500, b"<h1>Oops</h1>")
        elif path == "/stall":
            time.sleep(3)  # past the read timeout, before any header
            self.send(200, b"late")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(1000):  # a byte every 0.2 s: never a read timeout, but past the deadline
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(12 * 1024 * 1024))
            self.end_headers()
            try:
                self.wfile.write(b"<p>" + b"a" * (12 * 1024 * 1024 - 3))
            except OSError:
                pass
        elif path == "/growing":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                chunk = b"<p>" + b"b" * 65533
                for _ in range(200):  # 13 MB, no Content-Length
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.4 ...", "application/pdf")
        elif path == "/feed.rss":
            self.send(200, rss(base).encode(), "application/rss+xml")
        elif path == "/feed.atom":
            self.send(200, atom(base).encode(), "application/atom+xml")
        else:
            self.send(404, b"no such page")


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Local news</title><link>{base}/</link><description>Test feed</description>
<item><title>Lighthouse cottage opens</title><link>{base}/news/lighthouse-cottage-opens</link>
  <content:encoded><![CDATA[{FULL_TEXT}]]></content:encoded></item>
<item><title>Gaming is never over</title><link>{base}/news/gaming-is-never-over.html</link><description>A summary only.</description></item>
<item><title>This one is gone</title><link>{base}/missing</link></item>
</channel></rss>"""


def atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title><id>urn:test:atom</id><updated>2024-03-02T06:00:00Z</updated>
<entry><title>Second story</title><id>urn:test:2</id><updated>2024-03-02T06:00:00Z</updated><link href="{base}/news/second-story/"/></entry>
<entry><title>Lighthouse cottage opens</title><id>urn:test:1</id><updated>2024-03-01T06:00:00Z</updated>
  <link href="{base}/news/lighthouse"/><content type="html">{FULL_TEXT.replace("&", "&amp;").replace("<", "&lt;")}</content></entry>
</feed>"""


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up on a stalled or oversized reply is the point of those tests


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def fresh_counts() -> None:
    Handler.seen.clear()
    Handler.downloads.clear()


def test_a_page_is_fetched_with_a_clear_user_agent_and_read_as_a_saved_page(server: str, tmp_path: Path) -> None:
    doc = Fetcher(tmp_path / "pages").document(f"{server}/news/gaming-is-never-over.html")
    assert doc.format == "html" and doc.stem == "gaming-is-never-over"
    assert "Gaming used to be so simple" in doc.text
    assert Handler.seen == [("/news/gaming-is-never-over.html", USER_AGENT)]


def test_a_redirect_chain_is_followed_to_five_hops_and_no_further(server: str) -> None:
    fetcher = Fetcher(None, FAST)
    got = fetcher.fetch(f"{server}/hop/4")  # five redirects
    assert got.final_url == f"{server}/news/gaming-is-never-over.html" and got.data == page(GAMING)
    with pytest.raises(FetchError, match=r"/hop/5: more than 5 redirects"):
        fetcher.fetch(f"{server}/hop/5")
    with pytest.raises(FetchError, match=r"/loop: more than 5 redirects"):
        fetcher.fetch(f"{server}/loop")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", r"/missing: HTTP 404 \(Not Found\)"),
        ("/broken", r"/broken: HTTP 500 \(Internal Server Error\)"),
        ("/report.pdf", r"/report.pdf: is application/pdf, not an article"),
        ("/big", r"/big: is 12.6 MB, over the 10 MB limit"),
        ("/growing", r"/growing: sent more than the 10 MB limit"),
        ("/stall", r"/stall: timed out waiting for the server"),
        ("/drip", r"/drip: took longer than the 2 s allowed"),
    ],
)
def test_each_failure_is_one_line_naming_the_url_and_the_cause(server: str, path: str, message: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=message) as err:
        Fetcher(None, FAST).fetch(server + path)
    assert "\n" not in str(err.value) and str(err.value).startswith(server + path)
    assert time.monotonic() - started < 5  # the deadline holds, whatever the server does


def test_no_server_at_all(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens here once it is closed
    with pytest.raises(FetchError, match=rf"127.0.0.1:{port}/x: connection refused"):
        Fetcher(None, FAST).fetch(f"http://127.0.0.1:{port}/x")


def test_a_rerun_fetches_nothing_new(server: str, tmp_path: Path) -> None:
    url = f"{server}/news/gaming-is-never-over.html"
    first = Fetcher(tmp_path / "pages").fetch(url)
    again = Fetcher(tmp_path / "pages")
    assert again.fetch(url) == first
    assert Handler.downloads == {"/news/gaming-is-never-over.html": 1}  # the second run was told 304 Not Modified
    assert again.requests == 0
    for body in (tmp_path / "pages").rglob("*.body"):
        body.write_bytes(b"damaged")  # a damaged entry is fetched again, never used
    assert Fetcher(tmp_path / "pages").fetch(url).data == page(GAMING)
    assert Handler.downloads == {"/news/gaming-is-never-over.html": 2}


def test_rss_feed_items_full_text_to_fetch_and_broken(server: str, tmp_path: Path) -> None:
    fetcher = Fetcher(tmp_path / "pages")
    found = feed_inputs(f"{server}/feed.rss", fetcher)
    assert found.sources == [f"{server}/news/lighthouse-cottage-opens", f"{server}/news/gaming-is-never-over.html", f"{server}/missing"]
    assert list(found.documents) == [f"{server}/news/lighthouse-cottage-opens"]  # the full text came with the feed
    assert "lighthouse keeper's cottage" in found.documents[found.sources[0]].text
    assert found.failed == []  # the broken item fails when it is fetched
    assert feed_inputs(f"{server}/feed.rss", fetcher, latest=1).sources == found.sources[:1]
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.document(found.sources[2])


def test_atom_feed(server: str, tmp_path: Path) -> None:
    found = feed_inputs(f"{server}/feed.atom", Fetcher(tmp_path / "pages"))
    assert found.sources == [f"{server}/news/second-story/", f"{server}/news/lighthouse"]
    assert list(found.documents) == [f"{server}/news/lighthouse"]


def test_a_feed_file_and_a_feed_url_given_to_narrate_expand_to_their_items(server: str, tmp_path: Path) -> None:
    feed = tmp_path / "news.xml"
    feed.write_text(rss(server), encoding="utf-8")
    found = resolve([str(feed), f"{server}/feed.atom", f"{server}/missing"], Fetcher(tmp_path / "pages"))
    assert len(found.sources) == 5
    assert [s for s, _ in found.failed] == [f"{server}/missing"]


def test_latest_is_1_to_50() -> None:
    from narrate.errors import ConfigError

    assert latest_count(None) == 10 and latest_count(50) == 50
    for bad in (0, 51, -1):
        with pytest.raises(ConfigError, match="--latest"):
            latest_count(bad)


def test_output_names_come_from_the_url_path() -> None:
    assert url_stem("https://example.org/news/2024/Storm-Hits_Coast.html?x=1") == "storm-hits-coast"
    assert url_stem("https://example.org/news/second-story/") == "second-story"
    assert len(url_stem("https://example.org/")) == 8  # a home page: the URL's hash


# --- the command line ------------------------------------------------------------------------------


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_narrate_script_url(server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["script", f"{server}/news/gaming-is-never-over.html"], capsys)
    assert code == 0, err
    assert "Gaming used to be so simple" in out


def test_narrate_url_writes_audio_named_from_the_path_and_a_failure_is_one_line(
    server: str, tmp_path: Path, tone_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    code, _, err = run([f"{server}/news/second-story/", f"{server}/report.pdf", "-o", str(out_dir), "--config", str(tone_config),
                        "-q", "--cache-dir", str(tmp_path / "c")], capsys)
    assert code == 1
    assert (out_dir / "second-story.mp3").is_file() and (out_dir / "second-story.json").is_file()
    assert f"narrate: {server}/report.pdf: is application/pdf, not an article" in err
    assert "Traceback" not in err


def test_narrate_edition_from_a_feed_leaves_out_and_reports_the_broken_item(
    server: str, tmp_path: Path, tone_config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    args = ["edition", "--feed", f"{server}/feed.rss", "-o", str(out_dir), "--config", str(tone_config), "-q",
            "--date", "2024-03-01", "--cache-dir", str(tmp_path / "c")]
    code, _, err = run(args, capsys)
    assert code == 1
    data = json.loads((out_dir / "edition-2024-03-01.json").read_text(encoding="utf-8"))
    assert data["stories"][0]["title"] == "Lighthouse cottage opens"
    assert len(data["stories"]) == 2
    assert data["stories"][1]["source"] == f"{server}/news/gaming-is-never-over.html"
    assert f"{server}/missing: HTTP 404" in err and "1 of 3 inputs failed" in err
    downloads = dict(Handler.downloads)
    code, _, _ = run([*args, "--latest", "2"], capsys)  # a re-run of the same feed fetches nothing new
    assert code == 0
    assert Handler.downloads == downloads


def test_a_folder_never_expands_to_xml_files(tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "feed.xml").write_text(rss(server), encoding="utf-8")
    code, _, err = run(["script", str(tmp_path)], capsys)
    assert code == 2 and "no articles found" in err


def test_read_takes_a_url_as_it_takes_a_file(server: str) -> None:
    from narrate.read import read

    doc = read(f"{server}/news/gaming-is-never-over.html")
    assert doc.format == "html" and "Gaming used to be so simple" in doc.text
    with pytest.raises(FetchError, match="HTTP 404"):
        read(f"{server}/missing")


def test_narrate_a_feed_file_narrates_each_item(server: str, tmp_path: Path, tone_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(rss(server), encoding="utf-8")
    out_dir = tmp_path / "out"
    code, _, err = run([str(feed), "-o", str(out_dir), "--config", str(tone_config), "-q", "--cache-dir", str(tmp_path / "c")], capsys)
    assert code == 1  # the broken item
    assert sorted(p.name for p in out_dir.glob("*.mp3")) == ["gaming-is-never-over.mp3", "lighthouse-cottage-opens.mp3"]
    assert f"{server}/missing: HTTP 404" in err and "1 of 3 inputs failed" in err


def test_every_address_is_checked_before_it_is_requested_redirects_included(server: str) -> None:
    """A redirect to a refused address is never requested (a queue job must not reach internal hosts)."""

    def refuse_the_article(address: str) -> None:
        if address.endswith(".html"):
            raise FetchError(f"{address}: refused", "Give a public URL")

    Handler.seen.clear()
    with pytest.raises(FetchError, match=r"gaming-is-never-over.html: refused"):
        Fetcher(None, FAST, check=refuse_the_article).fetch(f"{server}/hop/1")
    assert [path for path, _ in Handler.seen] == ["/hop/1", "/hop/0"]


@pytest.mark.parametrize(("path", "transient"), [("/broken", True), ("/stall", True), ("/missing", False), ("/report.pdf", False)])
def test_failures_that_may_pass_later_say_so(server: str, path: str, transient: bool) -> None:
    with pytest.raises(FetchError) as err:
        Fetcher(None, FAST).fetch(server + path)
    assert err.value.transient is transient
