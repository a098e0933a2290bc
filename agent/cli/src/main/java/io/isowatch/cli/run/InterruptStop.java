package io.isowatch.cli.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns the first Ctrl-C (SIGINT) or SIGTERM into a graceful stop of a run instead of an exit of
 * the JVM: the run ends, its summary is printed and its resources are closed, and only then does
 * the command return and the JVM exit. An exit straight from the signal would run every shutdown
 * hook at once, ONNX Runtime's among them, which frees the native environment while the pipeline
 * may still be embedding: a native crash instead of a summary. A second signal exits at once, as
 * usual. Installed for the length of one run.
 */
public final class InterruptStop implements AutoCloseable {
  private static final List<String> SIGNALS = List.of("INT", "TERM");

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private InterruptStop(Runnable stop) {
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      SignalHandler handler =
          received -> {
            if (stopping.compareAndSet(false, true)) {
              stop.run();
            } else {
              restore();
              Signal.raise(received); // the second one: the JVM's usual exit
            }
          };
      try {
        previous.add(Signal.handle(signal, handler));
        signals.add(signal);
      } catch (IllegalArgumentException notHandled) {
        // Ignored by the parent (a background job) or reserved by the JVM: leave it as it is.
      }
    }
  }

  /** Calls {@code stop} on the first SIGINT or SIGTERM until {@link #close}. */
  public static InterruptStop install(Runnable stop) {
    return new InterruptStop(stop);
  }

  private synchronized void restore() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
    signals.clear();
    previous.clear();
  }

  @Override
  public void close() {
    restore();
  }
}
