"""Property tests: clean, split and normalise hold up on text nobody wrote by hand."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from narrate.article import Document
from narrate.clean import clean
from narrate.errors import InputError
from narrate.normalise import normalise, speak
from narrate.split import split

WORDS = (
    "the council said that new homes would be built near river by next spring and local people "
    "welcomed plan after long wait for better roads schools shops teachers families farmers bridge "
    "market town village winter summer water prices workers hospital doctors nurses children parents "
    "mayor committee report budget during morning evening quietly slowly again still also because "
    "while many several some their our with from into over under between across"
).split()

settings.register_profile("narrate", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("narrate")


@given(st.text(max_size=2000), st.sampled_from(["text", "markdown", "html"]))
def test_clean_split_normalise_never_crash(text: str, fmt: str) -> None:
    doc = Document(source="x", stem="x", format=fmt, text=text)  # type: ignore[arg-type]
    try:
        article = clean(doc)
    except InputError:
        return  # "no article here" is an answer, not a crash
    segments = normalise(split(article))
    assert segments and segments[0].kind == "headline"


@given(st.text(max_size=500))
def test_speak_never_crashes(text: str) -> None:
    assert isinstance(speak(text), str)


words = st.lists(st.sampled_from(WORDS), min_size=8, max_size=20).filter(lambda w: len(set(w)) >= 6)
sentence = words.map(lambda w: " ".join(w).capitalize() + ".")
headline = st.lists(st.sampled_from(WORDS), min_size=4, max_size=9, unique=True).map(lambda w: " ".join(w).capitalize())


@st.composite
def story(draw: st.DrawFn) -> list[list[str]]:
    """Paragraphs of two to four sentences; no sentence twice (a repeat is a pull quote, and goes)."""
    sentences = draw(st.lists(sentence, min_size=2, max_size=16, unique=True))
    cuts = draw(st.lists(st.integers(2, 4), min_size=len(sentences), max_size=len(sentences)))
    paragraphs, i = [], 0
    for size in cuts:
        if len(sentences) - i < 2:
            break
        take = size if len(sentences) - (i + size) != 1 else size + 1
        paragraphs.append(sentences[i : i + take])
        i += take
    if i < len(sentences):
        paragraphs[-1] += sentences[i:]
    return paragraphs


@given(headline, story(), st.sampled_from(["text", "markdown"]))
def test_an_article_without_clutter_loses_no_sentence(title: str, paragraphs: list[list[str]], fmt: str) -> None:
    head = f"# {title}" if fmt == "markdown" else title
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    segments = split(clean(Document(source="x", stem="x", format=fmt, text=f"{head}\n\n{text}\n")))  # type: ignore[arg-type]
    assert segments[0].text == title
    spoken = [s.text for s in segments[1:]]
    assert spoken == [" ".join(p) for p in paragraphs]  # every sentence, once, in order


MARKUP = ["# ", "## ", "### ", "**", "__", "*", "_", "___", "***", "`", "```", "~~", " | ", "|", "<b>", "</b>",
          "<p>", "<br/>", "&lt;i&gt;", "&amp;lt;span class=\"x\"&amp;gt;", "&amp;lt;/span&amp;gt;", "- ", "> ", "[",
          "](http://example.org/x_y)", "\n", "\n\n", "\n---\n", "\n| a | b |\n"]
_MARKED = re.compile(r"[#*_`|~]|</?[A-Za-z][^<>]*>|\b(?:amp|lt|gt);")


@given(st.lists(st.one_of(st.sampled_from(MARKUP), st.sampled_from(WORDS), st.just(" ")), min_size=1, max_size=80),
       st.sampled_from(["text", "markdown", "html"]))
def test_no_markup_ever_reaches_speech(pieces: list[str], fmt: str) -> None:
    """Markdown and HTML marks (#, *, _, |, `, ~, tags) are never handed to an engine, whatever the input."""
    story = " ".join(WORDS[:12]).capitalize() + ". " + "".join(pieces)
    text = f"# Council plans new homes\n\n{story}\n" if fmt != "html" else f"<h1>Council plans new homes</h1><p>{story}</p>"
    try:
        article = clean(Document(source="x", stem="x", format=fmt, text=text))  # type: ignore[arg-type]
    except InputError:
        return
    for segment in normalise(split(article)):
        assert not _MARKED.search(segment.speech), segment.speech


@given(st.lists(st.sampled_from([*"#*_`|~<>/ab. \n", "&lt;", "&gt;", "&amp;"]), max_size=200).map("".join))
@example("<a<>>")  # taking "<>" out made a tag of what was left (found by this test in CI)
def test_speak_says_no_markup(text: str) -> None:
    assert not _MARKED.search(speak(text))
