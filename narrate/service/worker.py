"""`narrate worker`: the Celery app and its tasks.

A task is a thin function over the same pipeline `narrate FILE` runs. Delivery is at least
once: a job is acknowledged only after its MP3 and manifest are in place (acks_late), and a
job whose worker process died is handed out again (reject_on_worker_lost; a whole machine
lost is noticed after [queue] visibility_timeout). Narrating is idempotent, so a second
delivery finds the outputs up to date.

Workers on many machines share the output folder and the sentence cache. One name is
written by one worker at a time: each job holds a lock on `.locks/<name>.lock` in the output
folder (POSIX record locks, which NFS carries, and which the kernel releases when a process
dies), so an MP3 of one version never sits beside the manifest of another.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from narrate.errors import ExportError, NarrateError
from narrate.service.jobs import PRIORITY, QUEUES, RECORD_SECONDS, JobFailed, refuse_private
from narrate.service.settings import QueueSettings

log = logging.getLogger("celery.narrate")  # under Celery's logger, so it reaches the worker's log

MAX_RETRIES = 4  # transient errors: 2, 4, 8, 16 seconds apart
CALLBACK_RETRIES = 5


def make_app(settings: QueueSettings) -> Any:
    """The Celery app of narrate's queue: two queues, live before backfill, late acknowledgement."""
    from celery import Celery
    from kombu import Queue

    app = Celery("narrate", broker=settings.broker_url, backend=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_queues=[Queue(name, routing_key=name) for name in QUEUES],
        task_default_queue="live",
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_track_started=True,
        # One job at a time per process, none held back: a backfill job reserved early would
        # otherwise run before a live one that arrives after it.
        worker_prefetch_multiplier=1,
        # A new pool process loads the voice before it says it is up (4 s by default, then killed).
        worker_proc_alive_timeout=120,
        broker_transport_options={
            # Live before backfill. kombu keeps the queues a worker consumes in a set, so their order
            # in one BRPOP is not the order given; but it asks for every queue's priority-0 list
            # before any queue's priority-9 list. Live jobs are sent with priority 0 and backfill
            # jobs with 9 (PRIORITY), so a waiting live job is always taken first.
            "priority_steps": sorted(PRIORITY.values()),
            "queue_order_strategy": "sorted",
            "visibility_timeout": settings.visibility_timeout,
        },
        result_expires=RECORD_SECONDS,
        result_backend_always_retry=True,  # Redis restarting is waited out, not a lost result
        result_backend_max_retries=30,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        worker_hijack_root_logger=False,
        worker_cancel_long_running_tasks_on_connection_loss=False,
        task_send_sent_event=False,
    )
    app.task(name="narrate.article", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)(
        narrate_article
    )
    app.task(name="narrate.callback", bind=True, acks_late=True, max_retries=CALLBACK_RETRIES)(deliver_callback)
    return app


# --- per-process state: set in the main process before the pool forks, filled in each child ----


@dataclass
class WorkerState:
    settings: QueueSettings
    config_path: str | None
    engines: dict[str, Any] = field(default_factory=dict)
    config: Any = None
    cache: Any = None


_state: WorkerState | None = None


def _process_init(**_: Any) -> None:
    """worker_process_init: load narrate.toml and the voice once per process, before any job."""
    from narrate import config as configuration
    from narrate.cache import Cache, default_dir

    state = _current()
    state.config = configuration.load(state.config_path)
    state.cache = Cache(Path(state.settings.cache_dir) if state.settings.cache_dir else default_dir())
    started = time.monotonic()
    _warm(state.config, _engine_for(state, state.config))
    log.info("narrate worker process %d: voice loaded in %.1f s", os.getpid(), time.monotonic() - started)


def _current() -> WorkerState:
    if _state is None:
        raise RuntimeError("narrate's Celery tasks run under `narrate worker`, which sets them up")
    return _state


def _engine_for(state: WorkerState, cfg: Any) -> Any:
    """One engine per (engine, options) in this process, kept: its voice stays loaded between jobs."""
    from narrate.engines import get_engine

    table = cfg.engine_table()
    key = json.dumps([cfg.engine, table], sort_keys=True, default=str)
    if key not in state.engines:
        state.engines[key] = get_engine(cfg.engine, table)
    return state.engines[key]


