package io.isowatch.core.state;

/** A snapshot that cannot be restored; the message says why. */
public final class CorruptSnapshotException extends IllegalArgumentException {
  public CorruptSnapshotException(String message) {
    super(message);
  }
}
