package io.isowatch.connectors.testing;

import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A source running on its own thread, as an engine runs it, collecting what it emits. */
public final class RunningSource implements AutoCloseable {
  private final ObservationSource source;
  private final Thread thread;
  private final List<Observation> observations = new ArrayList<>();
  private final List<Rejection> rejections = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private RunningSource(ObservationSource source) {
    this.source = source;
    this.thread =
        new Thread(
            () -> {
              try {
                source.run(this::accept);
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "test-source");
    thread.setDaemon(true);
  }

  public static RunningSource start(ObservationSource source) {
    RunningSource running = new RunningSource(source);
    running.thread.start();
    return running;
  }

  private synchronized void accept(SourceEvent event) {
    if (event instanceof SourceEvent.Parsed parsed) {
      observations.add(parsed.observation());
    } else {
      rejections.add(((SourceEvent.Malformed) event).rejection());
    }
  }

  public synchronized List<Observation> observations() {
    return List.copyOf(observations);
  }

  public synchronized List<Rejection> rejections() {
    return List.copyOf(rejections);
  }

  /** What {@code run} threw, if it ended that way. */
  public Throwable failure() {
    return failure.get();
  }

  public boolean alive() {
    return thread.isAlive();
  }

  public String state() {
    return observations().size()
        + " observations, "
        + rejections().size()
        + " rejections"
        + (failure.get() == null ? "" : ", failed: " + failure.get());
  }

  @Override
  public void close() throws Exception {
    source.close();
    thread.join(10_000);
  }
}
