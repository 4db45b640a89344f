"""The gtts engine against a fake Google on 127.0.0.1.

gTTS and requests run for real: only gTTS's `_translate_url` is pointed at a
local server that speaks Google's batchexecute format and answers with a real
MP3 made by ffmpeg. Nothing here touches the internet.
"""

from __future__ import annotations

import array
import base64
import json
import math
import socket
import subprocess
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

gtts_tts = pytest.importorskip("gtts.tts")

from narrate.article import Clip  # noqa: E402
from narrate.engines import Voice  # noqa: E402
from narrate.engines.gtts import VOICES, GttsEngine, GttsOptions  # noqa: E402
from narrate.errors import ConfigError, EngineError  # noqa: E402
from narrate.ffmpeg import decode_to_pcm, ffmpeg_exe  # noqa: E402

RPC_PATH = "/_/TranslateWebserverUi/data/batchexecute"
TONE_SECONDS = 0.5
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


# --- the fake Google ------------------------------------------------------------------------


@dataclass(frozen=True)
class SeenRequest:
    """One POST as the fake server decoded it."""

    tld: str
    text: str
    lang: str


class FakeGoogle:
    """Google Translate's TTS endpoint, scripted.

    `script` is a queue of answers, one per request: an HTTP status (200 is an
    MP3), "noaudio" (200 with an RPC line that holds no audio), "empty" (200
    with no RPC line at all) or "slow"
    (answers 200 after `slow_seconds`). When the queue is empty every request
    gets a 200 with audio.
    """

    def __init__(self, mp3: bytes) -> None:
        self.mp3 = mp3
        self.script: deque[int | str] = deque()
        self.requests: list[SeenRequest] = []
        self.arrivals: list[float] = []  # time.monotonic() of each request
        self.slow_seconds = 1.0
        self.retry_after = ""  # sent as Retry-After with failures when set
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> FakeGoogle:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def url(self, tld: str = "com", path: str = "") -> str:
        """Stands in for gtts.tts._translate_url; the tld travels in the query string."""
        return f"http://127.0.0.1:{self.port}/{path}?tld={tld}"

    def texts(self) -> list[str]:
        return [r.text for r in self.requests]

    def _record(self, request: SeenRequest) -> int | str:
        with self._lock:
            self.requests.append(request)
            self.arrivals.append(time.monotonic())
            return self.script.popleft() if self.script else 200

    def reply(self, answer: int | str) -> tuple[int, bytes]:
        if answer == "slow":
            time.sleep(self.slow_seconds)
            answer = 200
        if answer == "empty":
            return 200, batchexecute()
        if answer == "noaudio":
            return 200, batchexecute('[["wrb.fr","jQ1olc",null,null,null,[3],"generic"]]')
        assert isinstance(answer, int)
        if answer != 200:
            return answer, b"<html>scripted failure</html>"
        payload = json.dumps([base64.b64encode(self.mp3).decode("ascii")])
        line = json.dumps([["wrb.fr", "jQ1olc", payload, None, None, None, "generic"]], separators=(",", ":"))
        return 200, batchexecute(line)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                url = urlsplit(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                if url.path != RPC_PATH:
                    self._send(404, b"not found")
                    return
                rpc = json.loads(parse_qs(body)["f.req"][0])
                rpc_id, params, *_ = rpc[0][0]
                assert rpc_id == "jQ1olc"
                text, lang, *_ = json.loads(params)
                tld = parse_qs(url.query).get("tld", ["?"])[0]
                self._send(*fake.reply(fake._record(SeenRequest(tld, text, lang))))

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                if status != 200 and fake.retry_after:
                    self.send_header("Retry-After", fake.retry_after)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def batchexecute(*lines: str) -> bytes:
    """Google's framing: an anti-JSON-hijacking prefix, then length-prefixed chunks."""
    out = ")]}'\n"
    for line in lines:
        out += f"\n{len(line)}\n{line}\n"
    return out.encode()


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def tone_mp3() -> bytes:
    """Half a second of 440 Hz as a real MP3, shaped like Google's (mono, 24 kHz, 32 kb/s)."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi",
           "-i", f"sine=frequency=440:duration={TONE_SECONDS}",
           "-ac", "1", "-ar", "24000", "-b:a", "32k", "-f", "mp3", "pipe:1"]
    return subprocess.run(cmd, capture_output=True, check=True).stdout


@pytest.fixture(scope="session")
def tone_seconds(tone_mp3: bytes) -> float:
    """The tone's decoded length (the MP3 encoder pads it a little)."""
    return len(decode_to_pcm(tone_mp3, 24000)) / 2 / 24000


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy may carry a request anywhere but 127.0.0.1."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def google(tone_mp3: bytes, offline: None, monkeypatch: pytest.MonkeyPatch):
    with FakeGoogle(tone_mp3) as fake:
        monkeypatch.setattr(gtts_tts, "_translate_url", fake.url)
        yield fake


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def engine(**options: float) -> GttsEngine:
    return GttsEngine(GttsOptions(**{"backoff": 0.01, "interval": 0.0, **options}))  # type: ignore[arg-type]


def seconds(clip: Clip) -> float:
    return clip.duration_ms / 1000


def rms(clip: Clip) -> float:
    samples = array.array("h", clip.pcm)
    return math.sqrt(sum(s * s for s in samples) / len(samples))


US = Voice("en-us")
LONG_TEXT = (
    "The council met on Tuesday evening to discuss the new bridge over the river, "
    "which has been closed for repairs since the spring floods damaged its eastern pillar. "
    "Residents asked when it would reopen, and the engineer said the work should be finished "
    "before the end of October if the weather holds."
)


# --- tests ----------------------------------------------------------------------------------


def test_short_text_is_one_request_and_real_audio(google: FakeGoogle, tone_seconds: float) -> None:
    clip = engine().synthesise("Hello from the newsroom.", US)

    assert google.texts() == ["Hello from the newsroom."]
    assert google.requests[0].lang == "en"
    assert clip.sample_rate == 24000 and clip.sample_width == 2 and clip.channels == 1
    assert seconds(clip) == pytest.approx(tone_seconds, abs=0.03)
    assert abs(seconds(clip) - TONE_SECONDS) < 0.1
    assert rms(clip) > 1000  # a full-scale-ish sine, not silence


def test_long_text_is_sent_in_parts_of_at_most_100_characters(
    google: FakeGoogle, tone_seconds: float
) -> None:
    clip = engine().synthesise(LONG_TEXT, US)

    texts = google.texts()
    assert len(texts) >= 3
    assert all(0 < len(t) <= 100 for t in texts)
    # in order, and nothing lost: the words sent are the words given
    assert " ".join(texts).replace(",", "").replace(".", "").split() == (
        LONG_TEXT.replace(",", "").replace(".", "").split()
    )
    assert seconds(clip) == pytest.approx(len(texts) * tone_seconds, abs=0.03 * len(texts))
    assert rms(clip) > 1000


@pytest.mark.parametrize(("voice", "tld"), [("en-uk", "co.uk"), ("en-us", "us"), ("en-au", "com.au")])
def test_voice_picks_the_accent_by_tld(google: FakeGoogle, voice: str, tld: str) -> None:
    engine().synthesise("Good morning.", Voice(voice))

    assert [(r.tld, r.lang) for r in google.requests] == [(tld, "en")]


def test_every_voice_has_a_language_tag() -> None:
    voices = GttsEngine().voices()
    assert set(voices) == set(VOICES)
    assert voices["en-uk"] == "en-GB"


def test_unknown_voice_is_a_config_error(google: FakeGoogle) -> None:
    with pytest.raises(ConfigError, match="no voice 'joe'"):
        engine().synthesise("Hello.", Voice("joe"))
    assert google.requests == []


def test_429_then_200_retries_that_part_once(google: FakeGoogle, tone_seconds: float) -> None:
    google.script.extend([429, 200])

    clip = engine().synthesise("Busy, busy.", US)

    assert google.texts() == ["Busy, busy.", "Busy, busy."]
    assert seconds(clip) == pytest.approx(tone_seconds, abs=0.03)


def test_a_retry_resends_only_the_part_that_failed(google: FakeGoogle, tone_seconds: float) -> None:
    google.script.extend([200, 503, 200])

    clip = engine().synthesise(LONG_TEXT, US)

    texts = google.texts()
    assert texts[1] == texts[2] and texts[0] != texts[1]
    assert len(set(texts)) == len(texts) - 1
    assert seconds(clip) == pytest.approx((len(texts) - 1) * tone_seconds, abs=0.1)


def test_repeated_5xx_gives_up_after_retries_plus_one(google: FakeGoogle) -> None:
    google.script.extend([503] * 10)

    with pytest.raises(EngineError) as caught:
        engine(retries=3).synthesise("Is anyone there?", US)

    assert len(google.requests) == 4
    message = str(caught.value)
    assert "kept failing" in message and "503" in message and "4 tries" in message
    assert "--engine piper" in message


def test_backoff_doubles(google: FakeGoogle) -> None:
    google.script.extend([500] * 3)
    started = time.monotonic()

    with pytest.raises(EngineError, match="kept failing"):
        GttsEngine(GttsOptions(retries=2, backoff=0.1)).synthesise("Slow down.", US)

    assert len(google.requests) == 3
    assert time.monotonic() - started >= 0.1 + 0.2


def test_zero_retries_means_one_try(google: FakeGoogle) -> None:
    google.script.extend([429, 200])

    with pytest.raises(EngineError, match="kept failing.*1 tries"):
        engine(retries=0).synthesise("Once only.", US)
    assert len(google.requests) == 1


def test_403_fails_without_retry(google: FakeGoogle) -> None:
    google.script.extend([403, 200])

    with pytest.raises(EngineError, match="refused.*403") as caught:
        engine().synthesise("Forbidden words.", US)

    assert len(google.requests) == 1
    assert "--engine piper" in str(caught.value)


def test_reply_without_audio_is_a_clear_error(google: FakeGoogle) -> None:
    google.script.extend(["noaudio", 200])

    with pytest.raises(EngineError, match="without audio") as caught:
        engine().synthesise("Say nothing.", US)

    assert len(google.requests) == 1
    assert "--engine piper" in str(caught.value)


def test_a_part_answered_with_nothing_is_not_silently_dropped(google: FakeGoogle) -> None:
    google.script.extend([200, "empty"])

    with pytest.raises(EngineError, match="without audio"):
        engine().synthesise(LONG_TEXT, US)
    assert len(google.requests) == 2


def test_timeout_is_retried(google: FakeGoogle, tone_seconds: float) -> None:
    google.slow_seconds = 1.0
    google.script.extend(["slow", 200])

    clip = engine(timeout=0.3).synthesise("Take your time.", US)

    assert len(google.requests) == 2
    assert seconds(clip) == pytest.approx(tone_seconds, abs=0.03)


def test_connection_refused_fails_fast(
    offline: None, closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def refused_url(tld: str = "com", path: str = "") -> str:
        calls.append(path)
        return f"http://127.0.0.1:{closed_port}/{path}"

    monkeypatch.setattr(gtts_tts, "_translate_url", refused_url)
    started = time.monotonic()

    with pytest.raises(EngineError, match="could not reach") as caught:
        GttsEngine(GttsOptions(backoff=5.0)).synthesise("Anyone home?", US)

    assert "--engine piper" in str(caught.value)
    assert calls.count("_/TranslateWebserverUi/data/batchexecute") == 1  # no retries
    assert time.monotonic() - started < 2.0  # and no backoff


def test_speed_shortens_the_clip(google: FakeGoogle) -> None:
    normal = engine().synthesise("Quickly now.", US)
    fast = engine(speed=1.25).synthesise("Quickly now.", US)

    assert seconds(fast) == pytest.approx(seconds(normal) / 1.25, rel=0.06)
    assert rms(fast) > 1000


def test_text_ending_in_lone_punctuation_after_a_long_run(google: FakeGoogle) -> None:
    # gTTS's tokenizer leaves "..." as its own part here; it must not be sent (or crash)
    text = "word " * 20 + "..."

    engine().synthesise(text, US)

    assert all(any(c.isalnum() for c in t) for t in google.texts())
    assert " ".join(google.texts()).split() == ["word"] * 20


def test_text_with_nothing_to_say_is_an_engine_error(google: FakeGoogle) -> None:
    with pytest.raises(EngineError, match="nothing to say"):
        engine().synthesise(" ... ", US)
    assert google.requests == []


def test_parts_are_sent_as_tokenized(google: FakeGoogle) -> None:
    # gTTS's pre-processors ran once when the text was split; they must not run again per part
    text = "Is it? Yes! Dr. Smith said so."
    once = gtts_tts.gTTS(text, lang_check=False)._tokenize(text)

    engine().synthesise(text, US)

    assert google.texts() == once == ["Is it?  Yes!  Dr Smith said so."]


def test_unknown_option_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="bogus"):
        GttsEngine.Options.from_table("gtts", {"bogus": 1})


def test_options_from_table() -> None:
    options = GttsEngine.Options.from_table("gtts", {"retries": 5, "backoff": 0.5, "speed": 1.1})
    assert options == GttsOptions(retries=5, backoff=0.5, speed=1.1)


@pytest.mark.parametrize(
    "table",
    [{"speed": 0}, {"speed": 10}, {"retries": -1}, {"retries": 1.5}, {"retries": "3"},
     {"backoff": -1}, {"timeout": 0}, {"speed": True}],
)
def test_bad_option_values_are_config_errors(table: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match=next(iter(table))):
        GttsEngine.Options.from_table("gtts", table)


def test_privacy_note_says_text_goes_to_google() -> None:
    note = GttsEngine.privacy_note.lower()
    assert "google" in note and "text" in note and "send" in note
    assert GttsEngine.needs_network


def test_sentences_go_in_parallel_at_a_polite_rate(google: FakeGoogle) -> None:
    from narrate.article import Segment, Sentence
    from narrate.synthesise import synthesise

    google.slow_seconds = 0.4
    google.script.extend(["slow"] * 8)
    sentences = tuple(Sentence(f"Part {n}.", f"Part {n}.") for n in range(8))
    segment = Segment("body", "narrator", " ".join(s.text for s in sentences), 2).with_sentences(sentences)
    started = time.monotonic()
    [clip] = synthesise([segment], engine(interval=0.1), {"narrator": US})
    took = time.monotonic() - started

    assert len(clip.marks) == 8
    # starts are spaced by the interval; arrivals jitter a little, so check the rate over all eight
    assert google.arrivals[-1] - google.arrivals[0] >= 7 * 0.1 * 0.9
    assert took < 8 * 0.4 * 0.6  # four in flight at once: far quicker than one after another
    assert sorted(google.texts()) == sorted(s.text for s in sentences)


def test_429_retry_after_is_honoured(google: FakeGoogle) -> None:
    google.retry_after = "1"
    google.script.extend([429, 200])
    started = time.monotonic()
    engine().synthesise("Patience.", US)
    assert time.monotonic() - started >= 1.0


def test_uses_only_gtts_public_api() -> None:
    """Issue 10: the engine no longer calls gTTS's private _clean_tokens and _tokenize."""
    import inspect

    import narrate.engines.gtts as module

    source = inspect.getsource(module)
    assert "_clean_tokens" not in source and "._tokenize" not in source


@pytest.fixture
def silent_server(offline: None, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A server that accepts every connection and never answers, like a proxy that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    requests: list[str] = []

    def url(tld: str = "com", path: str = "") -> str:
        requests.append(path)
        return f"http://127.0.0.1:{port}/{path}"

    monkeypatch.setattr(gtts_tts, "_translate_url", url)
    yield requests
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_a_server_that_never_answers_fails_the_article_within_its_deadline(silent_server: list[str]) -> None:
    """Issue 13 item 15: the article's deadline bounds it, and the first hard failure stops the rest."""
    items = [(f"Sentence number {n} of the article.", US) for n in range(12)]
    started = time.monotonic()
    with pytest.raises(EngineError, match="deadline of 5 s") as caught:
        list(engine(timeout=5.0, deadline=3.0, retries=10).synthesise_many([items[0]]))
    assert time.monotonic() - started < 8
    assert "raise [engines.gtts] deadline" in str(caught.value)

    silent_server.clear()
    started = time.monotonic()
    with pytest.raises(EngineError, match="deadline of 7 s"):  # 1 s, and 2 s for each of 3 sentences
        list(engine(timeout=1.0, deadline=1.0, retries=10, backoff=0.5).synthesise_many(items[:3]))
    assert time.monotonic() - started < 7 + 3  # within the budget, not 3 sentences times 11 tries and their backoff
    sent = len(silent_server)
    time.sleep(1.5)
    assert len(silent_server) == sent  # nothing more is sent after the failure
