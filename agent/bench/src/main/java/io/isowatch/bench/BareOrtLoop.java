package io.isowatch.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.model.embed.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The floor an agent built on ONNX Runtime can reach: a bare loop over {@link OrtSession#run} with
 * a session of the same model and options as the agent's {@code OnnxEmbedder} (intra-op threads,
 * all graph optimizations, no spinning), fed the same padded batches and asked for the same outputs
 * (the hidden states and, if any, the logits), which ONNX Runtime allocates and the loop closes
 * without reading. No pooling, no copy to the Java heap, no monitor.
 */
final class BareOrtLoop implements AutoCloseable {
  private final ModelManifest manifest;
  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final SessionOptions options;
  private final OrtSession session;
  private final Set<String> outputs;

  BareOrtLoop(ModelManifest manifest, int intraOpThreads) throws OrtException, IOException {
    this.manifest = manifest;
    this.options = new SessionOptions();
    options.setIntraOpNumThreads(intraOpThreads);
    options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
    options.addConfigEntry("session.intra_op.allow_spinning", "0");
    try (InputStream in = manifest.model().open()) {
      this.session = environment.createSession(in.readAllBytes(), options);
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(manifest.hiddenStateOutput());
    manifest.logitsOutput().ifPresent(names::add);
    this.outputs = names;
  }

  /** Runs every batch once; returns the windows run. */
  int run(List<List<EncodedWindow>> batches) throws OrtException {
    int windows = 0;
    for (List<EncodedWindow> batch : batches) {
      runBatch(batch);
      windows += batch.size();
    }
    return windows;
  }

  private void runBatch(List<EncodedWindow> batch) throws OrtException {
    int size = batch.size();
    int length = 0;
    for (EncodedWindow window : batch) {
      length = Math.max(length, window.length());
    }
    long[] ids = new long[size * length];
    long[] mask = new long[size * length];
    long[] types = new long[size * length];
    for (int i = 0; i < size; i++) {
      EncodedWindow window = batch.get(i);
      System.arraycopy(window.inputIds(), 0, ids, i * length, window.length());
      System.arraycopy(window.attentionMask(), 0, mask, i * length, window.length());
      System.arraycopy(window.tokenTypeIds(), 0, types, i * length, window.length());
    }
    long[] shape = {size, length};
    Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    try {
      inputs.put(
          manifest.inputIdsName(),
          OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
      inputs.put(
          manifest.attentionMaskName(),
          OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
      if (manifest.tokenTypeIdsName().isPresent()) {
        inputs.put(
            manifest.tokenTypeIdsName().get(),
            OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
      }
      try (OrtSession.Result result = session.run(inputs, outputs)) {
        if (result.size() != outputs.size()) {
          throw new IllegalStateException("expected " + outputs + ", got " + result.size());
        }
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
    options.close();
  }
}
