"""Train the numeric LM on synthetic series; resumable, time-budgeted.

    python3 train.py --name main --hours 2.5 --steps 40000

Writes to runs/<name>/: ckpt.pt (model, optimizer, data pool, RNG states; replaced atomically
every --ckpt-minutes), train_log.csv, val.csv, loss.png. Rerunning the same command resumes.
"""

import argparse
import csv
import json
import math
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import data  # noqa: E402
from model import Config, NumericLM  # noqa: E402

CONTEXT = 64


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--name", default="main")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--steps", type=int, default=40000, help="cosine schedule length and cap")
    p.add_argument("--hours", type=float, default=0.0, help="wall-clock budget (0: none)")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--min-lr-ratio", type=float, default=0.1)
    p.add_argument("--warmup", type=int, default=300)
    p.add_argument("--weight-decay", type=float, default=0.1)
    p.add_argument("--bins", type=int, default=1024)
    p.add_argument("--low", type=float, default=-10.0)
    p.add_argument("--high", type=float, default=10.0)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--width", type=int, default=128)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--pool", type=int, default=16000, help="GP series kept in memory")
    p.add_argument("--pool-length", type=int, default=384)
    p.add_argument("--refresh-every", type=int, default=100, help="steps between pool refreshes")
    p.add_argument("--refresh-count", type=int, default=64, help="series replaced per refresh")
    p.add_argument("--context", type=int, default=CONTEXT,
                   help="values of the fixed-length batches (at most the model's positions, 128); "
                        "validation stays at 64")
    p.add_argument("--var-length-prob", type=float, default=0.3,
                   help="share of batches with random lengths 8-128 (right-padded)")
    p.add_argument("--seasonal-prob", type=float, default=0.0,
                   help="share of examples led by a repeating profile (data._seasonal)")
    p.add_argument("--direct-prob", type=float, default=0.0,
                   help="share of batches that also train forecast queries (data.token_batch)")
    p.add_argument("--horizon", type=int, default=48,
                   help="steps a direct batch forecasts: its context then horizon - 1 queries")
    p.add_argument("--val-series", type=int, default=256)
    p.add_argument("--val-every", type=int, default=500)
    p.add_argument("--log-every", type=int, default=25)
    p.add_argument("--ckpt-minutes", type=float, default=5.0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--runs", default=str(HERE / "runs"))
    p.add_argument("--init-from", default=None,
                   help="start a new run from another run's weights; a different vocabulary is "
                        "remapped by bin centre (see warm_start)")
    return p.parse_args(argv)


def vocabulary(args):
    return data.Vocabulary(bins=args.bins, low=args.low, high=args.high)


def build_model(args):
    cfg = Config(vocab_size=vocabulary(args).size, layers=args.layers, width=args.width,
                 heads=args.heads, mlp=4 * args.width)
    return NumericLM(cfg)


def make_optimizer(model, args):
    """AdamW; no decay on biases, LayerNorm and position/token tables' 1-D params."""
    decay = [p for p in model.parameters() if p.dim() >= 2]
    keep = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                              {"params": keep, "weight_decay": 0.0}],
                             lr=args.lr, betas=(0.9, 0.95))


def learning_rate(args, step, elapsed):
    """Linear warmup, then cosine to min-lr-ratio. Progress is whichever of steps and the
    wall-clock budget is further along, so a --hours run still ends its schedule on time."""
    if step < args.warmup:
        return args.lr * (step + 1) / args.warmup
    progress = (step - args.warmup) / max(1, args.steps - args.warmup)
    if args.hours > 0:
        progress = max(progress, elapsed / (args.hours * 3600))
    progress = min(progress, 1.0)
    floor = args.lr * args.min_lr_ratio
    return floor + (args.lr - floor) * 0.5 * (1 + math.cos(math.pi * progress))


def batch_shape(rng, args):
    """Context lengths of the next batch's rows, and its horizon (1: a plain LM batch). A direct
    batch reads the usual context where it fits the positions with its queries, else the most
    that does."""
    if args.direct_prob > 0 and rng.random() < args.direct_prob:
        longest = Config.max_positions - (args.horizon - 1)
        return [min(args.context, longest)] * args.batch, args.horizon
    if rng.random() < args.var_length_prob:
        return list(rng.integers(8, 129, size=args.batch)), 1
    return [args.context] * args.batch, 1


