package io.isowatch.cli.run;

import io.isowatch.cli.config.AgentConfig;
import io.isowatch.cli.config.AgentSettings;
import io.isowatch.cli.config.SourceSpec;
import io.isowatch.cli.console.WriterAlertSink;
import io.isowatch.connectors.sink.DeadLetterFileSink;
import io.isowatch.connectors.sink.JsonlAlertSink;
import io.isowatch.core.io.AlertSink;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.flink.LocalFlinkRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code isowatch run --engine flink}: the configuration's JSON Lines sources replayed through the
 * Flink job on a MiniCluster in this process, alerts to the configured console and files. The Flink
 * engine runs the bundled models and the default JSONL field names; anything else in the
 * configuration that it cannot honour stops the run at start, naming the key.
 */
public final class FlinkEngineRun {
  private FlinkEngineRun() {}

  public static int run(AgentConfig config, Path file, int parallelism, PrintWriter out)
      throws Exception {
    // Flink's own progress logs would drown the alerts; its warnings and errors still show.
    quietLogger("org.apache.flink", "warn");
    quietLogger("org.apache.pekko", "warn");
    // Closing the collect iterators after the local cluster stopped logs a harmless failure.
    quietLogger("org.apache.flink.streaming.api.operators.collect", "error");
    List<Path> files = jsonlFiles(config, file);
    AgentSettings agent = config.settings();
    AgentSpec spec = agent.spec();
    out.printf(
        "isowatch run: %s on flink (local MiniCluster, parallelism %d), %d file%s, %s,"
            + " window %d / stride %d%n",
        file,
        parallelism,
        files.size(),
        files.size() == 1 ? "" : "s",
        spec.model().label(),
        spec.window().length(),
        spec.window().stride());
    out.println("metrics: Flink metrics (isowatch_* names), through Flink's own reporters");
    AgentAssembly.printRiskModel(spec, out);
    out.flush();
    List<AlertSink> sinks = new ArrayList<>();
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      if (agent.sinks().console()) {
        sinks.add(new WriterAlertSink(out));
      }
      if (agent.sinks().alertsJsonl().isPresent()) {
        JsonlAlertSink alerts = JsonlAlertSink.open(agent.sinks().alertsJsonl().get());
        opened.add(alerts);
        sinks.add(alerts);
      }
      DeadLetterFileSink deadLetters =
          DeadLetterFileSink.open(agent.sinks().deadLetters(), agent.sinks().deadLetterLimits());
      opened.add(deadLetters);
      LocalFlinkRun.Counts counts =
          LocalFlinkRun.run(
              files, spec, parallelism, agent.pipeline().maxFeeds(), sinks, deadLetters);
      out.printf(
          Locale.ROOT,
          "%nprocessed in %.1f s: %d alert message(s), %d record(s) set aside to %s%n",
          counts.took().toNanos() / 1e9,
          counts.alerts(),
          counts.deadLetters(),
          agent.sinks().deadLetters());
    } catch (IOException e) {
      throw new InputFormatException("cannot open a sink file: " + InputFormatException.reason(e));
    } finally {
      for (AutoCloseable resource : opened) {
        resource.close();
      }
    }
    return 0;
  }

  private static void quietLogger(String name, String level) {
    String key = "org.slf4j.simpleLogger.log." + name;
    if (System.getProperty(key) == null) {
      System.setProperty(key, level);
    }
  }

  private static List<Path> jsonlFiles(AgentConfig config, Path file) throws InputFormatException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < config.sources().size(); i++) {
      SourceSpec source = config.sources().get(i);
      String key = file + ": sources[" + i + "]";
      if (!(source instanceof SourceSpec.Jsonl jsonl)) {
        throw new InputFormatException(
            key + ": the flink engine replays jsonl files only; use --engine embedded");
      }
      SourceSpec.Jsonl defaults = SourceSpec.Jsonl.defaults(jsonl.path(), jsonl.speedUp());
      if (!jsonl.feedField().equals(defaults.feedField())
          || !jsonl.timeField().equals(defaults.timeField())
          || !jsonl.valueField().equals(defaults.valueField())
          || !jsonl.zone().equals(defaults.zone())) {
        throw new InputFormatException(
            key + ": the flink engine reads the default field names and zone only");
      }
      if (jsonl.speedUp() != 0) {
        throw new InputFormatException(
            key + ".speed: the flink engine replays as fast as it can (speed 0)");
      }
      files.add(jsonl.path());
    }
    return files;
  }
}
