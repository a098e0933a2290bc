package io.isowatch.core.encode;

import java.util.Objects;

/**
 * Encodes a window as another encoder does, then asks the model for the value {@code steps} after
 * it: {@code steps - 1} {@link ForecastQueries} follow the window's tokens, so that the model's
 * last-position logits are that value's distribution rather than the next value's. The window's own
 * tokens are the other encoder's, unchanged.
 *
 * <pre>{@code
 * WindowEncoder encoder =
 *     new StepsAheadEncoder(NumericLanguageModel.encoder(), NumericLanguageModel.forecastQueries(), 3);
 * encoder.encode(values).queries(); // 2
 * }</pre>
 */
public final class StepsAheadEncoder implements WindowEncoder {
  private final WindowEncoder context;
  private final ForecastQueries queries;
  private final int steps;

  /**
   * @param context writes the window's own tokens
   * @param queries how the model is asked
   * @param steps which value after the window is asked for, in [2, queries.maxSteps()] (1 needs no
   *     query: use {@code context} itself)
   */
  public StepsAheadEncoder(WindowEncoder context, ForecastQueries queries, int steps) {
    this.context = Objects.requireNonNull(context, "context");
    this.queries = Objects.requireNonNull(queries, "queries");
    if (steps < 2 || steps > queries.maxSteps()) {
      throw new IllegalArgumentException(
          "steps must be in [2, "
              + queries.maxSteps()
              + "] (1 is the next value: encode without queries), got "
              + steps);
    }
    this.steps = steps;
  }

  @Override
  public EncodedWindow encode(double[] values) {
    return queries.ask(context.encode(values), steps);
  }

  /** The encoder of the window's own tokens. */
  public WindowEncoder context() {
    return context;
  }

  public int steps() {
    return steps;
  }

  /** For example {@code "chronos(...), asking 3 steps ahead (2 queries of id 2)"}. */
  @Override
  public String describe() {
    return context.describe()
        + ", asking "
        + steps
        + " steps ahead ("
        + (steps - 1)
        + " queries of id "
        + queries.queryTokenId()
        + ")";
  }
}
