"""Kokoro's int8 convolutions, rewritten as the matrix products onnxruntime runs fast.

The int8 export of Kokoro-82M quantises its 87 one-dimensional convolutions
as `ConvInteger` with unsigned 8-bit weights. onnxruntime computes those as
weights x unfolded samples, both unsigned, a product its x86 kernels run
slowly; with signed weights on that side it is slower still. Its fast kernel
multiplies unsigned samples by signed weights, with the samples on the left.
Measured here, one layer's worth (61,000 frames x 1,408 x 128): 31 ms that
way, 231 ms unsigned x unsigned, 184 ms in float32.

So each `ConvInteger` becomes, in the graph:

    Transpose (channels last) -> Pad with the samples' zero point -> Gather every
    kernel tap of every output frame (the unfolded samples) -> MatMulInteger
    (signed weights) -> Transpose back

Weights move from unsigned to signed by subtracting 128 from them and from
their zero point, so every product, and so the audio, is exactly what the
original graph makes. Everything else in the model is left as it is.
The rewrite takes a second or two, once: kokoro.fast_model_path keeps it
beside the joined model, which stays the checked original.

That exactness is the CPU's, not the graph's. Where the processor multiplies
unsigned by signed bytes with a 32-bit sum (AVX-VNNI, AVX-512 VNNI), the
products are exact; with AVX2 alone, onnxruntime's kernel adds pairs of them
in 16 bits, which saturate, and the audio comes out audibly wrong. So
`exact_here` tries the rewrite once per process on the products most likely
to overflow, and the engine uses the rewritten model only where it is exact.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any


@functools.cache
def exact_here() -> bool:
    """Whether onnxruntime, on this machine's processor, gives the rewrite exactly what ConvInteger gives.

    One small convolution, original and rewritten, on the samples and weights whose products overflow a
    16-bit pair sum (the largest of each), and on a mixed pattern; a few milliseconds.
    """
    import numpy as np
    import onnxruntime
    from onnx import TensorProto, helper, numpy_helper

    channels, out_channels, frames, taps = 32, 4, 16, 3
    weights = np.zeros((out_channels, channels, taps), np.uint8)  # 0 and 255: -128 and 127 once signed
    weights[1], weights[2, ::2], weights[3, 1::2] = 255, 255, 255
    conv = helper.make_node("ConvInteger", ["x", "w", "x_zero", "w_zero"], ["y"], name="probe", kernel_shape=[taps],
                            pads=[1, 1])
    graph = helper.make_graph(
        [conv], "probe",
        [helper.make_tensor_value_info("x", TensorProto.UINT8, [1, channels, frames])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, None)],
        [numpy_helper.from_array(weights, "w"), numpy_helper.from_array(np.array(3, np.uint8), "w_zero"),
         numpy_helper.from_array(np.array(1, np.uint8), "x_zero")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)], ir_version=10)
    samples = np.full((1, channels, frames), 255, np.uint8)
    samples[0, :, ::3] = np.arange(channels, dtype=np.uint8)[:, None] * 8

    def run(m: Any) -> Any:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        session = onnxruntime.InferenceSession(m.SerializeToString(), sess_options=options,
                                               providers=["CPUExecutionProvider"])
        return session.run(None, {"x": samples})[0]

    expected = run(model)
    rewrite(model.graph)
    return bool(np.array_equal(run(model), expected))


def fast_model(path: Path) -> bytes:
    """The model at `path`, its ConvInteger nodes rewritten, serialised for onnxruntime."""
    import onnx

    model = onnx.load(str(path))
    rewrite(model.graph)
    return model.SerializeToString()


def rewrite(graph: Any) -> int:
    """Replace every ConvInteger in `graph` (in place) by unfolded samples times signed weights; return how many."""
    from onnx import helper, numpy_helper

    weights = {init.name: init for init in graph.initializer}
    nodes, added, count = [], [], 0
    for node in graph.node:
        if node.op_type != "ConvInteger" or not _rewritable(node, weights):
            nodes.append(node)
            continue
        samples, w_name, samples_zero, w_zero_name = node.input
        w = numpy_helper.to_array(weights[w_name])
        w_zero = int(numpy_helper.to_array(weights[w_zero_name]))
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        start, end = attrs.get("pads", [0, 0])
        new, consts = _unfolded_product(node.name or node.output[0], samples, samples_zero, node.output[0], w, w_zero,
                                        attrs.get("dilations", [1])[0], attrs.get("strides", [1])[0], start, end)
        nodes += new
        added += [numpy_helper.from_array(value, name) for name, value in consts.items()]
        count += 1
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(added)
    used = {name for node in graph.node for name in node.input}
    kept = [init for init in graph.initializer if init.name in used]  # the unsigned weights go
    del graph.initializer[:]
    graph.initializer.extend(kept)
    return count


def _rewritable(node: Any, weights: dict[str, Any]) -> bool:
    """A 1-D convolution with constant unsigned weights, one zero point, no groups, explicit pads."""
    from onnx import TensorProto, helper

    if len(node.input) != 4 or node.input[1] not in weights or node.input[3] not in weights:
        return False
    w, zero = weights[node.input[1]], weights[node.input[3]]
    attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    return (w.data_type == TensorProto.UINT8 and len(w.dims) == 3 and len(zero.dims) == 0
            and attrs.get("group", 1) == 1 and attrs.get("auto_pad", b"NOTSET") in (b"NOTSET", "NOTSET"))


def _unfolded_product(name: str, samples: str, samples_zero: str, output: str, w: Any, w_zero: int,
                      dilation: int, stride: int, pad_start: int, pad_end: int) -> tuple[list[Any], dict[str, Any]]:
    """The nodes (and constants) computing ConvInteger's output from (batch, channels, frames) samples."""
    import numpy as np
    from onnx import helper

    out_channels, channels, taps = w.shape
    consts: dict[str, Any] = {
        # row tap * channels + channel of the unfolded samples meets column out_channel
        f"{name}/w_s8": (w.astype(np.int16) - 128).astype(np.int8).transpose(2, 1, 0).reshape(taps * channels, out_channels),
        f"{name}/w_zero_s8": np.array(w_zero - 128, np.int8),
    }
    last = f"{name}/frames_last"
    nodes = [helper.make_node("Transpose", [samples], [last], perm=[0, 2, 1])]
    if pad_start or pad_end:
        consts[f"{name}/pads"] = np.array([0, pad_start, 0, 0, pad_end, 0], np.int64)
        nodes.append(helper.make_node("Pad", [last, f"{name}/pads", samples_zero], [f"{name}/padded"], mode="constant"))
        last = f"{name}/padded"
    if taps == 1 and stride == 1:
        unfolded = last
    else:  # frame t, tap j reads padded frame t * stride + j * dilation: one Gather, then taps and channels as one axis
        consts[f"{name}/reach"] = np.array((taps - 1) * dilation, np.int64)
        consts[f"{name}/stride"] = np.array(stride, np.int64)
        consts[f"{name}/taps"] = (np.arange(taps, dtype=np.int64) * dilation)[None, :]
        consts[f"{name}/zero"] = np.array(0, np.int64)
        consts[f"{name}/axis0"] = np.array([0], np.int64)
        consts[f"{name}/axis1"] = np.array([1], np.int64)
        consts[f"{name}/flat"] = np.array([0, 0, -1], np.int64)
        nodes += [
            helper.make_node("Shape", [last], [f"{name}/length"], start=1, end=2),
            helper.make_node("Squeeze", [f"{name}/length", f"{name}/axis0"], [f"{name}/frames"]),
            helper.make_node("Sub", [f"{name}/frames", f"{name}/reach"], [f"{name}/starts_end"]),
            helper.make_node("Range", [f"{name}/zero", f"{name}/starts_end", f"{name}/stride"], [f"{name}/starts"]),
            helper.make_node("Unsqueeze", [f"{name}/starts", f"{name}/axis1"], [f"{name}/starts_col"]),
            helper.make_node("Add", [f"{name}/starts_col", f"{name}/taps"], [f"{name}/where"]),
            helper.make_node("Gather", [last, f"{name}/where"], [f"{name}/gathered"], axis=1),  # (batch, frames out, taps, channels)
            helper.make_node("Reshape", [f"{name}/gathered", f"{name}/flat"], [f"{name}/unfolded"]),
        ]
        unfolded = f"{name}/unfolded"
    nodes.append(helper.make_node("MatMulInteger", [unfolded, f"{name}/w_s8", samples_zero, f"{name}/w_zero_s8"], [f"{name}/product"]))
    nodes.append(helper.make_node("Transpose", [f"{name}/product"], [output], perm=[0, 2, 1]))
    return nodes, consts
