"""What a job carries, and how its state is told.

A job is plain data: the article itself (its text or HTML, or a URL the worker fetches), its
output name and the few settings that change the audio. Never a path on the submitter's
machine: the worker may be on another one.

Celery reports every id it has never seen as PENDING, so the ids narrate issues are recorded
in Redis beside the queue; an id that is not recorded is unknown, not queued.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
from typing import Any
from urllib.parse import urlsplit

from narrate.errors import ConfigError, InputError, NarrateError
from narrate.plan import is_url, safe_stem, url_stem
from narrate.read import LIMIT, MAX_BYTES, decode, sniff

QUEUES = ("live", "backfill")  # workers take live jobs first
PRIORITY = {"live": 0, "backfill": 9}  # Redis transport: lower is taken first (see worker.make_app)
FORMATS = ("text", "markdown", "html")
SETTINGS = {"engine": str, "speed": (int, float), "voices": dict}
RECORD_PREFIX = "narrate:job:"
RECORD_SECONDS = 7 * 24 * 3600  # as long as Celery keeps results (result_expires)


class JobFailed(NarrateError):
    """A job's one-line error, as stored in the result backend and shown by status and serve."""


def make_job(
    name: str | None = None,
    *,
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
    fmt: str | None = None,
    settings: dict[str, Any] | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """A job checked and reduced to plain data: exactly one of text, html or url; a safe name.

    `fmt` says what `text` is (text, markdown or html); when not given it is guessed as for
    standard input, except that text is never taken for HTML unless it says it is.
    """
    given = [k for k, v in (("text", text), ("html", html), ("url", url)) if v is not None]
    if len(given) != 1:
        raise InputError(
            f"a job needs exactly one of text, html or url; got {', '.join(given) or 'none'}",
            "Send the article as text, as html, or as a url to fetch",
        )
    job: dict[str, Any] = {}
    if url is not None:
        if not is_url(url) or not urlsplit(url).hostname:
            raise InputError(f"{url!r} is not an http(s) URL", "Give a URL starting with http:// or https://")
        job["url"] = url
        stem = safe_stem(name) if name else url_stem(url)
    else:
        body = text if text is not None else html
        label = name or "the article"
        if not isinstance(body, str):
            raise InputError(f"{label}: the article must be a string", "Send the text itself")
        encoded = body.encode("utf-8", errors="replace")
        if len(encoded) > MAX_BYTES:
            raise InputError(f"{label}: input is larger than the {LIMIT} limit for one article", "Split it into separate articles")
        job["text"] = decode(encoded, label)
        if not job["text"].strip():
            raise InputError(f"{label}: the article is empty", "Send the text of an article")
        if html is not None:
            fmt = "html"
        elif fmt is None:
            guess = sniff(job["text"])
            fmt = guess if guess != "html" else "text"
        if fmt not in FORMATS:
            raise InputError(f"format {fmt!r} is not one of {', '.join(FORMATS)}", "Send text, markdown or html")
        job["format"] = fmt
        stem = safe_stem(name or "")
    if not stem:
        raise InputError(f"name {name!r} has no letters or digits to make a file name of", "Give the job a name such as 'budget-2025'")
    job["name"] = stem
    job["settings"] = check_settings(settings or {})
    if force:
        job["force"] = True
    return job


def check_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings a job may change: engine, speed and voices (role -> voice); others are refused."""
    if not isinstance(settings, dict):
        raise InputError("settings must be an object", 'Send e.g. {"speed": 1.1}')
    unknown = sorted(set(settings) - set(SETTINGS))
    if unknown:
        raise InputError(f"unknown setting(s) {', '.join(unknown)}", f"Known settings: {', '.join(SETTINGS)}")
    for key, kind in SETTINGS.items():
        if key in settings and (not isinstance(settings[key], kind) or isinstance(settings[key], bool)):
            raise InputError(f"setting {key} = {settings[key]!r} has the wrong type", 'Send e.g. {"speed": 1.1, "voices": {"quote": "joe"}}')
    voices = settings.get("voices", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in voices.items()):
        raise InputError("settings.voices must map roles to voice names", 'Send e.g. {"voices": {"quote": "joe:pitch=-2"}}')
    return dict(settings)


def refuse_private(url: str, allowed: bool) -> None:
    """Refuse a URL whose host resolves to a loopback, private, link-local or otherwise internal address.

    A job or a callback must not make a worker reach into the network it runs in (the
    metadata service at 169.254.169.254, the Redis beside it). `[queue] allow_private_urls`
    lifts this for a trusted newsroom network, and for tests.
    """
    if allowed:
        return
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as err:
        raise InputError(f"{url}: cannot resolve {host!r} ({err})", "Check the address") from err
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise InputError(
                f"{url}: {host} resolves to {address}, an internal address",
                "Give a public URL, or set [queue] allow_private_urls = true on a trusted network",
            )


# --- job ids and states -------------------------------------------------------------------------


def record(client: Any, job_id: str, job: dict[str, Any], queue: str, extra: dict[str, Any] | None = None) -> None:
    """Remember an id narrate issued (redis-py client), so status and serve can tell unknown ids apart."""
    data = {"name": job["name"], "queue": queue, "submitted": time.time(), **(extra or {})}
    client.set(RECORD_PREFIX + job_id, json.dumps(data), ex=RECORD_SECONDS)


def recorded(client: Any, job_id: str) -> dict[str, Any] | None:
    raw = client.get(RECORD_PREFIX + job_id)
    return json.loads(raw) if raw else None


def state_of(result: Any) -> dict[str, Any]:
    """A Celery AsyncResult as narrate tells it: queued, running, done (with outputs) or failed (with the error)."""
    state = result.state
    info = result.info
    out: dict[str, Any] = {"status": "queued", "up_to_date": None, "error": None, "mp3": None, "manifest": None, "progress": None}
    if state in ("STARTED", "PROGRESS", "RETRY"):
        out["status"] = "running"
        if state == "PROGRESS" and isinstance(info, dict):
            out["progress"] = {"done": info.get("done", 0), "total": info.get("total", 0)}
    elif state == "SUCCESS" and isinstance(info, dict):
        out.update(status="done", up_to_date=info.get("up_to_date"), mp3=info.get("mp3"), manifest=info.get("manifest"))
        out["duration_ms"] = info.get("duration_ms")
    elif state in ("FAILURE", "REVOKED"):
        out.update(status="failed", error=str(info) if info is not None else state.lower())
    return out


def queue_error(broker: str, err: Exception) -> ConfigError:
    """The queue cannot be reached: one line that says where narrate looked."""
    return ConfigError(
        f"cannot reach the queue at {broker} ({err.__class__.__name__}: {str(err)[:120]})",
        "Start Redis, or point --broker / NARRATE_BROKER_URL / [queue] broker_url at it",
    )
