"""Speech engines behind one small interface, registered like plugins.

An engine turns text into a `Clip` for one voice. Built-in engines register
through the same entry-point group a third-party package would use:

    [project.entry-points."narrate.engines"]
    myengine = "mypackage.engine:MyEngine"

A voice is written `[ENGINE/]NAME[:key=value,...]`, for example
`joe:pitch=-2,pace=1.05` or `kokoro/bm_george`. Without an engine it belongs
to the narrator's engine. Each engine says which keys it accepts, and in what
range, and refuses the rest, so a typo in narrate.toml fails loudly instead of
being ignored.
"""

from __future__ import annotations

import logging
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from importlib.metadata import entry_points
from typing import Any, ClassVar

from narrate.article import Clip
from narrate.errors import ConfigError

log = logging.getLogger("narrate")
ENTRY_POINT_GROUP = "narrate.engines"


@dataclass(frozen=True)
class Voice:
    """A parsed voice spec: the engine (empty: the narrator's), its voice name and numeric adjustments."""

    name: str
    params: dict[str, float] = field(default_factory=dict)
    engine: str = ""

    @classmethod
    def parse(cls, spec: str) -> Voice:
        head, _, rest = spec.partition(":")
        engine, slash, name = head.partition("/")
        if not slash:
            engine, name = "", head
        elif not engine.strip():
            raise ConfigError(f"voice {spec!r} has an empty engine before '/'", "Write ENGINE/NAME, e.g. kokoro/bm_george")
        params: dict[str, float] = {}
        for item in filter(None, (p.strip() for p in rest.split(","))):
            key, eq, value = item.partition("=")
            if not eq:
                raise ConfigError(f"voice {spec!r}: {item!r} has no '='", "Write key=value")
            try:
                number = float(value)
            except ValueError:
                raise ConfigError(
                    f"voice {spec!r}: {item!r} is not key=number",
                    "Write voices as [ENGINE/]NAME or NAME:key=value,key=value, e.g. joe:pitch=-2",
                ) from None
            if not math.isfinite(number):
                raise ConfigError(f"voice {spec!r}: {item!r} is not a finite number", "Give a number, e.g. pitch=-2")
            params[key.strip()] = number
        if not name.strip():
            raise ConfigError(f"voice {spec!r} has no name", "Start the voice with its name, e.g. joe")
        return cls(name.strip(), params, engine.strip())

    def __str__(self) -> str:
        """The voice as its engine knows it (no engine prefix): what the sentence cache is keyed by."""
        if not self.params:
            return self.name
        return self.name + ":" + ",".join(f"{k}={v:g}" for k, v in sorted(self.params.items()))


def number(default: float, low: float, high: float, whole: bool = False) -> Any:
    """A dataclass field for an engine option with its documented range, checked on creation."""
    return field(default=default, metadata={"range": (low, high, whole)})


def check_number(what: str, value: Any, low: float, high: float, whole: bool = False) -> float:
    """`value` if it is a (whole) number from `low` to `high`, else a ConfigError naming `what`."""
    kinds = int if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value) or not low <= value <= high:
        kind = "a whole number" if whole else "a number"
        raise ConfigError(f"{what} = {value!r} is not allowed", f"Use {kind} from {low:g} to {high:g}")
    return value


@dataclass(frozen=True)
class EngineOptions:
    """Engine-wide settings from narrate.toml's [engines.<id>] table.

    Subclasses add fields, with a range (`number()`) for every numeric one;
    unknown keys are refused by `from_table`, values out of range on creation.
    """

    speed: float = number(1.0, 0.5, 2.0)

    def __post_init__(self) -> None:
        name = type(self).__name__.removesuffix("Options").lower() or "engine"
        for f in fields(self):
            if "range" in f.metadata:
                check_number(f"[engines.{name}] {f.name}", getattr(self, f.name), *f.metadata["range"])

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

    @classmethod
    def ranges(cls) -> dict[str, tuple[float, float]]:
        """Each option's documented range, for `narrate engines`."""
        return {f.name: f.metadata["range"][:2] for f in fields(cls) if "range" in f.metadata}


