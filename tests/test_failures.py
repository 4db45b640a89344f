"""No silent failure: every bad input fails in one line with exit 1, writes nothing for itself,
and the batch carries on; an interrupted run never leaves a truncated file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from narrate import engines
from narrate.article import Clip
from narrate.cli import main
from narrate.engines import Voice
from tests.conftest import ROOT, RUN_WITH_TONE, ToneEngine

GOOD = "Harbour reopens after the storm\n\nA short standfirst about the harbour\n\nThe harbour reopened on Monday, officials said.\n"


def bad_inputs(folder: Path) -> dict[str, str]:
    """name -> a word the error must contain."""
    (folder / "01-empty.txt").write_text(" \n\t\n", encoding="utf-8")
    (folder / "02-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2000))
    (folder / "03-no-article.html").write_text(
        "<html><head><title>Shop</title></head><body><nav><a href='/'>Home</a> <a href='/s'>Shop</a></nav>"
        "<footer>© 2024 Example Ltd</footer></body></html>",
        encoding="utf-8",
    )
    (folder / "04-clutter.txt").write_text(
        "Advertisement\nSHARE\nSign up to our newsletter\nWe use cookies to improve your experience\nPROMOTED CONTENT\n",
        encoding="utf-8",
    )
    unreadable = folder / "05-unreadable.txt"
    unreadable.write_text(GOOD, encoding="utf-8")
    unreadable.chmod(0)
    with open(folder / "06-huge.txt", "wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    return {
        "01-empty.txt": "empty",
        "02-image.txt": "binary",
        "03-no-article.html": "no article",
        "04-clutter.txt": "no article",
        "05-unreadable.txt": "cannot be read",
        "06-huge.txt": "10 MB limit",
    }


def without_root_powers() -> list[str]:
    """Root reads any file; to test an unreadable one, drop the capabilities that let it."""
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []


def test_each_bad_input_fails_alone(tmp_path: Path, tone_config: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    expected = bad_inputs(src)
    (src / "99-good café story.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [*without_root_powers(), sys.executable, "-c", RUN_WITH_TONE, str(src), "-o", str(out), "--config", str(tone_config), "-q", "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(expected) + 1, lines
    for line, (name, word) in zip(lines, expected.items()):
        assert name in line and word in line, line
    assert f"{len(expected)} of {len(expected) + 1} inputs failed" in lines[-1]
    written = {p.name for p in out.iterdir()}
    assert {"99-good café story.json", "99-good café story.mp3"} <= written
    assert all(name.startswith("99-good café story.") for name in written)


def test_cp1252_input_is_decoded(tmp_path: Path, tone_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "Zürich story.txt"
    story.write_bytes("Café owners “relieved” as harbour reopens\n\nThe café’s owner said so.\n".encode("cp1252"))
    assert main(["script", "--json", str(story)]) == 0
    assert "Café owners “relieved” as harbour reopens" in capsys.readouterr().out


def test_unwritable_output_folder(tmp_path: Path, tone_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_text(GOOD, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    assert main([str(story), "-o", str(blocker / "out"), "--config", str(tone_config), "-q"]) == 1
    err = capsys.readouterr().err
    assert "cannot write to" in err and "-o" in err


class Silent(ToneEngine):
    id = "silent"

    def synthesise(self, text: str, voice: Voice) -> Clip:
        return Clip(bytes(len(super().synthesise(text, voice).pcm)), 16000)


@pytest.fixture
def silent_config(tmp_path: Path) -> Iterator[Path]:
    engines.available_engines()
    engines.register(Silent)
    path = tmp_path / "silent.toml"
    path.write_text('engine = "silent"\n[voices.silent]\nnarrator = "beep"\n', encoding="utf-8")
    yield path
    engines.unregister("silent")


def test_silent_engine_fails_the_article_and_writes_nothing(tmp_path: Path, silent_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(story), "-o", str(out), "--config", str(silent_config), "-q", "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "silent failed twice on the headline 'Harbour reopens after the storm'" in err
    assert not out.exists() or not list(out.iterdir())




def test_killed_run_leaves_the_old_file_or_a_whole_new_one(tmp_path: Path, tone_config: Path) -> None:
    story = tmp_path / "story.txt"
    body = "\n\n".join(f"Paragraph {i} tells how the harbour was rebuilt after the storm of that winter." for i in range(60))
    story.write_text(f"Harbour reopens after the storm\n\nA standfirst\n\n{body}\n", encoding="utf-8")
    out = tmp_path / "out"
    args = [sys.executable, "-c", RUN_WITH_TONE, str(story), "-o", str(out), "--config", str(tone_config), "-q", "--force", "--no-cache"]
    started = time.monotonic()
    subprocess.run(args, cwd=ROOT, check=True, timeout=300)
    whole = time.monotonic() - started
    good = (out / "story.mp3").read_bytes()
    length = MP3(out / "story.mp3").info.length

    for step in range(1, 9):
        proc = subprocess.Popen(args, cwd=ROOT)
        time.sleep(whole * step / 9)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        mp3 = out / "story.mp3"
        data = mp3.read_bytes()
        # the same input makes the same audio: either the old bytes, or a new, complete file
        assert data == good or abs(MP3(mp3).info.length - length) < 0.1
        assert len(data) > 0.95 * len(good)
