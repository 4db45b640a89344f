"""Hostile inputs, outputs and settings: each fails in one line with the documented exit code,
never hangs, never prints a traceback, and never destroys or corrupts a file.

One case (or a few) per item of issue 13; the cache items are in test_cache.py.
Every child process runs under a timeout, so a regression fails instead of hanging.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, RUN_WITH_TONE

STORY = "Harbour reopens after the storm\n\nA short standfirst about the harbour\n\nThe harbour reopened on Monday, officials said. Boats returned at dawn.\n"


def run(*args: str, stdin: bytes | None = None, timeout: float = 60, tone: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI in a child process, the tone engine registered when `tone` names its config."""
    cmd = [sys.executable, "-c", RUN_WITH_TONE, *args, "--config", str(tone)] if tone else [sys.executable, "-m", "narrate", *args]
    proc = subprocess.run(cmd, input=stdin, capture_output=True, timeout=timeout, cwd=ROOT, check=False)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def one_line_error(proc: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("narrate:") and "warning" not in line]
    assert errors, proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr


# 1. An edition never writes over its own input.
def test_edition_refuses_to_overwrite_its_input(tmp_path: Path, tone_config: Path) -> None:
    index = tmp_path / "index.html"
    original = "<html><body><h1>A story</h1><p>" + "The harbour reopened on Monday, officials said. " * 5 + "</p></body></html>"
    index.write_text(original, encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    proc = run("edition", str(tmp_path), "-o", str(tmp_path), "--date", "2024-03-01", "-q", tone=tone_config)
    one_line_error(proc, 2, "index.html", "would write over the input")
    assert index.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "story.txt", "tone.toml"]


