"""Export a checkpoint to ONNX, with a manifest and parity fixtures for the Java side.

    python3 export.py --run runs/main --out export

Writes <out>/numeric-lm.onnx, <out>/manifest.json and <out>/fixtures.json. The graph is checked
with onnx.checker and, since no ONNX runtime is installed for Python here, run by the small numpy
interpreter in onnx_numpy.py and compared with PyTorch.
"""

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import onnx
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import data  # noqa: E402
import onnx_numpy  # noqa: E402
from plot import plot_run  # noqa: E402
from model import Config, NumericLM  # noqa: E402

CONTEXT = 64
OPSET = 17
MAX_BYTES = 16 * 1024 * 1024
TOLERANCE = 1e-4
MODEL_FILE = "numeric-lm.onnx"
QUERY_STEPS = 48  # the most steps a forecast query answers: train.py's --horizon


class Exported(torch.nn.Module):
    """One named output per tensor, so a Java manifest can point at any single layer.

    The logits are the next token's only: the head runs on each row's last real position
    (right or left padding), not on every position. ONNX Runtime's inference builds execute the
    whole graph whatever outputs a run asks for, so a per-position logits output would cost every
    run [length x width x vocab] multiply-adds that the agent never reads."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        last, blocks, attns = self.model.states(input_ids, attention_mask)
        return (self.model.head(last_real_position(last, attention_mask)), last, *blocks, *attns)


def last_real_position(states, attention_mask):
    """[B, L, D] -> [B, D]: each row's state at its last position whose mask is 1."""
    length = attention_mask.shape[1]
    index = (attention_mask * torch.arange(length, device=attention_mask.device)).argmax(1)
    index = index.view(-1, 1, 1).expand(-1, 1, states.shape[2])
    return states.gather(1, index)[:, 0]  # not squeeze: a dynamic squeeze exports as an If


def output_names(layers):
    return (["next_token_logits", "last_hidden_state"] + [f"hidden_{i + 1}" for i in range(layers)]
            + [f"attn_{i + 1}" for i in range(layers)])


def load(run):
    state = torch.load(Path(run) / "ckpt.pt")
    model = NumericLM(Config(**state["config"]))
    model.load_state_dict(state["model"])
    model.eval()
    return model, data.Vocabulary(**state["vocab"]), state


def export_onnx(model, path):
    names = output_names(model.cfg.layers)
    ids = torch.full((2, 16), data.FIRST_TOKEN_ID + 5, dtype=torch.int64)
    dynamic = {n: {0: "batch", 1: "length"} for n in ["input_ids", "attention_mask"] + names}
    with torch.no_grad():
        torch.onnx.export(Exported(model), (ids, torch.ones_like(ids)), str(path),
                          input_names=["input_ids", "attention_mask"], output_names=names,
                          dynamic_axes=dynamic, opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(str(path)), full_check=True)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SystemExit(f"{path} is {size} bytes, over the {MAX_BYTES}-byte limit")
    return names


# ---------------------------------------------------------------- fixtures


def fixture_windows():
    """Four deterministic windows covering a cycle at a level, a level shift, a spike beyond
    the vocabulary's range in a window longer than the context, and a short zero-led window."""
    t = np.arange(72, dtype=np.float64)
    wiggle = ((t * 7) % 5 - 2) / 4  # deterministic, no RNG to reproduce in Java
    cycle = 50 + 10 * np.sin(2 * np.pi * t[:64] / 24) + wiggle[:64]
    shift = np.where(t[:64] < 48, 100.0, 130.0) + wiggle[:64]
    spike = -3 + 0.1 * t
    spike[68] = 40.0
    short = np.where(t[:40] < 20, 0.0, 0.25 * (t[:40] - 20))
    return {"daily_cycle": cycle, "level_shift": shift, "trend_with_spike_72_values": spike,
            "short_zero_then_ramp_40_values": short}


def f32(values):
    """Shortest decimal that reads back as the same float32 (keeps the JSON small)."""
    return [float(repr(np.float32(v))) for v in np.asarray(values).ravel()]


