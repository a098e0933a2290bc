package io.isowatch.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ForecastQueriesTest {
  private static final EncodedWindow CONTEXT =
      new EncodedWindow(new long[] {7, 8, 9}, new long[] {1, 1, 1}, new long[] {0, 0, 0});

  @Test
  void aStepFurtherAheadIsAskedWithOneMoreQueryAfterTheContext() {
    ForecastQueries queries = new ForecastQueries(2, 48);

    EncodedWindow asked = queries.ask(CONTEXT, 4);

    assertThat(asked.inputIds()).containsExactly(7, 8, 9, 2, 2, 2);
    assertThat(asked.attentionMask()).containsExactly(1, 1, 1, 1, 1, 1);
    assertThat(asked.tokenTypeIds()).containsExactly(0, 0, 0, 0, 0, 0);
    assertThat(asked.queries()).as("the tokens after the context").isEqualTo(3);
    assertThat(asked.contextLength()).isEqualTo(3);
    assertThat(CONTEXT.inputIds()).as("the context is not changed").containsExactly(7, 8, 9);
  }

  @Test
  void theNextValueIsAskedByTheContextAlone() {
    EncodedWindow asked = new ForecastQueries(2, 48).ask(CONTEXT, 1);

    assertThat(asked.inputIds()).containsExactly(CONTEXT.inputIds());
    assertThat(asked.queries()).isZero();
  }

  @Test
  void aQuestionIsNotAskedAgain() {
    ForecastQueries queries = new ForecastQueries(2, 48);
    EncodedWindow asked = queries.ask(CONTEXT, 3);

    assertThatThrownBy(() -> queries.ask(asked, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already asks 2 forecast queries");
  }

  @Test
  void stepsBeyondWhatTheModelWasTrainedForAreRefused() {
    ForecastQueries queries = new ForecastQueries(2, 5);

    assertThat(queries.ask(CONTEXT, 5).length()).isEqualTo(7);
    assertThatThrownBy(() -> queries.ask(CONTEXT, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps must be in [1, 5]");
    assertThatThrownBy(() -> queries.ask(CONTEXT, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForecastQueries(-1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForecastQueries(2, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
