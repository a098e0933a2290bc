"""Diagnose the M4 hourly roll-out in PyTorch: relative MASE of the median and mean roll-outs,
and of the mean roll-out grouped by how large a step is against the level. A diagnostic only;
the reported figures come from the agent's `forecast-accuracy` command.

    /usr/bin/python3 m4_replay.py --run runs/main --m4 ../../shared/datasets/M4
"""

import argparse
import csv
from pathlib import Path

import numpy as np
import torch

import data
import export

HORIZON, PERIOD = 48, 24


def rows(path):
    with open(path) as f:
        reader = csv.reader(f)
        next(reader)
        return {r[0]: np.array([float(x) for x in r[1:] if x.strip()]) for r in reader}


def mase(forecast, truth, train):
    return np.mean(np.abs(forecast - truth)) / np.mean(np.abs(train[PERIOD:] - train[:-PERIOD]))


def next_distribution(model, vocab, contexts, context):
    """The model's next-value distribution after each context (its newest `context` values):
    probabilities over the bins [rows, bins] and each row's scale."""
    window = np.stack([c[-context:] for c in contexts])
    scale = data.mean_scale(window)
    ids = torch.tensor(data.token_ids(window, scale, vocab))
    with torch.no_grad():
        logits = model(ids, torch.ones_like(ids))[0][:, -1, vocab.first_token_id:]
    return torch.softmax(logits.double(), -1).numpy(), scale


def bin_median(p, vocab):
    """The median of each row's distribution over the bins (last axis), at its bin's centre."""
    return vocab.centers()[(np.cumsum(p, -1) < 0.5).sum(-1)]


def sampled_roll_out(model, vocab, histories, paths, context, seed):
    """Chronos's forecast: sample `paths` trajectories token by token from the model's own
    softmax (each value its bin centre), then take the median over paths at every step."""
    rng = np.random.default_rng(seed)
    centers = vocab.centers()
    contexts = [h[-context:].copy() for h in histories for _ in range(paths)]
    values = np.zeros((len(contexts), HORIZON))
    for step in range(HORIZON):
        p, scale = next_distribution(model, vocab, contexts, context)
        u = rng.random(len(p))[:, None]
        index = np.minimum((np.cumsum(p, 1) < u).sum(1), vocab.bins - 1)
        values[:, step] = centers[index] * scale
        contexts = [np.append(c, v) for c, v in zip(contexts, values[:, step])]
    return np.median(values.reshape(len(histories), paths, HORIZON), axis=1)


def roll_out(model, vocab, histories, point, context=64):
    centers = vocab.centers()
    contexts = [h[-context:].copy() for h in histories]
    paths = np.zeros((len(histories), HORIZON))
    for step in range(HORIZON):
        p, scale = next_distribution(model, vocab, contexts, context)
        if point == "median":
            value = bin_median(p, vocab)
        else:
            value = p @ centers
        paths[:, step] = value * scale
        contexts = [np.append(c, v) for c, v in zip(contexts, paths[:, step])]
    return paths


def direct(model, vocab, histories, context=64):
    """The forecast queries' medians: one pass over each context (its newest `context` values)
    followed by HORIZON - 1 QUERY_ID tokens; the last value's position and each query's read
    the median of their step's distribution."""
    window = np.stack([h[-context:] for h in histories])
    scale = data.mean_scale(window)
    ids = np.concatenate([data.token_ids(window, scale, vocab),
                          np.full((len(window), HORIZON - 1), data.QUERY_ID)], axis=1)
    ids = torch.from_numpy(ids)
    with torch.no_grad():
        logits = model(ids, torch.ones_like(ids))[0][:, context - 1:, vocab.first_token_id:]
    p = torch.softmax(logits.double(), -1).numpy()
    return bin_median(p, vocab) * scale[:, None]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--run", default="runs/main")
    parser.add_argument("--m4", required=True)
    parser.add_argument("--context", type=int, default=64)
    parser.add_argument("--points", default="median,mean",
                        help="median, mean, sample and/or direct (the forecast queries)")
    parser.add_argument("--paths", type=int, default=20, help="sampled trajectories per series")
    args = parser.parse_args()
    torch.set_num_threads(1)
    model, vocab, state = export.load(args.run)
    model.eval()
    train, test = rows(Path(args.m4) / "Hourly-train.csv"), rows(Path(args.m4) / "Hourly-test.csv")
    ids = list(train)
    seasonal = [np.array([train[i][len(train[i]) - PERIOD + j % PERIOD] for j in range(HORIZON)])
                for i in ids]
    reference = np.array([mase(s, test[i], train[i]) for s, i in zip(seasonal, ids)])
    print(f"step {state.get('step')}, {len(ids)} series")
    for point in args.points.split(","):
        histories = [train[i] for i in ids]
        if point == "sample":
            paths = sampled_roll_out(model, vocab, histories, args.paths, args.context, seed=1)
        elif point == "direct":
            paths = direct(model, vocab, histories, args.context)
        else:
            paths = roll_out(model, vocab, histories, point, args.context)
        relative = np.array([mase(p, test[i], train[i]) for p, i in zip(paths, ids)]) / reference
        print(f"{point} roll-out, context {args.context}: relative MASE {np.exp(np.mean(np.log(relative))):.3f}")
        if point == "mean":
            step = np.array([np.mean(np.abs(np.diff(train[i][-64:]))) / np.mean(np.abs(train[i][-64:]))
                             for i in ids])
            for low, high in [(0, 0.02), (0.02, 0.05), (0.05, 0.1), (0.1, 0.3), (0.3, np.inf)]:
                chosen = (step >= low) & (step < high)
                if chosen.any():
                    print(f"  step/level in [{low}, {high}): {chosen.sum()} series, "
                          f"relative MASE {np.exp(np.mean(np.log(relative[chosen]))):.3f}")


if __name__ == "__main__":
    main()
