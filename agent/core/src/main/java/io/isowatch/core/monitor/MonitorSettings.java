package io.isowatch.core.monitor;

import io.isowatch.core.feed.WindowSpec;
import java.util.Objects;

/**
 * How a {@link FeedMonitor} windows, measures and judges a feed.
 *
 * <pre>{@code
 * MonitorSettings settings = MonitorSettings.builder().width(384).evaluateEvery(4).build();
 * }</pre>
 *
 * @param window window length, stride, lateness and gaps
 * @param width the embedder's output width
 * @param windowCloudCapacity how many recent window vectors the window-cloud measures describe
 * @param evaluateEvery windows between evaluations of the signals and the rule
 * @param rule the alert rule's thresholds, in evaluations
 */
public record MonitorSettings(
    WindowSpec window,
    int width,
    int windowCloudCapacity,
    int evaluateEvery,
    AlertRuleSettings rule) {
  public static final int DEFAULT_WIDTH = 384;
  public static final int DEFAULT_WINDOW_CLOUD_CAPACITY = 32;
  public static final int DEFAULT_EVALUATE_EVERY = 4;

  public MonitorSettings {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(rule, "rule");
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1, got " + width);
    }
    if (windowCloudCapacity < 2) {
      throw new IllegalArgumentException(
          "windowCloudCapacity must be at least 2, got " + windowCloudCapacity);
    }
    if (evaluateEvery < 1) {
      throw new IllegalArgumentException("evaluateEvery must be at least 1, got " + evaluateEvery);
    }
  }

  public static MonitorSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link MonitorSettings}; every field starts at its default. */
  public static final class Builder {
    private WindowSpec window = WindowSpec.defaults();
    private int width = DEFAULT_WIDTH;
    private int windowCloudCapacity = DEFAULT_WINDOW_CLOUD_CAPACITY;
    private int evaluateEvery = DEFAULT_EVALUATE_EVERY;
    private AlertRuleSettings rule = AlertRuleSettings.defaults();

    private Builder() {}

    public Builder window(WindowSpec window) {
      this.window = window;
      return this;
    }

    public Builder width(int width) {
      this.width = width;
      return this;
    }

    public Builder windowCloudCapacity(int windowCloudCapacity) {
      this.windowCloudCapacity = windowCloudCapacity;
      return this;
    }

    public Builder evaluateEvery(int evaluateEvery) {
      this.evaluateEvery = evaluateEvery;
      return this;
    }

    public Builder rule(AlertRuleSettings rule) {
      this.rule = rule;
      return this;
    }

    public MonitorSettings build() {
      return new MonitorSettings(window, width, windowCloudCapacity, evaluateEvery, rule);
    }
  }
}
