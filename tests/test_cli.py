"""The narrate command, end to end. Quick cases use the tone engine, registered
through the real registry; the reference article is narrated by the real Piper voice."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from narrate.cli import main
from tests.conftest import REFERENCE

CLUTTER = ["payment", "subscription", "WAR IN UKRAINE", "REUTERS", "GETTY", "Advertisement", "PROMOTED", "agreed to provide weapons"]
STORY = "Headline about a harbour\n\nA short standfirst that sets the scene\n\nThe harbour reopened on Monday, officials said.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The reference article through the whole pipeline with the real Piper voice, once."""
    out = tmp_path_factory.mktemp("audio")
    assert main([str(REFERENCE), "-o", str(out), "--quiet"]) == 0
    return out, json.loads((out / "north-korea-dud-shells.json").read_text(encoding="utf-8"))


def test_reference_article_becomes_an_mp3(reference_run: tuple[Path, dict]) -> None:
    out, manifest = reference_run
    mp3 = out / "north-korea-dud-shells.mp3"
    info = MP3(mp3).info
    assert 130 <= info.length <= 200
    assert abs(info.length * 1000 - manifest["duration_ms"]) < 200
    assert str(ID3(mp3)["TIT2"]) == "North Korea has ‘given dud artillery shells to Russia’"
    assert manifest["title"] == "North Korea has ‘given dud artillery shells to Russia’"
    assert manifest["engine"] == "piper"
    assert manifest["voices"] == {"narrator": "piper/joe", "quote": "piper/joe:pace=0.95,pitch=-2"}
    assert manifest["source"] == str(REFERENCE)


def test_reference_manifest_segments(reference_run: tuple[Path, dict]) -> None:
    _, manifest = reference_run
    segments = manifest["segments"]
    assert [s["kind"] for s in segments[:2]] == ["headline", "standfirst"]
    assert sum(s["kind"] == "quote" for s in segments) >= 5
    assert all((s["kind"] == "quote") == (s["voice"] == "quote") for s in segments)
    spoken = " ".join(s["speech"] for s in segments)
    assert not [c for c in CLUTTER if c in spoken]
    ends = [0] + [x for s in segments for x in (s["start_ms"], s["end_ms"])]
    assert ends == sorted(ends), "segments are in order and do not overlap"
    assert segments[-1]["end_ms"] < manifest["duration_ms"]


def test_script_json_for_reference(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "script", "--json", str(REFERENCE))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["source"] == str(REFERENCE)
    assert data["title"] == "North Korea has ‘given dud artillery shells to Russia’"
    assert data["segments"][1]["text"].startswith("According to Ukraine, more than half")
    assert set(data["segments"][0]) >= {"kind", "voice", "text", "speech"}
    quotes = [s for s in data["segments"] if s["kind"] == "quote"]
    assert len(quotes) >= 5
    assert all(s["voice"] == "quote" for s in quotes)
    assert "five-hundred-kilogram ballistic missiles" in " ".join(s["speech"] for s in data["segments"])


def test_script_plain_shows_roles_and_voices(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "script", str(REFERENCE))
    assert code == 0
    assert "[headline · narrator · piper/joe]" in out
    assert "[quote · quote · piper/joe:pace=0.95,pitch=-2]" in out


def test_stdin_and_named_output(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tone_config: Path) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    code, _, err = run(capsys, "-", "-o", str(tmp_path), "--config", str(tone_config), "-q")
    assert code == 0, err
    manifest = json.loads((tmp_path / "stdin.json").read_text(encoding="utf-8"))
    assert manifest["source"] == "-" and manifest["engine"] == "tone"
    assert (tmp_path / "stdin.mp3").stat().st_size > 1000

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    code, _, _ = run(capsys, "-", "--config", str(tone_config), "-q", "-o", str(tmp_path / "named.mp3"))
    assert code == 0 and (tmp_path / "named.mp3").exists() and (tmp_path / "named.json").exists()


