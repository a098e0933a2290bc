package io.isowatch.cli.run;

import io.isowatch.cli.config.AgentSettings;
import io.isowatch.cli.config.AlertSinkSpec;
import io.isowatch.cli.config.SinkSettings;
import io.isowatch.cli.console.AlertRecorder;
import io.isowatch.cli.console.RunTally;
import io.isowatch.cli.console.WriterAlertSink;
import io.isowatch.connectors.sink.DeadLetterFileSink;
import io.isowatch.connectors.sink.JsonlAlertSink;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.io.AlertSink;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.ModelSession;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.runtime.EmbeddedPipeline;
import io.isowatch.runtime.metrics.FalseAlarmRateMetric;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent wired from {@link AgentSettings} and a list of sources: the model's embedder, encoder
 * and forecast source (from {@link AgentModel}), the Prometheus endpoint, the sinks (console, alert
 * file, dead-letter file) and the in-process pipeline that joins them, with a {@link RunTally}
 * listening for the closing summary. Every command that runs the agent ({@code demo}, {@code
 * replay}, {@code run}) starts it here.
 *
 * <pre>{@code
 * try (AgentAssembly agent = AgentAssembly.start(settings, List.of(source), out, List.of())) {
 *   agent.printStart(out);
 *   agent.run(); // until the sources end, or Ctrl-C
 *   RunSummary.print(agent.tally(), out);
 * }
 * }</pre>
 *
 * <p>The model is loaded first, so that a model that cannot be loaded fails before a port is bound
 * or a file created. A port in use and a sink file that cannot be opened are bad input ({@link
 * InputFormatException}, naming the port or file); whatever was started before is closed again.
 */
public final class AgentAssembly implements AutoCloseable {
  /** How long Ctrl-C waits for the pipeline to flush its windows and sinks. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  /** Alerts a bounded run keeps in memory for its summary at most. */
  public static final int RECORDED_ALERTS = 10_000;

  private final Deque<AutoCloseable> resources;
  private final OnnxEmbedder embedder;
  private final MonitorRecipe recipe;
  private final AgentSpec spec;
  private final MetricsEndpoint metrics;
  private final RunTally tally;
  private final EmbeddedPipeline pipeline;

  private AgentAssembly(
      Deque<AutoCloseable> resources,
      OnnxEmbedder embedder,
      MonitorRecipe recipe,
      AgentSpec spec,
      MetricsEndpoint metrics,
      RunTally tally,
      EmbeddedPipeline pipeline) {
    this.resources = resources;
    this.embedder = embedder;
    this.recipe = recipe;
    this.spec = spec;
    this.metrics = metrics;
    this.tally = tally;
    this.pipeline = pipeline;
  }

  /**
   * Loads the model, opens the endpoint and the sinks and builds the pipeline; nothing runs yet.
   *
   * @param console where alert lines go when {@code settings.sinks().console()}
   * @param extraSinks further alert sinks, e.g. an {@link AlertRecorder} for a closing summary
   * @throws InputFormatException if the metrics port cannot be bound or a sink file opened
   * @throws io.isowatch.model.embed.ModelLoadException if the model cannot be loaded as described
   */
  public static AgentAssembly start(
      AgentSettings settings,
      List<? extends ObservationSource> sources,
      PrintWriter console,
      List<AlertSink> extraSinks)
      throws InputFormatException {
    return start(settings, sources, console, extraSinks, List.of());
  }

