package io.isowatch.cli;

import io.isowatch.connectors.sink.ConsoleAlertSink;
import io.isowatch.connectors.sink.DeadLetterFileSink;
import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.embed.BundledModels;
import io.isowatch.core.embed.Device;
import io.isowatch.core.embed.OnnxEmbedder;
import io.isowatch.core.encode.TextSerializationEncoder;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.runtime.EmbeddedPipeline;
import io.isowatch.runtime.PipelineSettings;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code isowatch demo}: the whole agent on a synthetic multi-feed stream with regime changes at
 * known times, the bundled model, metrics on a port and alerts on the console; it ends with a
 * summary of alerts against the injected changes (or runs on with {@code --follow}).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the agent on synthetic feeds with regime changes at known times, with the bundled",
      "model; prints alerts as they fire and, at the end, which changes were caught."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--feeds",
      defaultValue = "4",
      description = "Synthetic feeds (default: ${DEFAULT-VALUE}).")
  int feeds;

  @Option(
      names = "--length",
      defaultValue = "2000",
      description =
          "Observations per feed (default: ${DEFAULT-VALUE}); each feed changes regime once in its second half.")
  long length;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the feeds (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--model",
      defaultValue = "INT8",
      description = "Bundled model variant: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  BundledModels model;

  @Option(
      names = "--device",
      defaultValue = "CPU",
      description = "Where to run the model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Device device;

  @Option(
      names = "--window",
      defaultValue = "64",
      description = "Values per window (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--stride",
      defaultValue = "4",
      description = "New values between windows (default: ${DEFAULT-VALUE}).")
  int stride;

  @Option(
      names = "--metrics-port",
      defaultValue = "9464",
      description =
          "Port of the Prometheus endpoint /metrics; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(
      names = "--dead-letters",
      paramLabel = "FILE",
      defaultValue = "isowatch-dead-letters.jsonl",
      description =
          "Where rejected records go, one JSON object per line (default: ${DEFAULT-VALUE}).")
  Path deadLetters;

  @Option(
      names = "--follow",
      description =
          "Keep streaming (paced at --rate per feed) until interrupted, instead of ending.")
  boolean follow;

  @Option(
      names = "--rate",
      defaultValue = "20",
      description = "Observations per second per feed with --follow (default: ${DEFAULT-VALUE}).")
  double rate;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SyntheticFeed feed =
        SyntheticFeed.builder()
            .feeds(feeds)
            .length(follow ? Long.MAX_VALUE / 4 : length)
            .seed(seed)
            .ratePerSecond(follow ? rate * feeds : 0)
            .build();
    MonitorSettings monitorSettings =
        MonitorSettings.builder()
            .window(WindowSpec.builder().length(window).stride(stride).build())
            .width(BundledModels.HIDDEN_WIDTH)
            .build();
    PrometheusRegistry registry = new PrometheusRegistry();
    AlertRecorder recorder = new AlertRecorder(10_000);
    try (MetricsEndpoint metrics = MetricsEndpoint.start(registry, metricsPort);
        OnnxEmbedder embedder =
            OnnxEmbedder.builder().manifest(model.manifest()).device(device).build();
        TextSerializationEncoder encoder =
            TextSerializationEncoder.builder()
                .tokenizer(model.manifest().tokenizer())
                .maxTokens(model.manifest().maxTokens())
                .build();
        DeadLetterFileSink deadLetterSink = DeadLetterFileSink.open(deadLetters);
        EmbeddedPipeline pipeline =
            EmbeddedPipeline.builder()
                .source(feed)
                .encoder(encoder)
                .embedder(embedder)
                .monitorSettings(monitorSettings)
                .alertSink(new ConsoleAlertSink(new PrintStream(System.out, true)))
                .alertSink(recorder)
                .deadLetterSink(deadLetterSink)
                .listener(new PrometheusPipelineMetrics(registry))
                .settings(PipelineSettings.defaults())
                .build()) {
      out.printf(
          "isowatch demo: %d feeds x %s observations, %s, window %d / stride %d%n",
          feeds, follow ? "endless" : String.valueOf(length), embedder.describe(), window, stride);
      out.printf("metrics: http://localhost:%d/metrics%n", metrics.port());
      out.printf(
          "memory per feed: %.1f KB of monitor state%n",
          FeedMonitor.memoryBytes(monitorSettings) / 1024.0);
      out.flush();
      Thread stopper = new Thread(pipeline::stop, "demo shutdown");
      Runtime.getRuntime().addShutdownHook(stopper);
      long start = System.nanoTime();
      pipeline.run();
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The JVM is exiting because of Ctrl-C; the pipeline has flushed.
      }
      out.printf("%nprocessed in %.1f s%n", (System.nanoTime() - start) / 1e9);
      List<ChangePointSummary.Change> changes =
          feed.changePoints().stream()
              .map(
                  c ->
                      new ChangePointSummary.Change(
                          c.feedId(), feed.timeOf(c.index()), c.kind().name().toLowerCase()))
              .toList();
      ChangePointSummary.of(changes, recorder.alerts()).print(out);
    }
    return 0;
  }
}
