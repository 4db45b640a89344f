"""The queue against a local run, side by side in one run on this machine (issue 12's targets).

    .venv/bin/python benchmarks/queue.py [--articles 20] [--posts 200]

Articles: the reference article and the first benchmark pages of shared/bench/extraction-dev that
narrate finds a story in, as files in one folder. Each side starts with its own empty sentence cache.

  local      `narrate DIR -q`: one process, wall time
  queue      `narrate submit DIR --wait` against 2 worker processes (`narrate worker -c 2`), started
             and idle (voices loaded) before the clock starts; wall time from submit to the last result
  killed     the queue run again (new outputs, new empty cache) on two `narrate worker -c 1`; when half
             the jobs are done one worker is killed with SIGKILL (its whole process group) and started
             again. All outputs must end complete and valid. Its job comes back after the visibility
             timeout (20 s here); kombu looks for such jobs when a worker starts and every 100 s after.
  post       `POST /articles` response times with 4 concurrent clients while 2 workers are busy (a
             backlog of the articles, forced, on backfill): the same small article `--posts` times
  repeats    those submissions all end: none lost, one narrated, the rest found up to date

Every process is stopped at the end, even on failure. Redis is Debian's redis-server on a free port.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is called queue.py: its folder must not hide the standard library's queue module (redis-py imports it).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import gzip
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REFERENCE = ROOT / "articles" / "north-korea-dud-shells.txt"
PAGES = ROOT.parent / "shared" / "bench" / "extraction-dev" / "html"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
TOKEN = "benchmark-token-0123456789"
SMALL = "Council agrees budget\n\nThe council met on Monday and agreed the budget. It meets again next week.\n"

started: list[subprocess.Popen[bytes]] = []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def spawn(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    with open(log, "ab") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True, env={**ENV, **(env or {})})
    started.append(proc)
    return proc


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    try:
        os.killpg(proc.pid, sig)
        proc.wait(30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


def wait_until(check: Any, timeout: float, what: str, every: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(every)
    return value


def articles(folder: Path, count: int) -> list[Path]:
    """The reference and the first pages narrate finds a story in (checked with `narrate script`)."""
    folder.mkdir()
    (folder / "00-reference.txt").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    for page in sorted(PAGES.glob("*.html.gz")):
        if len(list(folder.iterdir())) >= count:
            break
        path = folder / f"{len(list(folder.iterdir())):02d}-page.html"
        path.write_bytes(gzip.decompress(page.read_bytes()))
        if subprocess.run([str(BIN / "narrate"), "script", "--json", str(path)], capture_output=True, env=ENV).returncode != 0:
            path.unlink()
    return sorted(folder.iterdir())


def start_workers(broker: str, out: Path, cache: Path, config: Path, instances: int, concurrency: int, work: Path) -> list[subprocess.Popen[bytes]]:
    log = work / f"workers-{time.monotonic_ns()}.log"
    procs = [spawn([str(BIN / "narrate"), "worker", "--broker", broker, "-o", str(out), "--cache-dir", str(cache), "--config", str(config),
                    "-c", str(concurrency), "--loglevel", "INFO"], log) for _ in range(instances)]
    wait_until(lambda: log.read_text(errors="replace").count("voice loaded") >= instances * concurrency, 180, "the workers' voices")
    return procs


def queue_states(broker: str, ids: list[str]) -> list[dict[str, Any]]:
    from narrate.service.settings import load
    from narrate.service.submit import Queue

    queue = Queue(load(None, broker=broker))
    try:
        return [queue.status(i) or {"id": i, "status": "unknown"} for i in ids]
    finally:
        queue.close()


def ended(broker: str, ids: list[str]) -> list[dict[str, Any]] | None:
    states = queue_states(broker, ids)
    return states if all(s["status"] in ("done", "failed") for s in states) else None


def valid(out: Path, names: list[str]) -> bool:
    from mutagen.mp3 import MP3

    for name in names:
        manifest = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        if abs(MP3(str(out / f"{name}.mp3")).info.length * 1000 - manifest["duration_ms"]) > 150:
            return False
    return not list(out.glob(".*.part"))


def submit_wait(broker: str, folder: Path, extra: list[str] = ()) -> tuple[float, list[dict[str, Any]]]:
    t0 = time.perf_counter()
    result = subprocess.run([str(BIN / "narrate"), "submit", "--broker", broker, "--wait", "--json", "-q", *extra, str(folder)],
                            capture_output=True, text=True, env=ENV, timeout=3600)
    seconds = time.perf_counter() - t0
    if result.returncode != 0:
        raise SystemExit(f"narrate submit failed:\n{result.stderr}")
    return seconds, [json.loads(line) for line in result.stdout.splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--skip-compare", action="store_true", help="skip the local against queue comparison")
    parser.add_argument("--skip-kill", action="store_true", help="skip the run with a worker killed")
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is needed: apt-get install redis-server")
    work = Path(tempfile.mkdtemp(prefix="narrate-queue-bench-"))
    log = work / "processes.log"
    report: dict[str, Any] = {}
    try:
        folder = work / "articles"
        names = [p.stem for p in articles(folder, args.articles)]
        report["articles"] = len(names)
        port = free_port()
        broker = f"redis://127.0.0.1:{port}/0"
        spawn(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(work), "--appendonly", "yes", "--save", ""], log)
        time.sleep(0.5)
        config = work / "narrate.toml"
        config.write_text("[queue]\nallow_private_urls = true\nvisibility_timeout = 20\n", encoding="utf-8")

        # 1. local against queue, each with its own empty cache; the workers idle before the clock starts.
        workers = [] if args.skip_compare else compare(folder, names, broker, config, work, report)
        if not workers:
            workers = start_workers(broker, work / "out-queue", work / "cache-queue", config, 1, 2, work)

        # 2. post latency with 2 busy workers, then 200 submissions of one article: none lost, one narrated.
        serve_port = free_port()
        spawn([str(BIN / "narrate"), "serve", "--broker", broker, "-o", str(work / "out-queue"), "--config", str(config),
               "--port", str(serve_port)], log, env={"NARRATE_TOKENS": TOKEN})
        wait_until(lambda: _get(serve_port, "/healthz") == 200, 60, "narrate serve")
        subprocess.run([str(BIN / "narrate"), "submit", "--broker", broker, "--backfill", "--force", str(folder)],
                       check=True, capture_output=True, env=ENV)
        time.sleep(3)  # both processes are speaking
        times, ids = post_many(serve_port, args.posts, clients=4)
        report["post_median_ms"] = statistics.median(times) * 1000
        report["post_p95_ms"] = sorted(times)[int(0.95 * len(times)) - 1] * 1000
        print(f"POST /articles: median {report['post_median_ms']:.1f} ms, p95 {report['post_p95_ms']:.1f} ms over {len(times)}", flush=True)
        final = wait_until(lambda: ended(broker, ids), 3600, "the posted jobs", every=2)
        report["posts_done"] = sum(s["status"] == "done" for s in final)
        report["posts_narrated"] = sum(s["status"] == "done" and not s["up_to_date"] for s in final)
        report["posts_up_to_date"] = sum(s["status"] == "done" and bool(s["up_to_date"]) for s in final)
        print(f"{len(ids)} posts: {report['posts_done']} done, {report['posts_narrated']} narrated, {report['posts_up_to_date']} up to date", flush=True)
        for proc in workers:
            stop(proc)

        # 3. the queue run with one of two workers killed midway and started again.
        if not args.skip_kill:
            out, cache = work / "out-killed", work / "cache-killed"
            first = start_workers(broker, out, cache, config, 1, 1, work)[0]
            start_workers(broker, out, cache, config, 1, 1, work)
            result: dict[str, Any] = {}
            thread = threading.Thread(target=lambda: result.update(zip(("s", "states"), submit_wait(broker, folder))))
            thread.start()
            wait_until(lambda: len(list(out.glob("*.mp3"))) >= len(names) // 2, 3600, "half the jobs")
            stop(first, signal.SIGKILL)
            killed_at = time.perf_counter()
            start_workers(broker, out, cache, config, 1, 1, work)
            report["killed_restart_s"] = time.perf_counter() - killed_at
            thread.join(3600)
            report["killed_s"] = result["s"]
            report["killed_all_done"] = all(s["status"] == "done" for s in result["states"]) and valid(out, names)
            print(f"killed run {report['killed_s']:.1f} s, all complete and valid: {report['killed_all_done']}", flush=True)
    finally:
        for proc in reversed(started):
            if proc.poll() is None:
                stop(proc)
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in report.items()}, indent=2))
    shutil.rmtree(work, ignore_errors=True)


def compare(folder: Path, names: list[str], broker: str, config: Path, work: Path, report: dict[str, Any]) -> list[subprocess.Popen[bytes]]:
    """`narrate DIR` against `narrate submit DIR --wait` on `narrate worker -c 2`; returns the workers, still running."""
    t0 = time.perf_counter()
    subprocess.run([str(BIN / "narrate"), str(folder), "-o", str(work / "out-local"), "--cache-dir", str(work / "cache-local"), "-q"],
                   check=True, env=ENV, timeout=3600)
    report["local_s"] = time.perf_counter() - t0
    report["audio_s"] = sum(json.loads((work / "out-local" / f"{n}.json").read_text())["duration_ms"] for n in names) / 1000
    workers = start_workers(broker, work / "out-queue", work / "cache-queue", config, 1, 2, work)
    report["queue_s"], states = submit_wait(broker, folder)
    report["queue_ratio"] = report["queue_s"] / report["local_s"]
    report["queue_all_done"] = all(s["status"] == "done" for s in states) and valid(work / "out-queue", names)
    print(f"local {report['local_s']:.1f} s, queue {report['queue_s']:.1f} s: ratio {report['queue_ratio']:.3f}", flush=True)
    return workers


def _get(port: int, path: str) -> int:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return 0


def post_many(port: int, total: int, clients: int) -> tuple[list[float], list[str]]:
    """`total` POSTs of one small article from `clients` threads, a new connection each (as webhooks do)."""
    body = json.dumps({"name": "council-budget", "text": SMALL}).encode()
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    times: list[float] = []
    ids: list[str] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        for _ in range(n):
            t0 = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("POST", "/articles", body, headers)
            response = conn.getresponse()
            data = json.loads(response.read())
            elapsed = time.perf_counter() - t0
            conn.close()
            if response.status != 202:
                raise SystemExit(f"POST /articles: {response.status} {data}")
            with lock:
                times.append(elapsed)
                ids.append(data["id"])

    threads = [threading.Thread(target=client, args=(total // clients + (i < total % clients),)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    return times, ids


if __name__ == "__main__":
    main()
