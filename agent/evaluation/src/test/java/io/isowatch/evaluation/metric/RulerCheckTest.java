package io.isowatch.evaluation.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulerCheckTest {
  private static final List<String> SANITY = List.of("sanity:noise", "never_alarms");

  @Test
  void aMetricWhereASanityRowTiesTheBestDetectorIsBroken() {
    Map<String, Map<String, Double>> metrics =
        Map.of(
            "isowatch", Map.of("tcpd_f1", 0.70, "nab_score", 20.0),
            "adwin", Map.of("tcpd_f1", 0.65, "nab_score", 30.0),
            "never_alarms", Map.of("tcpd_f1", 0.70, "nab_score", 0.0),
            "sanity:noise", Map.of("tcpd_f1", 0.50, "nab_score", 1.0));

    Map<String, String> broken = RulerCheck.broken(metrics, SANITY);

    assertThat(broken).containsOnlyKeys("tcpd_f1");
    assertThat(broken.get("tcpd_f1")).contains("never_alarms").contains("isowatch");
  }

  @Test
  void anAurocOffChanceForASanityRowIsBrokenEvenWhenADetectorDoesBetter() {
    Map<String, Map<String, Double>> metrics =
        Map.of(
            "isowatch", Map.of("auroc:agent", 0.80, "auroc:last_value", 0.60),
            "sanity:noise", Map.of("auroc:agent", 0.44, "auroc:last_value", 0.55));

    assertThat(RulerCheck.broken(metrics, SANITY)).containsOnlyKeys("auroc:agent");
  }

  @Test
  void leadTimesAreDescriptiveAndNotChecked() {
    Map<String, Map<String, Double>> metrics =
        Map.of("isowatch", Map.of("lead:agent", 2.0), "never_alarms", Map.of("lead:agent", 8.0));

    assertThat(RulerCheck.broken(metrics, SANITY)).isEmpty();
  }
}
