"""Failures against the real Redis and real workers: a worker killed mid-article, Redis restarted
with jobs queued, two workers on one name at once. Nothing may be lost, nothing left half-written."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest
from test_queue_support import MEDIUM, TINY, queue_config, redis_server, start_worker, valid_outputs, wait_for, workers  # noqa: F401

from narrate.service.jobs import make_job
from narrate.service.settings import load
from narrate.service.submit import Queue

pytestmark = pytest.mark.timeout(300)


def queue_for(url: str) -> Queue:
    return Queue(load(None, broker=url))


def ended(queue: Queue, ids: list[str]) -> list[dict[str, Any]] | None:
    states = [queue.status(i) for i in ids]
    return states if all(s and s["status"] in ("done", "failed") for s in states) else None  # type: ignore[return-value]


def mid_article(queue: Queue, job_id: str) -> dict[str, Any] | None:
    """The job's progress once some segments are spoken and some are not."""
    state = queue.status(job_id)
    progress = (state or {}).get("progress") or {}
    return state if progress.get("total") and 1 <= progress["done"] < progress["total"] else None


def received(log_folder: Path, job_id: str) -> int:
    return sum(p.read_text(errors="replace").count(f"narrate.article[{job_id}] received") for p in log_folder.glob("worker-*.log"))


def test_worker_process_killed_mid_article_is_redelivered_and_completes(redis_server, tmp_path: Path) -> None:  # noqa: F811
    """SIGKILL to the pool process speaking the article: reject_on_worker_lost puts the job back at once."""
    broker = redis_server.url.replace("/0", "/2")
    out = tmp_path / "audio"
    queue = queue_for(broker)
    try:
        with workers(broker, out, tmp_path / "cache", queue_config(tmp_path)):
            job_id = queue.submit(make_job("harbour-works", text=MEDIUM))
            wait_for(lambda: mid_article(queue, job_id), 90, "the job to be mid-article", every=0.05)
            pid = queue.app.AsyncResult(job_id).info["pid"]
            os.kill(pid, signal.SIGKILL)
            (state,) = wait_for(lambda: ended(queue, [job_id]), 150, "the job to end")
    finally:
        queue.close()
    assert state["status"] == "done", state
    assert received(tmp_path, job_id) == 2  # delivered again after the kill, and only once more
    valid_outputs(out, "harbour-works")


def test_whole_worker_killed_mid_article_is_redelivered_after_the_visibility_timeout(redis_server, tmp_path: Path) -> None:  # noqa: F811
    """SIGKILL to the whole worker (a machine lost): the job waits in Redis unacknowledged, and a worker
    started later takes it once [queue] visibility_timeout has passed."""
    broker = redis_server.url.replace("/0", "/3")
    out = tmp_path / "audio"
    config = queue_config(tmp_path, visibility_timeout=3)
    queue = queue_for(broker)
    try:
        with workers(broker, out, tmp_path / "cache", config) as (first,):
            job_id = queue.submit(make_job("harbour-works", text=MEDIUM))
            wait_for(lambda: mid_article(queue, job_id), 90, "the job to be mid-article", every=0.05)
            first.kill()
        assert queue.status(job_id)["status"] == "running"  # nobody is on it now
        import time

        time.sleep(4)  # past the visibility timeout, so the next worker restores it as it starts
        with workers(broker, out, tmp_path / "cache", config):
            (state,) = wait_for(lambda: ended(queue, [job_id]), 150, "the job to end")
    finally:
        queue.close()
    assert state["status"] == "done", state
    assert received(tmp_path, job_id) == 2
    valid_outputs(out, "harbour-works")


def test_redis_restart_keeps_queued_jobs_and_workers_reconnect(redis_server, tmp_path: Path) -> None:  # noqa: F811
    broker = redis_server.url.replace("/0", "/4")
    out = tmp_path / "audio"
    queue = queue_for(broker)
    try:
        with workers(broker, out, tmp_path / "cache", queue_config(tmp_path)):
            ids = [queue.submit(make_job(f"restart-{n}", text=TINY.replace("Monday", f"day {n}"))) for n in range(4)]
            queue.close()
            redis_server.stop()  # SIGTERM: Redis writes its append-only file and exits
            redis_server.start()  # same port, same folder: the queue is read back
            queue = queue_for(broker)
            states = wait_for(lambda: ended(queue, ids), 180, "the four jobs to end", every=0.3)
    finally:
        queue.close()
    assert [s["status"] for s in states] == ["done"] * 4, states
    for n in range(4):
        valid_outputs(out, f"restart-{n}")


def test_two_workers_given_one_name_at_once_leave_one_valid_output(redis_server, tmp_path: Path) -> None:  # noqa: F811
    broker = redis_server.url.replace("/0", "/5")
    out = tmp_path / "audio"
    queue = queue_for(broker)
    try:
        with workers(broker, out, tmp_path / "cache", queue_config(tmp_path), count=2):
            same = [queue.submit(make_job("budget", text=TINY)) for _ in range(2)]
            first = wait_for(lambda: ended(queue, same), 120, "both jobs")
            # Two versions of one name at once: whichever ends last, the MP3 and the manifest agree.
            versions = [queue.submit(make_job("budget-update", text=TINY.replace("next week", text))) for text in ("in May", "tomorrow at noon, at the town hall, for the final vote")]
            wait_for(lambda: ended(queue, versions), 120, "both versions")
    finally:
        queue.close()
    assert sorted(s["up_to_date"] for s in first) == [False, True]  # narrated once, found up to date once
    valid_outputs(out, "budget")
    assert sorted(p.name for p in out.glob("budget*.mp3")) == ["budget-update.mp3", "budget.mp3"]
    valid_outputs(out, "budget-update")
