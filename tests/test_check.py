"""`narrate check` on a real synthesised clip: real Piper, real Whisper tiny.en (bundled, offline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrate.check import check, words
from narrate.cli import main

STORY = """Harbour reopens after the storm

Fishing boats returned to the harbour on Monday morning.

The council said the repairs took three weeks and cost less than expected.

“We are very glad to be back at sea again,” said one skipper.
"""


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("check")
    (folder / "harbour.txt").write_text(STORY, encoding="utf-8")
    assert main([str(folder / "harbour.txt"), "-o", str(folder), "-q"]) == 0
    return folder / "harbour.json"


def test_words_are_normalised_like_speech() -> None:
    assert words("It cost £1.5bn, Mr Smith said.") == words("It cost one point five billion pounds, Mister Smith said.")


def test_clean_narration_scores_well(narrated: Path) -> None:
    report = check(narrated)
    assert len(report.segments) == len(json.loads(narrated.read_text(encoding="utf-8"))["segments"])
    assert report.wer < 0.25
    assert all(s.wer < 0.5 for s in report.segments)
    # words land in the segment that said them (Whisper tiny mishears a word now and then)
    assert {"boats", "monday", "morning"} <= set(words(report.segments[1].heard))


def test_wrong_segment_is_flagged_worst(narrated: Path, tmp_path: Path) -> None:
    manifest = json.loads(narrated.read_text(encoding="utf-8"))
    manifest["segments"][2]["speech"] = "Completely different words about a volcano erupting in Iceland yesterday."
    tampered = tmp_path / "harbour.json"
    tampered.write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "harbour.mp3").write_bytes(narrated.with_suffix(".mp3").read_bytes())
    report = check(tampered)
    assert report.worst(1)[0].index == 2
    assert report.worst(1)[0].wer > 0.8


def test_cli_check_max_wer(narrated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(narrated), "--max-wer", "0.5"]) == 0
    assert "word error rate" in capsys.readouterr().out
    assert main(["check", str(narrated), "--max-wer", "0"]) == (1 if check(narrated).wer > 0 else 0)


def test_missing_mp3_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    segment = '{"kind": "body", "speech": "Hello.", "start_ms": 0, "end_ms": 900}'
    (tmp_path / "x.json").write_text(f'{{"segments": [{segment}]}}', encoding="utf-8")
    assert main(["check", str(tmp_path / "x.json")]) == 1
    assert "not found beside its manifest" in capsys.readouterr().err
