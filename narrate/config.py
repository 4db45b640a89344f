"""narrate.toml: roles to voices, tags, pauses and the pronunciation lexicon.

Found with --config FILE, else ./narrate.toml, else the built-in defaults below.
Every field is optional; unknown fields are refused so typos do not pass silently.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from narrate.errors import ConfigError

DEFAULT_VOICES: dict[str, dict[str, str]] = {
    # Piper has one speaker: the quote role is the same voice two semitones
    # lower and a touch slower, clearly different and just as clear.
    "piper": {"narrator": "joe", "quote": "joe:pitch=-2,pace=0.95"},
    # gTTS voices are accents: quotations are read with a British one.
    "gtts": {"narrator": "en-us", "quote": "en-uk"},
    # Kokoro has many speakers: a US man narrates, a British woman quotes, a US woman hosts.
    "kokoro": {"narrator": "am_michael", "quote": "bf_emma", "host": "af_heart"},
}


@dataclass(frozen=True)
class Pauses:
    """Silence in milliseconds at each kind of boundary, each from 0 to MAX_PAUSE_MS."""

    lead_in: int = 300
    after_headline: int = 1000
    after_standfirst: int = 900
    paragraph: int = 650
    subheading: int = 1000  # before a subheading: a new part of the story
    quote: int = 300  # between a quotation and its attribution in one paragraph
    tail: int = 1000


MAX_CONFIG_BYTES = 1024 * 1024  # a narrate.toml is a few KB, a large lexicon a few hundred
MAX_PAUSE_MS = 10_000  # ten seconds of silence is already a fault in speech


def _pauses(table: dict[str, Any]) -> Pauses:
    pauses: Pauses = _dataclass_from(Pauses, "pauses", table)
    for name, value in asdict(pauses).items():
        if not 0 <= value <= MAX_PAUSE_MS:
            raise ConfigError(f"[pauses] {name} = {value} is out of range", f"Use 0 to {MAX_PAUSE_MS} milliseconds")
    return pauses


@dataclass(frozen=True)
class Tags:
    artist: str = "narrate"
    album: str = "narrate"


@dataclass(frozen=True)
class Edition:
    """`narrate edition`: the programme's name, its feed, and what the host says.

    `intro` and `outro` are templates: {title}, {date} and (intro only)
    {headlines} are filled in. The host reads them with the `host` role's voice
    ([voices.<engine>] host = ...), which defaults to the narrator's.
    """

    title: str = "The narrate edition"
    author: str = "narrate"
    description: str = "The day's stories, read aloud."
    base_url: str = ""  # where audio/ is published, e.g. https://example.org/news/; feed links need it
    artwork: str = ""  # a square image to use as cover art; empty: one is drawn with the title and date
    language: str = "en"
    category: str = "News"
    explicit: bool = False
    locked: bool = False  # podcast:locked: true asks podcast hosts not to import the feed
    owner_email: str = ""
    intro: str = "This is {title} for {date}. In this edition: {headlines}."
    outro: str = "That was {title} for {date}. Thank you for listening."
    separator: str = "chime"  # between stories: chime, silence, or the path of a short audio file


EDITION_FIELDS = {"intro": {"title", "date", "headlines"}, "outro": {"title", "date"}}


@dataclass(frozen=True)
class Config:
    engine: str = "piper"
    speed: float = 1.0
    voices: dict[str, dict[str, str]] = field(default_factory=lambda: {k: dict(v) for k, v in DEFAULT_VOICES.items()})
    cast: dict[str, str] = field(default_factory=dict)  # [roles] and --voice: role -> [ENGINE/]VOICE, over [voices.<engine>]
    engines: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: Tags = Tags()
    pauses: Pauses = Pauses()
    lexicon: dict[str, str] = field(default_factory=dict)
    edition: Edition = Edition()
    path: str | None = None  # where it was read from; None for defaults

    def roles(self) -> dict[str, str]:
        """Role -> voice spec: the chosen engine's [voices.<engine>], then [roles] and --voice over it.

        A spec may name another engine (`kokoro/bm_george`); one without reads with the chosen engine.
        """
        return {**self.voices.get(self.engine, {}), **self.cast}

    def engine_table(self, engine_id: str | None = None) -> dict[str, Any]:
        """Options for an engine (default: the chosen one), with the global speed folded in."""
        return {**self.engines.get(engine_id or self.engine, {}), "speed": self.speed}

    def with_overrides(self, engine: str | None, voices: list[str], speed: float | None) -> Config:
        """Apply --engine, --voice ROLE=VOICE and --speed."""
        cfg = self
        if engine:
            cfg = replace(cfg, engine=engine)
        if speed is not None:
            cfg = replace(cfg, speed=_speed(speed))
        if voices:
            cast = dict(cfg.cast)
            for item in voices:
                role, eq, spec = item.partition("=")
                if not eq or not role.strip() or not spec.strip():
                    raise ConfigError(f"--voice {item!r} is not ROLE=VOICE",
                                      "Write e.g. --voice quote=en-au or --voice quote=kokoro/bm_george")
                cast[role.strip()] = spec.strip()
            cfg = replace(cfg, cast=cast)
        return cfg


def _speed(value: Any) -> float:
    if not isinstance(value, (int, float)) or not 0.5 <= value <= 2.0:
        raise ConfigError(f"speed {value!r} is out of range", "Use a number from 0.5 to 2.0 (1.0 is normal)")
    return float(value)


def _spec(name: str, value: Any) -> str:
    """A voice spec from narrate.toml: a string, e.g. "joe" or "kokoro/bm_george"."""
    if not isinstance(value, str):
        raise ConfigError(f"{name} = {value!r} in narrate.toml is not a voice", 'Write it as a string, e.g. "kokoro/bm_george"')
    return value


def _table(name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"[{name}] in narrate.toml must be a table", f"Write it as a [{name}] section")
    return value


def _dataclass_from(cls: type, name: str, table: dict[str, Any]) -> Any:
    known = {f.name: f.type for f in fields(cls)}
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise ConfigError(f"[{name}] has unknown field(s) {', '.join(unknown)}", f"Known fields: {', '.join(known)}")
    for key, value in table.items():
        want = {"int": int, "bool": bool}.get(str(known[key]), str)
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise ConfigError(f"[{name}] {key} = {value!r} should be a {want.__name__}", "Fix the value in narrate.toml")
    return cls(**table)


def _edition(table: dict[str, Any]) -> Edition:
    """[edition], with the intro and outro templates checked now rather than mid-edition."""
    import string

    edition: Edition = _dataclass_from(Edition, "edition", table)
    for key, allowed in EDITION_FIELDS.items():
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(getattr(edition, key)) if name is not None}
        except ValueError as err:
            raise ConfigError(f"[edition] {key} is not a valid template ({err})", "Write a literal brace as {{ or }}") from err
        unknown = sorted(names - allowed)
        if unknown:
            raise ConfigError(
                f"[edition] {key} uses unknown placeholder(s) {', '.join('{' + n + '}' for n in unknown)}",
                f"Use only {', '.join('{' + n + '}' for n in sorted(allowed))}",
            )
    if edition.base_url and not edition.base_url.startswith(("http://", "https://")):
        raise ConfigError(f"[edition] base_url {edition.base_url!r} is not an http(s) URL", "Write it as https://example.org/path/")
    return edition


def from_dict(data: dict[str, Any], path: str | None = None) -> Config:
    """Build a Config from parsed TOML, over the defaults."""
    known = {"engine", "speed", "voices", "roles", "engines", "tags", "pauses", "lexicon", "edition", "queue"}  # [queue]: narrate.service.settings
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"narrate.toml has unknown field(s) {', '.join(unknown)}", f"Known fields: {', '.join(sorted(known))}")
    cfg = Config(path=path)
    voices = {k: dict(v) for k, v in cfg.voices.items()}
    for engine, roles in _table("voices", data.get("voices", {})).items():
        voices.setdefault(engine, {}).update({str(k): _spec(f"voices.{engine}.{k}", v) for k, v in _table(f"voices.{engine}", roles).items()})
    from narrate.lexicon import build as build_lexicon  # [lexicon] may import PLS files beside the config

    lexicon = build_lexicon(_table("lexicon", data.get("lexicon", {})), Path(path).parent if path else Path.cwd())
    return replace(
        cfg,
        engine=str(data.get("engine", cfg.engine)),
        speed=_speed(data.get("speed", cfg.speed)),
        voices=voices,
        cast={str(k): _spec(f"roles.{k}", v) for k, v in _table("roles", data.get("roles", {})).items()},
        engines={k: dict(_table(f"engines.{k}", v)) for k, v in _table("engines", data.get("engines", {})).items()},
        tags=_dataclass_from(Tags, "tags", _table("tags", data.get("tags", {}))),
        pauses=_pauses(_table("pauses", data.get("pauses", {}))),
        edition=_edition(_table("edition", data.get("edition", {}))),
        lexicon=lexicon,
    )


def load(path: str | None = None) -> Config:
    """--config FILE, else ./narrate.toml, else defaults."""
    candidate = Path(path) if path else Path("narrate.toml")
    if not candidate.exists():
        if path:
            raise ConfigError(f"config file {path} not found", "Check the path given to --config")
        return Config()
    if not candidate.is_file():
        raise ConfigError(f"config file {candidate} is not a regular file", "Give --config a narrate.toml file")
    try:
        if candidate.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"config file {candidate} is over {MAX_CONFIG_BYTES // 1024} KB", "A narrate.toml is a few KB; check the path")
        data = tomllib.loads(candidate.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"config file {candidate} cannot be read ({err.strerror})", "Check its permissions") from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{candidate} is not valid TOML ({err})", "Fix the line it names") from err
    return from_dict(data, str(candidate))
