"""Speech engines behind one small interface, registered like plugins.

An engine turns text into a `Clip` for one voice. Built-in engines register
through the same entry-point group a third-party package would use:

    [project.entry-points."narrate.engines"]
    myengine = "mypackage.engine:MyEngine"

A voice is written `NAME` or `NAME:key=value,key=value`, for example
`joe:pitch=-2,pace=1.05`. Each engine says which keys it accepts and rejects
the rest, so a typo in narrate.toml fails loudly instead of being ignored.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field, fields
from importlib.metadata import entry_points
from typing import Any, ClassVar

from narrate.article import Clip
from narrate.errors import ConfigError

ENTRY_POINT_GROUP = "narrate.engines"


@dataclass(frozen=True)
class Voice:
    """A parsed voice spec: engine voice name plus its numeric adjustments."""

    name: str
    params: dict[str, float] = field(default_factory=dict)

    @classmethod
    def parse(cls, spec: str) -> Voice:
        name, _, rest = spec.partition(":")
        params: dict[str, float] = {}
        for item in filter(None, (p.strip() for p in rest.split(","))):
            key, eq, value = item.partition("=")
            try:
                params[key.strip()] = float(value)
            except ValueError:
                raise ConfigError(
                    f"voice {spec!r}: {item!r} is not key=number",
                    "Write voices as NAME or NAME:key=value,key=value, e.g. joe:pitch=-2",
                ) from None
            if not eq:
                raise ConfigError(f"voice {spec!r}: {item!r} has no '='", "Write key=value")
        if not name.strip():
            raise ConfigError(f"voice {spec!r} has no name", "Start the voice with its name, e.g. joe")
        return cls(name.strip(), params)

    def __str__(self) -> str:
        if not self.params:
            return self.name
        return self.name + ":" + ",".join(f"{k}={v:g}" for k, v in sorted(self.params.items()))


@dataclass(frozen=True)
class EngineOptions:
    """Engine-wide settings from narrate.toml's [engines.<id>] table.

    Subclasses add fields; unknown keys are refused by `from_table`.
    """

    speed: float = 1.0

    @classmethod
    def from_table(cls, engine_id: str, table: dict[str, Any]) -> EngineOptions:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(table) - known)
        if unknown:
            raise ConfigError(
                f"[engines.{engine_id}] has unknown option(s) {', '.join(unknown)}",
                f"Known options: {', '.join(sorted(known))}",
            )
        return cls(**table)


class Engine(ABC):
    """One speech engine. Subclasses implement `synthesise` and nothing else is required."""

    id: ClassVar[str]
    description: ClassVar[str]
    needs_network: ClassVar[bool] = False
    concurrency: ClassVar[int] = 1  # at most this many sentences spoken at once, from as many threads
    privacy_note: ClassVar[str] = ""  # said plainly by `narrate engines` when text leaves the machine
    voice_params: ClassVar[frozenset[str]] = frozenset()
    Options: ClassVar[type[EngineOptions]] = EngineOptions

    def __init__(self, options: EngineOptions | None = None) -> None:
        self.options = options or self.Options()

    @abstractmethod
    def synthesise(self, text: str, voice: Voice) -> Clip:
        """Speak `text` (plain words, no markup) in `voice`."""

    def workers(self, sentences: int) -> int:
        """How many threads should speak these `sentences` at once: up to `concurrency`."""
        return max(1, min(self.concurrency, sentences))

    def voices(self) -> dict[str, str]:
        """Voice names this engine offers, each with its language tag (BCP 47)."""
        return {}

    def version(self) -> str:
        """What changes the audio: engine package and voice versions."""
        return "0"

    def availability(self) -> str | None:
        """None when the engine can run here, else the reason it cannot."""
        return None

    def check_voice(self, voice: Voice) -> Voice:
        """Refuse voices and adjustments this engine does not know."""
        offered = self.voices()
        if offered and voice.name not in offered:
            raise ConfigError(
                f"engine {self.id} has no voice {voice.name!r}",
                f"Choose one of: {', '.join(offered)} (see `narrate engines`)",
            )
        unknown = sorted(set(voice.params) - self.voice_params)
        if unknown:
            known = ", ".join(sorted(self.voice_params)) or "none"
            raise ConfigError(
                f"voice {voice} for engine {self.id}: unknown adjustment(s) {', '.join(unknown)}",
                f"Known adjustments: {known}",
            )
        return voice

    def language(self, voice: Voice) -> str:
        """The voice's language tag, e.g. en-US."""
        return self.voices().get(voice.name, "en")


_registry: dict[str, type[Engine]] = {}
_loaded = False


def register(engine: type[Engine]) -> type[Engine]:
    """Add an engine class to the registry (also usable as a decorator)."""
    _registry[engine.id] = engine
    return engine


def unregister(engine_id: str) -> None:
    _registry.pop(engine_id, None)


def available_engines() -> dict[str, type[Engine]]:
    """Every registered engine, loading entry points on first use."""
    global _loaded
    if not _loaded:
        _loaded = True
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            _registry.setdefault(ep.name, ep.load())
    return dict(sorted(_registry.items()))


def get_engine(engine_id: str, table: dict[str, Any] | None = None) -> Engine:
    """Build the engine called `engine_id` with options from its config table."""
    engines = available_engines()
    if engine_id not in engines:
        raise ConfigError(
            f"unknown engine {engine_id!r}",
            f"Choose one of: {', '.join(engines) or 'none installed'} (see `narrate engines`)",
        )
    cls = engines[engine_id]
    return cls(cls.Options.from_table(engine_id, table or {}))
