package io.isowatch.connectors.file;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text lines ({@code \n}, {@code \r\n} or {@code \r} terminated) with their 1-based numbers
 * and the UTF-8 bytes they took, keeping at most {@code maxLineLength} characters of a line: a file
 * with no line breaks cannot exhaust memory. A leading byte-order mark is dropped.
 */
final class LineReader implements AutoCloseable {
  private static final int BUFFER = 1 << 16;

  private final Reader in;
  private final int maxLineLength;
  private final char[] buffer = new char[BUFFER];
  private final StringBuilder line = new StringBuilder();
  private int position;
  private int limit;
  private boolean eof;
  private long lineNumber;
  private long bytes;
  private boolean truncated;

  LineReader(Reader in, int maxLineLength) {
    this.in = in;
    this.maxLineLength = maxLineLength;
  }

  /** The next line without its terminator, or null at the end of the input. */
  String readLine() throws IOException {
    line.setLength(0);
    truncated = false;
    boolean any = false;
    while (true) {
      if (position == limit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      char c = buffer[position++];
      if (c == '\n') {
        bytes++;
        break;
      }
      if (c == '\r') {
        bytes++;
        if ((position < limit || fill()) && buffer[position] == '\n') {
          position++;
          bytes++;
        }
        break;
      }
      if (c == '\uFEFF' && lineNumber == 0 && line.length() == 0 && bytes == 0) {
        bytes += 3;
        continue;
      }
      bytes += utf8Length(c);
      if (line.length() < maxLineLength) {
        line.append(c);
      } else {
        truncated = true;
      }
    }
    lineNumber++;
    return line.toString();
  }

  /** The number of the line last returned, 1 for the first. */
  long lineNumber() {
    return lineNumber;
  }

  /** UTF-8 bytes of the lines returned so far, terminators included. */
  long bytesRead() {
    return bytes;
  }

  /** Whether the line last returned was cut at {@code maxLineLength} characters. */
  boolean truncated() {
    return truncated;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      eof = n < 0;
      position = 0;
      limit = 0;
      return !eof && fill();
    }
    position = 0;
    limit = n;
    return true;
  }

  private static int utf8Length(char c) {
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800 || Character.isSurrogate(c)) {
      return 2; // a surrogate pair is 4 bytes, 2 per half
    }
    return 3;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
