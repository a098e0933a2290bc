package io.isowatch.core.realized;

import io.isowatch.core.math.CounterUniform;
import io.isowatch.core.trust.ConformalHistory;
import java.util.Arrays;

/**
 * A conformal test martingale on the surprisals of the agent's own forecasts: evidence, in a
 * currency with a guarantee, that the values now land where the model expected them less (or more)
 * often than they used to on this feed.
 *
 * <p>Each realized surprisal gets a randomized conformal p-value against the feed's last {@link
 * #HISTORY} surprisals (the share of them at least as large, ties broken by a uniform draw). While
 * the surprisals are exchangeable (the forecasts are as good as they were) these p-values are
 * uniform. A Simple Jumper martingale (Vovk, Petej, Nouretdinov, Ahlberg, Carlsson and Gammerman,
 * 2021, "Retrain or not retrain: conformal test martingales for change-point detection") bets on
 * them: three bettors with the betting functions 1 + e (p - 1/2), e in {-1, 0, 1}, each handing a
 * share {@link #JUMP} of its capital to the others at every step, so that the mixture follows a
 * change in either direction and comes back after it. Each step multiplies the wealth W by a factor
 * of mean 1 on uniform p-values.
 *
 * <p>What the monitor reads is W's growth from its lowest point, {@code log10(W_t / min_s W_s)}, a
 * CUSUM statistic on W. On exchangeable surprisals the number of values until it first reaches
 * {@code log10 c} is at least c on average: the growth never exceeds the Shiryaev-Roberts statistic
 * of the same bets, the sum over s < t of W_t / W_s, whose expectation rises by exactly 1 a value.
 * So at 2 a feed whose forecasts did not change waits 100 realized values or more for a crossing,
 * on average. Two limits: the p-values are ranked against the last {@link #HISTORY} surprisals, not
 * all of them, so the guarantee is approximate; and surprisals that are autocorrelated are not
 * exchangeable, so real feeds cross more often than that.
 *
 * <p>Memory: a ring of {@link #HISTORY} doubles and a few numbers, fixed. Not thread-safe; one per
 * feed. The draws come from a counter, so a restored martingale continues exactly.
 */
public final class SurpriseMartingale {
  /** Past surprisals each p-value is ranked against. */
  public static final int HISTORY = 256;

  /** The share of its capital each bettor spreads over all three at every step. */
  static final double JUMP = 0.01;

  // package-private for SurpriseMartingaleCodec, the only other reader and writer
  /** The recent surprisals, each joining at once (no delay): every p-value ranks against them. */
  final ConformalHistory history = new ConformalHistory(HISTORY, 0);

  long draws;

  /** The bettors' shares of the wealth, for e = -1, 0 and 1; they sum to 1. */
  final double[] shares = {1.0 / 3, 1.0 / 3, 1.0 / 3};

  /** log10 of the wealth, and of its lowest value so far (both 0 at the start). */
  double log10Wealth;

  double log10Lowest;

  /** Bytes one martingale holds. */
  public static long memoryBytes() {
    return 8L * HISTORY + 8L * 3 + 112;
  }

  /** Takes one realized surprisal (a finite number; others are ignored). */
  public void observe(double surprisal) {
    if (!Double.isFinite(surprisal)) {
      return;
    }
    // the counters below 0 are this martingale's own: a trust scorer draws from those above.
    // The p-value ranks the surprisal among the held ones and itself, so large ones get small p.
    double p = history.randomizedPValue(surprisal, CounterUniform.of(-1 - draws++));
    history.add(surprisal);
    double total = 0;
    for (int e = 0; e < 3; e++) {
      double share = (1 - JUMP) * shares[e] + JUMP / 3;
      shares[e] = share * (1 + (e - 1) * (p - 0.5));
      total += shares[e];
    }
    for (int e = 0; e < 3; e++) {
      shares[e] /= total;
    }
    log10Wealth += Math.log10(total);
    log10Lowest = Math.min(log10Lowest, log10Wealth);
  }

  /** {@code log10(W / min W)}: 0 while the surprisals give no evidence, 2 for a 100-fold growth. */
  public double growth() {
    return log10Wealth - log10Lowest;
  }

  /** How many surprisals it has taken. */
  public long observed() {
    return draws;
  }

  @Override
  public String toString() {
    return "SurpriseMartingale[observed="
        + draws
        + ", log10Wealth="
        + log10Wealth
        + ", growth="
        + growth()
        + ", shares="
        + Arrays.toString(shares)
        + "]";
  }
}
