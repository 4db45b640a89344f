"""Errors a person can act on.

Every message says what failed, the probable cause and the fix. The CLI turns
these into one line on stderr and an exit code, in one place.
"""

from __future__ import annotations

import re

# What a terminal would act on rather than show: C0/C1 controls, DEL, bidirectional overrides.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe to print to a terminal: every control character shown as an escape, never sent raw.

    Article text has none left after read; file names, URLs and engine messages may.
    """
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class NarrateError(Exception):
    """Base class: `str(err)` is the one line the user sees."""

    exit_code = 1

    def __init__(self, what: str, fix: str = "") -> None:
        self.what = what = printable(what)
        self.fix = fix = printable(fix)
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
