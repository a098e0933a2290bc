package io.isowatch.connectors.delivery;

import io.isowatch.core.alert.Alert;
import java.util.Locale;

/** The idempotency key of an alert message, shared by every sink that delivers at least once. */
public final class AlertKeys {
  private AlertKeys() {}

  /**
   * {@code <alert id>/<state>/<severity>}, e.g. {@code cpu/geometry-baseline/3/firing/warning}. The
   * severity is part of it because an open warning that escalates is sent again, FIRING with the
   * same id, as a new message a receiver must not drop as a duplicate.
   */
  public static String idempotencyKey(Alert alert) {
    return alert.id()
        + "/"
        + alert.state().name().toLowerCase(Locale.ROOT)
        + "/"
        + alert.severity().label();
  }
}
