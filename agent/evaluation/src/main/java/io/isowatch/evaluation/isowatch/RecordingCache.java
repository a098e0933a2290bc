package io.isowatch.evaluation.isowatch;

import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.trust.TrustScorer;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keeps the monitor's {@link MonitorRecording} of each series on disk, so that a re-run that
 * changes only the scoring, the labels, the single-signal rules or the baselines does not embed
 * again. The key hashes the series (name, values, times), the profile, the model's description and
 * the monitor's signal names (a new {@link MonitorSignal} misses the cache) and the risk model; it
 * cannot see a change in the monitor's code, so clear the folder after one. Files are written to a
 * temporary name and moved into place, so an interrupted run leaves no half file.
 */
public final class RecordingCache {
  static final int FORMAT = 2;

  private final Path dir;
  private final String modelKey;

  public RecordingCache(Path dir, String modelKey) throws IOException {
    this(
        dir, modelKey, RiskModel.sha256(RiskModel.bundled().format()) + " / " + TrustScorer.METHOD);
  }

  /**
   * @param riskKey what the recordings' trust scores come from (the bundled risk model's checksum
   *     and {@link TrustScorer#METHOD} by default): part of the key, so a retrained model never
   *     reads recordings scored by another; {@link #SIGNALS_ONLY} for recordings whose signals
   *     alone are used
   */
  public RecordingCache(Path dir, String modelKey, String riskKey) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.modelKey = modelKey + " / risk " + riskKey;
  }

  /**
   * The model key of a monitor's recordings: the embedder and the encoder as they describe
   * themselves, and the horizon when it is not 1 (a model without forecast queries encodes the same
   * windows at every horizon, but the monitor's forecasts are judged further ahead).
   */
  public static String modelKey(String embedder, WindowEncoder encoder, int horizon) {
    String key = embedder + " / " + encoder.describe();
    return horizon == MonitorSettings.DEFAULT_HORIZON ? key : key + " / horizon " + horizon;
  }

  /** The risk key of recordings read for their signals only (training the risk model). */
  public static final String SIGNALS_ONLY = "signals only";

  /** The cached recording of the series with this profile, if present and readable. */
  public Optional<MonitorRecording> get(LabelledSeries series, EvaluationProfile profile) {
    Path file = file(series, profile);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != FORMAT) {
        return Optional.empty();
      }
      int horizon = in.readInt();
      int rows = in.readInt();
      int width = in.readInt();
      if (width != MonitorSignal.values().length) {
        return Optional.empty();
      }
      int[] first = new int[rows];
      int[] last = new int[rows];
      double[][] signals = new double[rows][width];
      boolean[] alarm = new boolean[rows];
      boolean[] ready = new boolean[rows];
      for (int k = 0; k < rows; k++) {
        first[k] = in.readInt();
        last[k] = in.readInt();
        for (int s = 0; s < width; s++) {
          signals[k][s] = in.readDouble();
        }
        alarm[k] = in.readBoolean();
        ready[k] = in.readBoolean();
      }
      double[] forecasts = new double[in.readInt()];
      for (int i = 0; i < forecasts.length; i++) {
        forecasts[i] = in.readDouble();
      }
      return Optional.of(
          new MonitorRecording(first, last, signals, alarm, ready, forecasts, horizon));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Stores the recording of the series with this profile. */
  public void put(LabelledSeries series, EvaluationProfile profile, MonitorRecording recording)
      throws IOException {
    Path temporary = Files.createTempFile(dir, "recording", ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
      out.writeInt(FORMAT);
      out.writeInt(recording.horizon());
      out.writeInt(recording.evaluations());
      out.writeInt(MonitorSignal.values().length);
      for (int k = 0; k < recording.evaluations(); k++) {
        out.writeInt(recording.firstIndex()[k]);
        out.writeInt(recording.lastIndex()[k]);
        for (double value : recording.signals()[k]) {
          out.writeDouble(value);
        }
        out.writeBoolean(recording.alarm()[k]);
        out.writeBoolean(recording.ready()[k]);
      }
      out.writeInt(recording.forecasts().length);
      for (double forecast : recording.forecasts()) {
        out.writeDouble(forecast);
      }
    }
    Files.move(
        temporary,
        file(series, profile),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private Path file(LabelledSeries series, EvaluationProfile profile) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
    update(digest, "format " + FORMAT);
    update(digest, series.dataset() + "/" + series.name());
    update(digest, profile.toString());
    update(digest, modelKey);
    update(digest, Arrays.toString(MonitorSignal.values()));
    ByteBuffer buffer = ByteBuffer.allocate(16);
    for (int i = 0; i < series.length(); i++) {
      buffer.clear();
      buffer.putDouble(series.value(i)).putLong(series.time(i).toEpochMilli());
      digest.update(buffer.array());
    }
    return dir.resolve(HexFormat.of().formatHex(digest.digest()) + ".recording");
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }
}
