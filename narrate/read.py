"""Read: a path, a folder or standard input becomes decoded `Document`s.

Decoding: UTF-8 first. Otherwise, text that is mostly ASCII is Western text in
cp1252 (a superset of Latin-1's printable characters, and what Windows and old
web pages use for curly quotes and dashes); statistical detectors misjudge such
short texts, so they are only asked when over 30% of the bytes are not ASCII.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from narrate.article import Document, Format
from narrate.errors import ConfigError, InputError

SUFFIXES: dict[str, Format] = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
MAX_BYTES = 10 * 1024 * 1024  # a long article is 100 KB and a heavy page 3 MB; past this it is not an article


def expand(paths: Sequence[str]) -> list[str]:
    """Turn each DIR into its article files (sorted, README* skipped); keep other paths as given."""
    out: list[str] = []
    for given in paths:
        path = Path(given)
        if given != "-" and path.is_dir():
            out += [
                str(p)
                for p in sorted(path.iterdir())
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.upper().startswith("README")
            ]
        else:
            out.append(given)
    return out


def stem_of(source: str) -> str:
    return "stdin" if source == "-" else Path(source).stem


def refuse_duplicate_stems(sources: Sequence[str]) -> None:
    """Two inputs that would write the same output file are refused before any work."""
    seen: dict[str, str] = {}
    for source in sources:
        stem = stem_of(source)
        if stem in seen:
            raise ConfigError(
                f"{seen[stem]} and {source} would both be written as {stem}.mp3",
                "Rename one of them, or narrate them in separate runs with different -o folders",
            )
        seen[stem] = source


def read(source: str, stdin: BinaryIO | None = None) -> Document:
    """Read one input. `source` is a file path or "-" for standard input."""
    if source == "-":
        data = (stdin or sys.stdin.buffer).read(MAX_BYTES + 1)
        fmt = None
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"{source}: no such file", "Check the path")
        if path.stat().st_size > MAX_BYTES:
            raise InputError(
                f"{source}: file is larger than the {MAX_BYTES // (1024 * 1024)} MB limit for one article",
                "Split it into separate articles",
            )
        try:
            data = path.read_bytes()
        except OSError as err:
            raise InputError(f"{source}: cannot be read ({err.strerror})", "Check the file's permissions") from err
        fmt = SUFFIXES.get(path.suffix.lower())
    if len(data) > MAX_BYTES:
        raise InputError(f"{source}: input is larger than the {MAX_BYTES // (1024 * 1024)} MB limit", "Split it")
    text = decode(data, source)
    if not text.strip():
        raise InputError(f"{source}: the input is empty", "Give it a file with an article in it")
    return Document(source=source, stem=stem_of(source), format=fmt or sniff(text), text=text)


def decode(data: bytes, source: str) -> str:
    """Bytes to text, refusing binary files."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: looks like a binary file, not text", "Give narrate a .txt, .md or .html article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data, source)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_legacy(data: bytes, source: str) -> str:
    ascii_share = sum(b < 0x80 for b in data) / len(data)
    if ascii_share >= 0.7:
        return data.decode("cp1252", errors="replace")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{source}: looks like a binary file, not text", "Give narrate a .txt, .md or .html article")
    return str(best)


def sniff(text: str) -> Format:
    """Guess the format of standard input or an unknown suffix."""
    head = text.lstrip()[:2048].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head:
        return "html"
    if any(line.startswith("# ") for line in text.splitlines()[:50]):
        return "markdown"
    return "text"