  /**
   * As {@link #start(AgentSettings, List, PrintWriter, List)}, with further listeners of the
   * pipeline, e.g. a {@link io.isowatch.cli.report.ReportRecorder} for a visual report.
   */
  public static AgentAssembly start(
      AgentSettings settings,
      List<? extends ObservationSource> sources,
      PrintWriter console,
      List<AlertSink> extraSinks,
      List<EngineListener> extraListeners)
      throws InputFormatException {
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      AgentModel model = settings.spec().agentModel();
      ModelSession session = opened(resources, model.open());
      OnnxEmbedder embedder = session.embedder();
      WindowEncoder encoder = session.encoder();
      MonitorSettings monitorSettings = settings.spec().monitorSettings(embedder.dimension());
      MonitorRecipe recipe =
          new MonitorRecipe(
              monitorSettings, model.forecasts(monitorSettings), settings.spec().riskModel());
      PrometheusRegistry registry = new PrometheusRegistry();
      FalseAlarmRateMetric.register(registry, monitorSettings.trust().falseAlarmRate());
      MetricsEndpoint metrics =
          opened(resources, serveMetrics(registry, settings.metricsHost(), settings.metricsPort()));
      DeadLetterFileSink deadLetters = opened(resources, openDeadLetters(settings.sinks()));
      ConnectorMetrics.register(registry, sources, deadLetters);
      RunTally tally = new RunTally(settings.pipeline().maxFeeds());
      EmbeddedPipeline.Builder builder =
          EmbeddedPipeline.builder()
              .encoder(encoder)
              .embedder(embedder)
              .monitorSettings(monitorSettings)
              .softmaxSources(recipe.forecasts())
              .riskModel(recipe.riskModel())
              .deadLetterSink(deadLetters)
              .listener(new FanOutListener(listeners(registry, tally, extraListeners)))
              .settings(settings.pipeline());
      sources.forEach(builder::source);
      if (settings.sinks().console()) {
        builder.alertSink(new WriterAlertSink(console));
      }
      if (settings.sinks().alertsJsonl().isPresent()) {
        builder.alertSink(
            opened(resources, openAlertFile(settings.sinks().alertsJsonl().orElseThrow())));
      }
      for (AlertSinkSpec receiver : settings.sinks().receivers()) {
        builder.alertSink(opened(resources, openReceiver(receiver)));
      }
      extraSinks.forEach(builder::alertSink);
      EmbeddedPipeline pipeline = opened(resources, builder.build());
      return new AgentAssembly(
          resources, embedder, recipe, settings.spec(), metrics, tally, pipeline);
    } catch (InputFormatException | RuntimeException | Error e) {
      closeAll(resources, e);
      throw e;
    }
  }

  private static List<EngineListener> listeners(
      PrometheusRegistry registry, RunTally tally, List<EngineListener> extra) {
    List<EngineListener> listeners = new ArrayList<>();
    listeners.add(new PrometheusPipelineMetrics(registry));
    listeners.add(tally);
    listeners.addAll(extra);
    return listeners;
  }

  private static <T extends AutoCloseable> T opened(Deque<AutoCloseable> resources, T resource) {
    resources.push(resource);
    return resource;
  }

  public static MetricsEndpoint serveMetrics(PrometheusRegistry registry, String host, int port)
      throws InputFormatException {
    try {
      return MetricsEndpoint.start(registry, host, port);
    } catch (UncheckedIOException e) {
      InputFormatException failure =
          new InputFormatException(
              "cannot serve metrics on port "
                  + port
                  + " of "
                  + host
                  + " ("
                  + e.getCause().getMessage()
                  + "): choose another port, or 0 for a free one");
      failure.initCause(e);
      throw failure;
    }
  }

  private static DeadLetterFileSink openDeadLetters(SinkSettings sinks)
      throws InputFormatException {
    Path path = sinks.deadLetters();
    try {
      return DeadLetterFileSink.open(path, sinks.deadLetterLimits());
    } catch (IOException e) {
      throw cannotOpen("dead-letter file", path, e);
    }
  }

  private static JsonlAlertSink openAlertFile(Path path) throws InputFormatException {
    try {
      return JsonlAlertSink.open(path);
    } catch (IOException e) {
      throw cannotOpen("alert file", path, e);
    }
  }

  private static AlertSink openReceiver(AlertSinkSpec receiver) throws InputFormatException {
    try {
      return receiver.open();
    } catch (IllegalArgumentException e) {
      InputFormatException failure =
          new InputFormatException(receiver.name() + ": " + e.getMessage());
      failure.initCause(e);
      throw failure;
    } catch (IOException e) {
      InputFormatException failure =
          new InputFormatException(
              receiver.name() + ": cannot open its spill file: " + InputFormatException.reason(e));
      failure.initCause(e);
      throw failure;
    }
  }

  private static InputFormatException cannotOpen(String what, Path path, IOException cause) {
    InputFormatException failure =
        new InputFormatException(
            "cannot open the " + what + " " + path + ": " + InputFormatException.reason(cause));
    failure.initCause(cause);
    return failure;
  }

  /**
   * Prints where the metrics are served, the state each feed costs and, when it is not the bundled
   * one, the risk model.
   */
  public void printStart(PrintWriter out) {
    out.printf("metrics: http://localhost:%d/metrics%n", metrics.port());
    out.printf(
        Locale.ROOT,
        "memory per feed: %.1f KB of monitor state%n",
        FeedMonitor.memoryBytes(recipe.settings(), recipe.forecasts()) / 1024.0);
    printRiskModel(spec, out);
    out.flush();
  }

  /**
   * Names a risk model other than the bundled one, which judges every feed of this run, or says
   * when the bundled one was trained on other signals than this run's ({@link
   * AgentSpec#riskModelNote()}).
   */
  static void printRiskModel(AgentSpec spec, PrintWriter out) {
    RiskModel riskModel = spec.riskModel();
    if (!riskModel.equals(RiskModel.bundled())) {
      out.println("risk model: " + riskModel.version() + " (the operator's own)");
    }
    spec.riskModelNote().ifPresent(out::println);
  }

  /**
   * Runs the pipeline until every source has ended, or until Ctrl-C (SIGINT) or SIGTERM, which stop
   * it as the end of the sources would ({@link InterruptStop}): the run returns and the command
   * ends normally. On any other exit of the JVM, the exit waits up to {@link #SHUTDOWN_GRACE} for
   * the pipeline to flush its last windows and its sinks. Returns the wall-clock time the run took.
   */
  public Duration run() throws Exception {
    return run(took -> {});
  }

  /**
   * As {@link #run()}, then hands the time the run took to {@code closing} (which prints the
   * closing summary) before returning; on Ctrl-C the exit waits for it too, within {@link
   * #SHUTDOWN_GRACE}, so the summary is printed whole before the JVM stops.
   */
  public Duration run(Consumer<Duration> closing) throws Exception {
    CountDownLatch finished = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              pipeline.stop();
              try {
                finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "isowatch shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    long start = System.nanoTime();
    try (InterruptStop interrupt = InterruptStop.install(pipeline::stop)) {
      pipeline.run();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      closing.accept(took);
      return took;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The JVM is exiting because of Ctrl-C; the pipeline has flushed, the summary is out.
      }
    }
  }

  public OnnxEmbedder embedder() {
    return embedder;
  }

  public MonitorSettings monitorSettings() {
    return recipe.settings();
  }

  public int metricsPort() {
    return metrics.port();
  }

  public RunTally tally() {
    return tally;
  }

  /** Stops the pipeline, then closes the sinks (flushing them), the endpoint and the model. */
  @Override
  public void close() throws Exception {
    Throwable failure = closeAll(resources, null);
    if (failure instanceof Exception e) {
      throw e;
    } else if (failure instanceof Error e) {
      throw e;
    }
  }

  /** Closes in reverse order of opening; returns the first failure, added to {@code primary}. */
  private static Throwable closeAll(Deque<AutoCloseable> resources, Throwable primary) {
    Throwable failure = primary;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception | Error e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    return failure == primary ? null : failure;
  }
}
