"""feed.xml over many days: parsed by gPodder's podcastparser and by feedparser (and a strict XML parser).

Editions are built with the tone engine through the real registry: the feed
does not care what the audio says, only that it exists and is measured right.
"""

from __future__ import annotations

import io
import logging
import os
import uuid
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import feedparser
import podcastparser
import pytest

from narrate import config as configuration
from narrate.config import Config
from narrate.edition import EditionResult, build
from narrate.edition.feed import BASE_URL_WARNING, PODCAST_NS, guid, podcast_guid
from narrate.engines import get_engine
from narrate.errors import ConfigError
from narrate.pipeline import narrate

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
BASE = "https://example.org/news/"

STORY = """Ferry service returns

The harbour ferry ran again on Monday.

By Ann Lee

Passengers said they were pleased.
"""

ZOE = """Zoë's Bakery reopens

The café's owner said it's "good to be back".

By Zoë Brontë

Queues formed at dawn.
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

    def narrate_one(source: str, target: Path, again: bool) -> Any:
        return narrate(source, target, cfg, engine, force=again)

    return build([str(src / n) for n in stories], folder / "audio", cfg, engine, narrate_one, date)


@pytest.fixture
def tone_cfg(tone_config: Path) -> Config:
    return configuration.load(str(tone_config))


@pytest.fixture
def show(tone_cfg: Config) -> Config:
    return replace(tone_cfg, edition=replace(tone_cfg.edition, base_url=BASE.rstrip("/"), author="Ann Lee", owner_email="news@example.org"))


def items(feed: Path) -> list[ET.Element]:
    return ET.parse(feed).getroot().findall("./channel/item")


def item_xml(feed: Path) -> dict[str, bytes]:
    """Each item's XML by its pubDate, to compare items across builds."""
    return {str(i.findtext("pubDate")): ET.tostring(i) for i in items(feed)}


def test_two_days_parse_in_podcastparser_and_feedparser(tmp_path: Path, show: Config) -> None:
    make_edition(tmp_path, show, "2024-03-01", {"a.txt": STORY, "b.txt": HOSTILE})
    make_edition(tmp_path, show, "2024-03-02", {"a.txt": STORY})
    out = tmp_path / "audio"
    feed = out / "feed.xml"

    with feed.open("rb") as raw:
        pod = podcastparser.parse(BASE + "feed.xml", raw)
    assert pod["title"] == "The narrate edition"
    assert [e["guid"] for e in pod["episodes"]] == [guid(BASE, "2024-03-02"), guid(BASE, "2024-03-01")]
    for episode, date in zip(pod["episodes"], ("2024-03-02", "2024-03-01"), strict=True):
        [enclosure] = episode["enclosures"]
        assert enclosure["url"] == f"{BASE}edition-{date}.mp3"
        assert enclosure["file_size"] == os.path.getsize(out / f"edition-{date}.mp3")
        assert enclosure["mime_type"] == "audio/mpeg"
        data = (out / f"edition-{date}.json").read_text(encoding="utf-8")
        assert episode["total_time"] == __import__("json").loads(data)["duration_ms"] // 1000
        assert episode["link"] == f"{BASE}edition-{date}.html"  # each item its own page
        assert episode["episode_art_url"] == f"{BASE}edition-{date}.png"  # and its own cover

    parsed = feedparser.parse(str(feed))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.image.href == BASE + "cover.png"
    assert [e.id for e in parsed.entries] == [guid(BASE, "2024-03-02"), guid(BASE, "2024-03-01")]
    assert [int(e.enclosures[0].length) for e in parsed.entries] == [
        os.path.getsize(out / "edition-2024-03-02.mp3"), os.path.getsize(out / "edition-2024-03-01.mp3")]
    assert all(e.itunes_duration.count(":") == 2 for e in parsed.entries)
    assert [e.image.href for e in parsed.entries] == [BASE + "edition-2024-03-02.png", BASE + "edition-2024-03-01.png"]

    # the hostile headline is text in the show notes, not markup
    notes = items(feed)[1].findtext("description") or ""
    assert "&lt;script&gt;" in notes and "<script>" not in notes


