package io.isowatch.evaluation.isowatch;

import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.detect.Trace;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the isowatch traces of each series on disk, so that a re-run that only changes scoring or
 * baselines does not embed everything again. The key hashes the series (name, values, times), the
 * profile, the model's description and the detector names (so a new {@code MonitorSignal} misses
 * the cache); it cannot see a change in the monitor's code, so clear the folder after one. Files
 * are written to a temporary name and moved into place, so an interrupted run leaves no half file.
 */
public final class TraceCache {
  static final int FORMAT = 1;

  private final Path dir;
  private final String modelKey;

  public TraceCache(Path dir, String modelKey) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.modelKey = modelKey;
  }

  /** The cached traces of the series with this profile, if present and readable. */
  public Optional<Map<String, Trace>> get(LabelledSeries series, EvaluationProfile profile) {
    Path file = file(series, profile);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(raw)) {
      if (in.readInt() != FORMAT) {
        return Optional.empty();
      }
      int count = in.readInt();
      Map<String, Trace> traces = new LinkedHashMap<>();
      for (int k = 0; k < count; k++) {
        String name = in.readUTF();
        double[] scores = new double[in.readInt()];
        for (int i = 0; i < scores.length; i++) {
          scores[i] = in.readDouble();
        }
        int[] alarms = new int[in.readInt()];
        for (int i = 0; i < alarms.length; i++) {
          alarms[i] = in.readInt();
        }
        traces.put(name, new Trace(scores, alarms));
      }
      return traces.keySet().equals(new java.util.LinkedHashSet<>(IsowatchDetector.names()))
          ? Optional.of(traces)
          : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Stores the traces of the series with this profile. */
  public void put(LabelledSeries series, EvaluationProfile profile, Map<String, Trace> traces)
      throws IOException {
    Path file = file(series, profile);
    Path temporary = Files.createTempFile(dir, "trace", ".tmp");
    try (OutputStream raw = Files.newOutputStream(temporary);
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
      out.writeInt(FORMAT);
      out.writeInt(traces.size());
      for (Map.Entry<String, Trace> entry : traces.entrySet()) {
        out.writeUTF(entry.getKey());
        double[] scores = entry.getValue().scores();
        out.writeInt(scores.length);
        for (double score : scores) {
          out.writeDouble(score);
        }
        int[] alarms = entry.getValue().alarms();
        out.writeInt(alarms.length);
        for (int alarm : alarms) {
          out.writeInt(alarm);
        }
      }
    }
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
    update(digest, String.join(",", List.copyOf(IsowatchDetector.names())));
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
    for (int i = 0; i < series.length(); i++) {
      buffer.clear();
      buffer.putDouble(series.value(i)).putLong(series.time(i).toEpochMilli());
      digest.update(buffer.array());
    }
    return dir.resolve(HexFormat.of().formatHex(digest.digest()) + ".trace");
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }
}
