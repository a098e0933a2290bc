package io.isowatch.connectors.http;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Bounds the connections that have not yet shown a valid token: each must complete an authenticated
 * request's headers within {@code headerTimeout} of opening or is closed, and beyond {@code cap} of
 * them the oldest is closed to make room. Jetty's idle timeout only fires when no byte arrives; a
 * client trickling one header byte at a time would otherwise hold its connection for ever, and
 * enough of them would exhaust the file descriptors. Evicting the oldest (rather than refusing the
 * newest) keeps the door open to a valid client, whose headers arrive within milliseconds.
 * Thread-safe.
 */
final class UnauthenticatedConnections implements Connection.Listener {
  private final int cap;
  private final Duration headerTimeout;
  private final Scheduler scheduler;
  private final Map<Connection, Scheduler.Task> pending = new LinkedHashMap<>();
  private final AtomicLong dropped = new AtomicLong();

  UnauthenticatedConnections(int cap, Duration headerTimeout, Scheduler scheduler) {
    this.cap = cap;
    this.headerTimeout = headerTimeout;
    this.scheduler = scheduler;
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof SslConnection) {
      return; // its decrypted HTTP connection is tracked instead, and closing that closes both
    }
    Connection evicted = null;
    synchronized (this) {
      Scheduler.Task deadline =
          scheduler.schedule(
              () -> drop(connection), headerTimeout.toMillis(), TimeUnit.MILLISECONDS);
      pending.put(connection, deadline);
      if (pending.size() > cap) {
        Iterator<Map.Entry<Connection, Scheduler.Task>> oldest = pending.entrySet().iterator();
        Map.Entry<Connection, Scheduler.Task> entry = oldest.next();
        oldest.remove();
        entry.getValue().cancel();
        evicted = entry.getKey();
      }
    }
    if (evicted != null) {
      dropped.incrementAndGet();
      evicted.getEndPoint().close(); // abruptly: Connection.close() would answer 500
    }
  }

  @Override
  public void onClosed(Connection connection) {
    forget(connection);
  }

  /** The connection carried a request with a valid token: it is no longer bounded here. */
  void authenticated(Connection connection) {
    forget(connection);
  }

  /** Connections closed for taking too long to authenticate or to make room. */
  long dropped() {
    return dropped.get();
  }

  synchronized int pending() {
    return pending.size();
  }

  private void drop(Connection connection) {
    boolean wasPending;
    synchronized (this) {
      wasPending = pending.remove(connection) != null;
    }
    if (wasPending) {
      dropped.incrementAndGet();
      connection.getEndPoint().close();
    }
  }

  private synchronized void forget(Connection connection) {
    Scheduler.Task deadline = pending.remove(connection);
    if (deadline != null) {
      deadline.cancel();
    }
  }
}
