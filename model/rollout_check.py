"""How far a checkpoint's forecasts carry: 48 steps ahead from 64 values, on held-out synthetic
series only (never the evaluation datasets), so it may be run on any checkpoint.

    /usr/bin/python3 rollout_check.py runs/bundled runs/seasonal --forecasts roll-out,direct
    /usr/bin/python3 rollout_check.py runs/direct2b --forecasts roll-out,direct --paired-against runs/bundled

Per run and forecast: the geometric mean over series of the MAE over 48 steps relative to holding
the last value, on GP-only windows (the original recipe) and on windows led by a repeating
profile (`data._seasonal`), each from its own seed; and the MAE on noiseless sines of period 24
(amplitude 1), where a model that continues the cycle scores near 0 and one that flattens out
scores about 0.64 (the mean |sin|). Forecasts: `roll-out` (each step's median fed back, the
default), `direct` (forecast queries, nothing fed back) and `teacher-forced` (each step one step
ahead from the true values before it: the roll-out's floor, a diagnostic of where its error
comes from).
"""

import argparse

import numpy as np
import torch

import data
import export
from m4_replay import bin_median, direct, next_distribution, roll_out

CONTEXT, HORIZON = 64, 48  # m4_replay.roll_out forecasts 48 steps from 64 values


def held_out(seed, count, seasonal_prob):
    rng = np.random.default_rng(seed)
    pool = data.make_pool(seed + 7919, count)
    return np.stack([data.sample_series(rng, pool, CONTEXT + HORIZON, regime_prob=0.0,
                                        seasonal_prob=seasonal_prob) for _ in range(count)])


def teacher_forced(model, vocab, series):
    """Each of the 48 steps forecast one step ahead from the true values before it: what the
    roll-out would give if its own forecasts never fed back."""
    medians = []
    for step in range(HORIZON):
        p, scale = next_distribution(model, vocab, list(series[:, step:CONTEXT + step]), CONTEXT)
        medians.append(bin_median(p, vocab) * scale)
    return np.stack(medians, axis=1)


def forecast(model, vocab, history, how, series=None):
    if how == "direct":
        return direct(model, vocab, history, CONTEXT)
    if how == "teacher-forced":
        return teacher_forced(model, vocab, series)
    return roll_out(model, vocab, history, "median", CONTEXT)


def maes(model, vocab, series, how):
    """Per series: the forecast's MAE over the 48 steps."""
    predicted = forecast(model, vocab, series[:, :CONTEXT], how, series)
    return np.mean(np.abs(predicted - series[:, CONTEXT:]), axis=1)


def relative_to_last_value(model_mae, series):
    truth = series[:, CONTEXT:]
    last_mae = np.mean(np.abs(series[:, CONTEXT - 1:CONTEXT] - truth), axis=1)
    ok = last_mae > 0
    return float(np.exp(np.mean(np.log(model_mae[ok] / last_mae[ok]))))


def paired_interval(model_mae, reference_mae, resamples=2000, seed=0):
    """The mean log ratio of two forecasts' MAEs on the same series, with its 95% percentile
    bootstrap interval (series resampled with replacement, seeded so the figure repeats)."""
    ok = (model_mae > 0) & (reference_mae > 0)
    log_ratio = np.log(model_mae[ok] / reference_mae[ok])
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(log_ratio), size=(resamples, len(log_ratio)))
    means = log_ratio[picks].mean(axis=1)
    return float(log_ratio.mean()), float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def sine_mae(model, vocab, how):
    t = np.arange(CONTEXT + HORIZON)
    rows = [level + np.sin(2 * np.pi * (t + phase) / 24) for level in (0.0, 3.0, 10.0)
            for phase in (0, 6, 13)]
    series = np.stack(rows)
    return float(np.mean(np.abs(forecast(model, vocab, series[:, :CONTEXT], how, series)
                                - series[:, CONTEXT:])))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="+")
    parser.add_argument("--series", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--forecasts", default="roll-out",
                        help="roll-out (the median fed back), direct (forecast queries) and/or "
                             "teacher-forced (one step ahead from the true values: a diagnostic)")
    parser.add_argument("--paired-against", metavar="RUN",
                        help="also print, per forecast, the mean log ratio of its MAE to RUN's "
                             "median roll-out on the same series, with a 95%% bootstrap interval")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    gp = held_out(30_001, args.series, 0.0)
    seasonal = held_out(30_002, args.series, 1.0)
    reference = None
    if args.paired_against:
        model, vocab, _ = export.load(args.paired_against)
        model.eval()
        reference = (maes(model, vocab, gp, "roll-out"), maes(model, vocab, seasonal, "roll-out"))
    paired_header = (" GP, log ratio to the reference roll-out [95%] | seasonal, same |"
                     if reference else "")
    print("| run | step | forecast | GP windows, / last value | seasonal windows, / last value "
          "| sines, MAE |" + paired_header)
    print("|---|---:|---|---:|---:|---:|" + ("---:|---:|" if reference else ""))
    for run in args.runs:
        model, vocab, state = export.load(run)
        model.eval()
        for how in args.forecasts.split(","):
            gp_mae, seasonal_mae = maes(model, vocab, gp, how), maes(model, vocab, seasonal, how)
            row = (f"| {run} | {state.get('step')} | {how} "
                   f"| {relative_to_last_value(gp_mae, gp):.3f} "
                   f"| {relative_to_last_value(seasonal_mae, seasonal):.3f} "
                   f"| {sine_mae(model, vocab, how):.3f} |")
            if reference:
                for own, theirs in ((gp_mae, reference[0]), (seasonal_mae, reference[1])):
                    mean, low, high = paired_interval(own, theirs)
                    row += f" {mean:+.4f} [{low:+.4f}, {high:+.4f}] |"
            print(row, flush=True)


if __name__ == "__main__":
    main()
