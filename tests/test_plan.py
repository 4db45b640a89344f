"""planned_outputs: every output path of a run decided, and checked, before any work."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.errors import ConfigError
from narrate.plan import EDITION_MANIFEST, planned_outputs, safe_stem, url_stem


def test_each_input_gets_its_four_outputs(tmp_path: Path) -> None:
    [plan] = planned_outputs([str(tmp_path / "in" / "story.txt")], tmp_path / "out")
    assert [p.name for p in plan.paths()] == ["story.mp3", "story.json", "story.vtt", "story.chapters.json"]


def test_same_stem_in_two_folders_is_refused_naming_both(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        planned_outputs(["x/story.txt", "y/story.html"], tmp_path)
    assert "x/story.txt" in str(err.value) and "y/story.html" in str(err.value)
    assert err.value.exit_code == 2


def test_manifest_of_one_input_is_the_chapters_file_of_another(tmp_path: Path) -> None:
    """x.chapters.txt's manifest, x.chapters.json, is also x.txt's chapters document."""
    with pytest.raises(ConfigError, match=r"x\.txt and .*x\.chapters\.txt would both write .*x\.chapters\.json"):
        planned_outputs([str(tmp_path / "x.txt"), str(tmp_path / "x.chapters.txt")], tmp_path / "out")


def test_an_output_never_replaces_an_input(tmp_path: Path) -> None:
    story = tmp_path / "story.json"  # given explicitly: its manifest would be itself
    with pytest.raises(ConfigError, match="would write over the input"):
        planned_outputs([str(story)], tmp_path)


def test_edition_files_are_planned_too(tmp_path: Path) -> None:
    """An article called index.html in the output folder is an input the edition's player would replace."""
    index = tmp_path / "index.html"
    with pytest.raises(ConfigError, match=r"the edition of 2024-03-01 would write over the input .*index\.html"):
        planned_outputs([str(index), str(tmp_path / "story.txt")], tmp_path, edition_date="2024-03-01")
    with pytest.raises(ConfigError, match="edition-2024-03-01"):
        planned_outputs([str(tmp_path / "edition-2024-03-01.txt")], tmp_path / "out", edition_date="2024-03-01")
    planned_outputs([str(index)], tmp_path / "out", edition_date="2024-03-01")


def test_single_file_output(tmp_path: Path) -> None:
    [plan] = planned_outputs(["-"], tmp_path / "today.mp3", single_file=True)
    assert plan.manifest == tmp_path / "today.json"
    with pytest.raises(ConfigError, match="names one file"):
        planned_outputs(["a.txt", "b.txt"], tmp_path / "today.mp3", single_file=True)


@pytest.mark.parametrize(
    "url, stem",
    [
        ("https://example.org/world/2024/03/01/Big-Story.html", "big-story"),
        ("https://example.org/world/big_story/", "big-story"),
        ("https://example.org/a/%E2%80%9Cquoted%E2%80%9D", "quoted"),
        ("https://example.org/", None),
    ],
)
def test_url_stems(url: str, stem: str | None) -> None:
    got = url_stem(url)
    assert got == stem if stem else len(got) == 8 and int(got, 16) >= 0


def test_clashing_url_stems_get_the_url_hash(tmp_path: Path) -> None:
    plans = planned_outputs(["https://a.example/news/story", "https://b.example/story"], tmp_path)
    names = [p.mp3.stem for p in plans]
    assert names[0] != names[1] and all(n.startswith("story-") for n in names)


@pytest.mark.parametrize("name, stem", [("../../etc/passwd", "etc-passwd"), ("Ünïcode  Story!", "n-code-story"), ("...", "")])
def test_safe_stem_cannot_leave_its_folder(name: str, stem: str) -> None:
    assert safe_stem(name) == stem
    assert len(safe_stem("a" * 200)) == 80


def test_edition_manifest_pattern_is_exact() -> None:
    assert EDITION_MANIFEST.fullmatch("edition-2024-03-01.json")
    assert not EDITION_MANIFEST.fullmatch("edition-2024-03-01.chapters.json")


def test_a_hard_link_to_an_input_is_that_input(tmp_path: Path) -> None:
    story = tmp_path / "in" / "story.txt"
    story.parent.mkdir()
    story.write_text("A story.\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "story.vtt").hardlink_to(story)
    with pytest.raises(ConfigError, match="would write over the input"):
        planned_outputs([str(story)], tmp_path / "out")
