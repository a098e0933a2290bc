package io.isowatch.connectors.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The envelopes a {@link DeliveryQueue} could not keep in memory, in arrival order, on disk: one
 * JSON line {@code {"key": ..., "body": ...}} each (ASCII, so a byte offset is a line boundary),
 * and a side file {@code <name>.offset} with the byte offset of the first line not yet delivered.
 * Lines before the offset are delivered; the file is emptied when all are. Not thread-safe: the
 * queue holds its lock around every call.
 */
final class SpillFile {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII).build();

  private final Path path;
  private final Path offsetPath;
  private final long maxBytes;
  private long offset;
  private long size;
  private long pending;

  /** Opens the file, counting the lines left undelivered by an earlier run. */
  SpillFile(Path path, long maxBytes) throws IOException {
    this.path = path;
    this.offsetPath = path.resolveSibling(path.getFileName() + ".offset");
    this.maxBytes = maxBytes;
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (Files.exists(path)) {
      size = Files.size(path);
      offset = Math.min(readOffset(), size);
      try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
        file.seek(offset);
        while (file.readLine() != null) {
          pending++;
        }
      }
    }
  }

  boolean isEmpty() {
    return pending == 0;
  }

  /** Undelivered envelopes in the file. */
  long pending() {
    return pending;
  }

  /** Bytes the file takes, delivered lines included until it is emptied. */
  long bytes() {
    return size;
  }

  /**
   * Appends an envelope and forces it to the disk.
   *
   * @throws SpillFullException if it would take the file past its limit
   */
  void append(Envelope envelope) throws IOException {
    byte[] line = (toLine(envelope) + "\n").getBytes(StandardCharsets.US_ASCII);
    if (size + line.length > maxBytes) {
      throw new SpillFullException(
          "spill file "
              + path
              + " would exceed its limit of "
              + maxBytes
              + " bytes ("
              + pending
              + " undelivered messages in it)");
    }
    try (FileOutputStream out = new FileOutputStream(path.toFile(), true)) {
      out.write(line);
      out.getChannel().force(true);
    }
    size += line.length;
    pending++;
  }

  /** The oldest undelivered envelope; empty when there is none. */
  Optional<Envelope> peek() throws IOException {
    if (pending == 0) {
      return Optional.empty();
    }
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
      file.seek(offset);
      String line = file.readLine();
      return line == null ? Optional.empty() : Optional.of(fromLine(line));
    }
  }

  /** Marks the envelope {@link #peek} returned as delivered; empties the file after the last. */
  void advance() throws IOException {
    if (pending == 0) {
      return;
    }
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
      file.seek(offset);
      file.readLine();
      offset = file.getFilePointer();
    }
    pending--;
    if (pending == 0) {
      Files.deleteIfExists(path);
      Files.deleteIfExists(offsetPath);
      offset = 0;
      size = 0;
    } else {
      Files.writeString(offsetPath, Long.toString(offset), StandardCharsets.US_ASCII);
    }
  }

  /**
   * Rewrites the file as {@code first} followed by the undelivered lines, for a queue that closes
   * with envelopes still in memory: they are older than the spilled ones and go first. Done through
   * a temporary file and an atomic move, so a crash leaves the old or the new file, never half.
   */
  void prependAndClose(List<Envelope> first) throws IOException {
    if (first.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>(first.size());
    for (Envelope envelope : first) {
      lines.add(toLine(envelope));
    }
    Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
    try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      if (pending > 0) {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
          file.seek(offset);
          String line;
          while ((line = file.readLine()) != null) {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
          }
        }
      }
      out.getChannel().force(true);
    }
    Files.deleteIfExists(offsetPath);
    Files.move(
        temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    pending += first.size();
    offset = 0;
    size = Files.size(path);
  }

  Path path() {
    return path;
  }

  private long readOffset() {
    try {
      return Files.exists(offsetPath)
          ? Long.parseLong(Files.readString(offsetPath, StandardCharsets.US_ASCII).strip())
          : 0;
    } catch (IOException | NumberFormatException e) {
      return 0; // at least once: deliver again from the start rather than lose anything
    }
  }

  private static String toLine(Envelope envelope) {
    try {
      return MAPPER.writeValueAsString(
          MAPPER.createObjectNode().put("key", envelope.key()).put("body", envelope.body()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // two strings always serialize
    }
  }

  private Envelope fromLine(String line) throws IOException {
    JsonNode json;
    try {
      json = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IOException("spill file " + path + " has a line that is not JSON: " + line, e);
    }
    if (json == null || !json.path("key").isTextual() || !json.path("body").isTextual()) {
      throw new IOException("spill file " + path + " has a line without key and body: " + line);
    }
    return new Envelope(json.get("key").asText(), json.get("body").asText());
  }
}
