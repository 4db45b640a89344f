"""`narrate edition`: real Piper, real encoder, real mutagen.

One edition of two short articles, one of them hostile (markup, `]]>`, quotes
and control characters in its headline and body), built once for the module.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from PIL import Image

from narrate.cli import main
from narrate.config import Config, Edition
from narrate.edition import EditionResult, build, chime, headline_list, spoken_date
from narrate.ffmpeg import ffmpeg_exe
from narrate.pipeline import narrate
from tests.audio_probe import off_pause_ms, pauses

HARBOUR = """Harbour reopens after the storm

Fishing boats returned to the harbour on Monday morning.

By Jane Smith

The council said the repairs took three weeks. They cost less than expected.
"""

HOSTILE = """Mayor says <script>alert("pwned")</script> is \x07fine ]]> & 'quoted'

A standfirst with a "quote" and a </script> tag.

The council met on Tuesday. It voted <b>yes</b> to the plan.
"""

DATE = "2024-03-01"


def ebur128(path: Path) -> tuple[float, float]:
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )
    summary = proc.stderr[proc.stderr.rindex("Summary:") :]
    return float(summary.split("I:")[1].split("LUFS")[0]), float(summary.split("Peak:")[1].split("dBFS")[0])


def mean_volume(mp3: Path, start_ms: int, end_ms: int) -> float:
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostats", "-ss", str(start_ms / 1000), "-t", str((end_ms - start_ms) / 1000), "-i", str(mp3),
         "-af", "volumedetect", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )
    return float(re.findall(r"mean_volume: (-?[\d.]+) dB", proc.stderr)[-1])


def read_vtt(text: str) -> list[tuple[int, int, str]]:
    cues = []
    for block in text.strip().split("\n\n")[1:]:
        _, timing, body = block.split("\n")
        a, b = (sum(int(x) * f for x, f in zip(re.split("[:.]", t), (3_600_000, 60_000, 1000, 1), strict=True)) for t in timing.split(" --> "))
        cues.append((a, b, body))
    return cues


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory, piper_engine) -> EditionResult:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("edition")
    (folder / "a-harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "b-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = folder / "audio"
    config = Config()

    def narrate_one(source: str, target: Path, again: bool) -> Any:
        return narrate(source, target, config, piper_engine, force=again)

    return build([str(folder / "a-harbour.txt"), str(folder / "b-hostile.txt")], out, config, piper_engine, narrate_one, DATE)


def test_outputs_are_all_there(edition: EditionResult) -> None:
    out = edition.mp3.parent
    names = sorted(p.name for p in out.iterdir())
    expected = ["cover.png", "feed.xml", "index.html", f"edition-{DATE}.html", f"edition-{DATE}.png"]
    for stem in ("a-harbour", "b-hostile", f"edition-{DATE}"):
        expected += [f"{stem}.mp3", f"{stem}.json", f"{stem}.vtt", f"{stem}.chapters.json"]
    assert names == sorted(expected)  # and no temporary files left behind


def test_intro_names_edition_date_and_headlines(edition: EditionResult) -> None:
    intro = edition.manifest["segments"][0]
    assert intro["kind"] == "intro"
    assert intro["text"] == (
        "This is The narrate edition for Friday, 1 March 2024. In this edition: Harbour reopens after the storm. "
        "And Mayor says <script>alert(\"pwned\")</script> is fine ]]> & 'quoted'."
    )
    assert edition.manifest["segments"][-1]["text"] == "That was The narrate edition for Friday, 1 March 2024. Thank you for listening."


def test_edition_chapters_introduction_then_one_per_story(edition: EditionResult) -> None:
    tags = ID3(edition.mp3)
    stories = edition.manifest["stories"]
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [(c.start_time, c.end_time, str(c.sub_frames["TIT2"])) for c in chaps] == [
        (0, stories[0]["start_ms"], "Introduction"),
        (stories[0]["start_ms"], stories[0]["end_ms"], "Harbour reopens after the storm"),
        (stories[1]["start_ms"], stories[1]["end_ms"], "Mayor says <script>alert(\"pwned\")</script> is fine ]]> & 'quoted'"),
    ]
    toc = tags.getall("CTOC")[0]
    assert toc.child_element_ids == [c.element_id for c in chaps]
    assert str(tags["TIT2"]) == "The narrate edition: 2024-03-01"
    assert "Jane Smith" in str(tags["COMM:attribution:eng"])
    assert tags.getall("APIC")[0].data == (edition.mp3.parent / f"edition-{DATE}.png").read_bytes()  # the episode's cover
    for article in ("a-harbour.mp3", "b-hostile.mp3"):
        article_tags = ID3(edition.mp3.parent / article)
        [card] = article_tags.getall("APIC")  # its own title card, not the edition's cover
        assert card.mime == "image/png" and card.data != tags.getall("APIC")[0].data
        assert len(article_tags.getall("CHAP")) == 2
    hostile = ID3(edition.mp3.parent / "b-hostile.mp3")
    assert "\x07" not in str(hostile["TIT2"]) and str(hostile["TIT2"]).startswith("Mayor says <script>")


def test_stories_sit_where_the_manifest_says(edition: EditionResult) -> None:
    """Every segment starts, in the decoded edition, in a pause or within 250 ms of one."""
    found = pauses(edition.mp3, 250)
    for seg in edition.manifest["segments"]:
        assert off_pause_ms(seg["start_ms"], found) <= 250, (seg["start_ms"], found)
    assert abs(MP3(edition.mp3).info.length * 1000 - edition.manifest["duration_ms"]) <= 250


def test_separator_is_audible_between_stories(edition: EditionResult) -> None:
    first, second = edition.manifest["stories"]
    assert second["start_ms"] - first["end_ms"] >= 1500
    assert mean_volume(edition.mp3, first["end_ms"], second["start_ms"]) > -45  # the chime, not silence


def test_edition_vtt_matches_article_transcripts_shifted(edition: EditionResult) -> None:
    out = edition.mp3.parent
    cues = read_vtt(edition.mp3.with_suffix(".vtt").read_text(encoding="utf-8"))
    expected = [(s["start_ms"], s["end_ms"]) for seg in edition.manifest["segments"] for s in seg["sentences"]]
    assert [c[:2] for c in cues] == expected
    for story in edition.manifest["stories"]:
        own = read_vtt((out / story["mp3"]).with_suffix(".vtt").read_text(encoding="utf-8"))
        shifted = [(a + story["start_ms"], b + story["start_ms"], t) for a, b, t in own]
        assert all(cue in cues for cue in shifted)
    hostile = [c[2] for c in cues if "Mayor" in c[2]]
    assert hostile and all("<" not in t and "-->" not in t for t in hostile)


def test_edition_loudness(edition: EditionResult) -> None:
    lufs, peak = ebur128(edition.mp3)
    assert -17.0 <= lufs <= -15.0 and peak <= -1.0
    assert abs(edition.manifest["loudness_lufs"] - lufs) <= 0.15
    assert abs(edition.manifest["true_peak_dbtp"] - peak) <= 0.15
    for story in edition.manifest["stories"]:
        data = json.loads((edition.mp3.parent / story["mp3"]).with_suffix(".json").read_text(encoding="utf-8"))
        assert -17.0 <= data["loudness_lufs"] <= -15.0 and data["true_peak_dbtp"] <= -1.0


def test_chapters_json(edition: EditionResult) -> None:
    doc = json.loads(edition.mp3.with_name(f"edition-{DATE}.chapters.json").read_text(encoding="utf-8"))
    assert doc["version"] == "1.2.0"
    assert [c["startTime"] for c in doc["chapters"]] == [0] + [s["start_ms"] / 1000 for s in edition.manifest["stories"]]
    assert doc["chapters"][0]["title"] == "Introduction"


def ffmpeg_chapters(mp3: Path) -> list[tuple[float, float, str]]:
    """Chapters as ffmpeg lists them, in the order it reads them: what M4B converters and players built on it see."""
    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(mp3)], capture_output=True, text=True, check=False)
    found = re.findall(r"Chapter #\d+:\d+: start ([\d.]+), end ([\d.]+)\n\s+Metadata:\n\s+title\s+: (.*)", proc.stderr)
    return [(float(a), float(b), t) for a, b, t in found]


def test_ffmpeg_lists_every_chapter_in_time_order(edition: EditionResult) -> None:
    stories = edition.manifest["stories"]
    listed = ffmpeg_chapters(edition.mp3)
    assert [t for _, _, t in listed] == ["Introduction", "Harbour reopens after the storm", stories[1]["title"]]
    assert [a for a, _, _ in listed] == [0.0, stories[0]["start_ms"] / 1000, stories[1]["start_ms"] / 1000]
    for article in ("a-harbour.mp3", "b-hostile.mp3"):
        starts = [a for a, _, _ in ffmpeg_chapters(edition.mp3.parent / article)]
        assert len(starts) == 2 and starts == sorted(starts)


def test_chapters_are_written_in_time_order_whatever_their_size(tmp_path: Path) -> None:
    """mutagen writes frames smallest first: a long title or a URL on an early chapter moved it after later ones,
    and ffmpeg dropped any chapter with a title over 125 bytes."""
    from narrate.export import write_tags
    from narrate.transcript import Chapter

    mp3 = tmp_path / "x.mp3"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-f", "lavfi", "-i", "sine=d=6", "-c:a", "libmp3lame", str(mp3)], check=True)
    long_title = "Zoë's " + "very long headline " * 12
    chapters = [Chapter(0, 2000, "Introduction"), Chapter(2000, 4000, long_title, "https://example.org/" + "x" * 200), Chapter(4000, 6000, "c")]
    write_tags(mp3, {"title": "x"}, chapters, cover=(tmp_path / "x.mp3").read_bytes()[:4000])
    raw = mp3.read_bytes()[:20000]
    assert [m.group(1) for m in re.finditer(rb"CHAP.{6}(chp\d)", raw, re.DOTALL)] == [b"chp0", b"chp1", b"chp2"]
    assert ffmpeg_chapters(mp3) == [(0.0, 2.0, "Introduction"), (2.0, 4.0, long_title.strip()), (4.0, 6.0, "c")]


def test_covers_are_square_pngs(edition: EditionResult) -> None:
    for name in ("cover.png", f"edition-{DATE}.png"):
        with Image.open(edition.mp3.parent / name) as img:
            assert img.format == "PNG" and img.width == img.height >= 1400
    assert (edition.mp3.parent / "cover.png").read_bytes() != (edition.mp3.parent / f"edition-{DATE}.png").read_bytes()


def test_spoken_date_and_headline_list() -> None:
    assert spoken_date("2024-03-01") == "Friday, 1 March 2024"
    assert headline_list(["One.", "Two?", "Three"]) == "One. Two. And Three"
    assert headline_list(["Only"]) == "Only"


def test_chime_is_short_and_not_clipped() -> None:
    pcm = chime()
    assert 1.5 <= len(pcm) / 2 / 22050 <= 2.5
    assert max(abs(int.from_bytes(pcm[i : i + 2], "little", signed=True)) for i in range(0, len(pcm), 2)) < 32000


def test_cli_edition_with_tone_engine(tmp_path: Path, tone_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "b.txt").write_text(HARBOUR.replace("Harbour", "Second harbour"), encoding="utf-8")
    (src / "a.txt").write_text(HARBOUR, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["edition", str(src), "-o", str(out), "--config", str(tone_config), "--date", "2024-02-29", "--title", "Test Weekly", "-q"]) == 0
    data = json.loads((out / "edition-2024-02-29.json").read_text(encoding="utf-8"))
    assert [s["source"] for s in data["stories"]] == [str(src / "a.txt"), str(src / "b.txt")]  # a folder's files by name
    assert data["edition"] == "Test Weekly"
    assert "Test Weekly" in data["segments"][0]["text"]
    err = capsys.readouterr().err
    assert "base_url is not set" in err


def test_cli_edition_bad_date_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(HARBOUR, encoding="utf-8")
    assert main(["edition", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--date", "1 March"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_bad_intro_template_is_refused() -> None:
    from narrate.config import from_dict
    from narrate.errors import ConfigError

    with pytest.raises(ConfigError, match=r"\{weather\}"):
        from_dict({"edition": {"intro": "Today {weather}"}})
    assert from_dict({}).edition == Edition()


def test_repository_narrate_toml_documents_the_edition_defaults() -> None:
    from dataclasses import fields

    from narrate.config import load
    from tests.conftest import ROOT

    text = (ROOT / "narrate.toml").read_text(encoding="utf-8")
    assert load(str(ROOT / "narrate.toml")).edition == Edition()
    section = text[text.index("[edition]") :]
    assert all(f"\n{f.name} = " in section for f in fields(Edition))


def test_a_failing_article_is_left_out_and_reported(tmp_path: Path, tone_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(300))
    out = tmp_path / "out"
    code = main(["edition", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out), "--config", str(tone_config), "--date", "2024-03-01", "-q"])
    assert code == 1
    data = json.loads((out / "edition-2024-03-01.json").read_text(encoding="utf-8"))
    assert [s["mp3"] for s in data["stories"]] == ["a.mp3"]
    err = capsys.readouterr().err
    assert "b.txt" in err and "1 of 2 inputs failed" in err


# --- editions over many days, artwork, and the audio an edition is made from (tone engine: fast) ---


def tone_edition(folder: Path, tone_config: Path, date: str, texts: dict[str, str], cfg: Config | None = None,
                 cache: Any = None, calls: list[tuple[str, bool]] | None = None) -> EditionResult:
    from narrate import config as configuration
    from narrate.engines import get_engine

    cfg = cfg or configuration.load(str(tone_config))
    engine = get_engine(cfg.engine, cfg.engine_table())
    src = folder / "src"
    src.mkdir(exist_ok=True)
    for name, text in texts.items():
        (src / name).write_text(text, encoding="utf-8")

    def narrate_one(source: str, target: Path, again: bool) -> Any:
        if calls is not None:
            calls.append((Path(source).name, again))
        return narrate(source, target, cfg, engine, cache=cache, force=again)

    return build([str(src / n) for n in texts], folder / "out", cfg, engine, narrate_one, date, cache=cache)


def test_two_dates_each_have_their_page_and_cover_and_the_index_lists_both(tmp_path: Path, tone_config: Path) -> None:
    tone_edition(tmp_path, tone_config, "2024-03-01", {"a.txt": HARBOUR})
    out = tmp_path / "out"
    cover = (out / "cover.png").read_bytes()
    first_page = (out / "edition-2024-03-01.html").read_bytes()
    first_cover = (out / "edition-2024-03-01.png").read_bytes()
    tone_edition(tmp_path, tone_config, "2024-03-02", {"b.txt": HARBOUR.replace("Harbour", "Bridge")})
    assert (out / "cover.png").read_bytes() == cover  # the show's cover: no date, stable
    assert (out / "edition-2024-03-01.html").read_bytes() == first_page  # the first day's page and cover are untouched
    assert (out / "edition-2024-03-01.png").read_bytes() == first_cover
    assert (out / "edition-2024-03-02.png").read_bytes() != first_cover  # each edition's cover carries its date
    first = (out / "edition-2024-03-01.html").read_text(encoding="utf-8")
    assert 'src="edition-2024-03-01.mp3"' in first and 'src="edition-2024-03-01.png"' in first and "Bridge" not in first
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'src="edition-2024-03-02.mp3"' in index  # plays the newest
    links = re.findall(r'<a href="(edition-[\d-]+\.html)"', index)
    assert links == ["edition-2024-03-02.html", "edition-2024-03-01.html"]  # every edition, newest first
    # rebuilding the older date keeps the index on the newest
    tone_edition(tmp_path, tone_config, "2024-03-01", {"a.txt": HARBOUR, "c.txt": HOSTILE})
    assert 'src="edition-2024-03-02.mp3"' in (out / "index.html").read_text(encoding="utf-8")


def test_the_edition_never_decodes_an_article_mp3(tmp_path: Path, tone_config: Path) -> None:
    """Its audio is the articles' levelled PCM: an article MP3 replaced by garbage right after it is written changes nothing."""
    from narrate import config as configuration
    from narrate.engines import get_engine

    cfg = configuration.load(str(tone_config))
    engine = get_engine(cfg.engine, cfg.engine_table())
    (tmp_path / "a.txt").write_text(HARBOUR, encoding="utf-8")

    def narrate_one(source: str, target: Path, again: bool) -> Any:
        result = narrate(source, target, cfg, engine, force=again)
        target.write_bytes(b"not an mp3")
        return result

    result = build([str(tmp_path / "a.txt")], tmp_path / "out", cfg, engine, narrate_one, DATE)
    lufs, peak = ebur128(result.mp3)
    assert -17.0 <= lufs <= -15.0 and peak <= -1.0


