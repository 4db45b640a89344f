"""`narrate submit` and `narrate status`: hand articles to the queue, and ask how they are doing.

Submitting reads each input here and sends its text: the worker may be on another machine.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from collections.abc import Sequence
from typing import Any

from narrate.errors import ConfigError, NarrateError
from narrate.plan import is_url
from narrate.service.jobs import PRIORITY, queue_error, record, recorded, state_of
from narrate.service.settings import QueueSettings


class Queue:
    """The Celery app and a Redis client for one broker, checked reachable before anything is sent."""

    def __init__(self, settings: QueueSettings) -> None:
        import redis

        from narrate.service.worker import make_app

        self.settings = settings
        self.app = make_app(settings)
        self.redis = redis.Redis.from_url(settings.broker_url, socket_connect_timeout=3, socket_timeout=10)
        try:
            self.redis.ping()
        except redis.RedisError as err:
            raise queue_error(settings.broker_url, err) from err

    def submit(self, job: dict[str, Any], backfill: bool = False, extra: dict[str, Any] | None = None) -> str:
        """Queue one job (from jobs.make_job) and return its id, recorded first so it is never unknown."""
        job_id = str(uuid.uuid4())
        queue = "backfill" if backfill else "live"
        record(self.redis, job_id, job, queue, extra)
        # Published as send_task would, minus its subscription to the result: a client that never
        # waits on Celery's result (narrate polls, and serve runs for days) must not collect them.
        amqp = self.app.amqp
        message = amqp.create_task_message(job_id, "narrate.article", [job], {})
        with self.app.producer_or_acquire() as producer:
            amqp.send_task_message(producer, "narrate.article", message, queue=queue, priority=PRIORITY[queue])
        return job_id

    def status(self, job_id: str) -> dict[str, Any] | None:
        """The job's state, or None for an id narrate never issued (or that expired)."""
        info = recorded(self.redis, job_id)
        if info is None:
            return None
        return {"id": job_id, "name": info["name"], "queue": info["queue"], **state_of(self.app.AsyncResult(job_id))}

    def close(self) -> None:
        self.redis.close()


def jobs_from_inputs(paths: Sequence[str], name: str | None, settings: dict[str, Any], force: bool) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """Each input read here and made a job; inputs that cannot be read are reported (one line) and skipped."""
    from narrate.read import expand, read
    from narrate.service.jobs import make_job

    sources = expand(paths)
    if not sources:
        raise ConfigError(f"no articles found in {' '.join(paths)}", "Give .txt, .md or .html files, a folder holding them, or URLs")
    if name and len(sources) > 1:
        raise ConfigError(f"--name names one job but {len(sources)} inputs were given", "Give --name with a single input")
    jobs: list[tuple[str, dict[str, Any]]] = []
    failed: list[str] = []
    for source in sources:
        try:
            if is_url(source):
                job = make_job(name, url=source, settings=settings, force=force)
            else:
                doc = read(source)
                job = make_job(name or doc.stem, text=doc.text, fmt=doc.format, settings=settings, force=force)
        except NarrateError as err:
            if isinstance(err, ConfigError):
                raise
            report(source, err)
            failed.append(source)
            continue
        jobs.append((source, job))
    return jobs, failed


def report(source: str, err: Exception | str) -> None:
    label = "standard input" if source == "-" else source
    message = str(err)
    print(f"narrate: {message if message.startswith(label) else f'{label}: {message}'}", file=sys.stderr)


def follow(queue: Queue, ids: list[tuple[str, str]], quiet: bool, poll: float = 0.25) -> list[dict[str, Any]]:
    """Wait for the jobs, with the same progress bar as a local run; their final states, in order."""
    from narrate.cli import Bar

    final: dict[str, dict[str, Any]] = {}
    with Bar(quiet=quiet, articles=len(ids)) as bar:
        bars: dict[str, Any] = {}
        while len(final) < len(ids):
            for source, job_id in ids:
                if job_id in final:
                    continue
                state = queue.status(job_id)
                if state is None:  # expired while we waited: say so rather than wait for ever
                    state = {"id": job_id, "name": "?", "status": "failed", "error": "the job's record expired"}
                if bar.progress is not None:
                    _show(bar, bars, job_id, state)
                if state["status"] in ("done", "failed"):
                    final[job_id] = state
                    if bar.progress is not None:
                        bar.progress.advance(bar.articles)
                        if job_id in bars:
                            bar.progress.remove_task(bars.pop(job_id))
                    if state["status"] == "done":
                        seconds = (state.get("duration_ms") or 0) // 1000
                        what = "up to date" if state["up_to_date"] else "wrote"
                        bar.say(f"{what}: {state['mp3']} ({seconds // 60}:{seconds % 60:02d})")
            if len(final) < len(ids):
                time.sleep(poll)
    return [final[job_id] for _, job_id in ids]


def _show(bar: Any, bars: dict[str, Any], job_id: str, state: dict[str, Any]) -> None:
    """One segments bar per running job, as `narrate DIR` shows one for the article it is speaking."""
    progress = state.get("progress")
    if state["status"] != "running" or not progress:
        return
    if job_id not in bars:
        bars[job_id] = bar.progress.add_task(f"  {state['name']} segments", total=progress["total"] or None)
    bar.progress.update(bars[job_id], completed=progress["done"], total=progress["total"] or None)


def print_status(state: dict[str, Any] | None, job_id: str, as_json: bool) -> None:
    if as_json:
        print(json.dumps(state or {"id": job_id, "status": "unknown"}, ensure_ascii=False))
        return
    if state is None:
        print(f"{job_id} unknown: narrate issued no such job id (or it is over a week old)")
    elif state["status"] == "done":
        print(f"{job_id} done{' (up to date)' if state['up_to_date'] else ''}: {state['mp3']} {state['manifest']}")
    elif state["status"] == "failed":
        print(f"{job_id} failed: {state['error']}")
    elif state["status"] == "running" and state.get("progress"):
        p = state["progress"]
        print(f"{job_id} running: {state['name']}, {p['done']} of {p['total']} segments")
    else:
        print(f"{job_id} {state['status']}: {state['name']}")