def test_options_after_paths_and_voice_override(capsys: pytest.CaptureFixture[str], tmp_path: Path, tone_config: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text("# Harbour reopens after storm\n\nIt reopened on Monday.\n\n“We are glad to be back at work today,” the harbour master said.\n", encoding="utf-8")
    code, _, err = run(capsys, str(story), "--config", str(tone_config), "-q", "--voice", "quote=beep:pitch=7", "-o", str(tmp_path / "out"))
    assert code == 0, err
    manifest = json.loads((tmp_path / "out" / "story.json").read_text(encoding="utf-8"))
    assert manifest["voices"]["quote"] == "tone/beep:pitch=7"
    assert [s["kind"] for s in manifest["segments"]] == ["headline", "standfirst", "quote", "body"]


def test_batch_carries_on_past_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, tone_config: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-good.txt").write_text(STORY, encoding="utf-8")
    (src / "b-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(300))
    (src / "c-empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, str(src), "-o", str(out), "--config", str(tone_config), "-q")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3, lines  # one line per failure and a summary
    assert "b-binary.txt" in lines[0] and "binary" in lines[0]
    assert "c-empty.txt" in lines[1] and "empty" in lines[1]
    assert "2 of 3 inputs failed" in lines[2]
    assert sorted(p.name for p in out.iterdir()) == ["a-good.chapters.json", "a-good.json", "a-good.mp3", "a-good.vtt"]


def test_duplicate_stems_refused_before_work(capsys: pytest.CaptureFixture[str], tmp_path: Path, tone_config: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(STORY, encoding="utf-8")
    code, _, err = run(capsys, str(tmp_path / "x"), str(tmp_path / "y"), "-o", str(tmp_path / "out"), "--config", str(tone_config))
    assert code == 2
    assert "x/story.txt" in err and "y/story.txt" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args, complaint",
    [
        (["--engine", "nope", "x.txt"], "unknown engine 'nope'"),
        (["--speed", "7", "x.txt"], "out of range"),
        (["--bogus", "x.txt"], "unrecognized arguments"),
        ([], "required"),
    ],
)
def test_usage_errors_exit_2_in_one_line(capsys: pytest.CaptureFixture[str], args: list[str], complaint: str) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert complaint in err and len(err.strip().splitlines()) == 1


def test_file_named_like_a_command(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tone_config: Path) -> None:
    monkeypatch.chdir(tmp_path)
    Path("script").write_text(STORY, encoding="utf-8")
    code, _, err = run(capsys, "./script", "--config", str(tone_config), "-q")
    assert code == 0, err
    assert Path("audio/script.mp3").exists()


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert "exit codes" in out and "narrate script" in out and "NARRATE_DEBUG" in out


def test_engines_lists_engines_and_privacy(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "engines")
    assert code == 0
    assert "piper (default)" in out and "runs here: yes" in out
    blocks = {b.split(":")[0].split()[0]: b for b in re.split(r"\n(?=\S)", out.strip())}
    assert "network: not needed" in blocks["piper"] and "network: needed" in blocks["gtts"]
    assert "gtts" in out and "sends the article's text to Google" in out


def test_debug_shows_traceback(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NARRATE_DEBUG", "1")
    with pytest.raises(Exception, match="no such file"):
        main(["script", str(tmp_path / "missing.txt")])


def test_warns_when_text_is_not_english(capsys: pytest.CaptureFixture[str], tmp_path: Path, tone_config: Path) -> None:
    story = tmp_path / "fr.txt"
    story.write_text(
        "Le port rouvre après la tempête\n\nLes pêcheurs sont retournés au travail lundi matin.\n\n"
        "Le maire a déclaré que la ville était heureuse de retrouver son activité habituelle.\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, str(story), "-o", str(tmp_path), "--config", str(tone_config), "-q")
    assert code == 0
    assert "does not look like English" in err


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).parent / "narrate"
    proc = subprocess.run([str(exe), "script", "--json", "-"], input=STORY, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == "Headline about a harbour"


def test_reference_manifest_sentences_tile_each_segment(reference_run: tuple[Path, dict]) -> None:
    _, manifest = reference_run
    for seg in manifest["segments"]:
        sentences = seg["sentences"]
        assert " ".join(s["text"] for s in sentences) == seg["text"]
        assert sentences[0]["start_ms"] == seg["start_ms"] and sentences[-1]["end_ms"] == seg["end_ms"]
        assert all(a["end_ms"] == b["start_ms"] for a, b in zip(sentences, sentences[1:]))
    quote = next(s for s in manifest["segments"] if s["text"].startswith("“However"))
    assert len(quote["sentences"]) == 2


@pytest.mark.parametrize(
    "text, english",
    [
        ("The council said the repairs took three weeks and cost less than expected, and that the harbour "
         "would reopen to the fishing boats by the end of the month, as it had promised in the spring.", True),
        ("Le maire a déclaré que la ville était heureuse de retrouver son activité habituelle et que les "
         "pêcheurs sont retournés au travail dans le port pour la première fois depuis la tempête.", False),
        ("Der Bürgermeister sagte, die Stadt sei froh, dass die Fischer wieder arbeiten und der Hafen "
         "nach dem Sturm auch für die Fähren offen ist, die seit Wochen nicht fahren konnten.", False),
        ("Наши герои знают толк не только во вкусе, но и в красоте еды. За их аккаунтами следят тысячи "
         "подписчиков, а рецепты расходятся по всей стране быстрее, чем их успевают приготовить.", False),
        ("Harbour reopens", True),  # too short to tell: no warning
    ],
)
def test_english_is_told_from_other_languages(text: str, english: bool) -> None:
    from narrate.pipeline import looks_english

    assert looks_english(text) is english
