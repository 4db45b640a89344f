"""gTTS: Google Translate's voices. Needs the network and sends the text to Google.

The text goes through gTTS's public pre-processors once and is cut into parts of
100 characters or less at sentence, clause or word breaks; each part is its own
request (gTTS's request code), sent exactly as cut.
Parts go one at a time so that a 429, 5xx or timeout retries only the part that
failed, with exponential backoff. Any other failure is final, and it stops the
article's other requests, queued or waiting to retry. An article also has a
total deadline (`[engines.gtts] deadline`, plus DEADLINE_PER_SENTENCE for each
sentence), so a network that accepts connections and never answers fails the
article in about a minute, not many.

Voices are accents of English, chosen by Google's top-level domain:
en-us (us), en-uk (co.uk), en-au (com.au), en-in (co.in), en-ca (ca),
en-ie (ie), en-za (co.za).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from narrate.article import Clip
from narrate.engines import Engine, EngineOptions, Voice, number, pieces, side_by_side
from narrate.errors import EngineError
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
PART_CHARS = 100  # Google's limit per request (gTTS's GOOGLE_TTS_MAX_CHARS)
OFFLINE = "use --engine piper, which works offline"
DEADLINE_PER_SENTENCE = 2.0  # seconds added to an article's deadline for each of its sentences


@dataclass(frozen=True)
class GttsOptions(EngineOptions):
    retries: int = number(3, 0, 10, whole=True)  # extra attempts per part after a 429, 5xx or timeout
    backoff: float = number(1.0, 0.0, 60.0)  # seconds before the first retry; doubles each time
    timeout: float = number(15.0, 0.1, 300.0)  # seconds per request
    interval: float = number(0.25, 0.0, 10.0)  # seconds between the starts of two requests: at most 4 a second
    speed: float = number(1.0, 0.5, 4.0)  # ffmpeg's atempo, after Google's audio comes back
    deadline: float = number(60.0, 1.0, 3600.0)  # seconds for one article, plus DEADLINE_PER_SENTENCE a sentence


@dataclass
class Budget:
    """One article's requests: the time they must finish by, and whether one has failed for good."""

    until: float
    seconds: float  # the whole budget, for the message
    failed: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def for_sentences(cls, options: GttsOptions, sentences: int) -> Budget:
        seconds = options.deadline + DEADLINE_PER_SENTENCE * sentences
        return cls(time.monotonic() + seconds, seconds)

    def left(self) -> float:
        """Seconds left; an EngineError when none are, or when another request failed for good."""
        if self.failed.is_set():
            raise EngineError("stopped after another sentence failed", f"See the error above, or {OFFLINE}")
        left = self.until - time.monotonic()
        if left <= 0:
            self.failed.set()
            raise EngineError(
                f"gTTS did not finish within the article's deadline of {self.seconds:g} s",
                f"Check the network (a proxy that never answers?), raise [engines.gtts] deadline, or {OFFLINE}",
            )
        return left

    def wait(self, seconds: float) -> None:
        """Sleep before a retry, waking at once if another request fails for good."""
        self.failed.wait(min(seconds, max(0.0, self.until - time.monotonic())))
        self.left()


