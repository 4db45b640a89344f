"""Transcripts and chapters: WebVTT cues per sentence, Podcasting 2.0 JSON chapters, ID3 CHAP/CTOC.

The Piper test checks cues against the manifest and against the audio itself:
every pause the stitcher put between segments shows up in the decoded MP3
where the transcript says the next segment begins.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mutagen.id3 import ID3

from narrate.config import Config
from narrate.ffmpeg import ffmpeg_exe
from narrate.pipeline import narrate
from narrate.transcript import (
    Chapter,
    Cue,
    article_chapters,
    chapters_json,
    cues_from_manifest,
    plain,
    timestamp,
    webvtt,
)
from tests.audio_probe import off_pause_ms, pauses

STORY = """Harbour reopens after the storm

Fishing boats returned to the harbour on Monday morning. Crews cheered.

The council said the repairs took three weeks. They cost less than expected.

“We are very glad to be back at sea again,” said one skipper.
"""

TIME = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)$")


def read_vtt(text: str) -> list[tuple[int, int, str]]:
    """A strict reader: header, then blocks of id, timing line, one text line."""
    blocks = text.strip().split("\n\n")
    assert blocks[0] == "WEBVTT"
    cues = []
    for number, block in enumerate(blocks[1:], 1):
        ident, timing, body = block.split("\n")
        assert ident == str(number)
        m = TIME.match(timing)
        assert m, timing
        v = [int(x) for x in m.groups()]
        cues.append((v[0] * 3600000 + v[1] * 60000 + v[2] * 1000 + v[3], v[4] * 3600000 + v[5] * 60000 + v[6] * 1000 + v[7], body))
    return cues


@pytest.mark.parametrize(
    ("ms", "text"),
    [(0, "00:00:00.000"), (1, "00:00:00.001"), (61_234, "00:01:01.234"), (3_600_000 + 5, "01:00:00.005"), (-5, "00:00:00.000")],
)
def test_timestamp(ms: int, text: str) -> None:
    assert timestamp(ms) == text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain words", "plain words"),
        ("tab\there", "tab here"),
        ("line\nbreak\r\n", "line break"),
        ("nul\x00byte", "nulbyte"),
        ("escape\x1b[31m", "escape[31m"),
        ("  spaced   out  ", "spaced out"),
        ("para\u2029graph", "para graph"),
        ("bell\x07 c1\x85x", "bell c1 x"),
    ],
)
def test_plain_drops_control_characters(raw: str, clean: str) -> None:
    assert plain(raw) == clean


def test_vtt_escapes_markup_and_arrows() -> None:
    text = webvtt([Cue(0, 1500, "<script>alert('x')</script> A --> B & C ]]>\x00\n\nnext")])
    assert text == (
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\n"
        "&lt;script&gt;alert('x')&lt;/script&gt; A --&gt; B &amp; C ]]&gt; next\n"
    )
    assert read_vtt(text)[0][:2] == (0, 1500)


def test_cues_follow_the_manifest_with_an_offset() -> None:
    manifest: dict[str, Any] = {
        "segments": [
            {"text": "Head", "start_ms": 300, "end_ms": 900, "sentences": [{"text": "Head", "start_ms": 300, "end_ms": 900}]},
            {
                "text": "One. Two.",
                "start_ms": 1900,
                "end_ms": 3000,
                "sentences": [{"text": "One.", "start_ms": 1900, "end_ms": 2400}, {"text": "Two.", "start_ms": 2400, "end_ms": 3000}],
            },
        ]
    }
    assert cues_from_manifest(manifest, offset_ms=10_000) == [
        Cue(10_300, 10_900, "Head"),
        Cue(11_900, 12_400, "One."),
        Cue(12_400, 13_000, "Two."),
    ]


def test_chapters_json_is_podcasting_2_format() -> None:
    doc = chapters_json([Chapter(0, 1500, "Intro"), Chapter(1500, 4000, "Story\x00 <b>", "https://example.com/a")], "Ed", "Me")
    assert doc == {
        "version": "1.2.0",
        "title": "Ed",
        "author": "Me",
        "chapters": [
            {"startTime": 0.0, "endTime": 1.5, "title": "Intro"},
            {"startTime": 1.5, "endTime": 4.0, "title": "Story <b>", "url": "https://example.com/a"},
        ],
    }


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory, piper_engine) -> tuple[Path, dict[str, Any]]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("transcript")
    (folder / "harbour.txt").write_text(STORY, encoding="utf-8")
    target = folder / "harbour.mp3"
    return target, narrate(str(folder / "harbour.txt"), target, Config(), piper_engine).manifest


def test_vtt_has_one_cue_per_sentence_at_manifest_times(harbour: tuple[Path, dict[str, Any]]) -> None:
    mp3, data = harbour
    cues = read_vtt(mp3.with_suffix(".vtt").read_text(encoding="utf-8"))
    expected = [(s["start_ms"], s["end_ms"], s["text"]) for seg in data["segments"] for s in seg["sentences"]]
    assert cues == expected
    assert len(cues) == 7  # headline, two standfirst sentences, two body sentences, the quote, its attribution
    assert [c[2] for c in cues[1:3]] == ["Fishing boats returned to the harbour on Monday morning.", "Crews cheered."]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(cues))


def test_vtt_times_match_the_audio(harbour: tuple[Path, dict[str, Any]]) -> None:
    """Each segment starts, in the decoded MP3, in the pause before it (or within 250 ms of one), where its cue says."""
    mp3, data = harbour
    found = pauses(mp3, 250)
    starts = [seg["start_ms"] for seg in data["segments"]]
    assert len(starts) >= 4
    for start in starts:
        assert off_pause_ms(start, found) <= 250, (start, found)
    duration = float(re.findall(r"Duration: (\d+):(\d+):([\d.]+)", subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(mp3)], capture_output=True, text=True, check=False).stderr)[0][2])
    assert abs(1000 * duration - data["duration_ms"]) <= 250


def test_article_chapters_in_id3_and_json(harbour: tuple[Path, dict[str, Any]]) -> None:
    mp3, data = harbour
    body_start = next(s["start_ms"] for s in data["segments"] if s["kind"] == "body")
    assert article_chapters(data) == [
        Chapter(0, body_start, "Harbour reopens after the storm"),
        Chapter(body_start, data["duration_ms"], "The story"),
    ]
    tags = ID3(mp3)
    toc = tags.getall("CTOC")[0]
    assert toc.child_element_ids == ["chp0", "chp1"]
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [(c.element_id, c.start_time, c.end_time, str(c.sub_frames["TIT2"])) for c in chaps] == [
        ("chp0", 0, body_start, "Harbour reopens after the storm"),
        ("chp1", body_start, data["duration_ms"], "The story"),
    ]
    doc = json.loads(mp3.with_name("harbour.chapters.json").read_text(encoding="utf-8"))
    assert [(c["startTime"], c["title"]) for c in doc["chapters"]] == [(0.0, "Harbour reopens after the storm"), (body_start / 1000, "The story")]
