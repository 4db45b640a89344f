"""Files written whole or not at all, and the leftovers of runs that were killed.

Every output is written to a temporary `.part` file beside its target and
renamed into place; an article's set of outputs is written whole into a
staging folder first and renamed into place together, the manifest last.

A run killed with SIGKILL cannot remove its `.part` files, so their names say
who wrote them, `.<target>.<host>.<pid>.<random>.part`, and the next run that
writes into the folder removes what is clearly abandoned:

- a file from this host whose process is gone, once it is an hour old;
- a file from another host once it is a day old: folders may be shared over a
  network, and a writer alive on another machine cannot be seen from here.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from narrate.errors import ExportError

HOUR = 3600
DAY = 24 * HOUR
_PART = re.compile(r"\.(?P<host>[A-Za-z0-9-]+)\.(?P<pid>\d+)\.[a-z0-9_]+\.part$")
_swept: set[Path] = set()


def host() -> str:
    """This machine's name, reduced to what a file name can carry."""
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:63] or "host"


def temp_beside(target: Path, suffix: str = ".part") -> Path:
    """A new empty temporary file in `target`'s folder, named for this host and process."""
    sweep(target.parent)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{host()}.{os.getpid()}.", suffix=suffix)
    os.close(fd)
    return Path(name)


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call write(tmp) on a temporary file beside `target`, then rename it into place.

    Raises OSError; no temporary file is left behind either way.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_beside(target)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def staging(folder: Path, stem: str) -> Iterator[Path]:
    """A temporary folder beside the outputs where a set of files is written before any goes live.

    Named like a `.part` file, so a killed run's stage is swept like one.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        sweep(folder)
        stage = Path(tempfile.mkdtemp(dir=folder, prefix=f".{stem}.{host()}.{os.getpid()}.", suffix=".part"))
    except OSError as err:
        raise ExportError(f"cannot write to {folder} ({err.strerror})", "Choose a writable folder with -o") from err
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def publish(stage: Path, targets: Sequence[Path]) -> None:
    """Rename each staged file onto its target, in order; the last (the manifest) last.

    The old manifest goes first, so no reader ever pairs it with a new MP3; a run
    stopped between the renames leaves no manifest, which is not up to date.
    """
    targets[-1].unlink(missing_ok=True)
    for target in targets:
        os.replace(stage / target.name, target)


def facts(path: Path) -> dict[str, Any]:
    """What the manifest records of an output: its size (checked on the up-to-date path) and sha256."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return {"name": path.name, "bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def abandoned(path: Path, now: float) -> bool:
    """Whether a `.part` file's writer is certainly gone."""
    try:
        age = now - path.stat().st_mtime
    except OSError:
        return False
    found = _PART.search(path.name)
    if found and found["host"] == host():
        return age > HOUR and not alive(int(found["pid"]))
    return age > DAY  # another host's, or narrate 1.0's unnamed ones


def sweep(folder: Path) -> int:
    """Remove abandoned `.part` files from `folder`, once per folder per process; return how many."""
    folder = folder.resolve() if folder.exists() else folder
    if folder in _swept:
        return 0
    _swept.add(folder)
    removed = 0
    now = time.time()
    try:
        leftovers = [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".part")]
    except OSError:
        return 0
    for path in leftovers:
        if abandoned(path, now):
            try:
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
                removed += 1
            except OSError:
                pass
    return removed
