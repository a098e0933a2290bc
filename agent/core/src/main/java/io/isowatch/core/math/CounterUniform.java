package io.isowatch.core.math;

/**
 * Uniform draws on (0, 1] that are a function of a counter (SplitMix64's finalizer): a component
 * that breaks ties at random keeps its counter in its snapshot, and a restored copy draws the very
 * numbers the original would have.
 */
public final class CounterUniform {
  private CounterUniform() {}

  /** The draw numbered {@code counter}. */
  public static double of(long counter) {
    long z = counter * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return ((z >>> 11) + 1) * 0x1.0p-53;
  }
}
