"""gTTS: Google Translate's voices. Needs the network and sends the text to Google.

The text is split once by gTTS's own tokenizer into parts of 100 characters or
less; each part is its own request (gTTS's request code), sent exactly as split.
Parts go one at a time so that a 429, 5xx or timeout retries only the part that
failed, with exponential backoff. Any other failure is final.

Voices are accents of English, chosen by Google's top-level domain:
en-us (us), en-uk (co.uk), en-au (com.au), en-in (co.in), en-ca (ca),
en-ie (ie), en-za (co.za).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from narrate.article import Clip
from narrate.engines import Engine, EngineOptions, Voice
from narrate.errors import ConfigError, EngineError
from narrate.ffmpeg import decode_to_pcm

# voice name -> (gTTS lang, gTTS tld, BCP 47 tag)
VOICES: dict[str, tuple[str, str, str]] = {
    "en-us": ("en", "us", "en-US"),
    "en-uk": ("en", "co.uk", "en-GB"),
    "en-au": ("en", "com.au", "en-AU"),
    "en-in": ("en", "co.in", "en-IN"),
    "en-ca": ("en", "ca", "en-CA"),
    "en-ie": ("en", "ie", "en-IE"),
    "en-za": ("en", "co.za", "en-ZA"),
}
SAMPLE_RATE = 24000  # what Google's MP3s decode to
OFFLINE = "use --engine piper, which works offline"


@dataclass(frozen=True)
class GttsOptions(EngineOptions):
    retries: int = 3  # extra attempts per part after a 429, 5xx or timeout
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    timeout: float = 15.0  # seconds per request
    interval: float = 0.25  # seconds between the starts of two requests: at most 4 a second

    def __post_init__(self) -> None:
        # name, lowest, highest, whole numbers only
        for name, low, high, whole in (("speed", 0.5, 4.0, False), ("retries", 0, 10, True),
                                       ("backoff", 0.0, 60.0, False), ("timeout", 0.1, 300.0, False),
                                       ("interval", 0.0, 10.0, False)):
            value = getattr(self, name)
            kinds = int if whole else (int, float)
            if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
                kind = "a whole number" if whole else "a number"
                raise ConfigError(f"[engines.gtts] {name} = {value!r} is not allowed",
                                  f"Use {kind} from {low:g} to {high:g}")


class GttsEngine(Engine):
    id = "gtts"
    description = "Google Translate voices through gTTS. Needs the network."
    needs_network = True
    concurrency = 4  # sentences in flight at once; `interval` keeps the request rate polite
    privacy_note = "The gtts engine sends the article's text to Google to be spoken."
    Options = GttsOptions

    def voices(self) -> dict[str, str]:
        return {name: tag for name, (_, _, tag) in VOICES.items()}

    def version(self) -> str:
        return f"gTTS {version('gTTS')}"

    def availability(self) -> str | None:
        try:
            version("gTTS")
        except PackageNotFoundError:
            return "gTTS is not installed (pip install gTTS)"
        import socket

        try:
            socket.create_connection(("translate.google.com", 443), timeout=3).close()
        except OSError:
            return "no network: Google's servers cannot be reached (use --engine piper)"
        return None

    def __init__(self, options: EngineOptions | None = None) -> None:
        super().__init__(options)
        self._turn = threading.Lock()
        self._next_start = 0.0

    def _wait_turn(self) -> None:
        """Space request starts `interval` apart across all threads."""
        opts: GttsOptions = self.options  # type: ignore[assignment]
        with self._turn:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + opts.interval
        time.sleep(start - now)

    def synthesise(self, text: str, voice: Voice) -> Clip:
        from gtts import gTTS
        from gtts.utils import _clean_tokens

        lang, tld, _ = VOICES[self.check_voice(voice).name]
        opts: GttsOptions = self.options  # type: ignore[assignment]
        # Split with gTTS's tokenizer (the "." is a placeholder: gTTS refuses empty text), then
        # drop parts that are only punctuation ("..."), which gTTS would refuse to send.
        parts = _clean_tokens(gTTS(".", lang=lang, lang_check=False)._tokenize(text))
        if not parts:
            raise EngineError(f"gTTS has nothing to say for {text[:60]!r}",
                              "Check the text has words in it")
        # Pre-processing already ran while splitting: send each part as it is.
        per_part = (gTTS(part, lang=lang, tld=tld, lang_check=False, pre_processor_funcs=[],
                         timeout=opts.timeout) for part in parts)
        mp3 = b"".join(self._fetch(tts) for tts in per_part)
        tempo = f"atempo={opts.speed:g}" if opts.speed != 1.0 else ""
        return Clip(decode_to_pcm(mp3, SAMPLE_RATE, tempo), SAMPLE_RATE)

    def _fetch(self, tts: Any) -> bytes:
        """The MP3 for one part, retrying what may pass on a second try."""
        from gtts import gTTSError

        opts: GttsOptions = self.options  # type: ignore[assignment]
        attempt = 1
        while True:
            self._wait_turn()
            try:
                mp3 = b"".join(tts.stream())
            except gTTSError as err:
                retriable, what, fix = _diagnose(err, opts.timeout)
                if not retriable:
                    raise EngineError(what, fix) from err
                if attempt > opts.retries:
                    raise EngineError(
                        f"Google's text-to-speech API kept failing ({what} after {attempt} tries)", fix
                    ) from err
                time.sleep(max(opts.backoff * 2 ** (attempt - 1), _retry_after(err)))
                attempt += 1
                continue
            if not mp3:
                raise EngineError(*_NO_AUDIO)
            return mp3


_NO_AUDIO = (
    "Google's text-to-speech API answered without audio",
    f"Its reply format may have changed: update gTTS (pip install -U gTTS), or {OFFLINE}",
)


def _diagnose(err: Any, timeout: float) -> tuple[bool, str, str]:
    """Whether another try may help, what went wrong, and what the user can do."""
    import requests

    wait = f"Wait a few minutes and run again, or {OFFLINE}"
    if err.rsp is None:  # gTTS raises from inside its `except RequestException`
        if isinstance(err.__context__, requests.Timeout):
            return True, f"no answer within {timeout:g} s", wait
        unreachable = "gTTS could not reach Google's text-to-speech servers"
        return False, unreachable, f"Check the network connection, or {OFFLINE}"
    status = err.rsp.status_code
    if status == 429 or status >= 500:
        return True, f"HTTP {status}", wait
    if status == 200:  # an answer, but gTTS found no audio in it
        return (False, *_NO_AUDIO)
    refused = f"Google's text-to-speech API refused the request (HTTP {status})"
    return False, refused, f"Update gTTS (pip install -U gTTS), or {OFFLINE}"


def _retry_after(err: Any) -> float:
    """Seconds the server asked us to wait (HTTP Retry-After), capped at a minute."""
    value = getattr(err.rsp, "headers", {}).get("Retry-After", "") if err.rsp is not None else ""
    return min(float(value), 60.0) if value.strip().isdigit() else 0.0