def test_up_to_date_articles_join_their_kept_levelled_audio(tmp_path: Path, tone_config: Path) -> None:
    from narrate.cache import Cache

    cache = Cache(tmp_path / "cache")
    calls: list[tuple[str, bool]] = []
    first = tone_edition(tmp_path, tone_config, DATE, {"a.txt": HARBOUR}, cache=cache, calls=calls)
    assert list((tmp_path / "cache" / "v2" / "levelled").glob("*.wav"))
    again = tone_edition(tmp_path, tone_config, DATE, {"a.txt": HARBOUR}, cache=cache, calls=calls)
    assert calls == [("a.txt", False), ("a.txt", False)]  # nothing spoken again
    assert again.manifest["stories"] == first.manifest["stories"]
    for entry in (tmp_path / "cache" / "v2" / "levelled").glob("*.wav"):
        entry.write_bytes(entry.read_bytes()[:-100])  # damaged: spoken again, never used
    tone_edition(tmp_path, tone_config, DATE, {"a.txt": HARBOUR}, cache=cache, calls=calls)
    assert calls[-2:] == [("a.txt", False), ("a.txt", True)]


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG file that claims to be width x height: only its header is ever read."""
    import struct
    import zlib

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [15_000, 13_000, 3_001])
def test_oversized_artwork_is_refused_from_its_header_before_any_audio(tmp_path: Path, tone_config: Path, side: int,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "big.png").write_bytes(png_header(side, side))
    toml = tmp_path / "narrate.toml"
    toml.write_text(tone_config.read_text(encoding="utf-8") + '\n[edition]\nartwork = "big.png"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(HARBOUR, encoding="utf-8")
    code = main(["edition", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--config", str(toml), "--date", DATE, "-q"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "3,000 px a side" in err and "big.png" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_relative_artwork_is_found_beside_narrate_toml(tmp_path: Path, tone_config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from narrate import config as configuration

    conf = tmp_path / "conf"
    conf.mkdir()
    Image.new("RGB", (1600, 1500), (200, 30, 30)).save(conf / "art.png")
    toml = conf / "narrate.toml"
    toml.write_text(tone_config.read_text(encoding="utf-8") + '\n[edition]\nartwork = "art.png"\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = tone_edition(tmp_path, tone_config, DATE, {"a.txt": HARBOUR}, cfg=configuration.load(str(toml)))
    with Image.open(result.mp3.parent / "cover.png") as img:
        assert img.size == (1500, 1500) and img.getpixel((10, 10)) == (200, 30, 30)
    with Image.open(result.mp3.parent / f"edition-{DATE}.png") as img:
        assert img.size == (1500, 1500) and img.getpixel((10, 10)) == (200, 30, 30)  # the artwork, with its date drawn on


def test_a_double_quote_in_category_is_refused_before_any_audio(tmp_path: Path, tone_config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    toml = tmp_path / "narrate.toml"
    toml.write_text(tone_config.read_text(encoding="utf-8") + '\n[edition]\ncategory = "News \\"daily\\""\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(HARBOUR, encoding="utf-8")
    code = main(["edition", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--config", str(toml), "--date", DATE, "-q"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Apple's podcast categories" in err
    assert not (tmp_path / "out").exists()


def test_an_edition_without_a_page_of_its_own_is_listed_by_its_mp3(tmp_path: Path, tone_config: Path) -> None:
    """Editions built before each had its own page are still listed, and no link in the index is dead."""
    tone_edition(tmp_path, tone_config, "2024-03-01", {"a.txt": HARBOUR})
    out = tmp_path / "out"
    (out / "edition-2024-03-01.html").unlink()
    tone_edition(tmp_path, tone_config, "2024-03-02", {"b.txt": HARBOUR.replace("Harbour", "Bridge")})
    links = re.findall(r'<a href="([^"]+)"', (out / "index.html").read_text(encoding="utf-8"))
    assert links[:2] == ["edition-2024-03-02.html", "edition-2024-03-01.mp3"]
    assert all((out / link).is_file() for link in links[:2])
