package io.isowatch.connectors.sink;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that JSON lines are appended to, never truncated: created with its folders at once, or,
 * when lazy, with the first line (a run that writes nothing leaves no empty file behind; where it
 * cannot be created is still found out at once, as the constructor fails when the nearest existing
 * folder on its path is not writable). {@link #flush()} pushes the buffer to the operating system
 * and forces it to the disk. Thread-safe: lines from several threads never interleave.
 */
final class JsonlFile implements AutoCloseable {
  private final Path path;
  private FileOutputStream stream;
  private BufferedWriter writer;
  private boolean closed;

  /** Creates the file now. */
  JsonlFile(Path path) throws IOException {
    this(path, false);
  }

  /** Creates the file now, or with the first line when {@code lazy}. */
  JsonlFile(Path path, boolean lazy) throws IOException {
    this.path = path;
    if (!lazy) {
      open();
      return;
    }
    if (Files.isDirectory(path)) {
      throw new IOException(path + " is a folder, not a file");
    }
    if (Files.exists(path) ? !Files.isWritable(path) : !Files.isWritable(existingFolder(path))) {
      throw new IOException("cannot write " + path + ": permission denied");
    }
  }

  /** The nearest folder on {@code path} that exists: where the first line will create the rest. */
  private static Path existingFolder(Path path) {
    Path folder = path.toAbsolutePath().getParent();
    while (folder != null && !Files.isDirectory(folder)) {
      folder = folder.getParent();
    }
    return folder != null ? folder : path.toAbsolutePath().getRoot();
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
