"""Recover a training checkpoint from an exported ONNX graph.

Run directories (`runs/`) are not committed, so a new machine has the bundled model but not the
checkpoint it was exported from. This reads the graph's weights back into a `NumericLM` state dict
and writes `runs/<name>/ckpt.pt` in the layout `train.py --init-from`, `export.load` and
`m4_replay.py` read (model, config, vocabulary, step; no optimizer, pool or random states, so a
run cannot resume from it, only start from it).

The export names most weights after their module; a linear layer applied to a 3-D input is
exported as a MatMul whose weight is stored transposed under a generated name
(`onnx::MatMul_N`), in the order the graph uses them: per block qkv, attention out, fc, proj.
Before writing, the recovered model is run on the parity fixtures the export wrote and must give
their PyTorch logits and final states to 1e-4.

    /usr/bin/python3 from_onnx.py --onnx ../agent/model/src/main/resources/isowatch-numeric-lm/numeric-lm.onnx \
        --fixtures ../agent/model/src/test/resources/isowatch-numeric-lm/fixtures.json \
        --manifest export/manifest.json --name bundled
"""

import argparse
import json
import os
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper

import data
from model import Config, NumericLM

PREFIX = "model."
MATMULS_PER_BLOCK = ("attn.qkv.weight", "attn.out.weight", "fc.weight", "proj.weight")


def state_dict(graph, layers):
    """The graph's initializers as a NumericLM state dict."""
    named, matmuls = {}, []
    for init in graph.initializer:
        array = torch.from_numpy(numpy_helper.to_array(init).copy())
        if init.name.startswith(PREFIX):
            named[init.name[len(PREFIX):]] = array
        elif init.name.startswith("onnx::MatMul_"):
            matmuls.append((int(init.name.rsplit("_", 1)[1]), array))
    matmuls.sort(key=lambda pair: pair[0])
    if len(matmuls) != layers * len(MATMULS_PER_BLOCK):
        raise SystemExit(f"expected {layers * len(MATMULS_PER_BLOCK)} MatMul weights, "
                         f"found {len(matmuls)}")
    for k, (_, array) in enumerate(matmuls):
        block, slot = divmod(k, len(MATMULS_PER_BLOCK))
        named[f"blocks.{block}.{MATMULS_PER_BLOCK[slot]}"] = array.T.contiguous()
    return named


def check_fixtures(model, fixtures):
    """Largest |difference| between the model and the fixtures' PyTorch outputs."""
    worst = 0.0
    with torch.no_grad():
        for window in fixtures["windows"]:
            ids = torch.tensor(window["input_ids"])[None]
            logits, last, _, _ = model(ids, torch.ones_like(ids))
            worst = max(worst,
                        float(np.abs(logits[0, -1].numpy() - window["logits_last"]).max()),
                        float(np.abs(last[0, -1].numpy()
                                     - window["last_hidden_state_last"]).max()))
    return worst


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--onnx", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--name", default="bundled")
    parser.add_argument("--runs", default=str(Path(__file__).resolve().parent / "runs"))
    args = parser.parse_args()

    manifest = json.loads(Path(args.manifest).read_text())
    vocabulary = manifest["vocabulary"]
    vocab = data.Vocabulary(bins=vocabulary["bins"], low=vocabulary["low"],
                            high=vocabulary["high"])
    config = Config(vocab_size=vocab.size, max_positions=manifest["max_positions"],
                    layers=manifest["layers"], width=manifest["width"],
                    heads=manifest["heads"], mlp=4 * manifest["width"])
    model = NumericLM(config)
    model.load_state_dict(state_dict(onnx.load(args.onnx).graph, config.layers))
    model.eval()
    worst = check_fixtures(model, json.loads(Path(args.fixtures).read_text()))
    print(f"recovered {model.parameter_count()} parameters; fixtures max |diff| {worst:.2e}")
    if worst > 1e-4:
        raise SystemExit("the recovered weights do not reproduce the fixtures")
    run = Path(args.runs) / args.name
    run.mkdir(parents=True, exist_ok=True)
    training = manifest.get("training", {})
    tmp = run / "ckpt.tmp"
    torch.save({"model": model.state_dict(), "config": config.to_dict(),
                "vocab": {"bins": vocab.bins, "low": vocab.low, "high": vocab.high},
                "step": training.get("step", 0), "elapsed": training.get("seconds", 0.0),
                "source": {"onnx": args.onnx, "sha256": manifest.get("sha256")}}, tmp)
    os.replace(tmp, run / "ckpt.pt")
    print(f"wrote {run / 'ckpt.pt'}")


if __name__ == "__main__":
    main()
