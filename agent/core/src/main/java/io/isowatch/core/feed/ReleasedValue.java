package io.isowatch.core.feed;

import java.time.Instant;

/**
 * A value the windower has released: final, in event-time order, never repeated. This is the stream
 * of actuals that forecasts are reconciled with.
 *
 * @param time its event time
 * @param value the value
 * @param afterGap whether it came after a gap and restarted the windows (what was pending across
 *     the gap cannot be judged against it)
 */
public record ReleasedValue(Instant time, double value, boolean afterGap) {}