def _warm(cfg: Any, engine: Any) -> None:
    """Speak a one-sentence and a many-sentence text through the pipeline, uncached and unwritten:
    the engine loads whatever it loads lazily for either (Piper: a session per threading mode)."""
    from narrate.article import Document
    from narrate.pipeline import speak

    texts = ["Ready.\n\nThe voice is loaded.", "Ready.\n\n" + " ".join(f"Line {n} is ready." for n in range(1, 13))]
    for text in texts:
        doc = Document(source="warm-up", stem="warm-up", format="text", text=text)
        speak("warm-up", Path("/nonexistent/warm-up.mp3"), cfg, engine, cache=None, force=True, document=doc)


# --- the article task ----------------------------------------------------------------------------


def narrate_article(task: Any, job: dict[str, Any]) -> dict[str, Any]:
    """Narrate one job to <output>/<name>.mp3 and its manifest; repeat deliveries find it up to date."""
    name = str(job.get("name", "?"))
    try:
        result = run_job(job, TaskProgress(task))
    except (NarrateError, OSError) as err:
        if transient(err) and task.request.retries < MAX_RETRIES:
            log.warning("%s: %s; retrying", name, err)
            raise task.retry(exc=err, countdown=2 ** (task.request.retries + 1)) from None
        failure = one_line(name, err)
    except Exception as err:  # a bug: the job fails with one line; the traceback goes to the worker's log
        log.exception("%s: unexpected error", name)
        failure = f"{name}: internal error ({err.__class__.__name__}: {err}). Report this as a bug, with the worker's log"
    else:
        _callback(task, job, {"status": "done", "up_to_date": result["up_to_date"], "error": None})
        return result
    _callback(task, job, {"status": "failed", "up_to_date": None, "error": failure})
    raise JobFailed(failure)


def transient(err: BaseException) -> bool:
    """Worth trying again later: storage that could not be written, a network that failed.
    Bad input, bad settings and engine failures on the same text would fail the same way again."""
    if isinstance(err, NarrateError):
        return isinstance(err, ExportError) or bool(getattr(err, "transient", False))
    return isinstance(err, OSError)


def one_line(name: str, err: BaseException) -> str:
    message = " ".join(str(err).split()) or err.__class__.__name__
    return message if message.startswith(name) else f"{name}: {message}"


def run_job(job: dict[str, Any], progress: Any = None) -> dict[str, Any]:
    """The job through the pipeline, under the name's lock, as `narrate FILE` would narrate it."""
    from narrate.article import Document
    from narrate.pipeline import narrate

    state = _current()
    cfg = _job_config(state.config, job.get("settings") or {})
    engine = _engine_for(state, cfg)
    name = job["name"]
    out = Path(state.settings.output_dir)
    target = out / f"{name}.mp3"
    if "url" in job:
        document = fetch_document(job["url"], state)
        source = document.source
    else:
        source = name
        document = Document(source=name, stem=name, format=job["format"], text=job["text"])
    with name_lock(out, name):
        remove_partials(out, name)
        result = narrate(source, target, cfg, engine, cache=state.cache, force=bool(job.get("force")), progress=progress, document=document)
    return {
        "name": name,
        "mp3": str(target),
        "manifest": str(target.with_suffix(".json")),
        "up_to_date": result.skipped,
        "duration_ms": result.manifest.get("duration_ms"),
    }


def fetch_document(url: str, state: WorkerState) -> Any:
    """The page at `url`, fetched as `narrate URL` fetches it (narrate.fetch, pages kept in the shared
    cache), from public addresses only: every address is checked before it is requested, each
    redirect's included."""
    from narrate.fetch import FetchError, Fetcher, page_document, pages_folder

    allowed = state.settings.allow_private_urls
    page = Fetcher(pages_folder(state.cache.folder), check=lambda address: refuse_private(address, allowed)).fetch(url)
    if page.is_feed:
        raise FetchError(f"{url}: is a feed, not an article", "Submit the feed's items, one job each")
    return page_document(page)


def _job_config(cfg: Any, settings: dict[str, Any]) -> Any:
    voices = [f"{role}={spec}" for role, spec in (settings.get("voices") or {}).items()]
    if not (settings.get("engine") or voices or settings.get("speed") is not None):
        return cfg
    return cfg.with_overrides(settings.get("engine"), voices, settings.get("speed"))


