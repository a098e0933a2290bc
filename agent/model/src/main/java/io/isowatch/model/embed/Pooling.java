package io.isowatch.model.embed;

/**
 * How the token states of one window become the window's vector. Only real tokens count: padding
 * never reaches a pooling.
 *
 * <pre>{@code
 * float[] pooled = Pooling.MEAN.pool(embedding.tokenStates());
 * }</pre>
 */
public enum Pooling {
  /** The mean of all token states (sentence-transformers models, all-MiniLM-L6-v2). */
  MEAN {
    @Override
    float[] poolNonEmpty(float[][] tokenStates) {
      int width = tokenStates[0].length;
      double[] sum = new double[width];
      for (float[] state : tokenStates) {
        for (int j = 0; j < width; j++) {
          sum[j] += state[j];
        }
      }
      float[] mean = new float[width];
      for (int j = 0; j < width; j++) {
        mean[j] = (float) (sum[j] / tokenStates.length);
      }
      return mean;
    }
  },

  /** The last token's state (causal language models, where only it has seen the whole window). */
  LAST {
    @Override
    float[] poolNonEmpty(float[][] tokenStates) {
      return tokenStates[tokenStates.length - 1].clone();
    }
  },

  /** The first token's state, {@code [CLS]} in BERT-family models. */
  CLS {
    @Override
    float[] poolNonEmpty(float[][] tokenStates) {
      return tokenStates[0].clone();
    }
  };

  /**
   * The window vector of these token states (tokens x width, at least one token). Returns a new
   * array; the states are not changed.
   */
  public float[] pool(float[][] tokenStates) {
    if (tokenStates.length == 0) {
      throw new IllegalArgumentException("tokenStates must hold at least one token");
    }
    return poolNonEmpty(tokenStates);
  }

  abstract float[] poolNonEmpty(float[][] tokenStates);
}
