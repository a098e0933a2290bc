package io.isowatch.cli.command;

import io.isowatch.cli.config.AgentSettings;
import io.isowatch.cli.console.AlertRecorder;
import io.isowatch.cli.console.ChangePointSummary;
import io.isowatch.cli.console.ForecastErrorRise;
import io.isowatch.cli.console.RunSummary;
import io.isowatch.cli.run.AgentAssembly;
import io.isowatch.connectors.synthetic.SyntheticFeed;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  public int feeds;

  @Option(
      names = "--length",
      defaultValue = "2000",
      description =
          "Observations per feed (default: ${DEFAULT-VALUE}); each feed changes regime once in its second half.")
  public long length;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the feeds (default: ${DEFAULT-VALUE}).")
  public long seed;

  @Mixin PipelineOptions agent;

  public static final double DEMO_FALSE_ALARM_RATE = 0.05;

  @Option(
      names = "--follow",
      description =
          "Keep streaming (paced at --rate per feed) until interrupted, instead of ending.")
  public boolean follow;

  @Option(
      names = "--rate",
      defaultValue = "20",
      description = "Observations per second per feed with --follow (default: ${DEFAULT-VALUE}).")
  public double rate;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    // A 2000-value demo feed must calibrate in its first half: a looser alpha needs fewer scores.
    AgentSettings settings = agent.settings(spec, DEMO_FALSE_ALARM_RATE).build();
    SyntheticFeed feed =
        SyntheticFeed.builder()
            .feeds(feeds)
            .length(follow ? Long.MAX_VALUE / 4 : length)
            .seed(seed)
            .ratePerSecond(follow ? rate * feeds : 0)
            .build();
    AlertRecorder recorder = new AlertRecorder(AgentAssembly.RECORDED_ALERTS);
    // An endless feed's changes lie beyond any run (and beyond Instant's range): none to report.
    List<ChangePointSummary.Change> changes =
        follow
            ? List.of()
            : feed.changePoints().stream()
                .map(
                    c ->
                        new ChangePointSummary.Change(
                            c.feedId(), feed.timeOf(c.index()), c.kind().name().toLowerCase()))
                .toList();
    ForecastErrorRise rises =
        new ForecastErrorRise(
            changes, settings.spec().window().stride(), settings.spec().horizon());
    try (AgentAssembly assembly =
        AgentAssembly.start(settings, List.of(feed), out, List.of(recorder), List.of(rises))) {
      out.printf(
          "isowatch demo: %d feeds x %s observations, %s, window %d / stride %d%n",
          feeds,
          follow ? "endless" : String.valueOf(length),
          assembly.embedder().describe(),
          agent.window,
          agent.stride);
      assembly.printStart(out);
      assembly.run(
          took -> {
            out.printf("%nprocessed in %.1f s%n", took.toNanos() / 1e9);
            if (follow) {
              // Stopped by Ctrl-C, most likely before any change: what each feed went through.
              RunSummary.print(assembly.tally(), out);
            }
            if (!follow) {
              ChangePointSummary.of(changes, recorder.alerts())
                  .withErrorRises(rises.rises())
                  .print(out, assembly.tally().activeSince());
            }
            RunSummary.printWarmUp(assembly.tally(), out);
            out.flush();
          });
    }
    return 0;
  }
}
