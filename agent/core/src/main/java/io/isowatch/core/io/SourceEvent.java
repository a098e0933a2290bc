package io.isowatch.core.io;

import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;

/** What a source hands downstream: a parsed observation, or a record it could not read. */
public sealed interface SourceEvent {
  record Parsed(Observation observation) implements SourceEvent {}

  record Malformed(Rejection rejection) implements SourceEvent {}
}
