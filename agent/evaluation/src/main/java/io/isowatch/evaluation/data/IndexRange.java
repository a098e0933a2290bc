package io.isowatch.evaluation.data;

/**
 * Positions {@code first..last} of a series, both included.
 *
 * @param first the first position, 0-based
 * @param last the last position, at least {@code first}
 */
public record IndexRange(int first, int last) {
  public IndexRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("bad range " + first + ".." + last);
    }
  }

  public int length() {
    return last - first + 1;
  }

  public boolean contains(int index) {
    return index >= first && index <= last;
  }
}
