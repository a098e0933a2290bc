package io.isowatch.connectors.file;

import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** What a replay emitted, in order, split by kind. */
record Replays(
    List<SourceEvent> events, List<Observation> observations, List<Rejection> rejections) {
  static final Clock FIXED = Clock.fixed(Instant.parse("2025-05-05T05:05:05Z"), ZoneOffset.UTC);

  static Replays of(ObservationSource source) throws Exception {
    List<SourceEvent> events = new ArrayList<>();
    source.run(events::add);
    List<Observation> observations = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    for (SourceEvent event : events) {
      if (event instanceof SourceEvent.Parsed parsed) {
        observations.add(parsed.observation());
      } else if (event instanceof SourceEvent.Malformed malformed) {
        rejections.add(malformed.rejection());
      }
    }
    return new Replays(events, observations, rejections);
  }

  static Path write(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}