def next_token_loss(model, ids, mask, targets):
    logits = model(ids, mask)[0]
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                           ignore_index=-100)


# ---------------------------------------------------------------- validation


def median_values(logits, vocab):
    """Median of the predictive distribution over the value tokens, in scaled units."""
    probs = logits[:, vocab.first_token_id:].double().softmax(-1)
    index = (probs.cumsum(-1) < 0.5).sum(-1).clamp(max=vocab.bins - 1)
    return torch.from_numpy(vocab.centers())[index]


@torch.no_grad()
def validate(model, series, vocab):
    """Rolling 1-step forecasts over each held-out series (context 64, one origin per extra
    value). Returns mean next-token loss over all positions, the geometric mean over series of
    MAE(model median) / MAE(last value), and the share of series where the model wins."""
    model.eval()
    n_series, total = series.shape
    origins = total - CONTEXT
    windows = np.stack([series[:, o:o + CONTEXT + 1] for o in range(origins)], 1)
    windows = windows.reshape(-1, CONTEXT + 1)
    scale = data.mean_scale(windows[:, :CONTEXT])
    tokens = torch.from_numpy(data.token_ids(windows, scale, vocab))
    losses, medians = [], []
    for chunk in torch.split(torch.arange(len(tokens)), 512):
        ids, targets = tokens[chunk, :CONTEXT], tokens[chunk, 1:]
        logits = model(ids, torch.ones_like(ids))[0]
        losses.append(F.cross_entropy(logits.reshape(-1, vocab.size), targets.reshape(-1),
                                      reduction="sum").item())
        medians.append(median_values(logits[:, -1], vocab))
    forecast = torch.cat(medians).numpy() * scale
    truth, last = windows[:, CONTEXT], windows[:, CONTEXT - 1]
    model_mae = np.abs(forecast - truth).reshape(n_series, origins).mean(1)
    naive_mae = np.abs(last - truth).reshape(n_series, origins).mean(1)
    ok = (naive_mae > 0) & (model_mae > 0)
    model.train()
    return {"val_loss": sum(losses) / tokens[:, 1:].numel(),
            "mae_ratio": float(np.exp(np.mean(np.log(model_mae[ok] / naive_mae[ok])))),
            "win_rate": float(np.mean(model_mae[ok] < naive_mae[ok]))}


# ---------------------------------------------------------------- checkpoints and logs


def save_checkpoint(path, state):
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)  # atomic: a kill mid-save leaves the previous checkpoint


def append_csv(path, row):
    new = not path.exists()
    with open(path, "a", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(row))
        if new:
            writer.writeheader()
        writer.writerow(row)


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def fresh_state(args):
    log(f"generating pool of {args.pool} GP series (seed {args.seed})")
    return {"step": 0, "elapsed": 0.0,
            "pool": data.make_pool(args.seed, args.pool, args.pool_length),
            "rng": np.random.default_rng(args.seed + 1).bit_generator.state,
            "pool_rng": np.random.default_rng(args.seed + 2).bit_generator.state}


def restore(state, model, opt):
    model.load_state_dict(state["model"])
    opt.load_state_dict(state["optimizer"])
    torch.set_rng_state(state["torch_rng"])


def generator(bit_state):
    g = np.random.default_rng()
    g.bit_generator.state = bit_state
    return g


@torch.no_grad()
def warm_start(model, vocab, source_run):
    """Copy another run's weights into a fresh model. The transformer blocks, positions and
    specials carry over as they are. When the vocabulary differs, each new value token takes the
    embedding and head row of the old bin whose centre is nearest, and its head bias drops by
    ln(old step / new step): an old bin's probability spreads over the new bins inside it, so the
    predicted density, not the per-token mass, is what carries over."""
    state = torch.load(Path(source_run) / "ckpt.pt")
    old_vocab = data.Vocabulary(**state["vocab"])
    old = state["model"]
    new = model.state_dict()
    for name, tensor in old.items():
        if name not in ("tokens.weight", "head.weight", "head.bias"):
            new[name].copy_(tensor)
    first = vocab.first_token_id
    nearest = np.rint((vocab.centers() - old_vocab.low) / old_vocab.step).astype(np.int64)
    source = torch.from_numpy(old_vocab.first_token_id + np.clip(nearest, 0, old_vocab.bins - 1))
    for name in ("tokens.weight", "head.weight", "head.bias"):
        new[name][:first] = old[name][:first]
        new[name][first:] = old[name][source]
    new["head.bias"][first:] -= math.log(old_vocab.step / vocab.step)
    model.load_state_dict(new)
    return state["step"]


