package io.isowatch.cli.report;

import java.time.Instant;

/**
 * An alert as an interval of event time: from its first breaching window until it resolved, or
 * until the end of the run if it never did ({@code resolved} false).
 */
public record AlertSpan(
    String rule, String severity, Instant from, Instant to, boolean resolved, String summary) {}
