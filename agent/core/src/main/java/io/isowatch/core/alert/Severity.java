package io.isowatch.core.alert;

/** How urgent an alert is; ordered from least to most urgent. */
public enum Severity {
  WARNING,
  CRITICAL;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