def test_channel_and_items_carry_the_complete_set_of_tags(tmp_path: Path, show: Config) -> None:
    make_edition(tmp_path, show, "2024-03-01", {"a.txt": STORY})
    feed = tmp_path / "audio" / "feed.xml"
    channel = ET.parse(feed).getroot().find("channel")
    assert channel is not None
    self_link = [link for link in channel.findall(f"{{{ATOM}}}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_link] == [BASE + "feed.xml"]
    assert channel.findtext(f"{{{PODCAST_NS}}}guid") == str(uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "example.org/news/feed.xml"))
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml/") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"  # the spec's example
    locked = channel.find(f"{{{PODCAST_NS}}}locked")
    assert locked is not None and locked.text == "no" and locked.get("owner") == "news@example.org"
    assert channel.findtext(f"{{{ITUNES}}}type") == "episodic"
    assert channel.findtext(f"{{{ITUNES}}}explicit") == "false"
    assert channel.find(f"{{{ITUNES}}}category").get("text") == "News"  # type: ignore[union-attr]
    [item] = items(feed)
    assert item.findtext(f"{{{ITUNES}}}explicit") == "false"
    assert item.find(f"{{{PODCAST_NS}}}transcript").get("url") == BASE + "edition-2024-03-01.vtt"  # type: ignore[union-attr]
    assert item.find(f"{{{PODCAST_NS}}}chapters").get("url") == BASE + "edition-2024-03-01.chapters.json"  # type: ignore[union-attr]
    assert item.find("guid").get("isPermaLink") == "false"  # type: ignore[union-attr]

    explicit = replace(show, edition=replace(show.edition, explicit=True, locked=True, category="News > Daily News"))
    make_edition(tmp_path, explicit, "2024-03-02", {"a.txt": STORY})
    channel = ET.parse(feed).getroot().find("channel")
    assert channel is not None
    assert channel.findtext(f"{{{ITUNES}}}explicit") == "true"
    assert channel.findtext(f"{{{PODCAST_NS}}}locked") == "yes"
    category = channel.find(f"{{{ITUNES}}}category")
    assert category is not None and category.get("text") == "News" and category[0].get("text") == "Daily News"
    newest, older = items(feed)
    assert newest.findtext(f"{{{ITUNES}}}explicit") == "true"
    assert older.findtext(f"{{{ITUNES}}}explicit") == "false"  # an item keeps what it was built with


def test_guids_are_unique_to_the_show_and_stable() -> None:
    assert guid("https://a.example/", "2024-03-01") != guid("https://b.example/", "2024-03-01")
    assert guid("https://a.example/", "2024-03-01") == guid("https://a.example/", "2024-03-01")
    assert guid("narrate:Morning news", "2024-03-01") != guid("narrate:Evening news", "2024-03-01")


def test_rebuilding_one_date_changes_that_date_only(tmp_path: Path, show: Config) -> None:
    make_edition(tmp_path, show, "2024-03-01", {"a.txt": STORY})
    make_edition(tmp_path, show, "2024-03-02", {"c.txt": ZOE})
    out = tmp_path / "audio"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    items_before = item_xml(out / "feed.xml")
    first_guid = items(out / "feed.xml")[1].findtext("guid")

    other_author = replace(show, edition=replace(show.edition, author="Someone Else"))
    make_edition(tmp_path, other_author, "2024-03-01", {"a.txt": STORY, "b.txt": HOSTILE})
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert changed == sorted([
        "b.chapters.json", "b.json", "b.mp3", "b.vtt",  # the new story
        "edition-2024-03-01.chapters.json", "edition-2024-03-01.html", "edition-2024-03-01.json", "edition-2024-03-01.mp3",
        "edition-2024-03-01.vtt",
        "feed.xml",
    ])  # edition-2024-03-01.png is the same picture; cover.png never changes; index.html still plays the 2nd
    items_after = item_xml(out / "feed.xml")
    second_day = next(k for k in items_before if "02 Mar" in k)
    assert items_after[second_day] == items_before[second_day]  # the other day's item, byte for byte
    newest, rebuilt = items(out / "feed.xml")
    assert newest.findtext(f"{{{ITUNES}}}author") == "Ann Lee"  # an item keeps the author it was built with
    assert rebuilt.findtext(f"{{{ITUNES}}}author") == "Someone Else"
    assert rebuilt.findtext("guid") == first_guid  # stable across the rebuild


def test_apostrophes_and_accents_are_written_plainly(tmp_path: Path, show: Config) -> None:
    make_edition(tmp_path, show, "2024-03-01", {"zoe.txt": ZOE})
    raw = (tmp_path / "audio" / "feed.xml").read_text(encoding="utf-8")
    assert "Zoë's Bakery reopens" in raw and "Zoë Brontë" in raw
    assert "&#x27;" not in raw and "&amp;#" not in raw
    with (tmp_path / "audio" / "feed.xml").open("rb") as stream:
        pod = podcastparser.parse(BASE + "feed.xml", stream)
    assert "Zoë's Bakery reopens" in pod["episodes"][0]["description_html"]
    assert "Zoë's Bakery reopens" in feedparser.parse(raw).entries[0].description


def test_unset_base_url_warns_and_links_stay_relative(tmp_path: Path, tone_cfg: Config, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="narrate"):
        make_edition(tmp_path, tone_cfg, "2024-03-01", {"a.txt": STORY})
    assert caplog.text.count(BASE_URL_WARNING) == 1
    parsed = feedparser.parse(str(tmp_path / "audio" / "feed.xml"))
    assert parsed.entries[0].enclosures[0].href == "edition-2024-03-01.mp3"
    assert parsed.entries[0].id == guid("narrate:The narrate edition", "2024-03-01")


@pytest.mark.parametrize(
    ("manifest", "why"),
    [
        ("[1, 2]", "not a JSON object"),
        ('{"date": "2024-01-02", "mp3": "edition-2024-01-02.mp3", "duration_ms": 1, "stories": []}', "'title'"),
        ('{"title": 3, "date": "x"}', "'title'"),
        ("\x00\x01garbage", "not a readable edition manifest"),
    ],
)
def test_a_damaged_or_foreign_manifest_is_skipped_with_a_warning(
    tmp_path: Path, tone_cfg: Config, caplog: pytest.LogCaptureFixture, manifest: str, why: str
) -> None:
    out = tmp_path / "audio"
    out.mkdir()
    (out / "edition-2024-01-02.json").write_text(manifest, encoding="utf-8")
    (out / "edition-2024-01-02.mp3").write_bytes(b"\xff\xfb" * 100)
    (out / "edition-notes.json").write_text("[]", encoding="utf-8")  # not an edition's name: never read
    with caplog.at_level(logging.WARNING, logger="narrate"):
        make_edition(tmp_path, tone_cfg, "2024-03-01", {"a.txt": STORY})
        make_edition(tmp_path, tone_cfg, "2024-03-02", {"a.txt": STORY})  # and the next edition into the folder too
    assert why in caplog.text and "edition-2024-01-02.json" in caplog.text and "edition-notes" not in caplog.text
    assert len(feedparser.parse(str(out / "feed.xml")).entries) == 2


@pytest.mark.parametrize("value", ['News "quoted"', "Cooking", "News > Gardening", ""])
def test_category_is_checked_against_apples_list_before_any_audio(tmp_path: Path, tone_cfg: Config, value: str) -> None:
    cfg = replace(tone_cfg, edition=replace(tone_cfg.edition, category=value))
    calls: list[str] = []

    def narrate_one(source: str, target: Path, again: bool) -> Any:
        calls.append(source)
        raise AssertionError("no audio work before the settings are checked")

    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    with pytest.raises(ConfigError, match="category") as err:
        build([str(tmp_path / "a.txt")], tmp_path / "out", cfg, get_engine("tone"), narrate_one, "2024-03-01")
    assert err.value.exit_code == 2 and "\n" not in str(err.value)
    assert calls == [] and not (tmp_path / "out").exists()


def test_category_names_are_apples_whatever_the_case(tmp_path: Path, show: Config) -> None:
    from narrate.edition.settings import category

    assert category("true crime").name == "True Crime"
    assert category("Society & Culture > places & travel").sub == "Places & Travel"


def test_feed_parses_from_a_stream_as_podcast_apps_fetch_it(tmp_path: Path, show: Config) -> None:
    make_edition(tmp_path, show, "2024-03-01", {"a.txt": STORY})
    data = (tmp_path / "audio" / "feed.xml").read_bytes()
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    pod = podcastparser.parse(BASE + "feed.xml", io.BytesIO(data))
    assert len(pod["episodes"]) == 1 and pod["episodes"][0]["enclosures"][0]["url"].endswith("edition-2024-03-01.mp3")
