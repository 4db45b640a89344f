"""The real encoder: MP3s are written with pydub/ffmpeg, tagged with mutagen and decoded back."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from narrate.article import Clip
from narrate.errors import ExportError
from narrate.export import atomic_write, write_json, write_mp3
from narrate.ffmpeg import pydub_audio_segment


def sine(ms: int, rate: int = 22050) -> Clip:
    n = rate * ms // 1000
    return Clip(struct.pack(f"<{n}h", *(int(9000 * math.sin(2 * math.pi * 300 * i / rate)) for i in range(n))), rate)


def test_mp3_encodes_tags_and_decodes_back(tmp_path: Path) -> None:
    target = tmp_path / "story.mp3"
    write_mp3(sine(2000), target, {"title": "North Korea has ‘given dud shells’", "artist": "A", "album": "B", "source": "https://example.com/x"})
    info = MP3(target)
    assert info.info.channels == 1 and info.info.bitrate >= 64000
    assert abs(info.info.length - 2.0) < 0.1
    tags = ID3(target)
    assert str(tags["TIT2"]) == "North Korea has ‘given dud shells’"
    assert (str(tags["TPE1"]), str(tags["TALB"])) == ("A", "B")
    assert tags["WOAS"].url == "https://example.com/x"
    decoded = pydub_audio_segment().from_file(target, codec="mp3")
    assert abs(len(decoded) - 2000) < 100
    assert decoded.rms > 3000  # the sine survived encoding
    assert [p.name for p in tmp_path.iterdir()] == ["story.mp3"]  # no temporary files left


def test_failed_write_keeps_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_json({"v": 1}, target)

    def broken(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left"):
        atomic_write(target, broken)
    assert target.read_text(encoding="utf-8").strip() == '{\n  "v": 1\n}'
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_output_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="-o"):
        write_json({}, blocker / "x.json")
