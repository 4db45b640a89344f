"""The player in a real browser: Debian's headless Chromium, driven by Playwright, opened from file://.

Never skipped: Chromium is a prerequisite of `make test`, like Python and make.
A screenshot of the page is kept in tests/artifacts/player.png (git-ignored).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from narrate import config as configuration
from narrate.edition import EditionResult, build
from narrate.engines import get_engine
from narrate.pipeline import narrate
from tests.conftest import REFERENCE, ToneEngine

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

HARBOUR = """Harbour reopens after the storm

Fishing boats returned to the harbour on Monday morning.

By Jane Smith

The council said the repairs took three weeks and cost less than expected.

“We are very glad to be back at sea again,” said one skipper.
"""

HOSTILE = """Mayor's <script>window.pwned=1;alert(1)</script> plan ]]> "passes" \x1b[0m

A standfirst with <img src=x onerror="window.pwned=2"> in it.

The vote was close. Nobody wrote </script><script>window.pwned=3</script> on the wall.
"""


def chromium() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium is missing at {CHROMIUM}; install it with: apt-get update && apt-get install -y chromium")
    return CHROMIUM


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditionResult]:
    from narrate import engines

    engines.available_engines()
    engines.register(ToneEngine)
    try:
        folder = tmp_path_factory.mktemp("player")
        toml = folder / "tone.toml"
        toml.write_text('engine = "tone"\n[voices.tone]\nnarrator = "beep"\nquote = "beep:pitch=5"\n', encoding="utf-8")
        cfg = configuration.load(str(toml))
        (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
        (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
        engine = get_engine("tone", cfg.engine_table())

        def narrate_one(source: str, target: Path, again: bool) -> Any:
            return narrate(source, target, cfg, engine, force=again)

        (folder / "earlier.txt").write_text(HARBOUR.replace("Harbour reopens", "Storm closes harbour"), encoding="utf-8")
        build([str(folder / "earlier.txt")], folder / "audio", cfg, engine, narrate_one, "2024-02-29")  # an older edition
        sources = [str(folder / "harbour.txt"), str(REFERENCE), str(folder / "hostile.txt")]
        yield build(sources, folder / "audio", cfg, engine, narrate_one, "2024-03-01")
    finally:
        engines.unregister(ToneEngine.id)


@pytest.fixture
def page(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    profile = tmp_path / "profile"
    profile.mkdir()
    width, height = getattr(request, "param", (1280, 900))
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=FLAGS, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(15_000)
        # nothing but the page's own files: any attempt to reach the network fails the test
        escaped: list[str] = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else (escaped.append(route.request.url), route.abort()))
        pg = context.new_page()
        pg.escaped = escaped
        try:
            yield pg
        finally:
            context.close()


def until(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def current_time(page: Any) -> float:
    return float(page.evaluate("() => document.getElementById('audio').currentTime"))


def test_player_plays_seeks_and_runs_no_injected_script(edition: EditionResult, page: Any) -> None:
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    index = edition.mp3.parent / "index.html"
    page.goto(index.as_uri())

    # the audio loads from disk and reports the edition's duration
    assert until(lambda: page.evaluate("() => document.getElementById('audio').readyState") >= 1), page.evaluate(
        "() => String(document.getElementById('audio').error && document.getElementById('audio').error.message)"
    )
    duration = page.evaluate("() => document.getElementById('audio').duration")
    assert abs(duration * 1000 - edition.manifest["duration_ms"]) <= 250

    # hostile text is shown as text and nothing it carries runs
    stories = edition.manifest["stories"]
    buttons = page.locator("button.story")
    assert buttons.count() == 3
    assert "<script>window.pwned=1;alert(1)</script>" in buttons.nth(2).inner_text()
    assert page.evaluate("() => typeof window.pwned") == "undefined"
    assert page.evaluate("() => document.scripts.length") == 2  # the data block and the player, nothing else
    assert page.locator("img[src=x]").count() == 0
    assert page.title() == "The narrate edition"

    # a story's chapter button moves the playhead into that story
    buttons.nth(1).click()
    second = stories[1]
    assert until(lambda: second["start_ms"] / 1000 - 0.05 <= current_time(page) < second["end_ms"] / 1000), current_time(page)
    # the highlight follows on the audio's next timeupdate event, a moment after the seek
    assert until(lambda: "current" in (buttons.nth(1).get_attribute("class") or "")), buttons.nth(1).get_attribute("class")

    # a transcript sentence seeks to its cue and is highlighted
    body = [s for seg in edition.manifest["segments"] if seg["kind"] == "body" and seg["start_ms"] >= stories[1]["start_ms"] for s in seg["sentences"]]
    target = body[3]
    sentence = page.locator(".sentence", has_text=target["text"][:40]).first
    sentence.scroll_into_view_if_needed()
    sentence.click()
    assert until(lambda: target["start_ms"] / 1000 - 0.05 <= current_time(page) < target["end_ms"] / 1000), current_time(page)
    assert abs(current_time(page) * 1000 - target["start_ms"]) <= 250 or page.evaluate("() => !document.getElementById('audio').paused")
    assert until(lambda: "current" in (sentence.get_attribute("class") or ""))

    # the hostile story: clicking its heading seeks there, still with nothing injected running
    buttons.nth(2).click()
    assert until(lambda: current_time(page) >= stories[2]["start_ms"] / 1000 - 0.05)
    page.evaluate("() => document.getElementById('audio').pause()")
    page.locator(".sentence", has_text="The vote was close.").first.scroll_into_view_if_needed()
    assert page.evaluate("() => typeof window.pwned") == "undefined"
    assert dialogs == [] and errors == [] and page.escaped == []

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n", encoding="utf-8")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.locator(".sentence", has_text="The council said the repairs").first.click()
    page.evaluate("() => document.getElementById('audio').pause()")
    assert until(lambda: "current" in (page.locator(".sentence", has_text="The council said the repairs").first.get_attribute("class") or ""))
    time.sleep(0.3)  # let the highlight's fade-in finish
    page.screenshot(path=str(ARTIFACTS / "player.png"))
    print(f"screenshot: {ARTIFACTS / 'player.png'}")


def test_missing_chromium_fails_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(pytest.fail.Exception, match=r"apt-get update && apt-get install -y chromium"):
        chromium()
    monkeypatch.undo()
    assert chromium() == CHROMIUM  # and here it is installed


# --- keyboard, speed, small screens, and axe-core ---------------------------------------------

AXE = Path(__file__).resolve().parent / "fixtures" / "axe-core" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
PHONE = (375, 667)


def open_player(page: Any, edition: EditionResult, name: str = "index.html") -> None:
    page.goto((edition.mp3.parent / name).as_uri())
    assert until(lambda: page.evaluate("() => document.getElementById('audio').readyState") >= 1)


def focused(page: Any) -> str:
    """What has the keyboard focus: its id, else its tag, class and first words."""
    return str(page.evaluate("() => { const e = document.activeElement; return e.id || (e.tagName + '.' + e.className + ':' + (e.textContent || '').slice(0, 30)); }"))


def test_tab_order_starts_with_skip_link_and_sentences_are_one_tab_stop(edition: EditionResult, page: Any) -> None:
    open_player(page, edition)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to stories"
    page.keyboard.press("Enter")
    assert focused(page) == "stories-heading"
    page.keyboard.press("Tab")
    assert "story" in focused(page)  # the first story in the list
    tabbable = page.evaluate("() => [...document.querySelectorAll('.sentence')].filter(e => e.tabIndex >= 0).length")
    assert tabbable == 1
    total = page.evaluate("() => document.querySelectorAll('.sentence').length")
    assert total > 30  # the reference article alone has dozens, and they no longer each take a Tab


def test_space_works_on_the_skip_link_too(edition: EditionResult, page: Any) -> None:
    open_player(page, edition)
    page.keyboard.press("Tab")
    page.keyboard.press(" ")
    assert focused(page) == "stories-heading"


@pytest.mark.parametrize("key", ["Enter", " "])
def test_every_control_answers_enter_and_space(edition: EditionResult, page: Any, key: str) -> None:
    stories = edition.manifest["stories"]
    open_player(page, edition)
    audio = "document.getElementById('audio')"

    # story list buttons and story headings (buttons inside the h3) seek to their story
    for selector in ("button.story", "h3 button.heading"):
        buttons = page.locator(selector)
        assert buttons.count() == 3
        buttons.nth(2).focus()
        page.keyboard.press(key)
        assert until(lambda: current_time(page) >= stories[2]["start_ms"] / 1000 - 0.05), (selector, current_time(page))
        page.evaluate(f"() => {{ {audio}.pause(); {audio}.currentTime = 0; }}")

    # play/pause
    page.locator("#play").focus()
    page.keyboard.press(key)
    assert until(lambda: not page.evaluate(f"() => {audio}.paused"))
    page.keyboard.press(key)
    assert until(lambda: page.evaluate(f"() => {audio}.paused"))

    # the seek bar: Enter and Space play and pause; the arrow keys move
    page.locator("#seek").focus()
    page.keyboard.press(key)
    assert until(lambda: not page.evaluate(f"() => {audio}.paused"))
    page.keyboard.press(key)
    assert until(lambda: page.evaluate(f"() => {audio}.paused"))

    # speed
    page.locator("#speed").focus()
    before = page.evaluate(f"() => {audio}.playbackRate")
    page.keyboard.press(key)
    assert page.evaluate(f"() => {audio}.playbackRate") != before

    # a transcript sentence: the arrow keys move between sentences, Enter/Space play from there
    first = page.locator(".sentence[tabindex='0']").first
    first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    target = page.evaluate("() => Number(document.activeElement.dataset.start)")
    assert page.evaluate("() => document.activeElement.tabIndex") == 0
    page.keyboard.press(key)
    assert until(lambda: target / 1000 - 0.05 <= current_time(page) < target / 1000 + 1.0), (target, current_time(page))

    # an edition in the index's list opens its own page
    page.locator("nav.editions a", has_text="29 February").focus()
    page.keyboard.press(key)
    page.wait_for_url("**/edition-2024-02-29.html")
    assert page.escaped == []


def test_speed_from_075_to_2_is_remembered(edition: EditionResult, page: Any) -> None:
    open_player(page, edition)
    rates = []
    for _ in range(6):
        page.locator("#speed").click()
        rates.append(page.evaluate("() => document.getElementById('audio').playbackRate"))
    assert sorted(rates) == [0.75, 1, 1.25, 1.5, 1.75, 2]
    while page.evaluate("() => document.getElementById('audio').playbackRate") != 1.5:
        page.locator("#speed").click()
    assert page.locator("#speed").inner_text() == "1.5×"
    open_player(page, edition, "edition-2024-02-29.html")  # another page of the same folder, later
    assert page.evaluate("() => document.getElementById('audio').playbackRate") == 1.5
    assert page.locator("#speed").get_attribute("aria-label") == "Playback speed 1.5×"


@pytest.mark.parametrize("page", [PHONE], indirect=True)
def test_seek_bar_stays_wide_on_a_phone(edition: EditionResult, page: Any) -> None:
    open_player(page, edition)
    box = page.locator("#seek").bounding_box()
    assert box is not None and box["width"] >= 200, box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE[0]  # nothing forces sideways scrolling
    stories = edition.manifest["stories"]
    seek = page.locator("#seek")
    seek.evaluate("(e, t) => { e.value = t; e.dispatchEvent(new Event('change')); }", stories[1]["start_ms"] // 1000 + 1)
    assert until(lambda: abs(current_time(page) - (stories[1]["start_ms"] // 1000 + 1)) < 0.5)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    import hashlib

    source = AXE.read_bytes()
    assert hashlib.sha256(source).hexdigest() == AXE_SHA256, "tests/fixtures/axe-core/axe.min.js is not the vendored 4.14.1"
    page.evaluate(source.decode("utf-8"))  # evaluated by the test driver: the page's own CSP still holds for its content
    result = page.evaluate("async () => { const r = await axe.run(document); return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})); }")
    return list(result)


@pytest.mark.parametrize("page", [(1280, 900), PHONE], indirect=True)
@pytest.mark.parametrize("name", ["index.html", "edition-2024-02-29.html"])
def test_axe_finds_no_violations(edition: EditionResult, page: Any, name: str) -> None:
    open_player(page, edition, name)
    assert axe_violations(page) == []
    page.locator("button.story").first.click()  # and while playing, with a sentence highlighted
    page.evaluate("() => document.getElementById('audio').pause()")
    assert axe_violations(page) == []


def test_axe_really_runs_and_sees_a_fault(edition: EditionResult, page: Any) -> None:
    """A check that cannot fail proves nothing: a nameless button must be reported."""
    open_player(page, edition)
    page.evaluate("() => document.querySelector('main').appendChild(document.createElement('button'))")
    assert "button-name" in [v["id"] for v in axe_violations(page)]
