package io.isowatch.cli.run;

import io.isowatch.cli.config.SourceSpec;
import io.isowatch.connectors.file.ProgressListener;
import io.isowatch.connectors.net.UnreachablePeerException;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.engine.spec.OptionNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens {@link SourceSpec}s for a command and turns what the connectors refuse into bad input: a
 * missing or unreadable file, or options that do not fit the file (a column the header lacks, a
 * JSON file that is not a TCPD series). The connectors name their builder options ({@code
 * valueColumns}); the message names the user's instead ({@code --column}, or {@code columns} in a
 * configuration file), through the map each command gives.
 */
public final class SourceOpener {
  private final Map<String, String> optionNames;
  private final ProgressListener progress;

  /**
   * @param optionNames the user's name of each connector builder option, e.g. {@code valueColumns
   *     -> --column}
   * @param progress told how each file replay advances
   */
  public SourceOpener(Map<String, String> optionNames, ProgressListener progress) {
    this.optionNames = Map.copyOf(optionNames);
    this.progress = progress;
  }

  /**
   * The source of {@code spec}.
   *
   * @param where what the message starts with, e.g. the file or {@code sources[2]}
   * @param pathOption the user's name of the file option, for a missing file, e.g. {@code
   *     sources[2].path}; empty when the file is the subject itself
   * @throws InputFormatException naming {@code where}, the file or the option at fault; or, for a
   *     peer that does not answer (Kafka), its address and what to check
   */
  public ObservationSource open(SourceSpec spec, String where, String pathOption)
      throws InputFormatException {
    String prefix = pathOption.isEmpty() ? "" : pathOption + ": ";
    if (spec.file().isPresent()) {
      Path file = spec.file().get();
      if (Files.isDirectory(file)) {
        throw new InputFormatException(prefix + "cannot read " + file + ": it is a directory");
      }
      if (!Files.isRegularFile(file)) {
        throw new InputFormatException(prefix + "cannot read " + file + ": no such file");
      }
      if (!Files.isReadable(file)) {
        throw new InputFormatException(prefix + "cannot read " + file + ": permission denied");
      }
    }
    try {
      spec.requireReachable();
    } catch (UnreachablePeerException e) {
      InputFormatException failure = new InputFormatException(e.getMessage());
      failure.initCause(e);
      throw failure;
    }
    try {
      return spec.open(progress);
    } catch (IllegalArgumentException e) {
      InputFormatException failure =
          new InputFormatException(where + ": " + OptionNames.rename(e.getMessage(), optionNames));
      failure.initCause(e);
      throw failure;
    } catch (UncheckedIOException e) {
      IOException cause = e.getCause();
      String file = spec.file().map(Path::toString).orElse(where);
      InputFormatException failure =
          new InputFormatException(
              prefix + "cannot read " + file + ": " + InputFormatException.reason(cause));
      failure.initCause(e);
      throw failure;
    }
  }
}
