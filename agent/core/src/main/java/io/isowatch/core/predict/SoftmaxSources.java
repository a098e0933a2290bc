package io.isowatch.core.predict;

/**
 * Makes each feed's {@link SoftmaxSource} and brings one back from a snapshot: the online head by
 * default, or the model's own logits when its manifest names them.
 */
public interface SoftmaxSources {
  SoftmaxSource create(String feedId);

  SoftmaxSource restore(byte[] snapshot);

  /** Bytes of state one feed's source holds. */
  long memoryBytes();

  /**
   * How many values each prediction spreads its mass over (its logits' length): what the state that
   * keeps predictions (shift-drift, pending forecasts) is sized by.
   */
  int classes();

  /** The paper's online head on window vectors of {@code width} dimensions. */
  static SoftmaxSources onlineHead(HeadSettings settings, int width) {
    return new SoftmaxSources() {
      @Override
      public SoftmaxSource create(String feedId) {
        return OnlineLogLinearHead.create(settings, width);
      }

      @Override
      public SoftmaxSource restore(byte[] snapshot) {
        return OnlineLogLinearHead.restore(snapshot, settings);
      }

      @Override
      public long memoryBytes() {
        return OnlineLogLinearHead.memoryBytes(settings, width);
      }

      @Override
      public int classes() {
        return settings.bins();
      }
    };
  }
}
