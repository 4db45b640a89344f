"""Where the queue, the outputs and the sentence cache are: the [queue] table of narrate.toml,
overridden by the environment (NARRATE_BROKER_URL, NARRATE_CACHE_DIR), overridden by flags.

Every machine of a deployment reads its own narrate.toml; the output and cache folders are
shared storage (a network file system) that all of them see under the same path.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from narrate.errors import ConfigError

DEFAULT_BROKER = "redis://127.0.0.1:6379/0"


@dataclass(frozen=True)
class QueueSettings:
    broker_url: str = DEFAULT_BROKER
    output_dir: str = "audio"
    cache_dir: str = ""  # empty: the user cache folder, as for `narrate FILE`
    # Seconds a job may run before Redis hands it to another worker as lost. Longer than the longest
    # article takes; a job delivered twice is harmless (the second finds it up to date) but wasted.
    visibility_timeout: int = 3600
    allow_private_urls: bool = False  # URL jobs (and callbacks) to loopback, private or link-local addresses


def _config_file(path: str | None) -> Path | None:
    candidate = Path(path) if path else Path("narrate.toml")
    if candidate.is_file():
        return candidate
    if path:
        raise ConfigError(f"config file {path} not found", "Check the path given to --config")
    return None


def queue_table(path: str | None) -> dict[str, Any]:
    """The [queue] table of --config FILE or ./narrate.toml; empty when there is none."""
    file = _config_file(path)
    if file is None:
        return {}
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{file} is not valid TOML ({err})", "Fix the line it names") from err
    table = data.get("queue", {})
    if not isinstance(table, dict):
        raise ConfigError("[queue] in narrate.toml must be a table", "Write it as a [queue] section")
    return table


def from_table(table: dict[str, Any]) -> QueueSettings:
    """[queue], with unknown fields and wrong types refused."""
    kinds = {f.name: type(getattr(QueueSettings(), f.name)) for f in fields(QueueSettings)}
    unknown = sorted(set(table) - set(kinds))
    if unknown:
        raise ConfigError(f"[queue] has unknown field(s) {', '.join(unknown)}", f"Known fields: {', '.join(kinds)}")
    for key, value in table.items():
        want = kinds[key]
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise ConfigError(f"[queue] {key} = {value!r} should be a {want.__name__}", "Fix the value in narrate.toml")
    settings = QueueSettings(**table)
    if settings.visibility_timeout < 1:
        raise ConfigError("[queue] visibility_timeout must be at least 1 second", "Make it longer than the longest article takes")
    return settings


def load(
    config: str | None = None,
    *,
    broker: str | None = None,
    output: str | None = None,
    cache_dir: str | None = None,
) -> QueueSettings:
    """narrate.toml's [queue], then NARRATE_BROKER_URL / NARRATE_CACHE_DIR, then --broker, -o, --cache-dir."""
    settings = from_table(queue_table(config))
    env = os.environ
    settings = replace(
        settings,
        broker_url=broker or env.get("NARRATE_BROKER_URL") or settings.broker_url,
        output_dir=output or settings.output_dir,
        cache_dir=cache_dir or env.get("NARRATE_CACHE_DIR") or settings.cache_dir,
    )
    if not settings.broker_url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(
            f"broker {settings.broker_url!r} is not a Redis URL",
            "Give it as redis://HOST:PORT/DB (--broker, NARRATE_BROKER_URL or [queue] broker_url)",
        )
    return settings
