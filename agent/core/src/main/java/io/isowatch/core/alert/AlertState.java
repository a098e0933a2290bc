package io.isowatch.core.alert;

/** An alert opens as {@code FIRING} and is sent again as {@code RESOLVED} when its cause clears. */
public enum AlertState {
  FIRING,
  RESOLVED
}