def run_torch(model, ids):
    with torch.no_grad():
        ids = torch.as_tensor(ids)[None]
        logits, last, blocks, attns = model(ids, torch.ones_like(ids))
        return (logits.numpy(), last.numpy(), [b.numpy() for b in blocks],
                [a.numpy() for a in attns])


def make_fixtures(model, vocab):
    """Per window: raw values, scale, ids (Python tokenizer), and the last position's logits
    and hidden states from PyTorch, each window run alone (batch 1, no padding)."""
    cases = []
    for name, values in fixture_windows().items():
        ids, scale = data.encode(values, vocab, CONTEXT)
        logits, last, blocks, attns = run_torch(model, ids)
        cases.append({
            "name": name, "values": [float(v) for v in values], "scale": scale,
            "input_ids": ids.tolist(), "logits_last": f32(logits[0, -1]),
            "last_hidden_state_last": f32(last[0, -1]),
            "hidden_last": [f32(b[0, -1]) for b in blocks],
            "attn_last": [f32(a[0, -1]) for a in attns]})
    return cases


def make_query_fixtures(model, vocab):
    """The daily cycle asked 2, 8 and QUERY_STEPS steps ahead: its ids, then steps - 1 forecast
    query ids, and PyTorch's logits at the last position (the answer for that step)."""
    ids, _ = data.encode(fixture_windows()["daily_cycle"], vocab, CONTEXT)
    cases = []
    for steps in (2, 8, QUERY_STEPS):
        asked = np.concatenate([ids, np.full(steps - 1, data.QUERY_ID, dtype=np.int64)])
        logits = run_torch(model, asked)[0]
        cases.append({"window": "daily_cycle", "steps": steps, "input_ids": asked.tolist(),
                      "logits_last": f32(logits[0, -1])})
    return cases


