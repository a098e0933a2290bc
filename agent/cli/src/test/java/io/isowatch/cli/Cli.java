package io.isowatch.cli;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
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
}
