package io.isowatch.core.embed;

import java.util.Optional;

/**
 * What a model made of one window.
 *
 * @param pooled the window vector (mean, last or CLS pooling, as the manifest says)
 * @param tokenStates hidden state of every real token of the window (padding and forecast queries
 *     excluded), tokens x width: the window's token cloud for the geometry measures
 * @param logits the model's output logits for the last position, when the model has them: with
 *     forecast queries, the last query's, the distribution of the value that far ahead
 */
public record Embedding(float[] pooled, float[][] tokenStates, Optional<float[]> logits) {}
