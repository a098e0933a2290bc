package io.isowatch.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasetSpecTest {

  @Test
  void parsesEachKindWithAnOptionalColumn() {
    assertThat(DatasetSpec.parse("nab:../NAB"))
        .isEqualTo(new DatasetSpec(DatasetSpec.Kind.NAB, Path.of("../NAB"), Optional.empty()));
    assertThat(DatasetSpec.parse("csv:data/ETTh1.csv:OT").column()).contains("OT");
    assertThat(DatasetSpec.parse("SKAB:dir:Volume Flow RateRMS").column())
        .contains("Volume Flow RateRMS");
  }

  @Test
  void badArgumentsNameTheProblemAndTheAcceptedForms() {
    assertThatThrownBy(() -> DatasetSpec.parse("nab"))
        .hasMessage(
            "--dataset nab: expected KIND:PATH; use nab:DIR, tcpd:DIR, skab:DIR[:COLUMN] or"
                + " csv:FILE[:COLUMN[:FORECAST_COLUMN]]");
    assertThatThrownBy(() -> DatasetSpec.parse("ucr:dir")).hasMessageContaining("unknown kind ucr");
    assertThatThrownBy(() -> DatasetSpec.parse("tcpd:dir:x"))
        .hasMessageContaining("tcpd takes no column");
    assertThatThrownBy(() -> DatasetSpec.parse("csv:f.csv:"))
        .hasMessageContaining("empty column after the path");
    DatasetSpec withForecasts = DatasetSpec.parse("csv:f.csv:load:forecast");
    assertThat(withForecasts.column()).contains("load");
    assertThat(withForecasts.forecastColumn()).contains("forecast");
    assertThat(withForecasts).hasToString("csv:f.csv:load:forecast");
  }
}
