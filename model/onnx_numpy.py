"""A numpy interpreter for the few ONNX ops the exported model uses.

No ONNX runtime is installed for Python here (and onnx 1.12 has no reference evaluator), so this
runs the exported graph itself, node by node, to check it against PyTorch. Only what the export
emits is supported; anything else raises, naming the op.
"""

import numpy as np
from onnx import numpy_helper
from scipy.special import erf

ONNX_TO_NUMPY = {1: np.float32, 6: np.int32, 7: np.int64, 9: np.bool_, 11: np.float64}


def _attrs(node):
    from onnx.helper import get_attribute_value
    return {a.name: get_attribute_value(a) for a in node.attribute}


def _layer_norm(x, scale, bias=None, axis=-1, epsilon=1e-5, **_):
    axes = tuple(range(axis % x.ndim, x.ndim))
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    y = (x - mean) / np.sqrt(var + np.float32(epsilon)) * scale
    return y + bias if bias is not None else y


def _softmax(x, axis=-1, **_):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _cumsum(x, axis, exclusive=0, reverse=0, **_):
    if exclusive or reverse:
        raise NotImplementedError("CumSum exclusive/reverse")
    return np.cumsum(x, axis=int(axis)).astype(x.dtype)


def _split(x, split=None, axis=0, outputs=1):
    if split is None:
        return np.split(x, outputs, axis=axis)
    return np.split(x, np.cumsum(split)[:-1], axis=axis)


def _reshape(x, shape, allowzero=0, **_):
    shape = [x.shape[i] if (d == 0 and not allowzero) else d for i, d in enumerate(shape)]
    return x.reshape(shape)


def _clip(x, low=None, high=None):
    return np.clip(x, low if low is not None else None, high if high is not None else None)


def _node(op, inputs, attrs, outputs):
    """The outputs of one node as a list."""
    x = inputs[0] if inputs else None
    simple = {
        "Add": lambda: x + inputs[1], "Sub": lambda: x - inputs[1],
        "Mul": lambda: x * inputs[1], "Div": lambda: _divide(x, inputs[1]),
        "MatMul": lambda: np.matmul(x, inputs[1]), "Erf": lambda: erf(x).astype(x.dtype),
        "Identity": lambda: x, "Shape": lambda: np.array(x.shape, dtype=np.int64),
        "Gather": lambda: np.take(x, inputs[1], axis=attrs.get("axis", 0)),
        "Unsqueeze": lambda: np.expand_dims(x, tuple(int(a) for a in inputs[1])),
        "Squeeze": lambda: np.squeeze(x, tuple(int(a) for a in inputs[1]))
        if len(inputs) > 1 else np.squeeze(x),
        "Concat": lambda: np.concatenate(inputs, axis=attrs["axis"]),
        "Cast": lambda: x.astype(ONNX_TO_NUMPY[attrs["to"]]),
        "Reshape": lambda: _reshape(x, inputs[1], **attrs),
        "Transpose": lambda: np.transpose(x, attrs["perm"]),
        "Softmax": lambda: _softmax(x, **attrs),
        "LayerNormalization": lambda: _layer_norm(*inputs, **attrs),
        "Range": lambda: np.arange(inputs[0], inputs[1], inputs[2]).astype(x.dtype),
        "GreaterOrEqual": lambda: x >= inputs[1],
        "CumSum": lambda: _cumsum(x, inputs[1], **attrs),
        "Clip": lambda: _clip(*inputs),
        "Constant": lambda: numpy_helper.to_array(attrs["value"]),
        "ArgMax": lambda: _argmax(x, **attrs),
        "ConstantOfShape": lambda: np.full(tuple(x), numpy_helper.to_array(attrs["value"])[0]),
        "Equal": lambda: x == inputs[1],
        "Where": lambda: np.where(x, inputs[1], inputs[2]),
        "Expand": lambda: x * np.ones(tuple(inputs[1]), dtype=x.dtype),
        "GatherElements": lambda: np.take_along_axis(x, inputs[1], axis=attrs.get("axis", 0)),
        "Gemm": lambda: _gemm(*inputs, **attrs),
    }
    if op == "Split":
        return _split(x, inputs[1] if len(inputs) > 1 else None, attrs.get("axis", 0), outputs)
    if op not in simple:
        raise NotImplementedError(f"op {op} is not in onnx_numpy")
    return [simple[op]()]


def _argmax(x, axis=0, keepdims=1, select_last_index=0):
    if select_last_index:
        x = np.flip(x, axis)
    index = np.argmax(x, axis=axis)
    if select_last_index:
        index = x.shape[axis] - 1 - index
    return np.expand_dims(index, axis) if keepdims else index


def _gemm(a, b, c=None, alpha=1.0, beta=1.0, transA=0, transB=0):
    a = a.T if transA else a
    b = b.T if transB else b
    y = alpha * np.matmul(a, b)
    return (y + beta * c if c is not None else y).astype(a.dtype)


def _divide(a, b):
    if np.issubdtype(a.dtype, np.integer):
        return (a // b).astype(a.dtype)
    return (a / b).astype(a.dtype)


def run(model, feeds):
    """Evaluate every node in (topological) order; returns {graph output name: array}."""
    values = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    values.update(feeds)
    values[""] = None  # an omitted optional input
    for node in model.graph.node:
        inputs = [values[name] if name else None for name in node.input]
        while inputs and inputs[-1] is None:
            inputs.pop()
        outs = _node(node.op_type, inputs, _attrs(node), len(node.output))
        for name, value in zip(node.output, outs):
            values[name] = np.asarray(value)
    return {o.name: values[o.name] for o in model.graph.output}
