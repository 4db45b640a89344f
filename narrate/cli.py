"""The `narrate` command. Errors become one line and an exit code here, and only here."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from narrate import __version__, config as configuration
from narrate.engines import available_engines, get_engine
from narrate.errors import ConfigError, NarrateError
from narrate.read import expand, refuse_duplicate_stems, stem_of

EXIT_CODES = """exit codes:
  0  every input was narrated
  1  at least one input failed (each is reported in one line; the others still run)
  2  usage or configuration error (nothing was done)

Set NARRATE_DEBUG=1 to see the full traceback of an error."""

log = logging.getLogger("narrate")


class Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with one line that says what to do."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ConfigError(f"{message}", f"See `{self.prog} --help`")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="FILE|DIR|-", help="articles: .txt, .md, .html files, folders of them, or - for standard input")
    p.add_argument("--config", metavar="FILE", help="settings file (default: ./narrate.toml if present, else built-in defaults)")
    p.add_argument("--engine", help="speech engine: piper (default, offline) or gtts (needs network; sends text to Google)")
    p.add_argument("--voice", action="append", default=[], metavar="ROLE=VOICE", help="voice for a role, e.g. --voice quote=en-au (repeatable)")
    p.add_argument("--speed", type=float, help="speaking rate, 0.5 to 2.0 (default 1.0)")


def narrate_parser() -> Parser:
    p = Parser(
        prog="narrate",
        description="Turn news articles into audio: each FILE becomes OUT/<name>.mp3 and OUT/<name>.json (the manifest).\n\n"
        "other commands:\n"
        "  narrate script FILE...   dry run: print what would be said, by which voice\n"
        "  narrate engines          list speech engines and voices, and whether each runs here\n\n"
        "A file called like a command is given as ./script.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p)
    p.add_argument("-o", "--output", default="audio", metavar="DIR|FILE.mp3", help="output folder, created if missing (default: audio/); FILE.mp3 for a single input")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
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


def engines_parser() -> Parser:
    return Parser(prog="narrate engines", description="List speech engines, their voices and whether each can run here.")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _log_to_stderr()
    try:
        if args[:1] == ["engines"]:
            engines_parser().parse_args(args[1:])
            return cmd_engines()
        if args[:1] == ["script"]:
            return cmd_script(script_parser().parse_intermixed_args(args[1:]))
        return cmd_narrate(narrate_parser().parse_intermixed_args(args))
    except NarrateError as err:
        if os.environ.get("NARRATE_DEBUG"):
            raise
        print(f"narrate: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("narrate: interrupted; files already finished are complete, the one in progress was not written", file=sys.stderr)
        return 130


def _log_to_stderr() -> None:
    """Warnings go to stderr as one line each: `narrate: warning: ...`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("narrate: warning: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.WARNING)
    log.propagate = False


def _load(ns: argparse.Namespace) -> tuple[configuration.Config, list[str]]:
    cfg = configuration.load(ns.config).with_overrides(ns.engine, ns.voice, ns.speed)
    sources = expand(ns.paths)
    if not sources:
        raise ConfigError(f"no articles found in {' '.join(ns.paths)}", "Give .txt, .md or .html files, or a folder holding them")
    if sources.count("-") > 1:
        raise ConfigError("standard input (-) is given more than once", "Give - once")
    refuse_duplicate_stems(sources)
    return cfg, sources


def _report(source: str, err: NarrateError) -> None:
    if os.environ.get("NARRATE_DEBUG"):
        raise err
    label = "standard input" if source == "-" else source
    message = str(err)
    print(f"narrate: {message if message.startswith(label) else f'{label}: {message}'}", file=sys.stderr)


def cmd_script(ns: argparse.Namespace) -> int:
    from narrate.pipeline import script

    cfg, sources = _load(ns)
    failed = 0
    for source in sources:
        try:
            plan = script(source, cfg)
        except NarrateError as err:
            _report(source, err)
            failed += 1
            continue
        if ns.json:
            print(json.dumps(plan.as_json(), ensure_ascii=False))
            continue
        voices = cfg.roles()
        print(f"# {source}: {plan.article.title}")
        for seg in plan.segments:
            voice = voices.get(seg.voice, voices.get("narrator", "?"))
            print(f"[{seg.kind} · {seg.voice} · {cfg.engine} {voice}]")
            print(f"  {seg.speech}")
        print()
    return 1 if failed else 0


def _target(output: str, sources: list[str]) -> tuple[Path, bool]:
    """The output folder, or one named file when -o ends in .mp3."""
    out = Path(output)
    if out.suffix.lower() == ".mp3":
        if len(sources) != 1:
            raise ConfigError(f"-o {output} names one file but {len(sources)} inputs were given", "Give -o a folder")
        return out, True
    return out, False


def cmd_narrate(ns: argparse.Namespace) -> int:
    from narrate.pipeline import narrate

    cfg, sources = _load(ns)
    out, is_file = _target(ns.output, sources)
    engine = get_engine(cfg.engine, cfg.engine_table())
    failed: list[str] = []
    with _progress(ns.quiet) as bar:
        for source in sources:
            target = out if is_file else out / f"{stem_of(source)}.mp3"
            task = bar.add_task(stem_of(source), total=None)
            try:
                data = narrate(
                    source,
                    target,
                    cfg,
                    engine,
                    on_segments=lambda n, t=task: bar.update(t, total=n),
                    on_progress=lambda t=task: bar.advance(t),
                )
            except NarrateError as err:
                bar.remove_task(task)
                _report(source, err)
                failed.append(source)
                continue
            bar.remove_task(task)
            if not ns.quiet:
                secs = data["duration_ms"] // 1000
                bar.console.print(f"wrote {target} ({secs // 60}:{secs % 60:02d}, {len(data['segments'])} segments)")
    if failed:
        print(f"narrate: {len(failed)} of {len(sources)} inputs failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True, quiet=quiet)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("segments"),
        TimeRemainingColumn(),
        console=console,
        disable=quiet,
    )


def cmd_engines() -> int:
    cfg = configuration.load(None)
    for engine_id, cls in available_engines().items():
        engine = cls()
        why_not = engine.availability()
        print(f"{engine_id}{' (default)' if engine_id == cfg.engine else ''}: {cls.description}")
        print(f"  runs here: {'yes' if why_not is None else 'no: ' + why_not}")
        print(f"  voices: {', '.join(f'{n} ({tag})' for n, tag in engine.voices().items())}")
        roles = cfg.voices.get(engine_id, {})
        if roles:
            print(f"  roles: {', '.join(f'{r} = {v}' for r, v in roles.items())}")
        if cls.privacy_note:
            print(f"  privacy: {cls.privacy_note}")
    return 0
