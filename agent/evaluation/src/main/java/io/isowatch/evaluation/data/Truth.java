package io.isowatch.evaluation.data;

import java.util.List;

/** What a series is scored against; each kind of dataset brings its own. */
public sealed interface Truth {

  /**
   * NAB: labelled anomaly windows, and the probationary start in which detections are not scored.
   */
  record AnomalyWindows(List<IndexRange> windows, int probation) implements Truth {
    public AnomalyWindows {
      windows = List.copyOf(windows);
    }
  }

  /** TCPD: the change points each annotator marked (0-based positions), one list per annotator. */
  record AnnotatedChangePoints(List<List<Integer>> annotators) implements Truth {
    public AnnotatedChangePoints {
      annotators = annotators.stream().map(List::copyOf).toList();
    }
  }

  /** SKAB: the rows marked as change points (0-based positions). */
  record ChangePoints(List<Integer> points) implements Truth {
    public ChangePoints {
      points = List.copyOf(points);
    }
  }

  /** No labels: the realized error of a forecaster is the truth, computed from the values. */
  record ForecastError() implements Truth {}
}
