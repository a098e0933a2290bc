package io.isowatch.core.embed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which of a model's logits stand for values, and for which value each: the part of the vocabulary
 * a predictive softmax is read from. Two shapes:
 *
 * <ul>
 *   <li>{@link Range}: a contiguous run of token ids standing for evenly spaced values, as Chronos
 *       quantizes mean-scaled values (ids 3 to 4095 for the centers -15 to 15).
 *   <li>{@link Listed}: named token ids with the value of each, e.g. the digit tokens {@code "0"}
 *       .. {@code "9"} of a text language model, each standing for its digit.
 * </ul>
 *
 * <pre>{@code
 * NumericVocabulary chronos = new NumericVocabulary.Range(3, 4093, -15, 15);
 * NumericVocabulary digits = NumericVocabulary.listed(Map.of(15, 0.0, 16, 1.0, 17, 2.0));
 * }</pre>
 */
public sealed interface NumericVocabulary extends Serializable
    permits NumericVocabulary.Range, NumericVocabulary.Listed {

  /** Token ids with the value each stands for; values must be distinct. */
  static Listed listed(Map<Integer, Double> valuesByTokenId) {
    return new Listed(valuesByTokenId);
  }

  /** The token ids, in order of increasing value. */
  int[] tokenIds();

  /** The value of each token of {@link #tokenIds()}, strictly increasing. */
  double[] values();

  /** The number of value tokens. */
  int size();

  /** The highest token id: a logits output must be wider than this. */
  int maxTokenId();

  /** For logs, e.g. {@code "4093 tokens [3, 4096) for -15.0 .. 15.0"}. */
  String describe();

  /**
   * {@code count} token ids from {@code firstTokenId} on, standing for {@code count} evenly spaced
   * values from {@code low} (the first id) to {@code high} (the last). In Chronos, {@code low} and
   * {@code high} are the outer bin centers (its {@code low_limit} and {@code high_limit}).
   */
  record Range(int firstTokenId, int count, double low, double high) implements NumericVocabulary {
    public Range {
      if (firstTokenId < 0) {
        throw new IllegalArgumentException(
            "numericVocabulary firstTokenId must be at least 0, got " + firstTokenId);
      }
      if (count < 2) {
        throw new IllegalArgumentException(
            "numericVocabulary count must be at least 2, got " + count);
      }
      if ((long) firstTokenId + count - 1 > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "numericVocabulary ids from " + firstTokenId + " on for " + count + " tokens overflow");
      }
      if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
        throw new IllegalArgumentException(
            "numericVocabulary needs finite low < high, got low " + low + ", high " + high);
      }
    }

    /** The value token {@code index} (0 = {@code firstTokenId}) stands for. */
    public double value(int index) {
      return index == count - 1 ? high : low + (high - low) * index / (count - 1);
    }

    /** Distance between neighbouring values. */
    public double step() {
      return (high - low) / (count - 1);
    }

    @Override
    public int[] tokenIds() {
      int[] ids = new int[count];
      for (int k = 0; k < count; k++) {
        ids[k] = firstTokenId + k;
      }
      return ids;
    }

    @Override
    public double[] values() {
      double[] values = new double[count];
      for (int k = 0; k < count; k++) {
        values[k] = value(k);
      }
      return values;
    }

    @Override
    public int size() {
      return count;
    }

    @Override
    public int maxTokenId() {
      return firstTokenId + count - 1;
    }

    @Override
    public String describe() {
      return count
          + " tokens ["
          + firstTokenId
          + ", "
          + ((long) firstTokenId + count)
          + ") for "
          + low
          + " .. "
          + high;
    }
  }

  /**
   * Token ids listed one by one with the value each stands for.
   *
   * @param valuesByTokenId token id to value, in order of increasing value (the constructor sorts a
   *     copy)
   */
  record Listed(Map<Integer, Double> valuesByTokenId) implements NumericVocabulary {
    public Listed {
      Objects.requireNonNull(valuesByTokenId, "numericVocabulary tokens");
      if (valuesByTokenId.size() < 2) {
        throw new IllegalArgumentException(
            "numericVocabulary needs at least 2 tokens, got " + valuesByTokenId.size());
      }
      List<Map.Entry<Integer, Double>> entries = new ArrayList<>(valuesByTokenId.entrySet());
      for (Map.Entry<Integer, Double> entry : entries) {
        if (entry.getKey() == null || entry.getKey() < 0) {
          throw new IllegalArgumentException(
              "numericVocabulary token ids must be at least 0, got " + entry.getKey());
        }
        if (entry.getValue() == null || !Double.isFinite(entry.getValue())) {
          throw new IllegalArgumentException(
              "numericVocabulary token "
                  + entry.getKey()
                  + " must stand for a finite value, got "
                  + entry.getValue());
        }
      }
      entries.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
      Map<Integer, Double> sorted = new LinkedHashMap<>();
      Map.Entry<Integer, Double> previous = null;
      for (Map.Entry<Integer, Double> entry : entries) {
        if (previous != null
            && previous.getValue().doubleValue() == entry.getValue().doubleValue()) {
          throw new IllegalArgumentException(
              "numericVocabulary tokens "
                  + previous.getKey()
                  + " and "
                  + entry.getKey()
                  + " both stand for "
                  + entry.getValue()
                  + "; each value needs one token");
        }
        sorted.put(entry.getKey(), entry.getValue());
        previous = entry;
      }
      valuesByTokenId = Collections.unmodifiableMap(sorted);
    }

    @Override
    public int[] tokenIds() {
      return valuesByTokenId.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public double[] values() {
      return valuesByTokenId.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public int size() {
      return valuesByTokenId.size();
    }

    @Override
    public int maxTokenId() {
      return Arrays.stream(tokenIds()).max().orElseThrow();
    }

    @Override
    public String describe() {
      double[] values = values();
      return size() + " listed tokens for " + values[0] + " .. " + values[values.length - 1];
    }
  }
}
