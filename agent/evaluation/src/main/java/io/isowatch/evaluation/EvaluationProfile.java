package io.isowatch.evaluation;

import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.trust.TrustSettings;
import java.util.Objects;

/**
 * How isowatch windows and warms up on a series of a given length, and from which position every
 * detector (isowatch and baselines alike) may alarm. Three sizes, chosen by the series length
 * alone, never by its labels: the agent's defaults (64-value windows) for long series; shorter
 * windows and strides where the defaults would leave little or nothing to judge (SKAB's ~1150 rows,
 * exchange rates' ~500 months, TCPD's few hundred points). Signals are evaluated on every window.
 *
 * @param windowLength values per window
 * @param stride new values between windows
 * @param cloudCapacity window vectors the window-cloud measures describe
 * @param warmUpEvaluations evaluations that freeze the baselines before anything is judged
 * @param trust the alarm policy's settings (the agent's defaults unless {@code evaluate
 *     --false-alarm-rate} says otherwise): isowatch's rules and the sanity rows that alarm through
 *     them use the same α
 */
public record EvaluationProfile(
    int windowLength, int stride, int cloudCapacity, int warmUpEvaluations, TrustSettings trust) {
  /** Series at most this long use {@link #tiny}. */
  public static final int TINY_MAX_LENGTH = 800;

  /** Series at most this long (and longer than tiny) use {@link #small}. */
  public static final int SMALL_MAX_LENGTH = 2500;

  public static final int DEFAULT_STRIDE = 8;

  public EvaluationProfile {
    Objects.requireNonNull(trust, "trust");
    if (windowLength < 2 || stride < 1 || stride > windowLength) {
      throw new IllegalArgumentException(
          "window " + windowLength + " / stride " + stride + ": need 1 <= stride <= window");
    }
    if (cloudCapacity < 2 || warmUpEvaluations < 2 * (cloudCapacity - 1)) {
      throw new IllegalArgumentException(
          "warmUpEvaluations must be at least twice the cloud ("
              + cloudCapacity
              + ") less 2, got "
              + warmUpEvaluations);
    }
  }

  /**
   * TCPD-sized series: windows of 24 values every {@code stride}, 12-vector clouds, 24 warm-up
   * evaluations.
   */
  public static EvaluationProfile tiny(int stride) {
    return new EvaluationProfile(24, stride, 12, 24, TrustSettings.defaults());
  }

  /** SKAB-sized series: windows of 32 values every 4, 16-vector clouds, 32 warm-up steps. */
  public static EvaluationProfile small() {
    return new EvaluationProfile(32, 4, 16, 32, TrustSettings.defaults());
  }

  /** Long series: the agent's 64-value windows and 32-vector clouds, 64 warm-up evaluations. */
  public static EvaluationProfile large(int stride) {
    return new EvaluationProfile(64, stride, 32, 64, TrustSettings.defaults());
  }

  /** This profile with the alarm policy's {@code trust} settings. */
  public EvaluationProfile withTrust(TrustSettings trust) {
    return new EvaluationProfile(windowLength, stride, cloudCapacity, warmUpEvaluations, trust);
  }

  /**
   * The profile for a series of {@code length} values. Tiny series move one value at a time when
   * they are scored on change-point positions (TCPD's margin is 5 points), three otherwise (the
   * exchange rates' 33 monthly series, scored on forecast error, would cost 16 000 windows).
   */
  public static EvaluationProfile forLength(int length, int largeStride, boolean pointLabels) {
    if (length <= TINY_MAX_LENGTH) {
      return tiny(pointLabels ? 1 : 3);
    }
    return length <= SMALL_MAX_LENGTH ? small() : large(largeStride);
  }

  /**
   * The position from which detectors may alarm: the last value of the first window isowatch
   * judges. The monitor evaluates from its second window on, the first {@code warmUpEvaluations}
   * evaluations freeze the baselines, and the window-cloud signals exist once the cloud is full, so
   * the warm-up is twice the cloud: those signals then fill more than half of it, as the rule needs
   * to judge them. Baselines learn from the positions before it.
   */
  public int judgedFrom() {
    return windowLength - 1 + stride * (1 + warmUpEvaluations);
  }

  /**
   * The monitor settings of this profile for an embedder of {@code width}: the agent's defaults but
   * for the windows, one evaluation a window and the profile's trust settings.
   */
  public MonitorSettings monitorSettings(int width) {
    return MonitorSettings.builder()
        .window(WindowSpec.builder().length(windowLength).stride(stride).build())
        .width(width)
        .windowCloudCapacity(cloudCapacity)
        .evaluateEvery(1)
        .trust(trust)
        .build();
  }
}
