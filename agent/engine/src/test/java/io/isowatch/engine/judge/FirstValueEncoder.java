package io.isowatch.engine.judge;

import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.WindowEncoder;

/** Encodes a window as its first value, so an embedding names the window it came from. */
final class FirstValueEncoder implements WindowEncoder {
  @Override
  public EncodedWindow encode(double[] values) {
    return new EncodedWindow(new long[] {(long) values[0]}, new long[] {1}, new long[] {0});
  }

  @Override
  public String describe() {
    return "first value";
  }
}
