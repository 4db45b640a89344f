"""`narrate serve`: a small HTTP service a publishing system (a CMS webhook) hands stories to.

    POST /articles       {name, text | html | url, settings?, callback_url?, backfill?}  ->  202 {id, status_url, ...}
    GET  /jobs/{id}      {id, status: queued|running|done|failed, up_to_date, error, mp3_url, manifest_url}
    GET  /audio/{file}   the outputs (MP3 with range requests, so players can seek); no token
    GET  /healthz        whether the queue answers; no token

It only enqueues: the workers narrate. FastAPI (on Starlette, run by uvicorn) checks request
bodies against models that refuse unknown fields, and the token check is one dependency.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict

from narrate.errors import ConfigError, NarrateError
from narrate.service.jobs import make_job, refuse_private
from narrate.service.settings import QueueSettings

MAX_BODY = 10 * 1024 * 1024
AUDIO_FILE = re.compile(r"(?P<stem>[a-z0-9-]{1,80})(?P<suffix>\.mp3|\.json|\.vtt|\.chapters\.json)")
MEDIA = {".mp3": "audio/mpeg", ".json": "application/json", ".vtt": "text/vtt", ".chapters.json": "application/json+chapters"}


class ArticleIn(BaseModel):
    """POST /articles: the story (exactly one of text, html, url), its name, and what to do with it."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    settings: dict[str, Any] | None = None
    callback_url: str | None = None
    backfill: bool = False
    force: bool = False


def read_tokens(tokens_file: str | None, env: str | None) -> list[str]:
    """NARRATE_TOKENS (comma-separated) and --tokens-file (one a line, # comments); none at all is refused."""
    tokens = [t.strip() for t in (env or "").split(",") if t.strip()]
    if tokens_file:
        try:
            lines = Path(tokens_file).read_text(encoding="utf-8").splitlines()
        except OSError as err:
            raise ConfigError(f"cannot read the tokens file {tokens_file} ({err.strerror})", "Check the path given to --tokens-file") from err
        tokens += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not tokens:
        raise ConfigError(
            "no API token is configured, so every request would be refused",
            "Set NARRATE_TOKENS=token1,token2 or give --tokens-file FILE (one token a line)",
        )
    short = [t for t in tokens if len(t) < 16]
    if short:
        raise ConfigError(f"{len(short)} API token(s) shorter than 16 characters", "Use long random tokens, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`")
    return tokens


def create_app(settings: QueueSettings, tokens: list[str]) -> Any:
    """The FastAPI application over one queue and one output folder."""
    from narrate.service.submit import Queue

    digests = [hashlib.sha256(t.encode()).digest() for t in tokens]
    out = Path(settings.output_dir)
    state: dict[str, Queue] = {}

    def queue() -> Queue:
        if "queue" not in state:
            state["queue"] = Queue(settings)
        return state["queue"]

    bearer = HTTPBearer(auto_error=False)

    def authorised(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        """Every token compared, in constant time, whatever matches: timing tells nothing."""
        given = hashlib.sha256((credentials.credentials if credentials else "").encode()).digest()
        matched = False
        for digest in digests:
            matched |= hmac.compare_digest(given, digest)
        if credentials is None or not matched:
            raise HTTPException(401, detail="missing or wrong token", headers={"WWW-Authenticate": "Bearer"})

    app = FastAPI(title="narrate", version="1", docs_url=None, redoc_url=None, openapi_url=None)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            problems.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return JSONResponse({"error": "; ".join(problems) or "invalid request"}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    def urls(request: Request, name: str) -> dict[str, str]:
        base = str(request.base_url).rstrip("/")
        return {"mp3_url": f"{base}/audio/{name}.mp3", "manifest_url": f"{base}/audio/{name}.json"}

    @app.post("/articles", status_code=202, dependencies=[Depends(authorised)])
    def post_article(article: ArticleIn, request: Request) -> dict[str, Any]:
        try:
            job = make_job(article.name, text=article.text, html=article.html, url=article.url, settings=article.settings, force=article.force)
            if article.callback_url is not None:
                if not re.match(r"https?://[^/]", article.callback_url):
                    raise ConfigError(f"callback_url {article.callback_url!r} is not an http(s) URL", "Give the URL the result should be POSTed to")
                refuse_private(article.callback_url, settings.allow_private_urls)
        except NarrateError as err:
            raise HTTPException(422, detail=str(err)) from None
        links = urls(request, job["name"])
        if article.callback_url is not None:
            job["callback"] = {"url": article.callback_url, **links}
        try:
            job_id = queue().submit(job, backfill=article.backfill)
        except NarrateError as err:
            raise HTTPException(503, detail=str(err)) from None
        base = str(request.base_url).rstrip("/")
        return {"id": job_id, "status": "queued", "name": job["name"], "status_url": f"{base}/jobs/{job_id}", **links}

    @app.get("/jobs/{job_id}", dependencies=[Depends(authorised)])
    def get_job(job_id: str, request: Request) -> dict[str, Any]:
        state = queue().status(job_id)
        if state is None:
            raise HTTPException(404, detail=f"no job {job_id}")
        done = state["status"] == "done"
        links = urls(request, state["name"])
        return {
            "id": job_id,
            "name": state["name"],
            "status": state["status"],
            "up_to_date": state["up_to_date"],
            "error": state["error"],
            "mp3_url": links["mp3_url"] if done else None,
            "manifest_url": links["manifest_url"] if done else None,
            "progress": state.get("progress"),
        }

    @app.get("/audio/{filename}")
    def audio(filename: str) -> FileResponse:
        match = AUDIO_FILE.fullmatch(filename)
        path = out / filename
        if not match or not path.is_file():
            raise HTTPException(404, detail=f"no file {filename}")
        return FileResponse(path, media_type=MEDIA[match["suffix"]])

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        try:
            queue().redis.ping()
        except Exception as err:  # any failure to reach Redis is "not healthy", never a 500
            state.pop("queue", None)
            return JSONResponse({"ok": False, "broker": f"unreachable ({err.__class__.__name__})"}, status_code=503)
        return JSONResponse({"ok": True, "broker": "reachable"})

    return BodyLimit(app, MAX_BODY)


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: a body over `limit` bytes gets 413, whether it says its length or streams it."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]], send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await self._too_large(send)
            return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, watched)
        except BodyTooLarge:
            if not started:
                await self._too_large(send)

    async def _too_large(self, send: Callable[[Message], Awaitable[None]]) -> None:
        body = b'{"error":"request body over 10 MB; send one article per request"}'
        await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def run(settings: QueueSettings, tokens: list[str], host: str, port: int) -> int:
    """Serve until Ctrl-C or SIGTERM."""
    import uvicorn

    from narrate.service.submit import Queue

    Queue(settings).close()  # the queue must answer before the service says it is up
    uvicorn.run(create_app(settings, tokens), host=host, port=port, log_level="info", proxy_headers=True, server_header=False)
    return 0
