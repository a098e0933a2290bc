"""Plot a run's loss and validation curves to runs/<name>/loss.png (usable mid-run).

    python3 plot.py runs/main
"""

import csv
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on the training machine
import matplotlib.pyplot as plt  # noqa: E402


def read_csv(path):
    if not path.exists():
        return {}
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return {key: [float(r[key]) for r in rows] for key in (rows[0] if rows else [])}


def plot_run(run, out=None):
    run = Path(run)
    train, val = read_csv(run / "train_log.csv"), read_csv(run / "val.csv")
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    if train:
        left.plot(train["step"], train["loss"], lw=0.8, label="train (mean per log interval)")
    if val:
        left.plot(val["step"], val["val_loss"], "o-", ms=3, label="validation")
        right.plot(val["step"], val["mae_ratio"], "o-", ms=3, color="C2")
        right.axhline(1.0, color="grey", ls="--", lw=0.8)
    left.set(xlabel="step", ylabel="next-token cross-entropy (nats)", title=run.name)
    left.legend()
    right.set(xlabel="step", ylabel="MAE / MAE(last value), geo. mean",
              title="1-step median forecast, held-out synthetic")
    fig.tight_layout()
    out = Path(out or run / "loss.png")
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


if __name__ == "__main__":
    print(plot_run(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "runs" / "main"))