# ---------------------------------------------------------------- main loop


def refresh_pool(pool, rng, args):
    """Replace a few pool series with new GP draws: more kernels seen over a long run."""
    slots = rng.choice(len(pool), size=args.refresh_count, replace=False)
    pool[slots] = data.make_pool(int(rng.integers(2**31)), args.refresh_count, pool.shape[1])


def train(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run = Path(args.runs) / args.name
    run.mkdir(parents=True, exist_ok=True)
    (run / "args.json").write_text(json.dumps(vars(args), indent=2))
    vocab = vocabulary(args)
    model = build_model(args)
    opt = make_optimizer(model, args)
    ckpt = run / "ckpt.pt"
    if ckpt.exists():
        state = torch.load(ckpt)
        restore(state, model, opt)
        log(f"resumed at step {state['step']} ({state['elapsed']:.0f} s trained)")
    else:
        state = fresh_state(args)
        if args.init_from:
            source_step = warm_start(model, vocab, args.init_from)
            log(f"warm start from {args.init_from} (its step {source_step}), vocab remapped")
    pool, rng, pool_rng = state["pool"], generator(state["rng"]), generator(state["pool_rng"])
    val_series = data.forecast_set(10_000 + args.seed, args.val_series)
    log(f"model {model.parameter_count()} parameters, vocab {vocab}")

    step, elapsed = state["step"], state["elapsed"]
    started, last_ckpt = time.time() - elapsed, time.time()
    losses = []
    validated = -1

    def run_validation():
        metrics = validate(model, val_series, vocab)
        append_csv(run / "val.csv", {"step": step, "seconds": round(elapsed, 1),
                                     **{k: round(v, 5) for k, v in metrics.items()}})
        log(f"val step {step}: {metrics}")
        return metrics

    def checkpoint():
        save_checkpoint(ckpt, {
            "model": model.state_dict(), "optimizer": opt.state_dict(), "step": step,
            "elapsed": elapsed, "pool": pool, "rng": rng.bit_generator.state,
            "pool_rng": pool_rng.bit_generator.state, "torch_rng": torch.get_rng_state(),
            "config": model.cfg.to_dict(), "vocab": asdict(vocab), "args": vars(args)})

    while step < args.steps and not (args.hours > 0 and elapsed >= args.hours * 3600):
        lr = learning_rate(args, step, elapsed)
        for group in opt.param_groups:
            group["lr"] = lr
        lengths, horizon = batch_shape(rng, args)
        ids, mask, targets = map(torch.from_numpy,
                                 data.token_batch(rng, pool, vocab, lengths, args.seasonal_prob,
                                                  horizon))
        loss = next_token_loss(model, ids, mask, targets)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        elapsed = time.time() - started
        losses.append(loss.item())
        if step % args.log_every == 0:
            row = {"step": step, "loss": round(float(np.mean(losses)), 5), "lr": f"{lr:.3e}",
                   "seconds": round(elapsed, 1)}
            append_csv(run / "train_log.csv", row)
            log(f"step {step} loss {row['loss']:.4f} lr {lr:.2e} {elapsed:.0f}s")
            losses = []
        if step % args.refresh_every == 0:
            refresh_pool(pool, pool_rng, args)
        if step % args.val_every == 0:
            run_validation()
            validated = step
        if time.time() - last_ckpt >= args.ckpt_minutes * 60:
            checkpoint()
            last_ckpt = time.time()
            log(f"checkpoint at step {step}")

    checkpoint()
    if validated != step:
        run_validation()
    log(f"done at step {step} after {elapsed:.0f} s")
    try:
        from plot import plot_run
        plot_run(run)
    except Exception as e:  # a missing plot must not lose a finished run
        log(f"plot failed: {e}")


if __name__ == "__main__":
    train(parse_args())
