package io.isowatch.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.AgentForecast;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.model.embed.InputFormat;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.embed.Pooling;
import io.isowatch.model.embed.TinyCausalLm;
import io.isowatch.model.encode.ResourceLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed monitor whose forecasts are a Chronos-style model's own logits: each window's forecast
 * interval is the model's, in the feed's units, and a restored monitor goes on forecasting alike.
 */
class ModelLogitsMonitorTest {
  private static final int VOCAB = 12;
  private static final int WIDTH = 4;
  private static final int CONTEXT = 8;
  private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

  @Test
  void eachWindowsForecastIsTheModelsOwnMedianAndIntervalInFeedUnits(@TempDir Path dir)
      throws IOException {
    TinyCausalLm lm = new TinyCausalLm(VOCAB, WIDTH, 99L);
    ModelManifest manifest =
        ModelManifest.builder()
            .model(ResourceLocation.file(lm.write(dir.resolve("lm.onnx"))))
            .inputFormat(InputFormat.CHRONOS_TOKENS)
            .logitsOutput(TinyCausalLm.LOGITS)
            .numericVocabulary(new NumericVocabulary.Range(3, 9, -2, 2))
            .pooling(Pooling.LAST)
            .maxTokens(CONTEXT)
            .build();
    ChronosEncoder encoder =
        ChronosEncoder.builder()
            .bins(9)
            .low(-2)
            .high(2)
            .firstTokenId(3)
            .appendEos(false)
            .maxTokens(CONTEXT)
            .build();
    SoftmaxSources sources = manifest.logitsSource(Optional.of(encoder.scaling())).forEveryFeed();
    MonitorSettings settings =
        MonitorSettings.builder()
            .width(WIDTH)
            .window(WindowSpec.builder().length(CONTEXT).stride(2).build())
            .build();
    FeedMonitor monitor = FeedMonitor.create("feed", settings, sources);
    double[] edges = new double[10];
    for (int k = 0; k < edges.length; k++) {
      edges[k] = -2.25 + 0.5 * k;
    }
    double lowerQ = (1 - settings.intervalLevel()) / 2;
    Random random = new Random(5);

    try (OnnxEmbedder embedder =
        OnnxEmbedder.builder().manifest(manifest).intraOpThreads(1).build()) {
      List<Window> windows = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        double value = 10 + 3 * Math.sin(i / 3.0) + random.nextGaussian();
        windows.addAll(
            monitor.accept(new Observation("feed", T0.plusSeconds(60L * i), value)).windows());
      }
      assertThat(windows).hasSizeGreaterThan(10);
      byte[] halfway = null;
      List<AgentForecast> second = new ArrayList<>();
      for (int w = 0; w < windows.size(); w++) {
        Window window = windows.get(w);
        EncodedWindow encoded = encoder.encode(window.values());
        Embedding embedding = embedder.embed(List.of(encoded)).get(0);
        if (w == windows.size() / 2) {
          halfway = monitor.snapshot();
        }
        WindowVerdict verdict = monitor.onEmbedded(window, embedding);

        double scale = Arrays.stream(window.values()).map(Math::abs).average().orElseThrow();
        double[] p = softmax(Arrays.copyOfRange(lm.logits(encoded.inputIds()), 3, VOCAB));
        AgentForecast forecast = verdict.forecast().orElseThrow();
        assertThat(forecast.issuedAt()).isEqualTo(window.lastEventTime());
        assertThat(forecast.median())
            .as("window %d", w)
            .isCloseTo(scale * ModelLogitsEndToEndTest.bisectQuantile(p, edges, 0.5), within(1e-3));
        assertThat(forecast.lower())
            .isCloseTo(
                scale * ModelLogitsEndToEndTest.bisectQuantile(p, edges, lowerQ), within(1e-3));
        assertThat(forecast.upper())
            .isCloseTo(
                scale * ModelLogitsEndToEndTest.bisectQuantile(p, edges, 1 - lowerQ), within(1e-3));
        if (w >= windows.size() / 2) {
          second.add(forecast);
        }
      }

      FeedMonitor restored = FeedMonitor.restore(halfway, settings, sources);
      for (int w = windows.size() / 2; w < windows.size(); w++) {
        Window window = windows.get(w);
        Embedding embedding = embedder.embed(List.of(encoder.encode(window.values()))).get(0);
        assertThat(restored.onEmbedded(window, embedding).forecast())
            .contains(second.get(w - windows.size() / 2));
      }
    }
  }

  private static double[] softmax(double[] logits) {
    double max = Arrays.stream(logits).max().orElseThrow();
    double[] p = Arrays.stream(logits).map(z -> Math.exp(z - max)).toArray();
    double sum = Arrays.stream(p).sum();
    return Arrays.stream(p).map(x -> x / sum).toArray();
  }
}
