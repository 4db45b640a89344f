"""Read: a path, a folder or standard input becomes decoded `Document`s.

Only regular files are read: a device, FIFO or socket given as a path is
refused, since it may never end (`/dev/zero`) or never begin (a FIFO with no
writer). Every input, standard input included, is read at most 10 MB at a time
while reading, whatever the file system says its size is.

Decoding: a byte-order mark, or the pattern of zero bytes UTF-16 leaves, says
UTF-16. Otherwise UTF-8, line by line: a line that is not valid UTF-8 is
Western text in cp1252 (a superset of Latin-1's printable characters, and what
Windows and old web pages use for curly quotes and dashes), so one bad line
never turns the rest's "café" into "cafÃ©". Statistical detectors misjudge such
short texts, so they are only asked when over 30% of the bytes are not ASCII.

Control characters are removed here, newlines and tabs kept: nothing later,
neither the speech engine nor a terminal, ever sees an escape sequence or a NUL
from an article.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from narrate.article import Document, Format
from narrate.errors import InputError
from narrate.plan import is_url, stem_of

SUFFIXES: dict[str, Format] = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
MAX_BYTES = 10 * 1024 * 1024  # a long article is 100 KB and a heavy page 3 MB; past this it is not an article
LIMIT = f"{MAX_BYTES // (1024 * 1024)} MB"
CHUNK = 1 << 16
SNIFF_BYTES = 8192

# C0 and C1 controls but tab and newline, DEL, and the bidirectional overrides that reorder what a terminal shows.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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


def read(source: str, stdin: BinaryIO | None = None) -> Document:
    """Read one input. `source` is a file path, "-" for standard input, or an http(s) URL
    (fetched by narrate.fetch, the page kept in the default cache folder)."""
    if is_url(source):
        from narrate.cache import default_dir
        from narrate.fetch import Fetcher, pages_folder

        return Fetcher(pages_folder(default_dir())).document(source)
    if source == "-":
        label = "standard input"
        data = read_limited(stdin or sys.stdin.buffer, label)
        fmt = None
    else:
        label = source
        data = read_file(Path(source))
        fmt = SUFFIXES.get(Path(source).suffix.lower())
    text = decode(data, label)
    if not text.strip():
        raise InputError(f"{label}: the input is empty", "Give it a file with an article in it")
    fmt = fmt or sniff(text)
    return Document(source=source, stem=stem_of(source), format=fmt, text=without_dtd(text) if fmt == "html" else text)


def read_file(path: Path) -> bytes:
    """A regular file's bytes, at most MAX_BYTES; anything else is refused before it is read."""
    try:
        _refuse_unless_regular(path, os.stat(path).st_mode)
        # O_NONBLOCK: should the path become a FIFO meanwhile, opening it returns at once instead of waiting.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise _open_error(path, err) from err
    try:
        _refuse_unless_regular(path, os.fstat(fd).st_mode)
    except InputError:
        os.close(fd)
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "rb", buffering=0) as raw:
        return read_limited(raw, str(path))  # type: ignore[arg-type]


def _refuse_unless_regular(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder", "Give the folder itself as an input to narrate every article in it")
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise InputError(f"{path}: is {kind}, not a file", "Save the article to a file, or pipe it to `narrate -`")


def _open_error(path: Path, err: OSError) -> InputError:
    if err.errno == errno.ENOENT:
        return InputError(f"{path}: no such file", "Check the path")
    if err.errno == errno.ELOOP:
        return InputError(f"{path}: symlink loop", "Point the link at the article file itself")
    if err.errno == errno.ENAMETOOLONG:
        return InputError(f"{path}: the name is too long", "Use a shorter path")
    return InputError(f"{path}: cannot be read ({err.strerror})", "Check the file's permissions")


def read_limited(stream: BinaryIO, label: str) -> bytes:
    """Read to the end, refusing as soon as more than MAX_BYTES have arrived."""
    parts: list[bytes] = []
    size = 0
    try:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > MAX_BYTES:
                raise InputError(f"{label}: input is larger than the {LIMIT} limit for one article", "Split it into separate articles")
            parts.append(chunk)
    except OSError as err:
        raise InputError(f"{label}: cannot be read ({err.strerror})", "Check the file's permissions") from err
    return b"".join(parts)


def decode(data: bytes, label: str) -> str:
    """Bytes to text without control characters, refusing binary files."""
    utf16 = _utf16(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
    elif b"\x00" in data[:SNIFF_BYTES]:
        raise InputError(f"{label}: looks like a binary file, not text", "Give narrate a .txt, .md or .html article")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(data, label)
    return without_controls(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))


def without_dtd(page: str) -> str:
    """An HTML page without a document type's internal subset, and without references to the entities
    declared there: they are never expanded (a "billion laughs" page is one line, not gigabytes), and
    their names are not words to be spoken."""
    subset = DTD_SUBSET.search(page[:65536])
    if not subset:
        return page
    names = set(ENTITY_DECLARATION.findall(subset.group()))
    page = page[: subset.start()] + "<!DOCTYPE html>" + page[subset.end() :]
    return re.sub(r"&([\w.:-]+);", lambda m: "" if m.group(1) in names else m.group(), page) if names else page


DTD_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
ENTITY_DECLARATION = re.compile(r"<!ENTITY\s+(?:%\s*)?([\w.:-]+)", re.IGNORECASE)


def without_controls(text: str) -> str:
    """Text with control characters removed, newlines and tabs kept."""
    return CONTROL.sub("", text)


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec of `data`, if its BOM or its zero bytes say so."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:SNIFF_BYTES]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    # ASCII-heavy text in UTF-16 has a zero in every other byte, and almost never in the others.
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, label: str) -> str:
    non_ascii = len(data.translate(None, bytes(range(0x80))))
    if non_ascii <= 0.3 * len(data):
        return "".join(_decode_line(line) for line in data.splitlines(keepends=True))
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{label}: looks like a binary file, not text", "Give narrate a .txt, .md or .html article")
    return str(best)


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def sniff(text: str) -> Format:
    """Guess the format of standard input or an unknown suffix."""
    head = text.lstrip()[:2048].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head:
        return "html"
    if any(line.startswith("# ") for line in text.splitlines()[:50]):
        return "markdown"
    return "text"
