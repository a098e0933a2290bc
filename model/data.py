"""Synthetic training data and the Chronos-style tokenizer.

Series are KernelSynth-style Gaussian-process samples (Ansari et al. 2024): a random sum or
product of 1-5 kernels from a fixed bank, sampled with a Cholesky factor. Training windows are cut
from a pool of such series, mixed TSMixup-style and given injected regime changes, because the
agent watches feeds exactly for such changes. Everything draws from a seeded numpy Generator.

The tokenizer mirrors the Java ChronosEncoder (causal export, no EOS) bit for bit: mean |x| over
the context summed left to right as halves (as MeanScaling does), then
id = first + clip(floor((x / scale - low) / step + 0.5), 0, bins - 1).
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.signal import lfilter

PAD_ID = 0
EOS_ID = 1
QUERY_ID = 2  # a forecast query: "the value this many steps after the context", never a value
FIRST_TOKEN_ID = 3

# Periods in steps. Chronos expresses them as fractions of the series length on x in [0, 1];
# measured in steps they keep their meaning (daily/weekly/yearly cycles of hourly or daily data).
PERIODS = (24, 48, 96, 168, 7, 14, 30, 365, 12, 52)


@dataclass(frozen=True)
class Vocabulary:
    bins: int = 1024
    low: float = -10.0
    high: float = 10.0
    first_token_id: int = FIRST_TOKEN_ID

    @property
    def size(self):
        """Logit width: the special ids then one id per center."""
        return self.first_token_id + self.bins

    @property
    def step(self):
        return (self.high - self.low) / (self.bins - 1)

    def centers(self):
        """The value of each center, index 0 = first_token_id (same formula as Java's Range)."""
        index = np.arange(self.bins, dtype=np.float64)
        values = self.low + (self.high - self.low) * index / (self.bins - 1)
        values[-1] = self.high
        return values


# ---------------------------------------------------------------- tokenizer


def mean_scale(context):
    """Chronos mean scaling of the last axis, summed in Java's order so the bits agree."""
    context = np.asarray(context, dtype=np.float64)
    total = np.cumsum(np.abs(context) / 2, axis=-1)[..., -1]  # cumsum is sequential
    scale = 2 * (total / context.shape[-1])
    ok = (scale > 0) & np.isfinite(scale)
    return np.where(ok, scale, 1.0)


def token_ids(values, scale, vocab):
    """Nearest-center ids of values / scale; scale broadcasts over the last axis."""
    scaled = np.asarray(values, dtype=np.float64) / np.asarray(scale, dtype=np.float64)[..., None]
    position = np.floor((scaled - vocab.low) / vocab.step + 0.5)
    return (vocab.first_token_id + np.clip(position, 0, vocab.bins - 1)).astype(np.int64)


def encode(window, vocab, context_length=64):
    """Ids of a window as the Java encoder gives them: its newest context_length values."""
    window = np.asarray(window, dtype=np.float64)[-context_length:]
    scale = mean_scale(window)
    return token_ids(window, scale, vocab), float(scale)


# ---------------------------------------------------------------- Gaussian processes


@lru_cache(maxsize=4)
def _lags(n):
    """|i - j| for an n x n kernel: stationary kernels are functions of the lag (Toeplitz),
    so each is computed on n lags and gathered instead of evaluated n^2 times."""
    t = np.arange(n)
    return np.abs(t[:, None] - t[None, :])


def _stationary(rng, kind, n):
    """Kernel value at each lag 0..n-1; lags in steps for periodic, in units of n otherwise."""
    lag = np.arange(n, dtype=np.float64)
    if kind == "periodic":
        period = rng.choice(PERIODS) * rng.uniform(0.9, 1.1)  # jitter: not only the exact grid
        length = rng.choice([0.5, 1.0, 2.0])
        return np.exp(-2 * np.sin(np.pi * lag / period) ** 2 / length**2)
    d2 = (lag / n) ** 2
    if kind == "rbf":
        length = rng.choice([0.1, 1.0, 10.0]) * rng.uniform(0.1, 1.0)
        return np.exp(-d2 / (2 * length**2))
    if kind == "rq":
        alpha = rng.choice([0.1, 1.0, 10.0])
        length = rng.uniform(0.05, 1.0)
        return (1 + d2 / (2 * alpha * length**2)) ** -alpha
    if kind == "white":
        return np.where(lag == 0, rng.choice([0.1, 1.0]), 0.0)
    return np.full(n, rng.uniform(0.1, 2.0))  # constant


def _kernel(rng, n):
    """One random kernel matrix from the bank."""
    kind = rng.choice(["periodic", "linear", "rbf", "rq", "white", "constant"],
                      p=[0.4, 0.12, 0.16, 0.14, 0.1, 0.08])
    if kind == "linear":  # dot product on x = t / n, the only non-stationary kernel
        x = np.arange(n) / n - rng.uniform(0, 1)  # origin: where the trend crosses zero
        return rng.choice([0.0, 1.0, 10.0]) ** 2 + np.outer(x, x)
    return _stationary(rng, kind, n)[_lags(n)]


def random_kernel(rng, n):
    """A sum/product of 1-5 bank kernels, combined left to right by a random + or *."""
    k = _kernel(rng, n)
    for _ in range(rng.integers(1, 6) - 1):
        other = _kernel(rng, n)
        k = k + other if rng.random() < 0.5 else k * other
    return k


def sample_gp(rng, kernel):
    """One zero-mean sample; jitter grows until the (PSD up to rounding) kernel factors."""
    n = len(kernel)
    scale = max(np.mean(np.diag(kernel)), 1e-12)
    for jitter in (1e-6, 1e-4, 1e-2):
        try:
            chol = np.linalg.cholesky(kernel + jitter * scale * np.eye(n))
            return chol @ rng.standard_normal(n)
        except np.linalg.LinAlgError:
            continue
    w, v = np.linalg.eigh(kernel)  # last resort: clip negative eigenvalues
    return v @ (np.sqrt(np.clip(w, 0, None)) * rng.standard_normal(n))


def make_pool(seed, count, length=384):
    """count GP series of the given length, each standardized (level/scale come later)."""
    rng = np.random.default_rng(seed)
    pool = np.empty((count, length), dtype=np.float32)
    for i in range(count):
        y = sample_gp(rng, random_kernel(rng, length))
        pool[i] = (y - y.mean()) / max(y.std(), 1e-8)
    return pool


# ---------------------------------------------------------------- windows and regime changes


def _warped(rng, series, n):
    """A window whose time runs faster or slower after a change point (frequency change)."""
    factor = rng.choice([rng.uniform(0.4, 0.8), rng.uniform(1.3, 2.0)])
    change = rng.integers(n // 4, n)
    start = rng.integers(0, len(series) - int(np.ceil(change + (n - change) * factor)) - 1)
    idx = np.arange(n, dtype=np.float64)
    idx = np.where(idx < change, idx, change + (idx - change) * factor) + start
    return np.interp(idx, np.arange(len(series)), series)


def _component(rng, pool, n, warp):
    """A pool window with a random level, mean-scaled so mixup weights mean what they say."""
    series = pool[rng.integers(len(pool))].astype(np.float64)
    if warp:
        y = _warped(rng, series, n)
    else:
        start = rng.integers(0, len(series) - n + 1)
        y = series[start:start + n].copy()
    if rng.random() < 0.6:  # most real feeds sit at a level away from zero
        y = y + rng.uniform(-6, 6)
    return y / max(np.mean(np.abs(y)), 1e-8)


SEASONS = (24, 24, 24, 12, 7, 48, 6, 8, 4, 16, 30, 52, 10, 5, 36)


def _seasonal(rng, n):
    """A repeating profile, as hourly, daily or weekly feeds have: 1-8 harmonics of an integer
    period (20 %: jittered off the grid), with a level, a slow trend, a drifting amplitude and
    AR(1) noise from nearly none to half the profile's size. GP periodic draws are smooth sums
    of many periods once mixed; this gives a model windows where continuing the cycle is the
    forecast, the skill a 48-step roll-out of a daily series needs."""
    period = float(rng.choice(SEASONS))
    if rng.random() < 0.2:
        period *= rng.uniform(0.9, 1.1)
    t = np.arange(n) + rng.uniform(0, period)
    harmonics = int(rng.integers(1, 9))
    decay = rng.uniform(0.3, 2.0)
    profile = sum(rng.standard_normal() / k**decay * np.sin(2 * np.pi * k * t / period + rng.uniform(0, 2 * np.pi))
                  for k in range(1, harmonics + 1))
    profile = profile / max(np.std(profile), 1e-8)
    profile = profile * (1 + rng.uniform(-0.5, 0.5) * np.arange(n) / n)
    phi, sd = rng.uniform(0, 0.9), np.exp(rng.uniform(np.log(0.005), np.log(0.5)))
    noise = lfilter([1.0], [1.0, -phi], rng.standard_normal(n) * sd * np.sqrt(1 - phi**2))  # AR(1)
    y = profile + noise + rng.uniform(-1, 1) * np.arange(n) / n
    if rng.random() < 0.8:  # a level: many daily series are a cycle on top of a base load
        y = y + rng.uniform(1.5, 12)
    return y / max(np.mean(np.abs(y)), 1e-8)


def _mixed(rng, pool, n, warp, seasonal_prob=0.0):
    """TSMixup: a Dirichlet(1.5) convex combination of 1-3 components; with seasonal_prob the
    first one is a repeating profile (`_seasonal`) instead of a GP window."""
    k = rng.choice([1, 2, 3], p=[0.6, 0.25, 0.15])
    weights = rng.dirichlet(np.full(k, 1.5))
    if seasonal_prob > 0 and not warp and rng.random() < seasonal_prob:
        first = _seasonal(rng, n)
        return weights[0] * first + sum(w * _component(rng, pool, n, False) for w in weights[1:])
    return sum(w * _component(rng, pool, n, warp and i == 0) for i, w in enumerate(weights))


def _spread(y):
    s = np.std(y)
    return s if s > 1e-8 else max(np.mean(np.abs(y)), 1.0)


def inject_regime_change(rng, y, kind):
    """One change of the given kind at a random point (often near the end, so forecasts see it)."""
    n = len(y)
    if n < 8:  # too short to hold a before and an after
        return y
    c = int(rng.integers(n // 4, n))
    s = _spread(y[:c])
    y = y.copy()
    sign = rng.choice([-1.0, 1.0])
    if kind == "level":
        y[c:] += sign * rng.uniform(1, 5) * s
    elif kind == "variance":
        local = np.mean(y[max(0, c - 8):c])
        y[c:] = local + (y[c:] - local) * np.exp(rng.uniform(np.log(0.2), np.log(5)))
    elif kind == "trend":
        y[c:] += sign * rng.uniform(1, 4) * s * np.arange(n - c) / max(n - c, 8)
    elif kind == "spikes":
        for p in rng.integers(c, n, size=rng.integers(1, 4)):
            y[p] += rng.choice([-1.0, 1.0]) * rng.uniform(3, 8) * s
    elif kind == "flat":
        y[c:c + rng.integers(4, n)] = y[c - 1]
    elif kind == "burst":
        end = c + rng.integers(4, n)
        y[c:end] += rng.standard_normal(len(y[c:end])) * rng.uniform(1, 4) * s
    return y


REGIMES = ("level", "variance", "trend", "spikes", "flat", "burst", "frequency")


def sample_series(rng, pool, n, regime_prob=0.35, seasonal_prob=0.0):
    """One raw window of n values: mixup, a random level and scale, maybe a regime change."""
    kind = rng.choice(REGIMES) if rng.random() < regime_prob else None
    y = _mixed(rng, pool, n, warp=kind == "frequency", seasonal_prob=seasonal_prob)
    if kind not in (None, "frequency"):
        y = inject_regime_change(rng, y, kind)
    y = y * np.exp(rng.uniform(-3, 5))  # mean scaling must undo any unit
    if rng.random() < 0.1:  # counts and coarse sensors: values on a grid
        grid = _spread(y) / rng.uniform(2, 20)
        y = np.round(y / grid) * grid
    return y


def token_batch(rng, pool, vocab, lengths, seasonal_prob=0.0, horizon=1):
    """A batch of causal examples, right-padded.

    Row i holds lengths[i] context tokens, scaled over the context only (as the agent scales its
    window), then horizon - 1 QUERY_ID tokens. Every context position is trained on the next
    value; the last context position and the queries after it on the values 1..horizon steps
    after the context. A query sees the context and the queries before it, never a future value,
    so its output is a direct forecast of its step: no value is fed back, and a cycle must be
    read off the context rather than extrapolated from the last few steps. horizon = 1 is the
    plain language-model batch. Returns input_ids, attention_mask and targets ([B, L] int64,
    targets -100 where padded)."""
    queries = horizon - 1
    width = max(lengths) + queries
    ids = np.full((len(lengths), width), PAD_ID, dtype=np.int64)
    mask = np.zeros_like(ids)
    targets = np.full_like(ids, -100)
    for i, n in enumerate(lengths):
        y = sample_series(rng, pool, n + horizon, seasonal_prob=seasonal_prob)
        tokens = token_ids(y, mean_scale(y[:n]), vocab)
        ids[i, :n] = tokens[:n]
        ids[i, n:n + queries] = QUERY_ID
        mask[i, :n + queries] = 1
        targets[i, :n + queries] = tokens[1:]
    return ids, mask, targets


def forecast_set(seed, count, context=64, origins=16, pool_size=None):
    """Fixed held-out series for validation: each has context + origins values, giving
    `origins` rolling 1-step forecasts. Drawn from its own pool (another seed)."""
    rng = np.random.default_rng(seed)
    pool = make_pool(seed + 7919, pool_size or count)
    return np.stack([sample_series(rng, pool, context + origins) for _ in range(count)])
