package io.isowatch.model.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a class logs through {@link System.Logger}, which the JDK routes to
 * java.util.logging when no other backend is installed (the core installs none).
 */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new ArrayList<>();

  private LogCapture(Class<?> source) {
    this.logger = Logger.getLogger(source.getName()); // held: JUL keeps loggers weakly
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  static LogCapture of(Class<?> source) {
    return new LogCapture(source);
  }

  synchronized List<String> messages(Level level) {
    List<String> messages = new ArrayList<>();
    for (LogRecord record : records) {
      if (record.getLevel().equals(level)) {
        messages.add(record.getMessage());
      }
    }
    return messages;
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
