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

        sources = [str(folder / "harbour.txt"), str(REFERENCE), str(folder / "hostile.txt")]
        yield build(sources, folder / "audio", cfg, engine, narrate_one, "2024-03-01")
    finally:
        engines.unregister(ToneEngine.id)


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    profile = tmp_path / "profile"
    profile.mkdir()
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=FLAGS, viewport={"width": 1280, "height": 900}
        )
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
    assert "current" in (buttons.nth(1).get_attribute("class") or "")

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
