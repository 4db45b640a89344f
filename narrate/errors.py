"""Errors a person can act on.

Every message says what failed, the probable cause and the fix. The CLI turns
these into one line on stderr and an exit code, in one place.
"""

from __future__ import annotations


class NarrateError(Exception):
    """Base class: `str(err)` is the one line the user sees."""

    exit_code = 1

    def __init__(self, what: str, fix: str = "") -> None:
        self.what = what
        self.fix = fix
        super().__init__(f"{what}. {fix}".strip() if fix else what)


class InputError(NarrateError):
    """An input cannot be read or holds no article."""


class EngineError(NarrateError):
    """Speech synthesis failed."""


class ExportError(NarrateError):
    """Audio or manifest could not be written."""


class ConfigError(NarrateError):
    """The command line or narrate.toml is wrong."""

    exit_code = 2
