"""`narrate worker`, `submit` and `status` against a real redis-server and real worker processes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_queue_support import TINY, narrate, queue_config, redis_server, valid_outputs, wait_for, workers  # noqa: F401

from narrate.service.jobs import make_job
from narrate.service.settings import load
from narrate.service.submit import Queue

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="module")
def one_worker(redis_server, site: Path) -> Iterator[Path]:  # noqa: F811
    """One worker (one process) for the tests that need nothing special; its output folder."""
    out = site / "audio"
    with workers(redis_server.url, out, site / "cache", queue_config(site)):
        yield out


def queue_for(url: str) -> Queue:
    return Queue(load(None, broker=url))


def test_submit_wait_narrates_once_then_finds_it_up_to_date(redis_server, one_worker: Path, tmp_path: Path) -> None:  # noqa: F811
    article = tmp_path / "council-budget.txt"
    article.write_text(TINY, encoding="utf-8")
    first = narrate("submit", "--broker", redis_server.url, "--wait", "--json", str(article))
    assert first.returncode == 0, first.stderr
    state = json.loads(first.stdout)
    assert (state["status"], state["up_to_date"], state["name"]) == ("done", False, "council-budget")
    assert state["mp3"] == str(one_worker / "council-budget.mp3")
    manifest = valid_outputs(one_worker, "council-budget")
    assert manifest["title"] == "Council agrees budget"

    again = narrate("submit", "--broker", redis_server.url, "--wait", "--json", str(article))
    assert json.loads(again.stdout)["up_to_date"] is True

    shown = narrate("status", "--broker", redis_server.url, state["id"])
    assert shown.returncode == 0
    assert shown.stdout.strip() == f"{state['id']} done: {one_worker / 'council-budget.mp3'} {one_worker / 'council-budget.json'}"


def test_plain_submit_prints_one_id_per_input(redis_server, one_worker: Path, tmp_path: Path) -> None:  # noqa: F811
    for n in (1, 2):
        (tmp_path / f"story-{n}.txt").write_text(TINY.replace("Monday", f"day {n}"), encoding="utf-8")
    result = narrate("submit", "--broker", redis_server.url, str(tmp_path))
    assert result.returncode == 0, result.stderr
    ids = result.stdout.split()
    assert len(ids) == 2
    queue = queue_for(redis_server.url)
    try:
        states = wait_for(lambda: [s for s in map(queue.status, ids) if s and s["status"] == "done"] if all(
            (queue.status(i) or {}).get("status") == "done" for i in ids) else None, 120, "both jobs")
    finally:
        queue.close()
    assert sorted(s["name"] for s in states) == ["story-1", "story-2"]


def test_bad_input_fails_once_with_the_one_line_error(redis_server, one_worker: Path) -> None:  # noqa: F811
    queue = queue_for(redis_server.url)
    try:
        job_id = queue.submit(make_job("no-story", html="<html><body><nav><a href='/'>Home</a></nav></body></html>"))
        state = wait_for(lambda: (s := queue.status(job_id)) and s["status"] == "failed" and s, 60, "the job to fail")
    finally:
        queue.close()
    assert state["error"].startswith("no-story: ")
    assert "\n" not in state["error"] and "Traceback" not in state["error"]
    shown = narrate("status", "--broker", redis_server.url, job_id)
    assert shown.returncode == 1
    assert shown.stdout == f"{job_id} failed: {state['error']}\n"
    log = "".join(p.read_text(errors="replace") for p in one_worker.parent.glob("worker-*.log"))
    assert log.count(f"narrate.article[{job_id}] received") == 1  # delivered once, never retried
    assert f"narrate.article[{job_id}] retry" not in log
    assert not (one_worker / "no-story.mp3").exists()


def test_live_jobs_are_taken_before_backfill(redis_server, tmp_path: Path) -> None:  # noqa: F811
    """Queued while no worker runs: 3 backfill jobs, then 2 live ones. One process takes both live ones first.
    (Redis database 1: the module's worker, on database 0, must not take them.)"""
    broker = redis_server.url.replace("/0", "/1")
    queue = queue_for(broker)
    try:
        backfill = [queue.submit(make_job(f"old-{n}", text=TINY.replace("Monday", f"the {n}th")), backfill=True) for n in range(3)]
        live = [queue.submit(make_job(f"new-{n}", text=TINY.replace("Monday", f"day {n}"))) for n in range(2)]
        with workers(broker, tmp_path / "audio", tmp_path / "cache", queue_config(tmp_path), queues="live,backfill"):
            wait_for(lambda: all((queue.status(i) or {}).get("status") == "done" for i in backfill + live), 180, "all five jobs")
        done = {i: queue.app.AsyncResult(i).date_done for i in backfill + live}
    finally:
        queue.close()
    assert max(done[i] for i in live) < min(done[i] for i in backfill)


def test_status_of_an_unknown_id(redis_server) -> None:  # noqa: F811
    result = narrate("status", "--broker", redis_server.url, "0000-not-a-job")
    assert result.returncode == 1
    assert result.stdout.startswith("0000-not-a-job unknown")


def test_no_queue_to_reach_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from test_queue_support import free_port

    article = tmp_path / "a.txt"
    article.write_text(TINY, encoding="utf-8")
    result = narrate("submit", "--broker", f"redis://127.0.0.1:{free_port()}/0", str(article))
    assert result.returncode == 2
    assert result.stderr.startswith("narrate: cannot reach the queue at redis://127.0.0.1:")
    assert len(result.stderr.splitlines()) == 1


def test_job_names_are_safe_stems() -> None:
    assert make_job("../../etc/passwd", text=TINY)["name"] == "etc-passwd"
    assert make_job(None, url="https://example.org/news/Big-Story.html")["name"] == "big-story"
    assert make_job("Budget", html="<p>x</p>")["format"] == "html"


@pytest.mark.parametrize("url", ["http://127.0.0.1/a", "http://localhost:8080/a", "http://169.254.169.254/latest/meta-data",
                                 "http://10.1.2.3/a", "http://192.168.0.1/a", "http://[::1]/a", "http://0.0.0.0/a"])
def test_urls_to_internal_addresses_are_refused_unless_allowed(url: str) -> None:
    from narrate.errors import InputError
    from narrate.service.jobs import refuse_private

    with pytest.raises(InputError, match="internal address"):
        refuse_private(url, allowed=False)
    refuse_private(url, allowed=True)
    refuse_private("http://93.184.216.34/story", allowed=False)  # a public address literal: no DNS needed


def test_which_errors_are_retried() -> None:
    from narrate.errors import ConfigError, EngineError, ExportError, InputError
    from narrate.service.worker import transient

    assert transient(ExportError("could not write /shared/audio/x.mp3 (Stale file handle)"))
    assert transient(OSError(116, "Stale file handle"))
    assert not transient(InputError("x: no article found"))
    assert not transient(ConfigError("unknown engine"))
    assert not transient(EngineError("Piper produced no audio"))


def test_a_url_job_is_fetched_by_the_worker(redis_server, one_worker: Path) -> None:  # noqa: F811
    """The worker fetches with narrate's own fetcher; the test's narrate.toml allows 127.0.0.1."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = ("<html><head><title>Ferry returns</title></head><body><article><h1>Ferry service returns</h1>"
            "<p>The island ferry sailed again on Tuesday after a month of repairs, the operator said.</p>"
            "<p>Timetables are unchanged, and tickets bought for cancelled sailings remain valid.</p></article></body></html>")

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    queue = queue_for(redis_server.url)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/news/Ferry-Returns.html"
        job_id = queue.submit(make_job(None, url=url))
        state = wait_for(lambda: (s := queue.status(job_id)) and s["status"] in ("done", "failed") and s, 90, "the URL job")
    finally:
        queue.close()
        server.shutdown()
        server.server_close()
    assert state["status"] == "done", state
    manifest = valid_outputs(one_worker, "ferry-returns")
    assert (manifest["source"], manifest["title"]) == (url, "Ferry service returns")


def test_the_lock_holder_clears_what_a_killed_writer_of_its_name_left(tmp_path: Path) -> None:
    from narrate.service.worker import remove_partials

    for name in (".story.mp3.vm.12.abc.part", ".story-two.mp3.vm.1.a.part", "story.mp3", ".other.json.vm.1.a.part"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / ".story.vm.12.xyz.part").mkdir()  # a staging folder
    (tmp_path / ".story.vm.12.xyz.part" / "story.mp3").write_text("x", encoding="utf-8")
    remove_partials(tmp_path, "story")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.json.vm.1.a.part", ".story-two.mp3.vm.1.a.part", "story.mp3"]
