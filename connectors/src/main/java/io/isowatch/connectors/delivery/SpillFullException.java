package io.isowatch.connectors.delivery;

import java.io.IOException;

/** The memory queue and the spill file are both full: the receiver has been down too long. */
public final class SpillFullException extends IOException {
  public SpillFullException(String message) {
    super(message);
  }
}
