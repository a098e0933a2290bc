package io.isowatch.kafkastreams;

import java.util.Locale;

/**
 * Where a task keeps its monitors and pending windows locally. Both are backed by a changelog
 * topic, so either survives a crash; they differ in what a restart costs and what memory holds.
 */
public enum StateStoreKind {
  /**
   * RocksDB on local disk: memory stays small whatever the number of feeds, and a restart on the
   * same state directory reads only the changelog's tail.
   */
  ROCKSDB,
  /**
   * On the heap: no disk, faster per record, but every feed's monitor snapshot is held in memory
   * and a restart replays the whole changelog.
   */
  IN_MEMORY;

  /** The lower-case label used in options and configuration, e.g. {@code in-memory}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
