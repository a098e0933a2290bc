package io.isowatch.cli;

import static java.util.stream.Collectors.joining;

import io.isowatch.engine.model.ModelChoice;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;

/** Runs {@code isowatch} in-process with captured output, and writes its input files. */
public final class Cli {
  private Cli() {}

  public record Result(int exitCode, String out, String err) {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = IsowatchCommand.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exitCode = command.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** Writes {@code rows} as headerless CSV, with values that read back exactly. */
  public static Path writeCsv(Path dir, String name, double[][] rows) throws IOException {
    String text =
        Arrays.stream(rows)
            .map(row -> Arrays.stream(row).mapToObj(Double::toString).collect(joining(",")))
            .collect(joining("\n", "", "\n"));
    return write(dir, name, text);
  }

  public static Path writeLabels(Path dir, String name, int[] labels) throws IOException {
    String text =
        Arrays.stream(labels).mapToObj(Integer::toString).collect(joining("\n", "", "\n"));
    return write(dir, name, text);
  }

  public static Path write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /**
   * The model section of a user's own export: the bundled numeric LM's graph, copied into {@code
   * dir} as {@code own.onnx} and declared in {@code model.custom} under the name {@code own-lm},
   * with the encoder section it reads; for a configuration file's text.
   */
  public static String ownNumericLm(Path dir) throws IOException {
    try (InputStream in = ModelChoice.NUMERIC_LM.manifest().model().open()) {
      Files.copy(in, dir.resolve("own.onnx"));
    }
    return """
        model:
          custom:
            onnx: own.onnx
            input-format: chronos-tokens
            name: own-lm
            logits-output: next_token_logits
            pooling: last
            max-tokens: 64
            numeric-vocabulary: {range: {first-token-id: 3, count: 4093, low: -10, high: 10}}
        encoder: {chronos: {append-eos: false, low: -10, high: 10}}
        """;
  }
}
