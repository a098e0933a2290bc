package io.isowatch.engine.model;

import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ChronosEncoder;
import java.io.Serializable;

/**
 * The {@code encoder.chronos} options: how a model with {@code input-format: chronos-tokens} gets
 * its token ids (the token limit comes from the model). The defaults are Chronos's own.
 *
 * @param bins value tokens, evenly spaced centers from {@code low} to {@code high}
 * @param low the lowest center, in mean-scaled units
 * @param high the highest center, in mean-scaled units
 * @param firstTokenId the id of the lowest center
 * @param eosTokenId the end-of-sequence id
 * @param appendEos whether EOS closes each window (Chronos T5 exports: yes; causal ones: no)
 */
public record ChronosSettings(
    int bins, double low, double high, int firstTokenId, int eosTokenId, boolean appendEos)
    implements Serializable {

  /** Chronos's vocabulary: 4093 centers from -15 to 15 at ids 3 to 4095, EOS 1 appended. */
  public static ChronosSettings defaults() {
    return new ChronosSettings(
        ChronosEncoder.DEFAULT_BINS,
        ChronosEncoder.DEFAULT_LOW,
        ChronosEncoder.DEFAULT_HIGH,
        ChronosEncoder.DEFAULT_FIRST_TOKEN_ID,
        ChronosEncoder.DEFAULT_EOS_TOKEN_ID,
        ChronosEncoder.DEFAULT_APPEND_EOS);
  }

  /**
   * The value tokens a model's manifest names, with the default EOS id: a model reads the tokens it
   * predicts.
   */
  public static ChronosSettings forVocabulary(
      NumericVocabulary.Range vocabulary, boolean appendEos) {
    return new ChronosSettings(
        vocabulary.count(),
        vocabulary.low(),
        vocabulary.high(),
        vocabulary.firstTokenId(),
        ChronosEncoder.DEFAULT_EOS_TOKEN_ID,
        appendEos);
  }

  /**
   * The encoder for a model that takes at most {@code maxTokens} tokens.
   *
   * @throws IllegalArgumentException naming the builder option that is out of range
   */
  public ChronosEncoder encoder(int maxTokens) {
    return ChronosEncoder.builder()
        .bins(bins)
        .low(low)
        .high(high)
        .firstTokenId(firstTokenId)
        .eosTokenId(eosTokenId)
        .appendEos(appendEos)
        .maxTokens(maxTokens)
        .build();
  }

  /** The value tokens the encoder writes, as a manifest's numeric vocabulary would name them. */
  public NumericVocabulary.Range vocabulary() {
    return new NumericVocabulary.Range(firstTokenId, bins, low, high);
  }
}
