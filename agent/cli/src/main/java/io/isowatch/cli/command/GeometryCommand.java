package io.isowatch.cli.command;

import io.isowatch.cli.console.GeometryJson;
import io.isowatch.cli.input.LabelFileReader;
import io.isowatch.cli.input.VectorCsvReader;
import io.isowatch.core.geometry.Cloud;
import io.isowatch.core.geometry.ClusterIsotropy;
import io.isowatch.core.geometry.ClusterOptions;
import io.isowatch.core.geometry.GeometryAnalyzer;
import io.isowatch.core.geometry.GeometryReport;
import io.isowatch.engine.spec.InputFormatException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code isowatch geometry}: every isotropy measure of one cloud of vectors, as one JSON object on
 * standard output.
 */
@Command(
    name = "geometry",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints every isotropy measure of one cloud of vectors as one JSON object.",
      "Undefined measures are written as null."
    })
public final class GeometryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "Headerless CSV: one vector per line, values separated by commas.")
  public Path input;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description =
          "One integer label per vector, one per line: adds cluster_avg_cosine_given_labels.")
  public Path labels;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "" + ClusterOptions.DEFAULT_SEED,
      description =
          "Seed of the cluster search; the same seed gives the same output (default: "
              + "${DEFAULT-VALUE}).")
  public long seed;

  @Option(
      names = "--no-clusters",
      description = "Skip the k-means cluster search; the cluster keys are then null.")
  public boolean noClusters;

  @Override
  public Integer call() throws Exception {
    Cloud cloud = VectorCsvReader.read(input);
    OptionalDouble givenLabels = OptionalDouble.empty();
    if (labels != null) {
      givenLabels = OptionalDouble.of(ClusterIsotropy.givenLabels(cloud, readLabels(cloud)));
    }
    GeometryAnalyzer analyzer =
        noClusters
            ? GeometryAnalyzer.withoutClusters()
            : GeometryAnalyzer.withClusters(ClusterOptions.builder().seed(seed).build());
    GeometryReport report = analyzer.analyze(cloud);
    PrintWriter out = spec.commandLine().getOut();
    out.println(GeometryJson.format(GeometryJson.of(report, givenLabels)));
    out.flush();
    return 0;
  }

  private int[] readLabels(Cloud cloud) throws InputFormatException {
    int[] values = LabelFileReader.read(labels);
    if (values.length != cloud.size()) {
      throw new InputFormatException(
          labels
              + " has "
              + values.length
              + " labels but "
              + input
              + " has "
              + cloud.size()
              + " vectors: expected one label per vector");
    }
    return values;
  }
}
