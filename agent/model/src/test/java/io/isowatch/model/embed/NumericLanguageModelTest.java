package io.isowatch.model.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.encode.EncodedWindow;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled numeric LM in ONNX Runtime reproduces what PyTorch computed when the model was
 * exported: {@code fixtures.json} (written by {@code model/export.py}) holds windows, their token
 * ids, and PyTorch's last-position logits and hidden states of every layer.
 */
class NumericLanguageModelTest {
  private static JsonNode fixtures;
  private static JsonNode manifest;

  @BeforeAll
  static void read() throws IOException {
    JsonMapper mapper = new JsonMapper();
    try (InputStream in = resource("isowatch-numeric-lm/fixtures.json")) {
      fixtures = mapper.readTree(in);
    }
    try (InputStream in = resource(NumericLanguageModel.MANIFEST_RESOURCE)) {
      manifest = mapper.readTree(in);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = NumericLanguageModelTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  private static List<EncodedWindow> encodedWindows(ChronosEncoder encoder) {
    List<EncodedWindow> windows = new ArrayList<>();
    fixtures.path("windows").forEach(w -> windows.add(encoder.encode(doubles(w.path("values")))));
    return windows;
  }

  @Test
  void theBundledGraphIsTheOneTheManifestAndTheFixturesDescribe()
      throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = resource(NumericLanguageModel.RESOURCE)) {
      sha.update(in.readAllBytes());
    }
    String digest = HexFormat.of().formatHex(sha.digest());

    assertThat(digest).isEqualTo(manifest.path("sha256").asText());
    assertThat(digest).isEqualTo(fixtures.path("model_sha256").asText());
    JsonNode vocabulary = manifest.path("vocabulary");
    assertThat(vocabulary.path("bins").asInt()).isEqualTo(NumericLanguageModel.BINS);
    assertThat(vocabulary.path("low").asDouble()).isEqualTo(NumericLanguageModel.LOW);
    assertThat(vocabulary.path("high").asDouble()).isEqualTo(NumericLanguageModel.HIGH);
    assertThat(vocabulary.path("first_token_id").asInt())
        .isEqualTo(NumericLanguageModel.FIRST_TOKEN_ID);
    assertThat(vocabulary.path("vocab_size").asInt()).isEqualTo(NumericLanguageModel.VOCABULARY);
    assertThat(vocabulary.path("append_eos").asBoolean()).isFalse();
    assertThat(manifest.path("context_length").asInt()).isEqualTo(NumericLanguageModel.CONTEXT);
    assertThat(manifest.path("max_positions").asInt())
        .isEqualTo(NumericLanguageModel.MAX_POSITIONS);
    assertThat(manifest.path("layers").asInt()).isEqualTo(NumericLanguageModel.LAYERS);
    assertThat(manifest.path("width").asInt()).isEqualTo(NumericLanguageModel.WIDTH);
    assertThat(manifest.path("bytes").asLong()).isLessThanOrEqualTo(16L * 1024 * 1024);
  }

  /**
   * An export trained with forecast queries names them in its manifest ({@code model/export.py}),
   * and only then does the agent's manifest declare them, with the Java constants; an export
   * without them is asked none.
   */
  @Test
  void theForecastQueriesAreTheOnesAnExportTrainedForThemNames() {
    JsonNode queries = manifest.path("forecast_queries");
    boolean named = queries.isObject();

    assertThat(NumericLanguageModel.answersForecastQueries()).isEqualTo(named);
    for (String states : NumericLanguageModel.states()) {
      assertThat(NumericLanguageModel.manifest(states).forecastQueries().isPresent())
          .as(states)
          .isEqualTo(named);
    }
    if (named) {
      assertThat(queries.path("token_id").asLong()).isEqualTo(NumericLanguageModel.QUERY_TOKEN_ID);
      assertThat(queries.path("max_steps").asInt()).isEqualTo(NumericLanguageModel.QUERY_STEPS);
      assertThat(NumericLanguageModel.manifest().forecastQueries())
          .contains(NumericLanguageModel.forecastQueries());
    } else {
      assertThat(queries.isMissingNode()).as("forecast_queries is an object or absent").isTrue();
    }
  }

