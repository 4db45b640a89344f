"""The subcommands `narrate worker`, `submit`, `status` and `serve`: their parsers and what they run.

narrate/cli.py registers them; errors become one line and an exit code there, as for every command.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from narrate.errors import ConfigError
from narrate.service.settings import QueueSettings, load

EXIT_CODES = """exit codes:
  0  done
  1  at least one job failed or could not be submitted (each is reported in one line)
  2  usage or configuration error, or the queue cannot be reached (nothing was done)"""

WHERE = (
    "Where things are: the [queue] table of narrate.toml (broker_url, output_dir, cache_dir, visibility_timeout,\n"
    "allow_private_urls), overridden by NARRATE_BROKER_URL and NARRATE_CACHE_DIR, overridden by the flags."
)


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    from narrate.cli import Parser

    return Parser(prog=prog, description=description, epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)


def _queue_options(p: argparse.ArgumentParser, outputs: bool) -> None:
    p.add_argument("--config", metavar="FILE", help="settings file (default: ./narrate.toml if present)")
    p.add_argument("--broker", metavar="URL", help="the Redis queue, e.g. redis://10.0.0.5:6379/0 (default: [queue] broker_url)")
    if outputs:
        p.add_argument("-o", "--output", metavar="DIR", help="shared output folder (default: [queue] output_dir, else audio/)")
        p.add_argument("--cache-dir", metavar="DIR", help="shared sentence cache (default: $NARRATE_CACHE_DIR, [queue] cache_dir, else the user cache folder)")


def _settings(ns: argparse.Namespace) -> QueueSettings:
    settings = load(ns.config, broker=ns.broker, output=getattr(ns, "output", None), cache_dir=getattr(ns, "cache_dir", None))
    return settings


def worker_parser() -> argparse.ArgumentParser:
    p = _parser(
        "narrate worker",
        "Start a worker: narrate jobs from the queue into the output folder until stopped (Ctrl-C).\n"
        "Workers on many machines share one Redis, one output folder and one sentence cache.\n" + WHERE,
    )
    _queue_options(p, outputs=True)
    p.add_argument("-c", "--concurrency", type=int, default=max(1, os.cpu_count() or 1), metavar="N", help="worker processes, each with its own voice loaded (default: one per core)")
    p.add_argument("--queues", default="live,backfill", help="queues to take jobs from, first first (default: live,backfill)")
    p.add_argument("--loglevel", default="INFO", help="Celery's log level (default: INFO)")
    return p


def cmd_worker(ns: argparse.Namespace) -> int:
    from narrate.service.jobs import QUEUES
    from narrate.service.worker import run_worker

    settings = _settings(ns)
    queues = [q.strip() for q in ns.queues.split(",") if q.strip()]
    unknown = sorted(set(queues) - set(QUEUES))
    if unknown or not queues:
        raise ConfigError(f"--queues {ns.queues!r}: unknown queue(s) {', '.join(unknown) or '(none given)'}", "Use live, backfill or live,backfill")
    if ns.concurrency < 1:
        raise ConfigError(f"--concurrency {ns.concurrency} must be at least 1", "Give a number of processes, e.g. -c 2")
    _check_broker(settings)
    return run_worker(_absolute(settings), ns.config, ns.concurrency, queues, ns.loglevel.upper())


def _absolute(settings: QueueSettings) -> QueueSettings:
    """Output and cache folders as absolute paths: job results name them, and a worker may change folder."""
    from dataclasses import replace

    return replace(
        settings,
        output_dir=str(Path(settings.output_dir).expanduser().absolute()),
        cache_dir=str(Path(settings.cache_dir).expanduser().absolute()) if settings.cache_dir else "",
    )


def _check_broker(settings: QueueSettings) -> None:
    import redis

    from narrate.service.jobs import queue_error

    client = redis.Redis.from_url(settings.broker_url, socket_connect_timeout=3, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as err:
        raise queue_error(settings.broker_url, err) from err
    finally:
        client.close()


def submit_parser() -> argparse.ArgumentParser:
    p = _parser(
        "narrate submit",
        "Queue articles for the workers and print one job id per input. Each input is read here and its text\n"
        "is sent: the workers need no access to this machine's files. A URL is fetched by the worker.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE|DIR|URL|-", help="articles: files, folders of them, URLs, or - for standard input")
    _queue_options(p, outputs=False)
    p.add_argument("--backfill", action="store_true", help="queue on backfill: taken only when no live job waits")
    p.add_argument("--name", help="the output name of a single input (default: the file's name, or the URL's)")
    p.add_argument("--engine", help="speech engine for these jobs (default: the workers' narrate.toml)")
    p.add_argument("--voice", action="append", default=[], metavar="ROLE=VOICE", help="voice for a role, e.g. --voice quote=joe (repeatable)")
    p.add_argument("--speed", type=float, help="speaking rate, 0.5 to 2.0")
    p.add_argument("--force", action="store_true", help="narrate again even when the outputs are up to date")
    p.add_argument("--wait", action="store_true", help="follow the jobs with a progress bar until they end, then print where each output is")
    p.add_argument("--json", action="store_true", help="one JSON object per job on stdout (with --wait: its final state)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    return p


def _job_settings(ns: argparse.Namespace) -> dict[str, object]:
    settings: dict[str, object] = {}
    if ns.engine:
        settings["engine"] = ns.engine
    if ns.speed is not None:
        settings["speed"] = ns.speed
    voices = {}
    for item in ns.voice:
        role, eq, spec = item.partition("=")
        if not eq or not role.strip() or not spec.strip():
            raise ConfigError(f"--voice {item!r} is not ROLE=VOICE", "Write e.g. --voice quote=joe")
        voices[role.strip()] = spec.strip()
    if voices:
        settings["voices"] = voices
    return settings


def cmd_submit(ns: argparse.Namespace) -> int:
    from narrate.service.submit import Queue, follow, jobs_from_inputs, print_status

    if ns.speed is not None and not 0.5 <= ns.speed <= 2.0:
        raise ConfigError(f"speed {ns.speed!r} is out of range", "Use a number from 0.5 to 2.0 (1.0 is normal)")
    jobs, failed = jobs_from_inputs(ns.paths, ns.name, _job_settings(ns), ns.force)
    queue = Queue(_settings(ns))
    try:
        ids = []
        for source, job in jobs:
            job_id = queue.submit(job, backfill=ns.backfill)
            ids.append((source, job_id))
            if ns.json and not ns.wait:
                print(json.dumps({"id": job_id, "source": source, "name": job["name"], "queue": "backfill" if ns.backfill else "live"}), flush=True)
            elif not ns.json:
                print(job_id, flush=True)
        if ns.wait and ids:
            for state in follow(queue, ids, quiet=ns.quiet or ns.json):
                if state["status"] == "failed":
                    failed.append(state["name"])
                    if not ns.json:
                        print(f"narrate: {state['error']}", file=sys.stderr)
                if ns.json:
                    print_status(state, state["id"], as_json=True)
    finally:
        queue.close()
    return 1 if failed else 0


def status_parser() -> argparse.ArgumentParser:
    p = _parser("narrate status", "Report each job: queued, running, done (with its outputs) or failed (with the error).")
    p.add_argument("ids", nargs="+", metavar="JOB", help="job ids printed by `narrate submit`")
    _queue_options(p, outputs=False)
    p.add_argument("--json", action="store_true", help="one JSON object per job")
    return p


def cmd_status(ns: argparse.Namespace) -> int:
    from narrate.service.submit import Queue, print_status

    queue = Queue(_settings(ns))
    bad = 0
    try:
        for job_id in ns.ids:
            state = queue.status(job_id)
            print_status(state, job_id, ns.json)
            bad += state is None or state["status"] == "failed"
    finally:
        queue.close()
    return 1 if bad else 0


def serve_parser() -> argparse.ArgumentParser:
    p = _parser(
        "narrate serve",
        "An HTTP service for publishing systems: POST /articles queues a story, GET /jobs/{id} tells how it is\n"
        "doing, GET /audio/{name}.mp3 serves the result. Every request but /audio and /healthz needs\n"
        "`Authorization: Bearer TOKEN`, with tokens from NARRATE_TOKENS (comma-separated) or --tokens-file.\n"
        "Put it behind a TLS-terminating proxy. " + WHERE,
    )
    _queue_options(p, outputs=True)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port (default: 8080)")
    p.add_argument("--tokens-file", metavar="FILE", help="API tokens, one a line (in addition to NARRATE_TOKENS)")
    return p


def cmd_serve(ns: argparse.Namespace) -> int:
    from narrate.service.serve import read_tokens, run

    tokens = read_tokens(ns.tokens_file, os.environ.get("NARRATE_TOKENS"))
    settings = _absolute(_settings(ns))
    if not 0 < ns.port < 65536:
        raise ConfigError(f"--port {ns.port} is not a port number", "Give a port from 1 to 65535")
    _check_broker(settings)
    return run(settings, tokens, ns.host, ns.port)
