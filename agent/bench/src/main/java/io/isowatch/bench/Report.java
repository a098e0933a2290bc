package io.isowatch.bench;

import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.runtime.PipelineSettings;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report of one {@link EndToEndBench} run. */
record Report(
    EndToEndBench.Options options,
    MonitorSettings settings,
    PipelineSettings pipelineSettings,
    List<Window> windows,
    Map<BundledModels, List<List<EncodedWindow>>> batches,
    List<EndToEndBench.Turn> turns,
    Map<String, Samples> ratios,
    Map<BundledModels, EndToEndBench.PipelineRun> lastRuns,
    EndToEndBench.PeerCursor decimal,
    EndToEndBench.PeerCursor integer,
    double[] valuesSeen,
    SignalFidelity.Result fidelity,
    MonitorMemory.Result memory) {

  private static final Map<String, String> TURN_LABELS =
      Map.of(
          "e2e INT8", "end to end, EmbeddedPipeline, int8",
          "bare INT8", "bare OnnxEmbedder.embed loop, same batches, int8",
          "e2e FP32", "end to end, EmbeddedPipeline, fp32",
          "bare FP32", "bare OnnxEmbedder.embed loop, same batches, fp32",
          "geometry", "FeedMonitor.onEmbedded alone (recorded int8 embeddings)",
          "encode", "TextSerializationEncoder.encode alone",
          "peer decimal", "langchain4j AllMiniLmL6V2EmbeddingModel (fp32), decimal text",
          "peer integer",
              "langchain4j AllMiniLmL6V2EmbeddingModel (fp32), isowatch's integer text");

  void print(PrintStream out) {
    out.println();
    out.printf(
        Locale.ROOT,
        "## End to end, %s run: %d rounds, %d windows per pipeline run%n%n",
        options.quick() ? "quick" : "full",
        options.rounds(),
        windows.size());
    out.printf(
        Locale.ROOT,
        "%s; windows of %d values every %d; batches of at most %d (max wait %d ms);"
            + " %d ONNX Runtime intra-op threads; %d cores; Java %s.%n",
        options.feed().describe(),
        settings.window().length(),
        settings.window().stride(),
        pipelineSettings.batch().maxBatch(),
        pipelineSettings.batch().maxWait().toMillis(),
        EndToEndBench.THREADS,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    out.printf(
        Locale.ROOT,
        "Tokens per window: isowatch (integer) %.1f (max %d), padded batch length %.1f;"
            + " langchain4j, as it reports them: decimal text %.1f, integer text %.1f.%n",
        meanTokens(),
        maxTokens(),
        meanPadded(),
        decimal.tokensPerWindow(),
        integer.tokensPerWindow());
    out.printf(
        Locale.ROOT,
        "Values of a %d-value window the model gets: isowatch %.1f; langchain4j decimal text %.1f,"
            + " integer text %.1f (its tokenizer.json truncates every text to 128 tokens).%n%n",
        settings.window().length(),
        valuesSeen[0],
        valuesSeen[1],
        valuesSeen[2]);

    out.println("| throughput | windows/s (median) | range over rounds |");
    out.println("|---|---:|---|");
    for (EndToEndBench.Turn turn : turns) {
      out.printf(
          Locale.ROOT,
          "| %s | %.1f | %s |%n",
          TURN_LABELS.getOrDefault(turn.name(), turn.name()),
          turn.rates().median(),
          turn.rates().range("%.1f"));
    }
    out.println();
    out.println("| ratio (per round, same process) | median | range over rounds | target |");
    out.println("|---|---:|---|---|");
    String[][] rows = {
      {"e2e/bare INT8", "end to end / bare loop, int8", ">= 0.9x"},
      {"e2e/bare FP32", "end to end / bare loop, fp32", ""},
      {
        "embed() in pipeline / bare INT8",
        "speed of embed() inside the pipeline / in the bare loop, int8",
        ""
      },
      {
        "embed() in pipeline / bare FP32",
        "speed of embed() inside the pipeline / in the bare loop, fp32",
        ""
      },
      {"geometry share INT8", "geometry (onEmbedded) share of end-to-end time, int8", "<= 5%"},
      {
        "steady geometry share INT8",
        "geometry share, windows on a full window cloud (steady state), int8",
        "<= 5%"
      },
      {"geometry share FP32", "geometry share of end-to-end time, fp32", ""},
      {"steady geometry share FP32", "geometry share, steady state, fp32", ""},
      {"encoding share INT8", "encoding share of end-to-end time, int8", ""},
      {"outside embed() share INT8", "time outside embed() inside the pipeline, int8", ""},
      {"outside embed() share FP32", "time outside embed() inside the pipeline, fp32", ""},
      {"e2e INT8 / FP32", "int8 / fp32, end to end", ""},
      {"bare INT8 / FP32", "int8 / fp32, bare loop", ""},
      {
        "isowatch INT8 e2e / peer decimal",
        "isowatch default (integer, int8) end to end / langchain4j decimal text, windows/s",
        ">= 2x"
      },
      {
        "isowatch INT8 e2e / peer integer",
        "isowatch int8 end to end / langchain4j given isowatch's integer text, windows/s",
        ""
      },
      {
        "isowatch FP32 e2e / peer integer",
        "isowatch fp32 end to end / langchain4j given isowatch's integer text (same model and"
            + " text; langchain4j truncates it), windows/s",
        ""
      },
      {
        "values/s isowatch INT8 / peer decimal",
        "values embedded per second: isowatch int8 end to end / langchain4j decimal text",
        ""
      },
      {
        "values/s isowatch INT8 / peer integer",
        "values embedded per second: isowatch int8 end to end / langchain4j integer text",
        ""
      },
    };
    for (String[] row : rows) {
      ratio(out, row[0], row[1], row[2], row[0].contains("share"));
    }
    out.println();
    Samples between = ratios.get("us between evaluations");
    Samples evaluation = ratios.get("us evaluation");
    if (Double.isNaN(between.median()) || Double.isNaN(evaluation.median())) {
      out.printf(
          Locale.ROOT,
          "No window reached a full window cloud (%d windows of a feed) in this run: no steady"
              + " state to time.%n",
          settings.windowCloudCapacity());
    } else {
      out.printf(
          Locale.ROOT,
          "Geometry per window in the steady state (window cloud full), median over rounds:"
              + " %.0f us between evaluations (token signals), %.0f us on an evaluation window"
              + " (also the window-cloud analysis and the rule), one in %d.%n",
          between.median(),
          evaluation.median(),
          settings.evaluateEvery());
    }
    out.println();
    for (Map.Entry<BundledModels, EndToEndBench.PipelineRun> run : lastRuns.entrySet()) {
      out.printf(
          Locale.ROOT,
          "Last %s pipeline run: %d windows, %d alerts to the counting sink.%n",
          run.getKey(),
          run.getValue().windows(),
          run.getValue().alerts());
    }

    out.println();
    out.println("### Memory per feed (default monitor settings)");
    out.println();
    out.println("| measure | bytes per feed |");
    out.println("|---|---:|");
    out.printf(
        Locale.ROOT,
        "| FeedMonitor.memoryBytes(defaults) | %,d |%n",
        FeedMonitor.memoryBytes(settings));
    out.printf(
        Locale.ROOT,
        "| measured: %,d monitors created, heap after GC, per monitor | %,.0f |%n",
        memory.feeds(),
        memory.createdBytes());
    out.printf(
        Locale.ROOT,
        "| measured: the same monitors filled (%d windows each: window cloud full, alert baseline frozen),"
            + " per monitor | %,.0f |%n",
        memory.windowsPerFeed(),
        memory.filledBytes());
    out.printf(
        Locale.ROOT,
        "| measured: %,d monitors restored from a filled monitor's snapshot, per monitor | %,.0f |%n",
        memory.restored(),
        memory.restoredBytes());
    out.printf(
        Locale.ROOT, "%nFilling %,d monitors took %.1f s.%n", memory.feeds(), memory.fillSeconds());

    out.println();
    out.println("### What int8 costs the geometry (same windows, fp32 vs int8 replays)");
    out.println();
    out.printf(
        Locale.ROOT,
        "%s, every window embedded by both models and replayed through fresh monitors of each;"
            + " the signals compared at every evaluation. sd: pooled within-feed standard deviation"
            + " of the fp32 signal over the run; residual: the difference once each feed's mean"
            + " offset is removed (what a per-feed baseline does not absorb).%n%n",
        options.feed(options.fidelityLength()).describe());
    out.printf(
        Locale.ROOT,
        "Pooled window vectors: mean cosine(fp32, int8) %.5f, lowest %.5f.%n%n",
        fidelity.meanCosine(),
        fidelity.minCosine());
    out.println(
        "| signal | evaluations | mean abs diff | mean abs diff / sd | bias (int8 - fp32) |"
            + " residual sd / sd | within-feed corr | fp32 within-feed sd | max abs diff |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (SignalFidelity.Row row : fidelity.rows()) {
      out.printf(
          Locale.ROOT,
          "| %s | %d | %.3g | %.2f | %+.3g | %.2f | %.3f | %.3g | %.3g |%n",
          row.signal().label(),
          row.pairs(),
          row.meanAbsDiff(),
          row.relative(),
          row.bias(),
          row.relativeResidual(),
          row.correlation(),
          row.spread(),
          row.maxAbsDiff());
    }
    out.println();
    out.println("Firing alerts of the replays (feed: severity and window end of each):");
    out.println();
    out.println(
        "- fp32: " + (fidelity.referenceAlerts().isEmpty() ? "none" : fidelity.referenceAlerts()));
    out.println("- int8: " + (fidelity.otherAlerts().isEmpty() ? "none" : fidelity.otherAlerts()));
  }

  private void ratio(PrintStream out, String key, String label, String target, boolean percent) {
    Samples samples = ratios.get(key);
    if (samples == null) {
      return;
    }
    if (Double.isNaN(samples.median())) {
      out.printf(Locale.ROOT, "| %s | n/a | | %s |%n", label, target);
    } else if (percent) {
      out.printf(
          Locale.ROOT,
          "| %s | %.1f%% | %.1f%% - %.1f%% | %s |%n",
          label,
          100 * samples.median(),
          100 * samples.min(),
          100 * samples.max(),
          target);
    } else {
      out.printf(
          Locale.ROOT,
          "| %s | %.3fx | %s | %s |%n",
          label,
          samples.median(),
          samples.range("%.3f"),
          target);
    }
  }

  private double meanTokens() {
    long tokens = 0;
    long count = 0;
    for (List<EncodedWindow> batch : batches.get(BundledModels.INT8)) {
      for (EncodedWindow window : batch) {
        tokens += window.length();
        count++;
      }
    }
    return (double) tokens / count;
  }

  private int maxTokens() {
    int max = 0;
    for (List<EncodedWindow> batch : batches.get(BundledModels.INT8)) {
      for (EncodedWindow window : batch) {
        max = Math.max(max, window.length());
      }
    }
    return max;
  }

  private double meanPadded() {
    long padded = 0;
    List<List<EncodedWindow>> all = batches.get(BundledModels.INT8);
    for (List<EncodedWindow> batch : all) {
      padded += batch.stream().mapToInt(EncodedWindow::length).max().orElse(0);
    }
    return (double) padded / all.size();
  }
}
