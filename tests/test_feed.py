"""feed.xml: parsed by feedparser (and by a strict XML parser), enclosure lengths exact, no duplicates.

Editions are built with the tone engine through the real registry: the feed
does not care what the audio says, only that it exists and is measured right.
"""

from __future__ import annotations

import logging
import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import feedparser
import pytest

from narrate import config as configuration
from narrate.config import Config
from narrate.edition import EditionResult, build
from narrate.engines import get_engine
from narrate.feed import BASE_URL_WARNING, PODCAST_NS, guid
from narrate.pipeline import narrate

STORY = """Ferry service returns

The harbour ferry ran again on Monday.

By Ann Lee

Passengers said they were pleased.
"""

HOSTILE = """Council <script>document.title="pwned"</script> vote ]]> ends \x0b"badly" & 'loudly'

It was <b>loud</b>. ]]> Then quiet.

Nobody knew why.
"""


def make_edition(folder: Path, cfg: Config, date: str, stories: dict[str, str]) -> EditionResult:
    src = folder / "src"
    src.mkdir(exist_ok=True)
    for name, text in stories.items():
        (src / name).write_text(text, encoding="utf-8")
    engine = get_engine(cfg.engine, cfg.engine_table())

    def narrate_one(source: str, target: Path) -> dict[str, Any]:
        return narrate(source, target, cfg, engine).manifest

    return build([str(src / n) for n in stories], folder / "audio", cfg, engine, narrate_one, date)


@pytest.fixture
def tone_cfg(tone_config: Path) -> Config:
    return configuration.load(str(tone_config))


def items(feed: Path) -> list[ET.Element]:
    return ET.parse(feed).getroot().findall("./channel/item")


def test_feed_parses_and_enclosures_are_exact(tmp_path: Path, tone_cfg: Config) -> None:
    cfg = replace(tone_cfg, edition=replace(tone_cfg.edition, base_url="https://example.org/news"))
    make_edition(tmp_path, cfg, "2024-03-01", {"a.txt": STORY, "b.txt": HOSTILE})
    out = tmp_path / "audio"
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "The narrate edition"
    assert parsed.feed.image.href == "https://example.org/news/cover.png"
    [entry] = parsed.entries
    assert entry.id == guid("2024-03-01") == "narrate-edition-2024-03-01"
    [enclosure] = entry.enclosures
    assert enclosure.href == "https://example.org/news/edition-2024-03-01.mp3"
    assert int(enclosure.length) == os.path.getsize(out / "edition-2024-03-01.mp3")
    assert enclosure.type == "audio/mpeg"
    assert entry.itunes_duration.count(":") == 2
    assert parsed.feed.itunes_explicit is not True  # feedparser maps "no" to None, "yes" to True
    itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    assert ET.parse(out / "feed.xml").getroot().findtext(f"./channel/{{{itunes}}}explicit") == "no"
    # show notes: each story with its byline; the hostile headline is text, not markup
    assert "Ferry service returns" in entry.description and "Ann Lee" in entry.description
    [item] = items(out / "feed.xml")
    notes = item.findtext("description") or ""
    assert "&lt;script&gt;" in notes and "<script>" not in notes
    transcript = item.find(f"{{{PODCAST_NS}}}transcript")
    chapters = item.find(f"{{{PODCAST_NS}}}chapters")
    assert transcript is not None and transcript.get("url") == "https://example.org/news/edition-2024-03-01.vtt"
    assert transcript.get("type") == "text/vtt"
    assert chapters is not None and chapters.get("url") == "https://example.org/news/edition-2024-03-01.chapters.json"
    assert chapters.get("type") == "application/json+chapters"
    assert (out / "edition-2024-03-01.vtt").is_file() and (out / "edition-2024-03-01.chapters.json").is_file()


def test_regenerating_replaces_the_item(tmp_path: Path, tone_cfg: Config) -> None:
    make_edition(tmp_path, tone_cfg, "2024-03-01", {"a.txt": STORY})
    make_edition(tmp_path, tone_cfg, "2024-03-02", {"a.txt": STORY})
    make_edition(tmp_path, tone_cfg, "2024-03-01", {"a.txt": STORY, "b.txt": HOSTILE})  # the 1st again, now longer
    out = tmp_path / "audio"
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo
    assert [e.id for e in parsed.entries] == [guid("2024-03-02"), guid("2024-03-01")]  # newest first, once each
    for entry in parsed.entries:
        [enclosure] = entry.enclosures
        assert int(enclosure.length) == os.path.getsize(out / enclosure.href)
    assert "Council" in parsed.entries[1].description  # the rebuilt 1 March edition, not the first one


def test_unset_base_url_warns_and_links_stay_relative(tmp_path: Path, tone_cfg: Config, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="narrate"):
        make_edition(tmp_path, tone_cfg, "2024-03-01", {"a.txt": STORY})
    assert BASE_URL_WARNING in caplog.text
    parsed = feedparser.parse(str(tmp_path / "audio" / "feed.xml"))
    assert parsed.entries[0].enclosures[0].href == "edition-2024-03-01.mp3"
