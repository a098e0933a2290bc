"""Quantization error of candidate vocabularies on held-out synthetic windows.

    python3 vocab_study.py            # table for the model card

Error is measured in mean-scaled units (what the tokens see) and relative to the MAE of the
last-value forecaster on the same windows, so it reads as "how much of a naive forecast's error
the rounding alone costs". Short-run training comparisons use train.py (see MODEL_CARD.md).
"""

import numpy as np

import data

CONTEXT = 64


def windows(seed=4242, count=1024):
    series = data.forecast_set(seed, count, CONTEXT, origins=1)
    scale = data.mean_scale(series[:, :CONTEXT])
    return series / scale[:, None]


def study(scaled, vocab):
    ids = data.token_ids(scaled, np.ones(len(scaled)), vocab)
    back = vocab.centers()[ids - vocab.first_token_id]
    naive = np.mean(np.abs(scaled[:, CONTEXT] - scaled[:, CONTEXT - 1]))
    inside = (scaled >= vocab.low - vocab.step / 2) & (scaled <= vocab.high + vocab.step / 2)
    err_in = np.mean(np.abs(back - scaled)[inside])
    # windows whose typical step-to-step change is below half a bin: the tokens barely move
    typical = np.median(np.abs(np.diff(scaled[:, :CONTEXT], axis=1)), axis=1)
    flat = 100 * np.mean(typical < vocab.step / 2)
    return {"flat_pct": flat, "bins": vocab.bins, "range": f"[{vocab.low:g}, {vocab.high:g}]",
            "step": vocab.step, "mae_inside": err_in, "rel_naive": err_in / naive,
            "clipped_pct": 100 * np.mean(~inside), "max_abs": float(np.max(np.abs(scaled)))}


def main():
    scaled = windows()
    print("| bins | range | bin width | quantization MAE (in range) | / naive MAE | clipped % "
          "| sub-bin windows % |")
    print("|---|---|---|---|---|---|---|")
    for low, high in ((-10, 10), (-15, 15)):
        for bins in (512, 1024, 2048, 4093):
            r = study(scaled, data.Vocabulary(bins=bins, low=low, high=high))
            print(f"| {r['bins']} | {r['range']} | {r['step']:.4f} | {r['mae_inside']:.5f} "
                  f"| {r['rel_naive']:.4f} | {r['clipped_pct']:.3f} | {r['flat_pct']:.1f} |")
    print(f"max |x| / scale over the windows: {np.max(np.abs(scaled)):.2f}; "
          f"99.9th percentile {np.percentile(np.abs(scaled), 99.9):.2f}")


if __name__ == "__main__":
    main()