@contextmanager
def name_lock(out: Path, name: str) -> Iterator[None]:
    """Hold the exclusive lock on one output name, waiting for whoever holds it."""
    import fcntl

    folder = out / ".locks"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise ExportError(f"cannot write to {out} ({err.strerror})", "Give the workers a writable shared output folder with -o") from err
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock; so does the process dying


def remove_partials(out: Path, name: str) -> None:
    """What a worker that died writing `name` left: `.<name>.<...>.part` files and staging folders.

    Only the holder of the name's lock writes them, and a stem has no dots, so the lock holder may
    remove them at once, from any host (narrate.files waits a day for another host's leftovers).
    """
    import shutil

    for part in out.glob(f".{name}.*.part"):
        if part.is_dir() and not part.is_symlink():
            shutil.rmtree(part, ignore_errors=True)
        else:
            part.unlink(missing_ok=True)


class TaskProgress:
    """The pipeline's progress, as the task's PROGRESS state: `submit --wait` and status read it."""

    def __init__(self, task: Any) -> None:
        self.task = task
        self.total = 0
        self.done = 0
        self.sent = 0.0
        self.lock = threading.Lock()

    def start(self, segments: int) -> None:
        with self.lock:
            self.total, self.done = segments, 0
            self._send(force=True)

    def advance(self) -> None:
        with self.lock:
            self.done += 1
            self._send(force=self.done >= self.total)

    def _send(self, force: bool) -> None:
        now = time.monotonic()
        if (force or now - self.sent >= 0.25) and self.task.request.id:
            self.sent = now
            meta = {"done": self.done, "total": self.total, "pid": os.getpid(), "hostname": self.task.request.hostname}
            self.task.update_state(state="PROGRESS", meta=meta)


# --- callbacks ------------------------------------------------------------------------------------


def _callback(task: Any, job: dict[str, Any], outcome: dict[str, Any]) -> None:
    """Queue the POST to the job's callback_url, if it has one: its own task, retried on its own."""
    callback = job.get("callback")
    if not callback:
        return
    body = {"id": task.request.id, **outcome, "mp3_url": None, "manifest_url": None}
    if outcome["status"] == "done":
        body.update(mp3_url=callback.get("mp3_url"), manifest_url=callback.get("manifest_url"))
    task.app.send_task("narrate.callback", args=[callback["url"], body], queue="live", priority=PRIORITY["live"])


def deliver_callback(task: Any, url: str, body: dict[str, Any]) -> int:
    """POST the job's JSON to its callback URL; retried with backoff on network errors and 5xx."""
    refuse_private(url, _current().settings.allow_private_urls)
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", "User-Agent": "narrate"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (http(s) checked by make_job)
            return int(response.status)
    except urllib.error.HTTPError as err:
        if err.code < 500 and err.code != 429:
            log.warning("callback %s refused: HTTP %d", url, err.code)
            return err.code
        problem: Exception = err
    except (urllib.error.URLError, OSError) as err:
        problem = err
    if task.request.retries >= CALLBACK_RETRIES:
        log.warning("callback %s failed %d times: %s", url, CALLBACK_RETRIES + 1, problem)
        return 0
    raise task.retry(countdown=2 ** (task.request.retries + 1))


# --- the command ----------------------------------------------------------------------------------


def run_worker(settings: QueueSettings, config_path: str | None, concurrency: int, queues: list[str], loglevel: str) -> int:
    """Start a Celery worker in this process; it returns when the worker shuts down (Ctrl-C, SIGTERM)."""
    global _state
    from celery.signals import worker_process_init

    from narrate import config as configuration

    configuration.load(config_path)  # a bad narrate.toml is refused now, not in every child
    _state = WorkerState(settings, config_path)
    app = make_app(settings)
    worker_process_init.connect(_process_init, weak=False)
    worker = app.Worker(
        hostname=f"narrate-{os.getpid()}@{socket.gethostname()}",
        concurrency=concurrency,
        queues=queues,
        pool_cls="prefork",
        loglevel=loglevel,
        without_gossip=True,
        without_mingle=True,
        without_heartbeat=True,
        optimization="fair",
    )
    worker.start()
    return int(worker.exitcode or 0)
