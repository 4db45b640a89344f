from __future__ import annotations

import io
from pathlib import Path

import pytest

from narrate.errors import InputError
from narrate.read import MAX_BYTES, decode, expand, read, sniff

SAMPLE = "“Half of them do not work,” he said. Kyiv’s café – 50 years old. Naïve résumé.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_decodes_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    assert read(str(path)).text == SAMPLE


def test_decodes_latin1(tmp_path: Path) -> None:
    text = "The café in Zürich served crème brûlée, said Mr Müller.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("latin-1"))
    assert read(str(path)).text == text


def test_input_file_is_not_modified(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    data = SAMPLE.encode("cp1252")
    path.write_bytes(data)
    read(str(path))
    assert path.read_bytes() == data


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        read(str(path))


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_input_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty"):
        read(str(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(str(tmp_path / "nope.txt"))


def test_stdin_and_format_by_suffix(tmp_path: Path) -> None:
    doc = read("-", io.BytesIO(b"<html><body><p>Hi</p></body></html>"))
    assert (doc.source, doc.stem, doc.format) == ("-", "stdin", "html")
    for name, fmt in [("a.md", "markdown"), ("b.html", "html"), ("c.htm", "html"), ("d.txt", "text")]:
        (tmp_path / name).write_text("# Title\n\nBody.\n", encoding="utf-8")
        assert read(str(tmp_path / name)).format == fmt


@pytest.mark.parametrize(
    "text, fmt",
    [("<!DOCTYPE html><html>", "html"), ("# Headline\n\nBody", "markdown"), ("Headline\nBody.", "text")],
)
def test_sniff(text: str, fmt: str) -> None:
    assert sniff(text) == fmt


def test_expand_directory(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "c.html", "d.htm", "README.md", "notes.pdf", "e.TXT"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "f.txt").write_text("x", encoding="utf-8")
    names = [Path(p).name for p in expand([str(tmp_path), "-"])]
    assert names == ["a.md", "b.txt", "c.html", "d.htm", "e.TXT", "-"]


def test_non_ascii_path_with_spaces(tmp_path: Path) -> None:
    path = tmp_path / "Zürich café story.txt"
    path.write_text("Hello.\n", encoding="utf-8")
    assert read(str(path)).stem == "Zürich café story"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom_is_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    assert read(str(path)).text == SAMPLE


def test_one_bad_line_does_not_garble_the_valid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("A café in Kyiv.\n".encode() + "Crème brûlée.\n".encode("cp1252"))
    assert read(str(path)).text == "A café in Kyiv.\nCrème brûlée.\n"


@pytest.mark.parametrize(
    "raw, text",
    [
        ("Head\x1b[2J\x1b]0;pwned\x07line\n", "Head[2J]0;pwnedline\n"),
        ("tab\tkept\r\nnew line\n", "tab\tkept\nnew line\n"),
        ("C1\x9b31m and DEL\x7f gone, \u202eoverride\n", "C131m and DEL gone, override\n"),
    ],
)
def test_control_characters_are_removed_at_read_time(raw: str, text: str) -> None:
    assert decode(raw.encode(), "x") == text


def test_nul_after_the_first_8_kib_is_removed_not_fatal() -> None:
    data = b"An article. " * 1000 + b"\x00tail.\n"
    assert "\x00" not in decode(data, "x") and decode(data, "x").endswith("tail.\n")


def test_limit_is_enforced_while_reading_stdin() -> None:
    with pytest.raises(InputError, match="standard input: .*10 MB"):
        read("-", io.BytesIO(b"a" * (MAX_BYTES + 1)))
    assert read("-", io.BytesIO(b"Fine.\n")).text == "Fine.\n"


def test_errors_on_stdin_say_standard_input() -> None:
    with pytest.raises(InputError, match="^standard input: the input is empty"):
        read("-", io.BytesIO(b"\n"))


def test_symlink_loop_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(InputError, match="symlink loop"):
        read(str(tmp_path / "a.txt"))


def test_a_folder_given_to_read_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read(str(tmp_path))


def test_an_internal_dtd_is_dropped_with_its_entity_references() -> None:
    page = (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        "<html><body><p>Boats returned &amp; so did &lol2; the crews.</p></body></html>"
    )
    doc = read("-", io.BytesIO(page.encode()))
    assert doc.format == "html" and "ENTITY" not in doc.text and "lol" not in doc.text
    assert "Boats returned &amp; so did  the crews." in doc.text
