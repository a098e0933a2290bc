package io.isowatch.core.predict;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.MeanScaling;
import io.isowatch.core.feed.Window;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * The model's own predictive softmax: the logits of a window's last real token, restricted to the
 * manifest's {@link NumericVocabulary} (the softmax over those alone renormalizes them), as a
 * {@link Prediction} of the next value. Nothing is learned: {@link #learn} does nothing and the
 * snapshot is empty.
 *
 * <pre>{@code
 * ChronosEncoder encoder = ChronosEncoder.builder().appendEos(false).build();
 * ModelLogitsSource source =
 *     ModelLogitsSource.builder()
 *         .vocabulary(manifest.numericVocabulary().orElseThrow())
 *         .scaling(encoder.scaling())
 *         .build();
 * Prediction next = source.predict(window, embedding).orElseThrow();
 * next.median(); next.quantile(0.05); next.quantile(0.95); // in the feed's units
 * }</pre>
 *
 * <p><b>Bins.</b> Token k of the vocabulary (in order of value) stands for value v_k; its bin
 * reaches halfway to each neighbour, and the outer bins as far out again as to their one neighbour.
 * For a Chronos {@link NumericVocabulary.Range} these are its quantization cells, centered on its
 * centers; for listed tokens with uneven values a bin's center is the midpoint of its edges, not
 * always v_k.
 *
 * <p><b>Scale.</b> With a {@link MeanScaling} (Chronos-style models) the bins are in mean-scaled
 * units and the prediction carries the window's scale, the same one the {@code ChronosEncoder}
 * divided by, so medians and intervals come out in the feed's units. Without one (the default, for
 * the digit tokens of a text model) the scale is 1: the prediction is in the units the listed
 * values are in, for example the next digit 0 to 9.
 *
 * <p>Holds no per-feed state, only the vocabulary's tables (see {@link #memoryBytes()}): one
 * instance serves every feed of a model ({@link #forEveryFeed()}), from any thread.
 */
public final class ModelLogitsSource implements SoftmaxSource {
  static final String SNAPSHOT_KIND = "model-logits";
  static final int SNAPSHOT_VERSION = 1;

  private static final float[] NO_FEATURES = new float[0];

  private final NumericVocabulary vocabulary;
  private final int[] tokenIds;
  private final int maxTokenId;

  /**
   * The first value token's id when the value tokens are consecutive ids in value order (a Chronos
   * vocabulary's are), so that a window's logits are one array copy; -1 otherwise.
   */
  private final int firstOfRun;

  private final ValueBins bins;
  private final Optional<MeanScaling> scaling;

  private ModelLogitsSource(NumericVocabulary vocabulary, Optional<MeanScaling> scaling) {
    this.vocabulary = vocabulary;
    this.tokenIds = vocabulary.tokenIds();
    this.maxTokenId = vocabulary.maxTokenId();
    this.firstOfRun = firstOfRun(tokenIds);
    this.bins = bins(vocabulary.values());
    this.scaling = scaling;
  }

  public static Builder builder() {
    return new Builder();
  }

  private static int firstOfRun(int[] ids) {
    for (int k = 1; k < ids.length; k++) {
      if (ids[k] != ids[0] + k) {
        return -1;
      }
    }
    return ids.length == 0 ? -1 : ids[0];
  }

  /**
   * The bins of values {@code v_0 < v_1 < ...}: edges midway between neighbours, the outer edges
   * half a gap beyond the outer values.
   */
  static ValueBins bins(double[] values) {
    int count = values.length;
    double[] edges = new double[count + 1];
    for (int k = 1; k < count; k++) {
      edges[k] = values[k - 1] + (values[k] - values[k - 1]) / 2;
    }
    edges[0] = values[0] - (values[1] - values[0]) / 2;
    edges[count] = values[count - 1] + (values[count - 1] - values[count - 2]) / 2;
    return ValueBins.ofEdges(edges);
  }

  /**
   * The distribution of the value after {@code window}, from the logits of its last real token.
   *
   * @throws IllegalArgumentException if the embedding has no logits, too few of them for the
   *     vocabulary, or a vocabulary logit that is not finite
   */
  @Override
  public Optional<Prediction> predict(Window window, Embedding embedding) {
    float[] logits =
        embedding
            .logits()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the embedding of "
                            + window
                            + " has no logits: the model's manifest must name its logitsOutput"));
    if (logits.length <= maxTokenId) {
      throw new IllegalArgumentException(
          "the model gave "
              + logits.length
              + " logits, but numericVocabulary ("
              + vocabulary.describe()
              + ") needs token id "
              + maxTokenId);
    }
    float[] selected = new float[tokenIds.length];
    if (firstOfRun >= 0) {
      System.arraycopy(logits, firstOfRun, selected, 0, selected.length);
    } else {
      for (int k = 0; k < tokenIds.length; k++) {
        selected[k] = logits[tokenIds[k]];
      }
    }
    for (int k = 0; k < selected.length; k++) {
      float logit = selected[k];
      if (!Float.isFinite(logit)) {
        throw new IllegalArgumentException(
            "the model's logit of value token " + tokenIds[k] + " is " + logit);
      }
    }
    double scale = scaling.isPresent() ? scaling.get().scale(window.values()) : 1;
    return Optional.of(new Prediction(selected, bins, scale, NO_FEATURES));
  }

  /**
   * This source for every feed of a monitor: it holds no per-feed state, so all feeds share this
   * one instance, a feed's memory for it is 0 bytes, and restoring a feed checks the snapshot's
   * header and gives this instance back.
   */
  public SoftmaxSources forEveryFeed() {
    ModelLogitsSource shared = this;
    return new SoftmaxSources() {
      @Override
      public SoftmaxSource create(String feedId) {
        return shared;
      }

      @Override
      public SoftmaxSource restore(byte[] snapshot) {
        return shared.restore(snapshot);
      }

      @Override
      public long memoryBytes() {
        return 0;
      }

      @Override
      public int classes() {
        return shared.bins.count();
      }
    };
  }

  /** Nothing to learn: the model is fixed. */
  @Override
  public void learn(Prediction prediction, double actual) {}

  /** A header alone: kind {@value #SNAPSHOT_KIND}, version 1, no fields. */
  @Override
  public byte[] snapshot() {
    return SnapshotWriter.start(SNAPSHOT_KIND, SNAPSHOT_VERSION).toByteArray();
  }

  /**
   * Checks that {@code snapshot} is this source's (empty) state; there is nothing else to restore.
   *
   * @throws io.isowatch.core.state.CorruptSnapshotException if it is another kind or version
   */
  public ModelLogitsSource restore(byte[] snapshot) {
    SnapshotReader.open(snapshot, SNAPSHOT_KIND, SNAPSHOT_VERSION);
    return this;
  }

  /** The vocabulary's tables: token ids (4 bytes each), bin edges and centers (8 bytes each). */
  @Override
  public long memoryBytes() {
    return 4L * tokenIds.length + 8L * (2L * bins.count() + 1);
  }

  /** For example {@code "model logits, 4093 tokens [3, 4096) for -15.0 .. 15.0, mean |x| ..."}. */
  @Override
  public String describe() {
    return "model logits, "
        + vocabulary.describe()
        + ", "
        + scaling.map(MeanScaling::describe).orElse("unscaled");
  }

  public NumericVocabulary vocabulary() {
    return vocabulary;
  }

  /** The bins the predictions are over. */
  public ValueBins bins() {
    return bins;
  }

  /** The scaling of Chronos-style models; empty when predictions are unscaled. */
  public Optional<MeanScaling> scaling() {
    return scaling;
  }

  /** Builds a {@link ModelLogitsSource}: {@link #vocabulary} is required, scaling optional. */
  public static final class Builder {
    private NumericVocabulary vocabulary;
    private MeanScaling scaling;

    private Builder() {}

    public Builder vocabulary(NumericVocabulary vocabulary) {
      this.vocabulary = vocabulary;
      return this;
    }

    /** The encoder's mean scaling, for a Chronos-style model; without it the scale is 1. */
    public Builder scaling(MeanScaling scaling) {
      this.scaling = scaling;
      return this;
    }

    /**
     * @throws IllegalArgumentException if the vocabulary is not set
     */
    public ModelLogitsSource build() {
      if (vocabulary == null) {
        throw new IllegalArgumentException("vocabulary must be set");
      }
      return new ModelLogitsSource(
          Objects.requireNonNull(vocabulary), Optional.ofNullable(scaling));
    }
  }
}