  @Test
  void aManifestNamesTheForecastQueriesTheAgentAsksWithOrNone() throws IOException {
    JsonMapper mapper = new JsonMapper();
    ObjectNode without = (ObjectNode) manifest.deepCopy();
    without.remove("forecast_queries");
    ObjectNode with = without.deepCopy();
    with.putObject("forecast_queries")
        .put("token_id", 2)
        .put("max_steps", 48)
        .put("meaning", "the value max_steps after the context at most");

    assertThat(NumericLanguageModel.forecastQueriesNamedBy(without, "m.json")).isEmpty();
    assertThat(NumericLanguageModel.forecastQueriesNamedBy(with, "m.json"))
        .contains(NumericLanguageModel.forecastQueries());

    ObjectNode otherToken = with.deepCopy();
    ((ObjectNode) otherToken.get("forecast_queries")).put("token_id", 3);
    assertThatThrownBy(() -> NumericLanguageModel.forecastQueriesNamedBy(otherToken, "m.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "m.json names forecast_queries with token_id 3 and max_steps 48, but the agent asks"
                + " with token 2 up to 48 steps ahead");
    ObjectNode fewerSteps = with.deepCopy();
    ((ObjectNode) fewerSteps.get("forecast_queries")).remove("max_steps");
    assertThatThrownBy(() -> NumericLanguageModel.forecastQueriesNamedBy(fewerSteps, "m.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "m.json names forecast_queries with token_id 2 and max_steps (none)");
    assertThatThrownBy(
            () ->
                NumericLanguageModel.forecastQueriesNamedBy(
                    mapper.readTree("{\"forecast_queries\": true}"), "m.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("m.json: forecast_queries must be an object, got true");
    assertThatThrownBy(
            () -> NumericLanguageModel.forecastQueriesNamedBy(mapper.readTree("[]"), "m.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("m.json is not a JSON object");
  }

  @Test
  void aMissingOrUnreadableManifestIsNamed(@TempDir Path dir) throws IOException {
    try (URLClassLoader none = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> NumericLanguageModel.forecastQueriesNamedIn(none))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "the numeric LM's manifest isowatch-numeric-lm/manifest.json is not on the"
                  + " classpath");
    }
    Path broken = dir.resolve(NumericLanguageModel.MANIFEST_RESOURCE);
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "{\"name\": ");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertThatThrownBy(() -> NumericLanguageModel.forecastQueriesNamedIn(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "cannot read the numeric LM's manifest isowatch-numeric-lm/manifest.json: ");
    }
  }

  @Test
  void theJavaEncoderGivesTheTokenIdsTheModelWasTrainedOn() {
    List<EncodedWindow> windows = encodedWindows(NumericLanguageModel.encoder());
    int k = 0;
    for (JsonNode window : fixtures.path("windows")) {
      long[] expected = new long[window.path("input_ids").size()];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = window.path("input_ids").get(i).asLong();
      }
      assertThat(windows.get(k++).inputIds())
          .as(window.path("name").asText())
          .containsExactly(expected);
    }
  }

  @Test
  void onnxRuntimeReproducesPyTorchsLogitsAndFinalStates() {
    double tolerance = fixtures.path("tolerance").asDouble();
    try (OnnxEmbedder embedder =
        OnnxEmbedder.builder().manifest(NumericLanguageModel.manifest()).build()) {
      // one batch: windows of 64 and 40 tokens, so padding is exercised too
      List<Embedding> embeddings = embedder.embed(encodedWindows(NumericLanguageModel.encoder()));
      int k = 0;
      for (JsonNode window : fixtures.path("windows")) {
        Embedding embedding = embeddings.get(k++);
        String name = window.path("name").asText();
        assertClose(
            name + " logits",
            embedding.logits().orElseThrow(),
            window.path("logits_last"),
            tolerance);
        assertClose(
            name + " final state",
            embedding.pooled(),
            window.path("last_hidden_state_last"),
            tolerance);
      }
    }
  }

  @Test
  void batchesOfOtherShapesInBetweenLeaveAWindowsResultsAsTheyWere() {
    List<EncodedWindow> windows = encodedWindows(NumericLanguageModel.encoder());
    List<EncodedWindow> larger = new ArrayList<>(windows);
    larger.addAll(windows);
    larger.addAll(windows);
    List<EncodedWindow> shortest = List.of(windows.get(windows.size() - 1));
    try (OnnxEmbedder fresh =
            OnnxEmbedder.builder().manifest(NumericLanguageModel.manifest()).build();
        OnnxEmbedder reused =
            OnnxEmbedder.builder().manifest(NumericLanguageModel.manifest()).build()) {
      List<Embedding> expected = fresh.embed(windows);

      reused.embed(shortest);
      reused.embed(larger);
      List<Embedding> actual = reused.embed(windows);
      reused.embed(shortest);

      for (int i = 0; i < windows.size(); i++) {
        float[][] states = actual.get(i).tokenStates();
        assertThat(states).hasNumberOfRows(expected.get(i).tokenStates().length);
        for (int t = 0; t < states.length; t++) {
          assertThat(states[t]).containsExactly(expected.get(i).tokenStates()[t], within(1e-6f));
        }
        assertThat(actual.get(i).logits().orElseThrow())
            .containsExactly(expected.get(i).logits().orElseThrow(), within(1e-6f));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hidden", "attn"})
  void everyLayersStatesCanFeedTheGeometry(String kind) {
    double tolerance = fixtures.path("tolerance").asDouble();
    for (int layer = 1; layer <= NumericLanguageModel.LAYERS; layer++) {
      try (OnnxEmbedder embedder =
          OnnxEmbedder.builder()
              .manifest(NumericLanguageModel.manifest(kind + "_" + layer))
              .build()) {
        List<Embedding> embeddings = embedder.embed(encodedWindows(NumericLanguageModel.encoder()));
        int k = 0;
        for (JsonNode window : fixtures.path("windows")) {
          Embedding embedding = embeddings.get(k++);
          assertThat(embedding.tokenStates()).hasNumberOfRows(window.path("input_ids").size());
          assertClose(
              window.path("name").asText() + " " + kind + "_" + layer,
              embedding.pooled(),
              window.path(kind + "_last").get(layer - 1),
              tolerance);
        }
      }
    }
  }

  /**
   * The bundled export answers forecast queries in ONNX Runtime as in PyTorch: the fixtures' daily
   * cycle asked 2, 8 and 48 steps ahead ({@code model/export.py}), its ids from the Java encoder
   * and {@link NumericLanguageModel#forecastQueries()}.
   */
  @Test
  void onnxRuntimeAnswersForecastQueriesAsPyTorchDid() {
    double tolerance = fixtures.path("tolerance").asDouble();
    JsonNode cases = fixtures.path("forecast_queries");
    assertThat(cases.size()).as("forecast query fixtures").isPositive();
    int longest = NumericLanguageModel.CONTEXT + NumericLanguageModel.QUERY_STEPS - 1;
    try (OnnxEmbedder embedder =
        OnnxEmbedder.builder()
            .manifest(NumericLanguageModel.manifest(NumericLanguageModel.DEFAULT_STATES, longest))
            .build()) {
      for (JsonNode asked : cases) {
        JsonNode window = windowNamed(asked.path("window").asText());
        EncodedWindow context =
            NumericLanguageModel.encoder().encode(doubles(window.path("values")));
        EncodedWindow question =
            NumericLanguageModel.forecastQueries().ask(context, asked.path("steps").asInt());
        long[] expected = new long[asked.path("input_ids").size()];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = asked.path("input_ids").get(i).asLong();
        }
        String what = asked.path("window").asText() + ", " + asked.path("steps") + " steps";
        assertThat(question.inputIds()).as(what).containsExactly(expected);
        Embedding answer = embedder.embed(List.of(question)).get(0);
        assertClose(what, answer.logits().orElseThrow(), asked.path("logits_last"), tolerance);
      }
    }
  }

  private static JsonNode windowNamed(String name) {
    for (JsonNode window : fixtures.path("windows")) {
      if (window.path("name").asText().equals(name)) {
        return window;
      }
    }
    throw new AssertionError("no fixture window " + name);
  }

  private static void assertClose(
      String what, float[] actual, JsonNode expected, double tolerance) {
    assertThat(actual).as(what).hasSize(expected.size());
    for (int i = 0; i < actual.length; i++) {
      assertThat((double) actual[i])
          .as(what + "[" + i + "]")
          .isCloseTo(expected.get(i).asDouble(), within(tolerance));
    }
  }
}
