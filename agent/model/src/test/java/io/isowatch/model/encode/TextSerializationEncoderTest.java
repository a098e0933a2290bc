package io.isowatch.model.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.encode.EncodedWindow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** With the bundled MiniLM tokenizer (BERT uncased WordPiece, [CLS] ... [SEP]). */
class TextSerializationEncoderTest {
  static final ResourceLocation TOKENIZER =
      ResourceLocation.classpath("all-minilm-l6-v2-q-tokenizer.json");

  /** A window whose min-max scaling is exact: units 0, 1/2, 1/4, 1, levels 0, 500, 250, 999. */
  static final double[] SMALL = {10, 20, 15, 30};

  static String tokenizerJson;
  static TextSerializationEncoder integers;

  @BeforeAll
  static void loadTokenizer() throws IOException {
    try (InputStream in = TOKENIZER.open()) {
      tokenizerJson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    integers = encoder(NumberFormat.INTEGER).build();
  }

  @AfterAll
  static void close() {
    integers.close();
  }

  static TextSerializationEncoder.Builder encoder(NumberFormat format) {
    return TextSerializationEncoder.builder().tokenizer(TOKENIZER).numberFormat(format);
  }

  /** A token's id, read from the vocabulary of the tokenizer.json, not through the tokenizer. */
  static long vocabId(String token) {
    Matcher matcher =
        Pattern.compile("\"" + Pattern.quote(token) + "\": ?(\\d+)").matcher(tokenizerJson);
    assertThat(matcher.find()).as("token %s in the vocabulary", token).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  @Test
  void writesTheExactTextOfASmallWindowInEveryFormat() {
    assertThat(integers.text(SMALL)).isEqualTo("0, 500, 250, 999");
    try (TextSerializationEncoder decimals = encoder(NumberFormat.DECIMAL).build();
        TextSerializationEncoder digits = encoder(NumberFormat.DIGITS).build();
        TextSerializationEncoder spaced = encoder(NumberFormat.INTEGER).separator(" , ").build()) {
      assertThat(decimals.text(SMALL)).isEqualTo("0.000, 0.500, 0.250, 0.999");
      assertThat(digits.text(SMALL)).isEqualTo("0 0 0, 5 0 0, 2 5 0, 9 9 9");
      assertThat(spaced.text(SMALL)).isEqualTo("0 , 500 , 250 , 999");
    }
  }

  @Test
  void tokensAreTheVocabularyIdsOfTheTextBetweenClsAndSep() {
    EncodedWindow window = integers.encode(SMALL);

    long comma = vocabId(",");
    assertThat(window.inputIds())
        .containsExactly(
            vocabId("[CLS]"),
            vocabId("0"),
            comma,
            vocabId("500"),
            comma,
            vocabId("250"),
            comma,
            vocabId("999"),
            vocabId("[SEP]"));
    assertThat(window.attentionMask()).containsOnly(1);
    assertThat(window.tokenTypeIds()).containsOnly(0);
    assertThat(integers.specialTokens()).isEqualTo(2);
  }

  @Test
  void bothSeparatorsTokenizeAlikeInAWordPieceVocabulary() {
    double[] values = Series.wave(64, 3);
    try (TextSerializationEncoder spaced = encoder(NumberFormat.INTEGER).separator(" , ").build()) {
      assertThat(spaced.encode(values).inputIds()).isEqualTo(integers.encode(values).inputIds());
    }
  }

  @Test
  void aConstantWindowIsWrittenAsTheMiddleLevel() {
    assertThat(integers.text(new double[] {7, 7, 7})).isEqualTo("500, 500, 500");
    assertThat(integers.text(new double[] {-2.5})).isEqualTo("500");
  }

  @Test
  void fixedScalingKeepsTheLevelAndClamps() {
    try (TextSerializationEncoder fixed =
        encoder(NumberFormat.INTEGER).scaling(Scaling.fixed(0, 100)).build()) {
      // units 0 (clamped), 0.1, 0.5, 1 (clamped): levels 0, round(99.9) = 100, round(499.5) = 500
      assertThat(fixed.text(new double[] {-3, 10, 50, 140})).isEqualTo("0, 100, 500, 999");
    }
  }

  @Test
  void tokenCountGrowsWithTheWindow() {
    int previous = 0;
    for (int length : new int[] {1, 8, 16, 32, 64}) {
      int tokens = integers.encode(Series.wave(length, 11)).length();
      assertThat(tokens).as("tokens of %d values", length).isGreaterThan(previous);
      previous = tokens;
    }
  }

  @Test
  void aTrailingSeparatorEndsTheTextWhereTheNextValueWouldBegin() {
    try (TextSerializationEncoder trailing =
            encoder(NumberFormat.INTEGER).trailingSeparator(true).build();
        TextSerializationEncoder tight =
            encoder(NumberFormat.INTEGER)
                .scaling(Scaling.fixed(0, 999))
                .trailingSeparator(true)
                .maxTokens(9)
                .build()) {
      assertThat(trailing.text(SMALL)).isEqualTo("0, 500, 250, 999, ");
      long comma = vocabId(",");
      assertThat(trailing.encode(SMALL).inputIds())
          .containsExactly(
              vocabId("[CLS]"),
              vocabId("0"),
              comma,
              vocabId("500"),
              comma,
              vocabId("250"),
              comma,
              vocabId("999"),
              comma,
              vocabId("[SEP]"));
      assertThat(trailing.describe()).endsWith("max 512 tokens, trailing separator)");
      // [CLS] v , v , v , [SEP] is 2k + 2 tokens: 3 values fit in 9, still closed by a comma
      long[] ids = tight.encode(new double[] {101, 102, 103, 104, 105}).inputIds();
      assertThat(ids)
          .containsExactly(
              vocabId("[CLS]"),
              vocabId("103"),
              comma,
              vocabId("104"),
              comma,
              vocabId("105"),
              comma,
              vocabId("[SEP]"));
    }
  }

  @Test
  void aWindowTooLongKeepsItsNewestWholeValuesInsideClsAndSep() {
    double[] values = new double[20];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 + i; // levels 100..119 with this scaling: each one WordPiece token
    }
    Scaling identity = Scaling.fixed(0, 999);
    try (TextSerializationEncoder roomy = encoder(NumberFormat.INTEGER).scaling(identity).build();
        TextSerializationEncoder tight =
            encoder(NumberFormat.INTEGER).scaling(identity).maxTokens(10).build()) {
      EncodedWindow window = tight.encode(values);

      // [CLS] v , v , v , v [SEP] is 2k + 1 tokens: 4 values fit in 10
      assertThat(window.length()).isEqualTo(9);
      assertThat(window.inputIds()[0]).isEqualTo(vocabId("[CLS]"));
      assertThat(window.inputIds()[8]).isEqualTo(vocabId("[SEP]"));
      assertThat(window.inputIds())
          .isEqualTo(roomy.encode(Arrays.copyOfRange(values, 16, 20)).inputIds());
      assertThat(roomy.encode(values).length()).isEqualTo(41);
    }
  }

  @ParameterizedTest
  @EnumSource(NumberFormat.class)
  void truncationKeepsTheLongestNewestSuffixScaledAsTheWholeWindow(NumberFormat format) {
    double[] values = Series.wave(64, 5);
    double min = Arrays.stream(values).min().orElseThrow();
    double max = Arrays.stream(values).max().orElseThrow();
    // the whole window's min-max map, fixed, so a suffix is written as it was in the window
    try (TextSerializationEncoder tight = encoder(format).maxTokens(21).build();
        TextSerializationEncoder asWhole =
            encoder(format).scaling(Scaling.fixed(min, max)).build()) {
      long[] ids = tight.encode(values).inputIds();

      int kept = 0;
      while (!Arrays.equals(
          asWhole.encode(Arrays.copyOfRange(values, 64 - kept - 1, 64)).inputIds(), ids)) {
        kept++;
        assertThat(kept).as("no suffix of the window gives the truncated tokens").isLessThan(64);
      }
      kept++;
      assertThat(ids.length).isLessThanOrEqualTo(21);
      assertThat(asWhole.encode(Arrays.copyOfRange(values, 64 - kept - 1, 64)).length())
          .as("one more value would not fit")
          .isGreaterThan(21);
    }
  }

  @Test
  void maxTokensTooSmallForOneValueIsExplained() {
    try (TextSerializationEncoder tiny = encoder(NumberFormat.DIGITS).maxTokens(4).build()) {
      assertThatThrownBy(() -> tiny.encode(SMALL))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "maxTokens 4 is too small for even one value: the newest value alone encodes to 5"
                  + " tokens");
    }
  }

