package io.isowatch.core.state;

/**
 * The advice every refused snapshot carries, spelled out here (not read from the reader) so that a
 * test fails when the operator would no longer be told what to do.
 */
public final class SnapshotAdvice {
  public static final String MISMATCH =
      "check which store or key it came from, or start this feed's state afresh";
  public static final String NEWER =
      "it was written by a newer isowatch; restore it with that release, or start this feed's"
          + " state afresh (clear the engine's state store or savepoint)";

  private SnapshotAdvice() {}
}