# 2. Two inputs that want one output path are refused, naming both, before any work.
def test_colliding_output_names_are_refused(tmp_path: Path, tone_config: Path) -> None:
    (tmp_path / "x.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "x.chapters.txt").write_text(STORY, encoding="utf-8")
    proc = run(str(tmp_path / "x.txt"), str(tmp_path / "x.chapters.txt"), "-o", str(tmp_path / "out"), tone=tone_config)
    one_line_error(proc, 2, "x.txt and", "x.chapters.txt would both write", "x.chapters.json")
    assert not (tmp_path / "out").exists()


# 4. Devices, FIFOs and sockets are refused at once; the limit holds while reading.
def test_a_device_is_refused() -> None:
    one_line_error(run("script", "/dev/zero", timeout=20), 1, "/dev/zero: is a device")


def test_a_fifo_with_no_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    one_line_error(run("script", str(fifo), timeout=20), 1, "is a FIFO")


def test_a_fifo_fed_for_ever_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    stop = threading.Event()

    def feed() -> None:
        try:
            fd = os.open(fifo, os.O_WRONLY)  # blocks until narrate opens it
        except OSError:
            return
        with os.fdopen(fd, "wb") as pipe:
            while not stop.is_set():
                try:
                    pipe.write(b"y\n" * 4096)
                except OSError:
                    return

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        one_line_error(run("script", str(fifo), timeout=20), 1, "is a FIFO")
    finally:
        stop.set()
        try:  # release the writer if narrate never opened the FIFO
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        except OSError:
            pass
        writer.join(timeout=5)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "story.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        one_line_error(run("script", str(path), timeout=20), 1, "is a socket")


def test_standard_input_over_the_limit_is_refused_in_bounded_memory() -> None:
    proc = run("script", "-", stdin=b"word " * (2 * 1024 * 1024 + 1), timeout=60)
    one_line_error(proc, 1, "standard input", "10 MB")


# 5. Terminal escapes never reach the terminal.
def test_escape_sequences_in_an_article_are_never_printed(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Head\x1b[2J\x1b]0;pwned\x07line\n\nThe body of the story, \x1b[31mred\x1b[0m and \x9b1m long enough to read.\n", encoding="utf-8")
    proc = run("script", str(story))
    assert proc.returncode == 0, proc.stderr
    assert not any(c in proc.stdout + proc.stderr for c in "\x1b\x07\x9b")


def test_escape_sequences_in_a_file_name_are_shown_escaped(tmp_path: Path) -> None:
    proc = run("script", str(tmp_path / "\x1b[2Jmissing.txt"))
    one_line_error(proc, 1, "\\x1b[2Jmissing.txt: no such file")
    assert "\x1b" not in proc.stderr


# 7. A NUL byte after the first 8 KiB is removed, not passed to espeak.
def test_nul_after_8_kib_is_not_a_crash(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(STORY.encode() + b"More of the story follows here. " * 300 + b"\x00The end of it.\n")
    proc = run("script", str(story))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "The end of it." in proc.stdout


# 14. An unknown voice or engine is exit 2, once, before any input is read.
@pytest.mark.parametrize("args", [["--voice", "quote=nobody"], ["--engine", "nonesuch"]])
def test_configuration_errors_are_exit_2_once(tmp_path: Path, args: list[str]) -> None:
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(STORY, encoding="utf-8")
    for command in ([], ["script"]):
        proc = run(*command, str(tmp_path), "-o", str(tmp_path / "out"), *args) if not command else run(*command, str(tmp_path), *args)
        one_line_error(proc, 2)
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert not (tmp_path / "out").exists()


# 16. UTF-16 is text.
def test_utf16_file_is_narrated(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(STORY.encode("utf-16"))
    proc = run("script", str(story))
    assert proc.returncode == 0 and "Harbour reopens" in proc.stdout, proc.stderr


# 17. Small messages.
def test_a_path_starting_with_a_dash_after_double_dash(tmp_path: Path) -> None:
    (tmp_path / "-dash.txt").write_text(STORY, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "narrate", "script", "--", "-dash.txt"], capture_output=True, text=True, timeout=60, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))})
    assert proc.returncode == 0 and "Harbour reopens" in proc.stdout, proc.stderr


def test_symlink_loop_and_standard_input_are_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    one_line_error(run("script", str(tmp_path / "a.txt")), 1, "symlink loop")
    one_line_error(run("script", "-", stdin=b"\x00\x01binary" * 10), 1, "standard input: looks like a binary file")


def test_billion_laughs_entities_are_never_spoken(tmp_path: Path) -> None:
    page = tmp_path / "lol.html"
    entities = "".join(f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" if i else "lol"}">' for i in range(10))
    page.write_text(
        f'<?xml version="1.0"?><!DOCTYPE html [{entities}]><html><body><article><h1>Harbour reopens</h1>'
        "<p>" + "The harbour reopened on Monday, officials said, and boats returned at dawn. " * 4 + "&lol9;</p></article></body></html>",
        encoding="utf-8",
    )
    proc = run("script", str(page), timeout=60)
    assert "Traceback" not in proc.stderr
    assert "lol" not in proc.stdout.lower().replace("lol.html", "")


# 19. The exit codes, Ctrl-C's included, are in --help.
def test_help_documents_every_exit_code() -> None:
    out = run("--help").stdout
    assert all(f"\n  {code} " in out for code in ("0", "1", "2", "130"))


def test_an_unexpected_error_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """A bug anywhere still reaches the user as one line, with the way to see more."""
    code = (
        "import sys\nfrom narrate import cli\n"
        "def broken(ns):\n    raise RuntimeError('boom')\n"
        "cli.cmd_engines = broken\nsys.exit(cli.main(['engines']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "internal error (RuntimeError: boom)" in proc.stderr and "NARRATE_DEBUG=1" in proc.stderr


# 18. Leftover .part files of killed runs are removed by a later run into the folder, and only those.
def test_abandoned_part_files_are_swept(tmp_path: Path, tone_config: Path) -> None:
    from narrate.files import host

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    hour, day = 3600, 24 * 3600
    files = {
        f".story.mp3.{host()}.{dead.pid}.abc123.part": (2 * hour, False),  # ours, writer gone, old: removed
        f".story.json.{host()}.{os.getpid()}.abc124.part": (2 * hour, True),  # ours, writer alive: kept
        f".story.vtt.{host()}.{dead.pid}.abc125.part": (60, True),  # writer gone but only a minute old: kept
        ".story.mp3.otherhost.4242.abc126.part": (2 * hour, True),  # another machine's, younger than a day: kept
        ".story.mp3.otherhost.4242.abc127.part": (2 * day, False),  # another machine's, over a day: removed
        ".story.mp3.k2j3h4.part": (2 * day, False),  # narrate 1.0's unnamed leftover, over a day: removed
    }
    import time

    now = time.time()
    for name, (age, _) in files.items():
        path = tmp_path / "out" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"x" * 1000)
        os.utime(path, (now - age, now - age))
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    proc = run(str(tmp_path / "story.txt"), "-o", str(tmp_path / "out"), "-q", tone=tone_config)
    assert proc.returncode == 0, proc.stderr
    left = {p.name for p in (tmp_path / "out").glob(".*.part")}
    assert left == {name for name, (_, kept) in files.items() if kept}


# 13. `narrate check` on a manifest of the wrong shape: one line for each problem.
@pytest.mark.parametrize(
    "manifest, problems",
    [
        ([1, 2], ["top level is a JSON list"]),
        ({"segments": [{"kind": "body", "speech": "Hi.", "start_ms": "0", "end_ms": 10}]}, ["segments[0].start_ms should be a number"]),
        ({"segments": [{"kind": 3, "start_ms": 20, "end_ms": 10}, "x"]}, ["segments[0].kind", "segments[0].speech", "ends before it starts", "segments[1] is not an object"]),
        ({"segments": []}, ["segments is missing"]),
    ],
)
def test_check_refuses_a_malformed_manifest(tmp_path: Path, manifest: object, problems: list[str]) -> None:
    import json

    path = tmp_path / "story.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "story.mp3").write_bytes(b"")
    proc = run("check", str(path))
    one_line_error(proc, 1, "not a narrate manifest", *problems)
    assert len(proc.stderr.strip().splitlines()) == 1 + len(problems)


# 9. Pauses have a range.
@pytest.mark.parametrize("line", ["lead_in = -5000", "tail = 100000000", "paragraph = 10001"])
def test_pauses_out_of_range_are_configuration_errors(tmp_path: Path, line: str) -> None:
    config = tmp_path / "narrate.toml"
    config.write_text(f"[pauses]\n{line}\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    proc = run(str(tmp_path / "story.txt"), "-o", str(tmp_path / "out"), "--config", str(config))
    one_line_error(proc, 2, "[pauses]", "out of range", "0 to 10000")
    assert not (tmp_path / "out").exists()


# Property tests: random bytes, random Unicode with control characters, and random settings
# through read, clean, split and normalise: a valid result or one NarrateError, never a traceback.
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PROPERTY = settings(deadline=None, max_examples=80, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _through_the_stages(data: bytes, name: str) -> None:
    import io

    from narrate.errors import NarrateError
    from narrate.pipeline import script
    from narrate.config import Config

    try:
        plan = script(name, Config(), stdin=io.BytesIO(data)) if name == "-" else None
    except NarrateError as err:
        assert "\n" not in str(err) and "\x1b" not in str(err)
        return
    if plan:
        for seg in plan.segments:
            assert seg.speech.strip()
            assert not any(ord(c) < 32 and c not in "\n\t" for c in seg.speech)


@PROPERTY
@given(st.binary(max_size=3000))
def test_random_bytes_never_crash(data: bytes) -> None:
    _through_the_stages(data, "-")


@PROPERTY
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=3000), st.sampled_from(["", "<html><body><p>", "# "]))
def test_random_unicode_with_controls_never_crashes(text: str, prefix: str) -> None:
    _through_the_stages((prefix + text).encode("utf-8", "surrogatepass"), "-")


TOML_VALUES = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12), st.floats(allow_nan=True), st.text(max_size=20), st.booleans(),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@PROPERTY
@given(
    st.sampled_from(["speed", "engine", "pauses.lead_in", "pauses.tail", "tags.artist", "edition.title", "edition.category",
                     "edition.explicit", "edition.intro", "lexicon.Kyiv", "voices.piper.quote", "engines.piper.noise_scale"]),
    TOML_VALUES,
)
def test_random_settings_are_a_valid_config_or_one_configuration_error(key: str, value: object) -> None:
    from narrate.config import from_dict
    from narrate.engines import Voice, get_engine
    from narrate.errors import ConfigError

    data: dict[str, object] = {}
    table = data
    *tables, field = key.split(".")
    for name in tables:
        table = table.setdefault(name, {})  # type: ignore[assignment]
    table[field] = value
    try:
        cfg = from_dict(data)
        engine = get_engine(cfg.engine, cfg.engine_table())
        for spec in cfg.roles().values():
            engine.check_voice(Voice.parse(spec))
    except ConfigError as err:
        assert "\n" not in str(err)


# 8. Voice parameters and engine options are range-checked before any work (exit 2, one line).
@pytest.mark.parametrize(
    "args, toml",
    [
        (["--voice", "quote=joe:pace=0"], ""),
        (["--voice", "quote=joe:pitch=-400"], ""),
        (["--voice", "quote=joe:pitch=400"], ""),
        (["--voice", "quote=joe:pitch=nan"], ""),
        ([], '[engines.piper]\nnoise_scale = "a"\n'),
        ([], "[engines.piper]\nnoise_scale = -1.0\n"),
    ],
)
def test_voice_parameters_and_engine_options_are_range_checked(tmp_path: Path, args: list[str], toml: str) -> None:
    config = tmp_path / "narrate.toml"
    config.write_text(toml, encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    proc = run(str(tmp_path / "story.txt"), "-o", str(tmp_path / "out"), "--config", str(config), *args)
    one_line_error(proc, 2)
    assert len(proc.stderr.strip().splitlines()) == 1 and not (tmp_path / "out").exists()


# 6. Text with no sentence breaks is cut into speakable pieces: memory stays bounded.
def test_a_long_run_of_words_without_punctuation_stays_under_1_gb(tmp_path: Path) -> None:
    import random

    rng = random.Random(3)
    words = "harbour council river market winter bridge water people morning report village school".split()
    run_on = " ".join(rng.choice(words) for _ in range(400))  # about 2,700 characters, not one stop
    (tmp_path / "story.txt").write_text(f"Harbour report\n\n{run_on}\n", encoding="utf-8")
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))\n"  # a runaway fails fast instead of swapping
        "from narrate.cli import main\n"
        "code = main(sys.argv[1:])\n"
        # VmHWM, not ru_maxrss: Linux carries the forking parent's peak (pytest's, Kokoro's model and all) over exec
        "peak = next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:'))\n"
        "print('peak-kb', peak, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "story.txt"), "-o", str(tmp_path / "out"), "-q", "--no-cache"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    peak_mb = int(proc.stderr.split("peak-kb")[-1]) / 1024
    assert peak_mb < 1024, f"peak {peak_mb:.0f} MB"


# 18. A changed or empty MP3 beside a valid manifest is not up to date; a full disk leaves the previous set.
def test_a_changed_output_is_not_up_to_date(tmp_path: Path, tone_config: Path) -> None:
    import json

    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    args = (str(tmp_path / "story.txt"), "-o", str(tmp_path / "out"))
    assert run(*args, "-q", tone=tone_config).returncode == 0
    files = json.loads((tmp_path / "out" / "story.json").read_text(encoding="utf-8"))["files"]
    assert files["mp3"]["bytes"] == (tmp_path / "out" / "story.mp3").stat().st_size and len(files["mp3"]["sha256"]) == 64
    assert "up to date" in run(*args, tone=tone_config).stderr
    for damage in (b"", b"ID3 not the same file"):
        (tmp_path / "out" / "story.mp3").write_bytes(damage)
        proc = run(*args, tone=tone_config)
        assert proc.returncode == 0 and "wrote" in proc.stderr, proc.stderr
        assert (tmp_path / "out" / "story.mp3").stat().st_size == files["mp3"]["bytes"]


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 2 MB tmpfs, so that a disk really fills up. Needs root, as CI has."""
    if os.geteuid() != 0:
        pytest.skip("a full disk needs a tmpfs, and mounting one needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True, check=False).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_leaves_the_previous_complete_set(small_disk: Path, tmp_path: Path, tone_config: Path) -> None:
    import hashlib

    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    out = small_disk / "out"
    args = (str(tmp_path / "story.txt"), "-o", str(out), "--no-cache")
    assert run(*args, "-q", tone=tone_config).returncode == 0
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}
    filler = small_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to its last byte
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    # Room for a new MP3 and no more: the transcript or the manifest is what fails.
    os.truncate(filler, filler.stat().st_size - (out / "story.mp3").stat().st_size - 8192)
    (tmp_path / "story.txt").write_text(STORY.replace("Monday", "Sunday"), encoding="utf-8")
    proc = run(*args, "-q", tone=tone_config)
    one_line_error(proc, 1, "story")
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}
    assert after == before  # nothing half-written, nothing new beside anything old, no leftovers


def test_a_broken_engine_plugin_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """A third-party engine whose module fails to import must not take Piper down with it."""
    dist = tmp_path / "site" / "broken_engine-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-engine\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[narrate.engines]\nbroken = no_such_module_here:Engine\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(tmp_path / "site")]))}
    proc = subprocess.run([sys.executable, "-m", "narrate", "engines"], capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "engine broken (no_such_module_here:Engine) could not be loaded" in proc.stderr
    assert "piper (default)" in proc.stdout


def test_a_fifo_or_device_in_the_cache_is_a_miss_not_a_hang(tmp_path: Path) -> None:
    from narrate.cache import Cache
    from tests.conftest import ToneEngine
    from narrate.engines import Voice

    cache = Cache(tmp_path)
    engine = ToneEngine()
    fifo_key, dev_key = (cache.key(engine, Voice("beep"), text) for text in ("one", "two"))
    for key in (fifo_key, dev_key):
        cache.path(key).parent.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
    os.mkfifo(cache.path(fifo_key))  # type: ignore[arg-type]
    cache.path(dev_key).symlink_to("/dev/zero")  # type: ignore[union-attr]
    assert cache.get(fifo_key) is None and cache.get(dev_key) is None


def test_a_config_that_is_not_a_regular_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    one_line_error(run("script", str(tmp_path / "story.txt"), "--config", "/dev/zero", timeout=20), 2, "not a regular file")
    unreadable = tmp_path / "narrate.toml"
    unreadable.write_text("[pauses]\n", encoding="utf-8")
    unreadable.chmod(0)
    if os.geteuid() != 0:  # root reads it anyway
        one_line_error(run("script", str(tmp_path / "story.txt"), "--config", str(unreadable)), 2, "cannot be read")


@pytest.mark.parametrize("output", ["/dev/null", "/dev/null/x.mp3", "{story}", "/proc/narrate-cannot-write.mp3"])
def test_an_output_that_cannot_be_a_folder_or_file_is_one_line(tmp_path: Path, tone_config: Path, output: str) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    proc = run(str(story), "-o", output.format(story=story), "-q", "--no-cache", tone=tone_config)
    assert proc.returncode in (1, 2) and "internal error" not in proc.stderr, proc.stderr
    one_line_error(proc, proc.returncode)
    assert story.read_text(encoding="utf-8") == STORY
