"""`narrate serve` as a publishing system meets it: a real uvicorn server, a real Redis, a real worker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_queue_support import NARRATE, TINY, free_port, narrate, queue_config, redis_server, valid_outputs, wait_for, workers  # noqa: F401

pytestmark = pytest.mark.timeout(240)

TOKEN = "test-token-0123456789abcdef"


class Service:
    def __init__(self, url: str, out: Path) -> None:
        self.url = url
        self.out = out

    def request(self, method: str, path: str, body: Any = None, token: str | None = TOKEN, headers: dict[str, str] | None = None,
                raw: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers or {})
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as err:
            return err.code, dict(err.headers), err.read()

    def json(self, method: str, path: str, body: Any = None, **kw: Any) -> tuple[int, dict[str, Any]]:
        status, _, data = self.request(method, path, body, **kw)
        return status, json.loads(data)

    def wait_done(self, job_id: str) -> dict[str, Any]:
        def ended() -> dict[str, Any] | None:
            _, state = self.json("GET", f"/jobs/{job_id}")
            return state if state["status"] in ("done", "failed") else None

        return wait_for(ended, 120, f"job {job_id}", every=0.2)


@pytest.fixture(scope="module")
def service(redis_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:  # noqa: F811
    site = tmp_path_factory.mktemp("serve")
    out = site / "audio"
    config = queue_config(site)
    port = free_port()
    with workers(redis_server.url, out, site / "cache", config):
        log = open(site / "serve.log", "wb")  # noqa: SIM115 (closed below)
        proc = subprocess.Popen(
            [*NARRATE, "serve", "--broker", redis_server.url, "-o", str(out), "--config", str(config), "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env={**os.environ, "NARRATE_TOKENS": f"other-token-abcdefghijkl,{TOKEN}"},
        )
        try:
            svc = Service(f"http://127.0.0.1:{port}", out)

            def healthy() -> bool:
                if proc.poll() is not None:
                    pytest.fail(f"narrate serve exited: {(site / 'serve.log').read_text()[-2000:]}")
                try:
                    return svc.request("GET", "/healthz", token=None)[0] == 200
                except OSError:
                    return False

            wait_for(healthy, 60, "narrate serve to answer", every=0.2)
            yield svc
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(5)
            log.close()


def test_serve_refuses_to_start_without_a_token() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NARRATE_TOKENS"}
    result = subprocess.run([*NARRATE, "serve", "--port", str(free_port())], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("narrate: no API token is configured") and len(result.stderr.splitlines()) == 1


def test_a_story_posted_becomes_an_mp3_url_that_players_can_seek(service: Service) -> None:
    status, posted = service.json("POST", "/articles", {"name": "Council Budget", "text": TINY})
    assert status == 202
    assert posted["name"] == "council-budget" and posted["status_url"].endswith(f"/jobs/{posted['id']}")
    state = service.wait_done(posted["id"])
    assert (state["status"], state["up_to_date"], state["error"]) == ("done", False, None)
    assert state["mp3_url"] == f"{service.url}/audio/council-budget.mp3"
    valid_outputs(service.out, "council-budget")
    # The audio needs no token (players cannot send one), and answers range requests.
    whole = (service.out / "council-budget.mp3").read_bytes()
    status, headers, data = service.request("GET", "/audio/council-budget.mp3", token=None, headers={"Range": "bytes=100-199"})
    assert status == 206
    assert data == whole[100:200]
    assert headers["content-range"] == f"bytes 100-199/{len(whole)}"
    status, _, manifest = service.request("GET", "/audio/council-budget.json", token=None)
    assert status == 200 and json.loads(manifest)["title"] == "Council agrees budget"
    # The same story again is found up to date.
    _, again = service.json("POST", "/articles", {"name": "council-budget", "text": TINY})
    assert service.wait_done(again["id"])["up_to_date"] is True


@pytest.mark.parametrize("token", [None, "wrong-token-0123456789abcdef", TOKEN[:-1]])
def test_no_token_or_a_wrong_one_is_401(service: Service, token: str | None) -> None:
    for method, path, body in (("POST", "/articles", {"name": "x", "text": TINY}), ("GET", "/jobs/anything", None)):
        status, headers, _ = service.request(method, path, body, token=token)
        assert status == 401
        assert headers["www-authenticate"] == "Bearer"


def test_a_body_over_10_mb_is_413_before_it_is_read(service: Service) -> None:
    """Refused on its Content-Length: the service answers without taking the 11 MB in."""
    import http.client

    host, port = service.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.putrequest("POST", "/articles")
        for key, value in (("Authorization", f"Bearer {TOKEN}"), ("Content-Type", "application/json"), ("Content-Length", str(11 * 1024 * 1024))):
            conn.putheader(key, value)
        conn.endheaders(b'{"name": "big", "text": "')
        response = conn.getresponse()
        assert response.status == 413
        assert "10 MB" in json.loads(response.read())["error"]
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b'{"name": "x", "text": ', "JSON"),
        (b'{"name": "x"}', "exactly one of text, html or url"),
        (b'{"name": "x", "text": "a", "html": "<p>b</p>"}', "exactly one of text, html or url"),
        (b'{"name": "x", "text": "a", "colour": "red"}', "colour"),
        (b'{"name": "!!!", "text": "Headline\\n\\nBody."}', "no letters or digits"),
        (b'{"name": "x", "text": "a", "settings": {"pitch": 3}}', "unknown setting"),
    ],
)
def test_malformed_or_incomplete_requests_are_422_with_a_message(service: Service, raw: bytes, says: str) -> None:
    status, _, data = service.request("POST", "/articles", raw=raw)
    assert status == 422
    assert says.lower() in json.loads(data)["error"].lower()


def test_a_name_cannot_leave_the_output_folder(service: Service) -> None:
    status, posted = service.json("POST", "/articles", {"name": "../../etc/passwd", "text": TINY.replace("Monday", "Tuesday")})
    assert status == 202 and posted["name"] == "etc-passwd"
    assert service.wait_done(posted["id"])["status"] == "done"
    assert (service.out / "etc-passwd.mp3").is_file()
    for path in ("/audio/..%2F..%2Fetc%2Fpasswd", "/audio/../../etc/passwd", "/audio/etc-passwd.mp3.part", "/audio/.locks"):
        assert service.request("GET", path, token=None)[0] == 404


def test_an_unknown_job_id_is_404(service: Service) -> None:
    status, body = service.json("GET", "/jobs/00000000-0000-0000-0000-000000000000")
    assert status == 404 and "no job" in body["error"]


def test_healthz_needs_no_token(service: Service) -> None:
    assert service.json("GET", "/healthz", token=None) == (200, {"ok": True, "broker": "reachable"})


def test_the_result_is_posted_to_the_callback_url(service: Service) -> None:
    received: list[dict[str, Any]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    hook = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=hook.serve_forever, daemon=True)
    thread.start()
    try:
        callback = f"http://127.0.0.1:{hook.server_address[1]}/narrated"
        _, posted = service.json("POST", "/articles", {"name": "hooked", "text": TINY.replace("Monday", "Friday"), "callback_url": callback})
        wait_for(lambda: received, 120, "the callback")
    finally:
        hook.shutdown()
        hook.server_close()
    assert received[0]["id"] == posted["id"]
    assert (received[0]["status"], received[0]["mp3_url"]) == ("done", f"{service.url}/audio/hooked.mp3")
