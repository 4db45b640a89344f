"""Where a run's outputs go, decided before any work.

Every output path of a run comes from `planned_outputs()`: the MP3, its
manifest, transcript and chapters for each article, and an edition's own files.
Two inputs that want one path, or an output that would replace an input of the
same run, are refused in one line (exit 2) before anything is read or written.
Output names stay as they always were; the README, the feed and the player rely
on them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from narrate.errors import ConfigError

MAX_STEM = 80
EDITION_MANIFEST = re.compile(r"edition-\d{4}-\d{2}-\d{2}\.json")


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def safe_stem(name: str) -> str:
    """A name reduced to a file stem of [a-z0-9-], at most 80 characters; empty if nothing is left.

    `../../etc/passwd` becomes `etc-passwd`: no stem can leave its folder.
    """
    stem = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return stem[:MAX_STEM].rstrip("-")


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:8]


def url_stem(url: str) -> str:
    """The stem of a fetched page: the URL path's last non-empty segment, extension dropped, made safe.

    Empty (a site's home page) becomes the URL's hash, so every URL has a name.
    """
    segments = [s for s in PurePosixPath(unquote(urlsplit(url).path)).parts if s not in ("/", "")]
    last = segments[-1] if segments else ""
    stem = safe_stem(PurePosixPath(last).stem if "." in last else last)
    return stem or url_hash(url)


def stem_of(source: str) -> str:
    """The output stem of an input: a file's own stem, `stdin`, or a URL's safe stem."""
    if source == "-":
        return "stdin"
    if is_url(source):
        return url_stem(source)
    return Path(source).stem


@dataclass(frozen=True)
class Outputs:
    """Every file one article writes."""

    source: str
    mp3: Path

    @property
    def manifest(self) -> Path:
        return self.mp3.with_suffix(".json")

    @property
    def vtt(self) -> Path:
        return self.mp3.with_suffix(".vtt")

    @property
    def chapters(self) -> Path:
        return self.mp3.with_name(self.mp3.stem + ".chapters.json")

    def paths(self) -> tuple[Path, ...]:
        return (self.mp3, self.manifest, self.vtt, self.chapters)


def edition_files(out: Path, date: str) -> tuple[Path, ...]:
    """The files an edition writes besides its articles'."""
    stem = out / f"edition-{date}"
    return (
        *(stem.with_name(stem.name + suffix) for suffix in (".mp3", ".json", ".vtt", ".chapters.json", ".html", ".png")),
        out / "cover.png",
        out / "index.html",
        out / "feed.xml",
    )


def planned_outputs(
    sources: Sequence[str],
    out: Path,
    *,
    single_file: bool = False,
    edition_date: str | None = None,
) -> list[Outputs]:
    """The outputs of every input, checked: no two inputs share a path, no output is an input.

    `single_file`: `out` is the MP3 of the one input. `edition_date`: the run is an
    edition of that date, whose own files are planned too.
    """
    folder = out.parent if single_file else out
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"-o {folder} is a file, not a folder", "Give -o a folder (created if missing), or a FILE.mp3 for one input")
    if single_file:
        if len(sources) != 1:
            raise ConfigError(f"-o {out} names one file but {len(sources)} inputs were given", "Give -o a folder")
        planned = [Outputs(sources[0], out)]
    else:
        stems = unique_stems(sources)
        planned = [Outputs(source, out / f"{stem}.mp3") for source, stem in zip(sources, stems, strict=True)]
    owner: dict[Path, str] = {}

    def claim(path: Path, who: str) -> None:
        key = _key(path)
        if key in owner and owner[key] != who:
            raise ConfigError(
                f"{label(owner[key])} and {label(who)} would both write {path}",
                "Rename one of them, or narrate them in separate runs with different -o folders",
            )
        owner[key] = who

    for item in planned:
        for path in item.paths():
            claim(path, item.source)
    if edition_date:
        for path in edition_files(out, edition_date):
            claim(path, f"the edition of {edition_date}")
    files = [s for s in sources if s != "-" and not is_url(s)]
    by_path = {_key(Path(s)): s for s in files}
    by_inode = {inode: s for s in files if (inode := _identity(Path(s)))}
    for key, who in owner.items():
        hit = by_path.get(key) or by_inode.get(_identity(key))
        if hit:
            raise ConfigError(f"{label(who)} would write over the input {hit}", "Choose another output folder with -o")
    return planned


def unique_stems(sources: Sequence[str]) -> list[str]:
    """Each input's stem; a URL whose stem clashes with another input's gets its hash appended."""
    stems = [stem_of(s) for s in sources]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem] = counts.get(stem, 0) + 1
    return [f"{stem}-{url_hash(s)}" if is_url(s) and counts[stem] > 1 else stem for s, stem in zip(sources, stems, strict=True)]


def label(source: str) -> str:
    return "standard input" if source == "-" else source


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's device and inode, when it exists: a hard link is the same file under another name."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _key(path: Path) -> Path:
    """One spelling per file: absolute, symlinks resolved, and case-folded where the file system folds case."""
    return path.resolve()
