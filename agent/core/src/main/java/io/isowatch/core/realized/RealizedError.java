package io.isowatch.core.realized;

/**
 * The realized error of a feed's recent forecasts (SCIENCE.md section 5).
 *
 * @param origin whose forecasts these are
 * @param nmse mean((yhat - y)^2) / mean(y^2) over the recent outcomes
 * @param mase mean |yhat - y| over the feed's recent mean absolute step (naive one-step error)
 * @param coverage share of actuals inside their intervals; NaN when no forecast had one
 * @param outcomes how many outcomes these are computed over
 * @param reconciled forecasts reconciled since the start
 * @param missing forecasts whose actual never came (a gap, or too many pending), since the start
 */
public record RealizedError(
    ForecastOrigin origin,
    double nmse,
    double mase,
    double coverage,
    int outcomes,
    long reconciled,
    long missing) {}
