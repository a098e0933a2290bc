package io.isowatch.connectors.sink;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that JSON lines are appended to, never truncated: created with its folders at once (the
 * alerts file a user asked for exists from the start). {@link #flush()} pushes the buffer to the
 * operating system and forces it to the disk. Thread-safe: lines from several threads never
 * interleave.
 */
final class JsonlFile implements AutoCloseable {
  private final Path path;
  private FileOutputStream stream;
  private BufferedWriter writer;
  private boolean closed;

  JsonlFile(Path path) throws IOException {
    this.path = path;
    open();
  }

  synchronized void append(String line) throws IOException {
    if (closed) {
      throw new IOException(path + " is closed");
    }
    open();
    writer.write(line);
    writer.write('\n');
  }

  private void open() throws IOException {
    if (writer != null) {
      return;
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    stream = new FileOutputStream(path.toFile(), true);
    writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
  }

  synchronized void flush() throws IOException {
    if (closed || writer == null) {
      return;
    }
    writer.flush();
    stream.getChannel().force(true);
  }

  Path path() {
    return path;
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
      if (writer != null) {
        writer.close();
      }
    }
  }
}
