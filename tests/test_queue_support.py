"""Real parts for the queue tests: a redis-server on a free port, `narrate worker` processes, waiting.

Everything started here is stopped by the fixture or context manager that started it, even
when the test fails, and every wait has a deadline. (No tests in this file: it is shared.)
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

NARRATE = [sys.executable, "-m", "narrate"]
REDIS_SERVER = "/usr/bin/redis-server"

TINY = "Council agrees budget\n\nThe council met on Monday and agreed the budget. It meets again next week.\n"
# Long enough to be caught in the middle (about 15 sentences: a few seconds of synthesis).
MEDIUM = "Harbour works begin\n\n" + "\n\n".join(
    f"Work on section {n} of the harbour wall began this morning, the port authority said. "
    f"Crews expect to finish section {n} within {n + 2} weeks if the weather holds."
    for n in range(1, 9)
) + "\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], Any], timeout: float, what: str, every: float = 0.1) -> Any:
    """Poll `check` until it returns something truthy; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


class RedisServer:
    """Debian's redis-server on 127.0.0.1, append-only file on (so a restart keeps the queue)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if not Path(REDIS_SERVER).exists():
            pytest.fail("redis-server is not installed: apt-get install redis-server (.ci/run does)")
        self.folder.mkdir(parents=True, exist_ok=True)
        log = open(self.folder / "redis.log", "ab")  # noqa: SIM115 (closed with the process)
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "yes"],
            stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        wait_for(self.ping, 10, "redis-server to answer")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        """Stop as an operator would: SHUTDOWN (SIGTERM) writes what it holds, then exits."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def client(self) -> Any:
        import redis

        return redis.Redis.from_url(self.url, socket_connect_timeout=2, socket_timeout=5)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


class Worker:
    """One `narrate worker` process group (the Celery main process and its pool)."""

    def __init__(self, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.proc = proc
        self.log = log

    def ready(self) -> bool:
        if self.proc.poll() is not None:
            pytest.fail(f"narrate worker exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
        text = self.log.read_text(errors="replace")
        return " ready." in text and "voice loaded" in text

    def kill(self) -> None:
        """SIGKILL the whole group: a machine lost, nothing shut down cleanly."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
            except ProcessLookupError:
                pass
        else:  # the main process is gone; its children may not be
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def queue_config(folder: Path, visibility_timeout: int = 3600) -> Path:
    path = folder / "narrate.toml"
    path.write_text(f"[queue]\nallow_private_urls = true\nvisibility_timeout = {visibility_timeout}\n", encoding="utf-8")
    return path


@contextmanager
def workers(
    broker: str, out: Path, cache: Path, config: Path, count: int = 1, concurrency: int = 1, queues: str = "live,backfill"
) -> Iterator[list[Worker]]:
    """`count` worker processes, ready (voice loaded) before the body runs; all stopped afterwards."""
    started: list[Worker] = []
    try:
        for _ in range(count):
            started.append(start_worker(broker, out, cache, config, concurrency, queues))
        for worker in started:
            wait_for(worker.ready, 90, "the worker to be ready", every=0.2)
        yield started
    finally:
        for worker in started:
            worker.stop()


def start_worker(broker: str, out: Path, cache: Path, config: Path, concurrency: int = 1, queues: str = "live,backfill") -> Worker:
    log = out.parent / f"worker-{time.monotonic_ns()}.log"
    out.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as sink:
        proc = subprocess.Popen(
            [*NARRATE, "worker", "--broker", broker, "-o", str(out), "--cache-dir", str(cache), "--config", str(config),
             "-c", str(concurrency), "--queues", queues],
            stdout=sink, stderr=subprocess.STDOUT, start_new_session=True, cwd=out.parent,
        )
    return Worker(proc, log)


def narrate(*args: str, timeout: float = 120, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The narrate command in a child process, as a user would run it."""
    return subprocess.run(
        [*NARRATE, *args], input=stdin.decode() if stdin else None, capture_output=True, text=True, timeout=timeout, cwd=cwd
    )


def job_states(broker: str, ids: list[str]) -> list[dict[str, Any]]:
    result = narrate("status", "--broker", broker, "--json", *ids, timeout=60)
    return [json.loads(line) for line in result.stdout.splitlines()]


def all_ended(broker: str, ids: list[str]) -> list[dict[str, Any]] | None:
    states = job_states(broker, ids)
    return states if all(s["status"] in ("done", "failed") for s in states) else None


def valid_outputs(out: Path, name: str) -> dict[str, Any]:
    """The MP3 decodes to the manifest's duration, and no temporary file is left beside them."""
    manifest = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    mp3 = out / f"{name}.mp3"
    assert mp3.stat().st_size > 1000
    seconds = mp3_seconds(mp3)
    assert abs(seconds * 1000 - manifest["duration_ms"]) < 150, (seconds, manifest["duration_ms"])
    assert not list(out.glob(".*.part")), list(out.glob(".*.part"))
    return manifest


def mp3_seconds(mp3: Path) -> float:
    from mutagen.mp3 import MP3

    return float(MP3(str(mp3)).info.length)
