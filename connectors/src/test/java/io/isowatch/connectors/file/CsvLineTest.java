package io.isowatch.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvLineTest {
  @Test
  void splitsPlainAndQuotedFields() {
    assertThat(CsvLine.split("a,b,,c", ',')).containsExactly("a", "b", "", "c");
    assertThat(CsvLine.split("a,", ',')).containsExactly("a", "");
    assertThat(CsvLine.split("", ',')).containsExactly("");
    assertThat(CsvLine.split("\"x, y\",\"say \"\"hi\"\"\",z", ','))
        .containsExactly("x, y", "say \"hi\"", "z");
    assertThat(CsvLine.split("1;2;3", ';')).containsExactly("1", "2", "3");
  }

  @Test
  void rejectsUnclosedQuotesAndTextAfterAClosingQuote() {
    assertThatThrownBy(() -> CsvLine.split("a,\"b", ','))
        .hasMessage("quoted field starting at character 3 is not closed");
    assertThatThrownBy(() -> CsvLine.split("\"a\"b,c", ','))
        .hasMessage("unexpected 'b' after the quoted field at character 4");
  }

  @Test
  void detectsTheMostFrequentDelimiterOutsideQuotes() {
    assertThat(CsvLine.detectDelimiter("timestamp,value")).isEqualTo(',');
    assertThat(
            CsvLine.detectDelimiter(
                "datetime;Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Volume Flow RateRMS"))
        .isEqualTo(';');
    assertThat(CsvLine.detectDelimiter("a\tb\tc")).isEqualTo('\t');
    assertThat(CsvLine.detectDelimiter("\"a;b;c\",d,e")).isEqualTo(',');
    assertThat(CsvLine.detectDelimiter("single")).isEqualTo(',');
  }
}
