"""gTTS: Google Translate's voices. Needs the network and sends the text to Google.

Each part of 100 characters or less is its own request (gTTS's own tokenizer
and request code). Parts are sent one at a time so that a 429 or 5xx retries
only the part that failed, with exponential backoff.

Voices are accents of English, chosen by Google's top-level domain:
en-us (com), en-uk (co.uk), en-au (com.au), en-in (co.in), en-ca (ca),
en-ie (ie), en-za (co.za).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from narrate.article import Clip
from narrate.engines import Engine, EngineOptions, Voice
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


@dataclass(frozen=True)
class GttsOptions(EngineOptions):
    retries: int = 3  # extra attempts per part after a 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    timeout: float = 15.0  # seconds per request


class GttsEngine(Engine):
    id = "gtts"
    description = "Google Translate voices through gTTS. Needs the network."
    needs_network = True
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

    def synthesise(self, text: str, voice: Voice) -> Clip:
        from gtts import gTTS

        lang, tld, _ = VOICES[voice.name]
        opts: GttsOptions = self.options  # type: ignore[assignment]
        parts = gTTS(text, lang=lang, tld=tld)._tokenize(text)
        mp3 = b"".join(self._fetch(gTTS(part, lang=lang, tld=tld, timeout=opts.timeout)) for part in parts)
        tempo = f"atempo={opts.speed:g}" if opts.speed != 1.0 else ""
        return Clip(decode_to_pcm(mp3, SAMPLE_RATE, tempo), SAMPLE_RATE)

    def _fetch(self, tts: Any) -> bytes:
        """One part, retried on 429 and 5xx; any other failure is final."""
        from gtts import gTTSError

        opts: GttsOptions = self.options  # type: ignore[assignment]
        for attempt in range(opts.retries + 1):
            try:
                return b"".join(tts.stream())
            except gTTSError as err:
                status = getattr(err.rsp, "status_code", None)
                if status is None:
                    raise EngineError(
                        "gTTS could not reach Google's text-to-speech servers",
                        "Check the network connection, or use --engine piper, which works offline",
                    ) from err
                retriable = status == 429 or status >= 500
                if not retriable:
                    raise EngineError(f"Google's text-to-speech API refused the request: {err}",
                                      "Try again later, or use --engine piper") from err
                if attempt == opts.retries:
                    raise EngineError(
                        f"Google's text-to-speech API kept failing (HTTP {status} after {attempt + 1} tries)",
                        "Wait a few minutes and run again, or use --engine piper",
                    ) from err
                time.sleep(opts.backoff * 2**attempt)
        raise AssertionError("unreachable")
