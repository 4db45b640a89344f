"""Pasted text: code is never read line by line, as in saved pages and Markdown (one sentence stands in
its place). Pages and code written for the test."""

from __future__ import annotations

from narrate.clean.code import CODE_NOTE, drop_code, is_code_line
from tests.pasted import clean_lines

HEADLINE = "How we stopped our nightly import from running out of memory"
INTRO = [
    "Every night our importer reads about forty million rows from the archive, and for a year it ran without trouble.",
    "Then, in March, it began to fail twice a week, always in the last hour, with the machine out of memory.",
]
MIDDLE = "The fix was to read the archive in batches, and to give each batch a short pause before the next one."
OUTRO = [
    "Since the change the import has not failed once, and it finishes twenty minutes sooner than it did before.",
    "We plan to use the same batching for the weekly export, which has the same shape and the same old habits.",
]
CODE = ["python", "Copy", "batch_size = 5000", "", "for batch in read_batches(archive, batch_size):",
        "    load(batch)", "    time.sleep(0.2)"]


def test_a_code_block_in_a_pasted_post_is_said_once_and_the_post_goes_on() -> None:
    page = ["Engineering blog", "Posts", "About", HEADLINE, "By Nora Pell", *INTRO, MIDDLE, "", *CODE, "", *OUTRO,
            "Share this post", "About us", "Privacy"]
    texts = [b.text for b in clean_lines(page).blocks]
    assert texts == [*INTRO, MIDDLE, CODE_NOTE, *OUTRO]


def test_code_line_shapes() -> None:
    for line in ("batch_size = 5000", "delay := 3 * time.Second", "time.sleep(0.2)", "import numpy as np",
                 "from narrate.clean import clean", "[server]", "}", '"name": "narrate",', "$ pip install narrate",
                 "git clone https://example.org/narrate.git", "if (ready) {", "let total = count(items);"):
        assert is_code_line(line), line
    for line in ("One or two lemons; we recommend the organic kind;", "Step one: put a pooler in front",
                 "The score was level at half time, and the crowd went quiet.", "Export figures rose in March.",
                 "Git is a version control system used by most software teams, the survey said."):
        assert not is_code_line(line), line


def test_a_lone_line_of_code_is_read_unless_it_is_a_command() -> None:
    assert drop_code(["Set the value like this:", "retries = 3", "and carry on."]) == [
        "Set the value like this:", "retries = 3", "and carry on."]
    assert drop_code(["Install it first:", "$ pip install narrate", "Then run it."]) == [
        "Install it first:", "", CODE_NOTE, "", "Then run it."]