def padded_batch(cases):
    width = max(len(c["input_ids"]) for c in cases)
    ids = np.zeros((len(cases), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for i, c in enumerate(cases):
        ids[i, :len(c["input_ids"])] = c["input_ids"]
        mask[i, :len(c["input_ids"])] = 1
    return ids, mask


def verify(path, model, cases, names):
    """The ONNX graph (numpy interpreter) against PyTorch on the fixtures as one right-padded
    batch, every output at every real position; returns the largest absolute difference."""
    ids, mask = padded_batch(cases)
    onnx_out = onnx_numpy.run(onnx.load(str(path)), {"input_ids": ids, "attention_mask": mask})
    with torch.no_grad():
        logits, last, blocks, attns = model(torch.from_numpy(ids), torch.from_numpy(mask))
    worst = 0.0
    real = mask.astype(bool)
    for name, want in zip(names[1:], [last, *blocks, *attns]):
        got = onnx_out[name]
        assert got.shape == tuple(want.shape), (name, got.shape, want.shape)
        worst = max(worst, float(np.max(np.abs(got[real] - want.numpy()[real]))))
    # each row's next-token logits: PyTorch's at that row's last real position, and the
    # fixture's, computed alone (padding must not change what the Java embedder reads)
    next_logits = onnx_out[names[0]]
    assert next_logits.shape == (len(cases), logits.shape[2]), next_logits.shape
    for i, c in enumerate(cases):
        n = len(c["input_ids"])
        for want in (logits[i, n - 1].numpy(), np.asarray(c["logits_last"])):
            worst = max(worst, float(np.max(np.abs(next_logits[i] - want))))
    if worst > TOLERANCE:
        raise SystemExit(f"ONNX and PyTorch differ by {worst:.2e} (> {TOLERANCE})")
    return worst


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(model, vocab, state, path, names, worst):
    cfg = model.cfg
    return {
        "name": "isowatch-numeric-lm", "file": path.name, "sha256": sha256(path),
        "bytes": path.stat().st_size, "opset": OPSET, "dtype": "float32",
        "license": "Apache-2.0",
        "inputs": {"input_ids": "int64 [batch, length]", "attention_mask": "int64 [batch, length]"},
        "outputs": {n: ("float [batch, vocab]" if n == "next_token_logits"
                        else "float [batch, length, width]") for n in names},
        "output_meaning": {
            "next_token_logits": "the next token's logits: the untied head (with bias) at each "
                                 "row's last real position",
            "last_hidden_state": "final LayerNorm output: the h the head reads",
            "hidden_k": "output of block k (residual stream after block k)",
            "attn_k": "attention sublayer output of block k before the residual add"},
        "vocabulary": {"bins": vocab.bins, "low": vocab.low, "high": vocab.high,
                       "first_token_id": vocab.first_token_id, "pad_token_id": data.PAD_ID,
                       "eos_token_id": data.EOS_ID, "append_eos": False,
                       "vocab_size": vocab.size, "scaling": "mean |x| over the context, 1 if 0"},
        "forecast_queries": queries_entry(state),
        "context_length": CONTEXT, "max_positions": cfg.max_positions, "padding": "right",
        "layers": cfg.layers, "width": cfg.width, "heads": cfg.heads,
        "parameters": model.parameter_count(),
        "training": {"step": state["step"], "seconds": round(state["elapsed"], 1),
                     "seed": state["args"]["seed"], "run": state["args"]["name"]},
        "onnx_vs_torch_max_abs_diff": worst,
        "torch_version": torch.__version__, "onnx_version": onnx.__version__}


def queries_entry(state):
    """What the manifest says of forecast queries: only a run trained with them answers them."""
    args = state["args"]
    if not args.get("direct_prob"):
        return None
    assert args["horizon"] == QUERY_STEPS, f"the run's queries answer {args['horizon']} steps"
    return {"token_id": data.QUERY_ID, "max_steps": QUERY_STEPS,
            "meaning": "after the context, steps - 1 query ids: the last position's logits are "
                       "the distribution of the value that many steps after the context"}


def write_training_record(run, out, state):
    """validation.md (every validation row) and loss.png, so the committed export carries the
    evidence of the checkpoint it came from."""
    val = Path(run) / "val.csv"
    rows = list(csv.DictReader(open(val))) if val.exists() else []
    lines = [f"Validation of run `{state['args']['name']}` (exported at step {state['step']}, "
             f"{state['elapsed'] / 3600:.2f} h of training). Held-out synthetic set: "
             f"{state['args']['val_series']} series x 16 rolling 1-step forecasts.", "",
             "| step | hours | val loss (nats) | MAE / MAE(last value), geo. mean | series won |",
             "|---|---|---|---|---|"]
    for r in rows:
        hours, loss = float(r["seconds"]) / 3600, float(r["val_loss"])
        lines.append(f"| {r['step']} | {hours:.2f} | {loss:.4f} | {float(r['mae_ratio']):.3f} "
                     f"| {100 * float(r['win_rate']):.0f}% |")
    (out / "validation.md").write_text("\n".join(lines) + "\n")
    plot_run(run, out / "loss.png")


def write_json(path, obj):
    path.write_text(json.dumps(obj, indent=1) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--run", default=str(HERE / "runs" / "main"))
    p.add_argument("--out", default=str(HERE / "export"))
    args = p.parse_args()
    torch.set_num_threads(2)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model, vocab, state = load(args.run)
    path = out / MODEL_FILE
    names = export_onnx(model, path)
    cases = make_fixtures(model, vocab)
    queries = make_query_fixtures(model, vocab)
    worst = verify(path, model, cases + queries, names)
    info = manifest(model, vocab, state, path, names, worst)
    write_json(out / "manifest.json", info)
    write_json(out / "fixtures.json", {
        "model_sha256": info["sha256"], "tolerance": TOLERANCE, "context_length": CONTEXT,
        "vocabulary": info["vocabulary"], "layers": model.cfg.layers,
        "note": "each window run alone in PyTorch (batch 1); *_last = last real position",
        "windows": cases, "forecast_queries": queries})
    write_training_record(args.run, out, state)
    print(f"exported step {state['step']} to {path} ({info['bytes']} bytes), "
          f"ONNX vs torch max |diff| {worst:.2e}")


if __name__ == "__main__":
    main()
