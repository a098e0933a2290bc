package io.isowatch.bench;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What quantization costs the geometry: the same windows, embedded by the fp32 and the int8 model,
 * replayed through fresh monitors of each, and every signal compared at every evaluation. A
 * signal's difference is set against its own movement: the pooled within-feed standard deviation of
 * its fp32 values over the run (what the alert rule's robust z divides by is of that order).
 */
final class SignalFidelity {
  /**
   * One signal.
   *
   * @param pairs evaluations where both values are finite
   * @param meanAbsDiff mean |fp32 - int8|
   * @param maxAbsDiff max |fp32 - int8|
   * @param bias mean of int8 - fp32
   * @param residual pooled within-feed standard deviation of int8 - fp32 (each feed's own offset
   *     removed): the part of the difference a per-feed baseline does not absorb
   * @param spread pooled within-feed standard deviation of the fp32 values
   * @param correlation within-feed (feed means removed) correlation of fp32 and int8 values
   */
  record Row(
      MonitorSignal signal,
      int pairs,
      double meanAbsDiff,
      double maxAbsDiff,
      double bias,
      double residual,
      double spread,
      double correlation) {
    double relative() {
      return meanAbsDiff / spread;
    }

    double relativeResidual() {
      return residual / spread;
    }
  }

  /**
   * The comparison.
   *
   * @param rows one per signal
   * @param meanCosine mean cosine of each window's fp32 and int8 pooled vectors
   * @param minCosine the smallest of those cosines
   * @param referenceAlerts firing alerts per feed of the fp32 replay (first firing window end)
   * @param otherAlerts the same for int8
   */
  record Result(
      List<Row> rows,
      double meanCosine,
      double minCosine,
      Map<String, List<String>> referenceAlerts,
      Map<String, List<String>> otherAlerts) {}

  private SignalFidelity() {}

  static Result compare(
      List<Window> windows,
      List<Embedding> reference,
      List<Embedding> other,
      MonitorSettings settings) {
    Map<String, FeedMonitor> referenceMonitors = new HashMap<>();
    Map<String, FeedMonitor> otherMonitors = new HashMap<>();
    Map<MonitorSignal, Map<String, List<double[]>>> pairs = new EnumMap<>(MonitorSignal.class);
    Map<String, List<String>> referenceAlerts = new TreeMap<>();
    Map<String, List<String>> otherAlerts = new TreeMap<>();
    double cosineSum = 0;
    double minCosine = Double.POSITIVE_INFINITY;
    for (int i = 0; i < windows.size(); i++) {
      Window window = windows.get(i);
      String feed = window.feedId();
      WindowVerdict a =
          referenceMonitors
              .computeIfAbsent(feed, id -> FeedMonitor.create(id, settings))
              .onEmbedded(window, reference.get(i));
      WindowVerdict b =
          otherMonitors
              .computeIfAbsent(feed, id -> FeedMonitor.create(id, settings))
              .onEmbedded(window, other.get(i));
      double cosine = cosine(reference.get(i).pooled(), other.get(i).pooled());
      cosineSum += cosine;
      minCosine = Math.min(minCosine, cosine);
      collect(a.alerts(), referenceAlerts);
      collect(b.alerts(), otherAlerts);
      if (a.evaluated() != b.evaluated()) {
        throw new IllegalStateException("the two replays evaluated different windows at " + i);
      }
      for (Map.Entry<MonitorSignal, Double> entry : a.signals().entrySet()) {
        double x = entry.getValue();
        Double y = b.signals().get(entry.getKey());
        if (Double.isFinite(x) && y != null && Double.isFinite(y)) {
          pairs
              .computeIfAbsent(entry.getKey(), s -> new LinkedHashMap<>())
              .computeIfAbsent(feed, f -> new ArrayList<>())
              .add(new double[] {x, y});
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (MonitorSignal signal : MonitorSignal.values()) {
      rows.add(row(signal, pairs.getOrDefault(signal, Map.of())));
    }
    return new Result(rows, cosineSum / windows.size(), minCosine, referenceAlerts, otherAlerts);
  }

  private static Row row(MonitorSignal signal, Map<String, List<double[]>> byFeed) {
    int n = 0;
    double absSum = 0;
    double absMax = 0;
    double signedSum = 0;
    double ssa = 0;
    double ssb = 0;
    double sab = 0;
    double ssd = 0;
    int dof = 0;
    for (List<double[]> feed : byFeed.values()) {
      double meanA = 0;
      double meanB = 0;
      for (double[] p : feed) {
        meanA += p[0];
        meanB += p[1];
      }
      meanA /= feed.size();
      meanB /= feed.size();
      for (double[] p : feed) {
        double diff = Math.abs(p[0] - p[1]);
        absSum += diff;
        absMax = Math.max(absMax, diff);
        signedSum += p[1] - p[0];
        double residual = (p[1] - meanB) - (p[0] - meanA);
        ssd += residual * residual;
        ssa += (p[0] - meanA) * (p[0] - meanA);
        ssb += (p[1] - meanB) * (p[1] - meanB);
        sab += (p[0] - meanA) * (p[1] - meanB);
      }
      n += feed.size();
      dof += feed.size() - 1;
    }
    return new Row(
        signal,
        n,
        n == 0 ? Double.NaN : absSum / n,
        n == 0 ? Double.NaN : absMax,
        n == 0 ? Double.NaN : signedSum / n,
        dof <= 0 ? Double.NaN : Math.sqrt(ssd / dof),
        dof <= 0 ? Double.NaN : Math.sqrt(ssa / dof),
        ssa == 0 || ssb == 0 ? Double.NaN : sab / Math.sqrt(ssa * ssb));
  }

  private static void collect(List<Alert> alerts, Map<String, List<String>> byFeed) {
    for (Alert alert : alerts) {
      if (alert.state() == AlertState.FIRING) {
        byFeed
            .computeIfAbsent(alert.feedId(), f -> new ArrayList<>())
            .add(String.format(Locale.ROOT, "%s %s", alert.severity(), alert.to()));
      }
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    for (int j = 0; j < a.length; j++) {
      dot += (double) a[j] * b[j];
      aa += (double) a[j] * a[j];
      bb += (double) b[j] * b[j];
    }
    return dot / Math.sqrt(aa * bb);
  }
}
