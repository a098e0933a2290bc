package io.isowatch.connectors.sink;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file appended to until it would pass {@code maxBytes}, then renamed to {@code FILE.1} (older
 * copies shift up to {@code FILE.<keep>}, the oldest deleted) and started afresh. It and its
 * folders are created with the first line, so a run that writes nothing leaves no file; where it
 * cannot be created is found out at once (the constructor fails when the nearest existing folder on
 * its path is not writable). Not thread-safe: its owner locks.
 */
final class RotatingFile implements AutoCloseable {
  private final Path path;
  private final long maxBytes;
  private final int keep;
  private FileOutputStream stream;
  private BufferedOutputStream out;
  private long size;
  private long rotations;

  RotatingFile(Path path, long maxBytes, int keep) throws IOException {
    this.path = path;
    this.maxBytes = maxBytes;
    this.keep = keep;
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

  private void open() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    stream = new FileOutputStream(path.toFile(), true);
    out = new BufferedOutputStream(stream, 1 << 16);
    size = stream.getChannel().size();
  }

  void append(byte[] line) throws IOException {
    if (out == null) {
      open();
    }
    if (size > 0 && size + line.length > maxBytes) {
      rotate();
    }
    out.write(line);
    size += line.length;
  }

  /** Writes what is buffered and forces it to the disk. */
  void flush() throws IOException {
    if (out == null) {
      return;
    }
    out.flush();
    stream.getChannel().force(false);
  }

  long rotations() {
    return rotations;
  }

  Path path() {
    return path;
  }

  private void rotate() throws IOException {
    flush();
    out.close();
    if (keep == 0) {
      Files.delete(path);
    } else {
      Files.deleteIfExists(copy(keep));
      for (int i = keep - 1; i >= 1; i--) {
        if (Files.exists(copy(i))) {
          Files.move(copy(i), copy(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(path, copy(1), StandardCopyOption.REPLACE_EXISTING);
    }
    rotations++;
    open();
  }

  private Path copy(int index) {
    return path.resolveSibling(path.getFileName() + "." + index);
  }

  @Override
  public void close() throws IOException {
    if (out == null) {
      return;
    }
    try {
      flush();
    } finally {
      out.close();
    }
  }
}