  @Test
  void nonFiniteAndEmptyWindowsAreRejectedWithTheirPosition() {
    assertThatThrownBy(() -> integers.encode(new double[] {1, 2, Double.NaN, 4}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "values[2] is NaN; the encoder writes finite numbers only (drop or fill missing"
                + " values first)");
    assertThatThrownBy(() -> integers.encode(new double[] {Double.NEGATIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("values[0] is -Infinity;");
    assertThatThrownBy(() -> integers.encode(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("values must not be empty");
  }

  @Test
  void theSameWindowAlwaysGivesTheSameTokens() {
    double[] values = Series.wave(64, 9);
    try (TextSerializationEncoder other = encoder(NumberFormat.INTEGER).build()) {
      assertThat(integers.encode(values).inputIds())
          .isEqualTo(integers.encode(values.clone()).inputIds())
          .isEqualTo(other.encode(values).inputIds());
    }
  }

  @Test
  void describesFormatScalingTokenizerAndLimit() {
    assertThat(integers.describe())
        .isEqualTo("text(integer, min-max, all-minilm-l6-v2-q-tokenizer.json, max 512 tokens)");
  }

  @Test
  void builderNamesTheBadOption() {
    assertThatThrownBy(() -> TextSerializationEncoder.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenizer must be set");
    assertThatThrownBy(() -> encoder(NumberFormat.INTEGER).maxTokens(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTokens must be at least 1, got 0");
    assertThatThrownBy(() -> encoder(NumberFormat.INTEGER).separator("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("separator must not be empty");
    assertThatThrownBy(() -> encoder(NumberFormat.INTEGER).separator(" 0 ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("separator must not contain digits, got \" 0 \"");
    assertThatThrownBy(() -> encoder(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("numberFormat must be set");
    assertThatThrownBy(() -> encoder(NumberFormat.INTEGER).scaling(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scaling must be set");
  }

  @Test
  void aMissingTokenizerIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("tokenizer.json");

    assertThatThrownBy(
            () ->
                TextSerializationEncoder.builder()
                    .tokenizer(ResourceLocation.file(missing))
                    .build())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("tokenizer not found: " + missing.toAbsolutePath() + ": no such file");
  }
}
