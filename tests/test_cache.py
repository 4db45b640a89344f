"""The sentence cache and up-to-date outputs, through the real CLI and registry."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from narrate import engines
from narrate.article import Clip
from narrate.cache import Cache
from narrate.cli import main
from narrate.engines import Voice
from tests.conftest import ROOT, RUN_WITH_TONE, ToneEngine

PARAGRAPHS = [
    "The harbour reopened on Monday after a storm. Fishing boats returned at dawn.",
    "Officials said repairs had cost less than expected. The work took three weeks.",
    "“We are glad to be back at sea,” said one skipper. Others agreed.",
    "The council will review storm defences next year. A report is due in spring.",
]


class CountingTone(ToneEngine):
    id = "counting"
    spoken: list[str] = []

    def synthesise(self, text: str, voice: Voice) -> Clip:
        CountingTone.spoken.append(text)
        return super().synthesise(text, voice)


@pytest.fixture
def counting(tmp_path: Path) -> Iterator[Path]:
    engines.available_engines()
    engines.register(CountingTone)
    CountingTone.spoken = []
    config = tmp_path / "counting.toml"
    config.write_text('engine = "counting"\n[voices.counting]\nnarrator = "beep"\nquote = "beep:pitch=4"\n', encoding="utf-8")
    yield config
    engines.unregister("counting")


def write_story(path: Path, paragraphs: list[str]) -> None:
    path.write_text("Harbour reopens after the storm\n\nA short standfirst about the harbour\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def narrate(*args: str) -> int:
    return main([*args, "-q"])


def test_cache_round_trip(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    engine = ToneEngine()
    key = cache.key(engine, Voice("beep"), "hello")
    assert cache.get(key) is None
    clip = engine.synthesise("hello", Voice("beep"))
    cache.put(key, clip)
    assert cache.get(key) == clip
    assert (cache.hits, cache.misses) == (1, 1)
    # the key changes with anything that changes the audio
    assert key != cache.key(engine, Voice("beep", {"pitch": 1.0}), "hello")
    assert key != cache.key(engine, Voice("beep"), "hello!")
    with wave.open(str(next(tmp_path.rglob("*.wav"))), "rb") as wav:
        assert wav.getframerate() == 16000


def test_unwritable_cache_is_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache = Cache(blocker / "cache")
    cache.put("ab" * 32, ToneEngine().synthesise("hi", Voice("beep")))
    assert cache.get("ab" * 32) is None


def test_rerun_synthesises_nothing_and_edit_only_its_paragraph(tmp_path: Path, counting: Path) -> None:
    story, out, cache = tmp_path / "story.txt", tmp_path / "out", tmp_path / "cache"
    write_story(story, PARAGRAPHS)
    args = [str(story), "-o", str(out), "--config", str(counting), "--cache-dir", str(cache)]
    assert narrate(*args) == 0
    first = list(CountingTone.spoken)
    assert len(first) >= 10

    CountingTone.spoken.clear()
    assert narrate(*args, "--force") == 0  # outputs rebuilt, every sentence from the cache
    assert CountingTone.spoken == []

    edited = list(PARAGRAPHS)
    edited[3] = "The council will review storm defences this winter. A report is due in spring."
    write_story(story, edited)
    assert narrate(*args) == 0
    assert CountingTone.spoken == ["The council will review storm defences this winter."]


def test_up_to_date_outputs_are_left_alone(tmp_path: Path, counting: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story, out = tmp_path / "story.txt", tmp_path / "out"
    write_story(story, PARAGRAPHS)
    args = [str(story), "-o", str(out), "--config", str(counting), "--no-cache"]
    assert main(args) == 0
    mp3 = out / "story.mp3"
    stamp = mp3.stat().st_mtime_ns
    capsys.readouterr()

    assert main(args) == 0
    assert "up to date" in capsys.readouterr().err
    assert mp3.stat().st_mtime_ns == stamp

    assert main([*args, "--force"]) == 0
    assert mp3.stat().st_mtime_ns != stamp
    stamp = mp3.stat().st_mtime_ns

    assert main([*args, "--speed", "1.2"]) == 0  # a config change redoes it
    assert mp3.stat().st_mtime_ns != stamp


def test_json_summary(tmp_path: Path, counting: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story.txt"
    write_story(story, PARAGRAPHS)
    (tmp_path / "bad.txt").write_text("", encoding="utf-8")
    code = main([str(story), str(tmp_path / "bad.txt"), "-o", str(tmp_path / "out"), "--config", str(counting), "--json"])
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert code == 1
    assert [w["mp3"] for w in summary["written"]] == [str(tmp_path / "out" / "story.mp3")]
    assert summary["written"][0]["skipped"] is False
    assert summary["failed"][0]["source"] == str(tmp_path / "bad.txt")
    assert summary["cache"]["misses"] >= 10




def test_two_processes_share_one_cache(tmp_path: Path, tone_config: Path) -> None:
    story = tmp_path / "story.txt"
    write_story(story, PARAGRAPHS * 3)
    cache = tmp_path / "cache"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RUN_WITH_TONE, str(story), "-o", str(tmp_path / f"out{i}"), "--config", str(tone_config), "--cache-dir", str(cache), "-q"],
            cwd=ROOT, stderr=subprocess.PIPE, text=True,
        )
        for i in range(2)
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else ""
    one, two = (json.loads((tmp_path / f"out{i}" / "story.json").read_text(encoding="utf-8")) for i in range(2))
    assert one["duration_ms"] == two["duration_ms"]
    assert not list(cache.rglob("*.part"))
    for entry in cache.rglob("*.wav"):
        with wave.open(str(entry), "rb") as wav:
            assert wav.getnframes() > 0


def test_a_missing_transcript_is_rebuilt(tmp_path: Path, counting: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story, out = tmp_path / "story.txt", tmp_path / "out"
    write_story(story, PARAGRAPHS)
    args = [str(story), "-o", str(out), "--config", str(counting), "--no-cache"]
    assert main(args) == 0
    (out / "story.vtt").unlink()
    capsys.readouterr()
    assert main(args) == 0
    assert "up to date" not in capsys.readouterr().err
    assert (out / "story.vtt").is_file()


def test_edition_wording_does_not_redo_articles(tmp_path: Path, counting: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story, out = tmp_path / "story.txt", tmp_path / "out"
    write_story(story, PARAGRAPHS)
    assert main([str(story), "-o", str(out), "--config", str(counting), "--no-cache", "-q"]) == 0
    counting.write_text(counting.read_text(encoding="utf-8") + '[edition]\ntitle = "Harbour Weekly"\n', encoding="utf-8")
    capsys.readouterr()
    assert main([str(story), "-o", str(out), "--config", str(counting), "--no-cache"]) == 0
    assert "up to date" in capsys.readouterr().err


def _damage_truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _damage_garble(raw: bytes) -> bytes:
    import random

    noisy = bytearray(raw)
    rng = random.Random(7)
    for i in range(100, len(noisy) - 200):
        noisy[i] = rng.randrange(256)
    return bytes(noisy)


def _foreign_wav(width: int, rate: int, channels: int) -> bytes:
    import io

    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(b"\x40\x90" * rate)
    return out.getvalue()


@pytest.mark.parametrize(
    "damage",
    [
        _damage_truncate,
        _damage_garble,
        lambda raw: _foreign_wav(1, 8000, 1),  # 8-bit
        lambda raw: _foreign_wav(2, 8000, 1),  # another rate, no checksum
        lambda raw: _foreign_wav(2, 16000, 2),  # stereo
        lambda raw: b"",
    ],
    ids=["truncated", "garbled", "8-bit", "8kHz", "stereo", "empty"],
)
def test_a_damaged_entry_is_a_miss_said_once_and_rewritten(tmp_path: Path, damage, warnings_log: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    cache = Cache(tmp_path)
    engine = ToneEngine()
    key = cache.key(engine, Voice("beep"), "hello")
    clip = engine.synthesise("hello", Voice("beep"))
    cache.put(key, clip)
    entry = next((tmp_path / "v2" / "sentences").rglob("*.wav"))
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.get(key) is None
    assert (cache.hits, cache.misses) == (0, 1)
    assert len([r for r in warnings_log.records if "damaged" in r.getMessage()]) == 1
    cache.put(key, clip)
    assert cache.get(key) == clip


def test_a_silent_or_short_hit_fails_the_same_check_as_new_audio(tmp_path: Path) -> None:
    from narrate.synthesise import problem

    cache = Cache(tmp_path)
    key = "ab" * 32
    cache.put(key, Clip(bytes(32000), 16000))  # one second of silence
    assert cache.get(key, check=lambda clip: problem(clip, "A sentence of words.")) is None
    cache.put(key, ToneEngine().synthesise("hi", Voice("beep")))  # 120 ms
    assert cache.get(key, check=lambda clip: problem(clip, "A much longer sentence than that clip could hold.")) is None


def test_entries_of_the_old_layout_are_quiet_misses(tmp_path: Path, warnings_log: pytest.LogCaptureFixture) -> None:
    cache = Cache(tmp_path)
    key = cache.key(ToneEngine(), Voice("beep"), "hello")
    old = tmp_path / key[:2] / f"{key}.wav"  # narrate 1.0's place for it
    old.parent.mkdir()
    old.write_bytes(_foreign_wav(2, 16000, 1))
    assert cache.get(key) is None and not warnings_log.records


def test_a_damaged_entry_is_re_spoken_through_the_cli(tmp_path: Path, counting: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story, out, cache = tmp_path / "story.txt", tmp_path / "out", tmp_path / "cache"
    write_story(story, PARAGRAPHS)
    args = [str(story), "-o", str(out), "--config", str(counting), "--cache-dir", str(cache)]
    assert narrate(*args) == 0
    good = json.loads((out / "story.json").read_text(encoding="utf-8"))["duration_ms"]
    entries = sorted((cache / "v2" / "sentences").rglob("*.wav"))
    for entry in entries[:3]:
        entry.write_bytes(_damage_garble(entry.read_bytes()))
    CountingTone.spoken.clear()
    capsys.readouterr()
    assert narrate(*args, "--force") == 0
    assert len(CountingTone.spoken) == 3
    assert capsys.readouterr().err.count("damaged") == 3
    assert json.loads((out / "story.json").read_text(encoding="utf-8"))["duration_ms"] == good