# Where text may be cut when it is longer than an engine takes in one call, strongest break first:
# after a sentence end, after a clause mark, then at any space.
BREAKS = (re.compile(r"(?<=[.!?…])\s+"), re.compile(r"(?<=[;:,—–])\s+|\s+(?=[—–-]\s)"), re.compile(r"\s+"))


def pieces(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters, at the strongest breaks that make them fit.

    Text with no punctuation is cut between words; a "word" longer than the
    limit (a run of letters with no space) is cut inside it, so no engine call
    ever gets more than `limit` characters. Joined with spaces, the pieces are
    the text with its runs of white space made single. Linear in the text's length.
    """
    text = text.strip()
    if limit <= 0 or len(text) <= limit:
        return [text] if text else []
    return _cut(text, limit, 0)


def _cut(text: str, limit: int, level: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    if level == len(BREAKS):
        return [text[i : i + limit] for i in range(0, len(text), limit)]
    out: list[str] = []
    current = ""
    for part in BREAKS[level].split(text):
        if not part:
            continue
        if len(part) > limit:
            if current:
                out.append(current)
                current = ""
            out.extend(_cut(part, limit, level + 1))
        elif not current:
            current = part
        elif len(current) + 1 + len(part) <= limit:
            current += " " + part
        else:
            out.append(current)
            current = part
    if current:
        out.append(current)
    return out


def side_by_side(
    speak: Callable[[str, Voice], Clip], items: Sequence[tuple[str, Voice]], workers: int
) -> Iterator[tuple[int, Clip]]:
    """(index, clip) for each item as it finishes, `workers` threads speaking at once.

    When one fails, or the caller stops reading, the items not yet started are
    cancelled: nothing more is spoken (or sent) after the first hard failure.
    """
    from concurrent.futures import ThreadPoolExecutor, as_completed

    if workers <= 1 or len(items) <= 1:
        for n, (text, voice) in enumerate(items):
            yield n, speak(text, voice)
        return
    with ThreadPoolExecutor(max_workers=min(workers, len(items))) as pool:
        futures = {pool.submit(speak, text, voice): n for n, (text, voice) in enumerate(items)}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        finally:
            for future in futures:
                future.cancel()


class Engine(ABC):
    """One speech engine. Subclasses implement `synthesise`; everything else has a default."""

    id: ClassVar[str]
    description: ClassVar[str]
    needs_network: ClassVar[bool] = False
    concurrency: ClassVar[int] = 1  # at most this many sentences spoken at once
    privacy_note: ClassVar[str] = ""  # said plainly by `narrate engines` when text leaves the machine
    # Voice adjustments with their documented ranges: {"pitch": (-12, 12)}. A plain set of names
    # (older plugins) only requires finite numbers.
    voice_params: ClassVar[dict[str, tuple[float, float]] | frozenset[str]] = frozenset()
    Options: ClassVar[type[EngineOptions]] = EngineOptions
    max_chars: ClassVar[int] = 0  # the most characters one call may take safely (memory); 0: no limit
    sample_rate: ClassVar[int] = 0  # the rate its clips come at, when fixed; 0: not known in advance
    install_hint: ClassVar[str] = ""  # how to install what the engine needs, when it is missing

    def __init__(self, options: EngineOptions | None = None) -> None:
        self.options = options or self.Options()

    @abstractmethod
    def synthesise(self, text: str, voice: Voice) -> Clip:
        """Speak `text` (plain words, no markup, at most `max_chars` characters) in `voice`."""

    def synthesise_many(self, items: Sequence[tuple[str, Voice]]) -> Iterator[tuple[int, Clip]]:
        """Speak many texts; yield (index into `items`, clip) as each finishes, in any order.

        The default speaks them one by one. Engines that can speak several at
        once (Piper, Kokoro) override it; nothing they do here changes what a
        later `synthesise` call does.
        """
        for n, (text, voice) in enumerate(items):
            yield n, self.synthesise(text, voice)

    def voices(self) -> dict[str, str]:
        """Voice names this engine offers, each with its language tag (BCP 47)."""
        return {}

    def voice_notes(self) -> dict[str, str]:
        """A few words on each voice for `narrate engines`: accent, female or male."""
        return {}

    def version(self) -> str:
        """What changes the audio: engine package and voice versions."""
        return "0"

    def availability(self) -> str | None:
        """None when the engine can run here, else the reason it cannot."""
        return self.missing()

    def missing(self) -> str | None:
        """What is not installed for this engine to run (a quick check, no network), or None."""
        return None

    def param_ranges(self) -> dict[str, tuple[float, float]]:
        params = self.voice_params
        return dict(params) if isinstance(params, dict) else {name: (-math.inf, math.inf) for name in params}

    def check_voice(self, voice: Voice) -> Voice:
        """Refuse voices and adjustments this engine (or the engine the voice names) does not know."""
        if voice.engine and voice.engine != self.id:
            return get_engine(voice.engine, {"speed": self.options.speed}).check_voice(voice)
        offered = self.voices()
        if offered and voice.name not in offered:
            raise ConfigError(
                f"engine {self.id} has no voice {voice.name!r}",
                f"Choose one of: {', '.join(offered)} (see `narrate engines`)",
            )
        ranges = self.param_ranges()
        unknown = sorted(set(voice.params) - set(ranges))
        if unknown:
            known = ", ".join(sorted(ranges)) or "none"
            raise ConfigError(
                f"voice {voice} for engine {self.id}: unknown adjustment(s) {', '.join(unknown)}",
                f"Known adjustments: {known}",
            )
        for key, value in voice.params.items():
            low, high = ranges[key]
            if not (math.isfinite(value) and low <= value <= high):
                raise ConfigError(f"voice {voice} for engine {self.id}: {key}={value:g} is out of range",
                                  f"Use {key} from {low:g} to {high:g}")
        return voice

    def language(self, voice: Voice) -> str:
        """The voice's language tag, e.g. en-US."""
        return self.voices().get(voice.name, "en")


@dataclass(frozen=True)
class Speaker:
    """Who reads a role: an engine and one of its voices."""

    engine: Engine
    voice: Voice

    def __str__(self) -> str:
        """`engine/voice`, as the manifest writes it."""
        return f"{self.engine.id}/{self.voice}"


def speakers(
    default: Engine,
    roles: dict[str, str],
    needed: set[str],
    tables: Callable[[str], dict[str, Any]] | None = None,
) -> dict[str, Speaker]:
    """Every role in `needed` (and the narrator) with its engine and voice, checked.

    A role with no voice reads with the narrator's. A voice that names another
    engine gets that engine, built once and shared by its roles, with its
    options from `tables(engine_id)` (default: the narrator engine's speed).
    """
    if "narrator" not in roles:
        raise ConfigError(f"no narrator voice for engine {default.id}", f"Add [voices.{default.id}] narrator = \"...\"")
    tables = tables or (lambda _id: {"speed": default.options.speed})
    built: dict[str, Engine] = {default.id: default}
    cast: dict[str, Speaker] = {}
    for role in sorted(needed | {"narrator"}):
        voice = Voice.parse(roles.get(role, roles["narrator"]))
        engine_id = voice.engine or default.id
        if engine_id not in built:
            built[engine_id] = get_engine(engine_id, tables(engine_id))
        engine = built[engine_id]
        cast[role] = Speaker(engine, engine.check_voice(Voice(voice.name, voice.params, engine_id)))
    return cast


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
            if ep.name in _registry:
                continue
            try:
                _registry[ep.name] = ep.load()
            except Exception as err:  # a broken plugin must not take the other engines with it
                log.warning("engine %s (%s) could not be loaded (%s: %s); it is left out. Reinstall the package that "
                            "provides it", ep.name, ep.value, type(err).__name__, err)
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
    engine = cls(cls.Options.from_table(engine_id, table or {}))
    why_not = engine.missing()
    if why_not:
        raise ConfigError(f"engine {engine_id} cannot run here: {why_not}", cls.install_hint or "See `narrate engines`")
    return engine
