package io.isowatch.core.trust;

/**
 * The change statistic's part of a trust score: how far the newest raw values left the feed's
 * trailing range, judged against the same feed's recent peaks.
 *
 * @param peakValueZ the largest |value z| or |step z| against the trailing 256 values over the
 *     values since the last evaluation (each window's newest 8), or the |z| of the newest 16 steps'
 *     scale against the steps before them, of the newest 32 values' lag-8 autocorrelation against
 *     the blocks before them, or of the newest 32 values' median against the older values' median
 *     and robust spread, if larger
 * @param pValue its randomized conformal p-value against the feed's recent peaks (uniform on an
 *     unchanged feed)
 */
public record ValueChange(double peakValueZ, double pValue) {}
