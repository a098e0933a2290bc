package io.isowatch.testkit.hostile;

import io.isowatch.core.feed.RejectionReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * What an engine's metrics say of the records it handled: accepted ({@code
 * isowatch_observations_total}, summed over feeds) and rejected per reason ({@code
 * isowatch_records_rejected_total}).
 */
public record EngineCounts(long accepted, Map<RejectionReason, Long> rejected) {
  private static final String ACCEPTED = "isowatch_observations_total";
  private static final String REJECTED = "isowatch_records_rejected_total{reason=\"";

  public EngineCounts {
    rejected = Map.copyOf(rejected);
  }

  /** Reads a scrape in the Prometheus text format. */
  public static EngineCounts ofPrometheusText(String scrape) {
    double accepted = 0;
    Map<RejectionReason, Long> rejected = new EnumMap<>(RejectionReason.class);
    for (String line : scrape.split("\n")) {
      if (line.startsWith(ACCEPTED + "{") || line.startsWith(ACCEPTED + " ")) {
        accepted += value(line);
      } else if (line.startsWith(REJECTED)) {
        String label = line.substring(REJECTED.length(), line.indexOf('"', REJECTED.length()));
        for (RejectionReason reason : RejectionReason.values()) {
          if (reason.label().equals(label)) {
            rejected.merge(reason, Math.round(value(line)), Long::sum);
          }
        }
      }
    }
    return new EngineCounts(Math.round(accepted), rejected);
  }

  /** Accepted plus every rejection that refused its record. */
  public long handled() {
    return accepted
        + rejected.entrySet().stream()
            .filter(e -> e.getKey().refusesRecord())
            .mapToLong(Map.Entry::getValue)
            .sum();
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
