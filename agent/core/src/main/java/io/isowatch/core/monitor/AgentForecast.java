package io.isowatch.core.monitor;

import java.time.Instant;

/**
 * The agent's forecast made from one window: its predictive median and interval for the value
 * {@code horizon} steps after the window.
 *
 * @param issuedAt event time of the window's last value
 * @param median the point forecast
 * @param lower lower end of the interval (e.g. the 5% quantile)
 * @param upper upper end of the interval (e.g. the 95% quantile)
 */
public record AgentForecast(Instant issuedAt, double median, double lower, double upper) {}