class GttsEngine(Engine):
    id = "gtts"
    description = "Google Translate voices through gTTS. Needs the network."
    needs_network = True
    concurrency = 4  # sentences in flight at once; `interval` keeps the request rate polite
    privacy_note = "The gtts engine sends the article's text to Google to be spoken."
    Options = GttsOptions
    max_chars = 2000  # cut into requests of 100 here anyway; this bounds one call's work and waiting
    sample_rate = SAMPLE_RATE
    install_hint = "Install it: pip install gTTS"

    def voices(self) -> dict[str, str]:
        return {name: tag for name, (_, _, tag) in VOICES.items()}

    def version(self) -> str:
        return f"gTTS {version('gTTS')}"

    def voice_notes(self) -> dict[str, str]:
        accents = {"US": "US", "GB": "British", "AU": "Australian", "IN": "Indian", "CA": "Canadian", "IE": "Irish", "ZA": "South African"}
        return {name: f"{accents[tag[3:]]} English, female" for name, (_, _, tag) in VOICES.items()}

    def missing(self) -> str | None:
        try:
            version("gTTS")
        except PackageNotFoundError:
            return "gTTS is not installed (pip install gTTS)"
        return None

    def availability(self) -> str | None:
        why_not = self.missing()
        if why_not:
            return why_not
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
        return self._speak(text, voice, Budget.for_sentences(self.options, 1))  # type: ignore[arg-type]

    def _speak(self, text: str, voice: Voice, budget: Budget) -> Clip:
        from gtts import gTTS

        lang, tld, _ = VOICES[self.check_voice(voice).name]
        opts: GttsOptions = self.options  # type: ignore[assignment]
        parts = request_parts(text)
        if not parts:
            raise EngineError(f"gTTS has nothing to say for {text[:60]!r}",
                              "Check the text has words in it")
        # Pre-processing already ran while splitting: send each part as it is, one request each.
        per_part = (gTTS(part, lang=lang, tld=tld, lang_check=False, pre_processor_funcs=[],
                         tokenizer_func=_whole, timeout=opts.timeout) for part in parts)
        mp3 = b"".join(self._fetch(tts, budget) for tts in per_part)
        tempo = f"atempo={opts.speed:g}" if opts.speed != 1.0 else ""
        return Clip(decode_to_pcm(mp3, SAMPLE_RATE, tempo), SAMPLE_RATE)

    def synthesise_many(self, items: Sequence[tuple[str, Voice]]) -> Iterator[tuple[int, Clip]]:
        """Sentences in flight `concurrency` at a time (they wait on the network, not the CPU);
        `interval` keeps the request rate polite."""
        budget = Budget.for_sentences(self.options, len(items))  # type: ignore[arg-type]
        yield from side_by_side(lambda text, voice: self._speak(text, voice, budget), items, self.concurrency)

    def _fetch(self, tts: Any, budget: Budget) -> bytes:
        """The MP3 for one part, retrying what may pass on a second try, within the article's budget."""
        try:
            return self._fetch_once_or_retry(tts, budget)
        except EngineError:
            budget.failed.set()  # the article has failed: its other requests stop
            raise

    def _fetch_once_or_retry(self, tts: Any, budget: Budget) -> bytes:
        from gtts import gTTSError

        opts: GttsOptions = self.options  # type: ignore[assignment]
        attempt = 1
        while True:
            budget.left()
            self._wait_turn()
            tts.timeout = min(opts.timeout, max(0.1, budget.left()))
            try:
                mp3 = b"".join(tts.stream())
            except gTTSError as err:
                retriable, what, fix = _diagnose(err, tts.timeout)
                if not retriable:
                    raise EngineError(what, fix) from err
                if attempt > opts.retries:
                    raise EngineError(
                        f"Google's text-to-speech API kept failing ({what} after {attempt} tries)", fix
                    ) from err
                budget.wait(max(opts.backoff * 2 ** (attempt - 1), _retry_after(err)))
                attempt += 1
                continue
            if not mp3:
                raise EngineError(*_NO_AUDIO)
            return mp3


def request_parts(text: str) -> list[str]:
    """The text as Google is sent it: gTTS's public pre-processors (tone marks, line ends,
    abbreviations, word substitutions) once, then cut into parts of at most PART_CHARS at the
    strongest breaks; parts with nothing to say ("...") are dropped, as Google refuses them."""
    from gtts.tokenizer import pre_processors

    for step in (pre_processors.tone_marks, pre_processors.end_of_line, pre_processors.abbreviations,
                 pre_processors.word_sub):
        text = step(text)
    return [part for part in pieces(text, PART_CHARS) if any(c.isalnum() for c in part)]


def _whole(text: str) -> list[str]:
    """gTTS's tokenizer hook: our parts are already cut."""
    return [text]


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
