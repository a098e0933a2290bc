package io.isowatch.model.embed;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A causal language model small enough to recompute in plain Java, built as an ONNX graph by the
 * test itself with tribuo-util-onnx (no causal LM in ONNX form is on Maven Central). Each position
 * reads the sum of its own and every earlier real token's embedding, so its output depends on the
 * whole prefix and never on what follows:
 *
 * <pre>
 *   x[t]      = E[input_ids[t]] * mask[t]                       embedding table E [vocab, width]
 *   c[t]      = x[0] + ... + x[t]                               CumSum over tokens
 *   h1[t]     = tanh(c[t] W1 + b1)
 *   h2[t]     = tanh(h1[t] W2 + b2)
 *   hidden[t] = h2[t] * mask[t]            "last_hidden_state"  float [batch, tokens, width]
 *   logits[t] = hidden[t] U                "logits"             float [batch, tokens, vocab]
 * </pre>
 *
 * The weights come from a seeded {@link Random}; {@link #logits(long[])} and {@link
 * #hidden(long[])} compute the same in double, for the tests to compare against ONNX Runtime.
 */
public final class TinyCausalLm {
  public static final String HIDDEN = "last_hidden_state";
  public static final String LOGITS = "logits";

  private final int vocab;
  private final int width;
  private final float[][] embedding;
  private final float[][] w1;
  private final float[] b1;
  private final float[][] w2;
  private final float[] b2;
  private final float[][] unembedding;

  /** Logit weights are drawn larger, so the softmax over the vocabulary is far from flat. */
  private static final double LOGIT_SPREAD = 3;

  public TinyCausalLm(int vocab, int width, long seed) {
    this.vocab = vocab;
    this.width = width;
    Random random = new Random(seed);
    this.embedding = matrix(random, vocab, width, 1);
    this.w1 = matrix(random, width, width, 1);
    this.b1 = matrix(random, 1, width, 0.5)[0];
    this.w2 = matrix(random, width, width, 1);
    this.b2 = matrix(random, 1, width, 0.5)[0];
    this.unembedding = matrix(random, width, vocab, LOGIT_SPREAD);
  }

  public int vocab() {
    return vocab;
  }

  public int width() {
    return width;
  }

  /** Writes the graph to {@code file} (opset 13, inputs {@code input_ids}, attention_mask). */
  public Path write(Path file) throws IOException {
    ONNXContext context = new ONNXContext();
    context.setName("tiny_causal_lm");
    ONNXPlaceholder ids = context.floatInput("input_ids", 1);
    ONNXPlaceholder mask = context.floatInput("attention_mask", 1);
    ONNXInitializer table = tensor(context, "E", embedding);
    ONNXInitializer layer1 = tensor(context, "W1", w1);
    ONNXInitializer bias1 = context.array("b1", b1);
    ONNXInitializer layer2 = tensor(context, "W2", w2);
    ONNXInitializer bias2 = context.array("b2", b2);
    ONNXInitializer head = tensor(context, "U", unembedding);

    ONNXNode gathered =
        context.operation(ONNXOperators.GATHER, List.of(table, ids), "gathered", Map.of("axis", 0));
    ONNXNode maskFloat =
        context.operation(
            ONNXOperators.CAST, List.of(mask), "mask_f", Map.of("to", DataType.FLOAT.getNumber()));
    ONNXNode mask3d =
        context.operation(
            ONNXOperators.UNSQUEEZE,
            List.of(maskFloat, context.array("axes", new long[] {2})),
            "mask_3d");
    ONNXNode masked = context.operation(ONNXOperators.MUL, List.of(gathered, mask3d), "masked");
    ONNXNode prefix =
        context.operation(
            Op.CUM_SUM, List.of(masked, context.constant("token_axis", 1L)), "prefix_sum");
    ONNXNode h1 = layer(context, prefix, layer1, bias1, "h1");
    ONNXNode h2 = layer(context, h1, layer2, bias2, "h2");
    ONNXNode hidden = context.operation(ONNXOperators.MUL, List.of(h2, mask3d), "hidden");
    ONNXNode logits = context.operation(Op.MAT_MUL, List.of(hidden, head), "logits");

    // the context makes node output names unique; Identity nodes give the outputs their own names
    OnnxMl.GraphProto graph =
        context.buildGraph().toBuilder()
            .addNode(identity(hidden.getReference(), HIDDEN))
            .addNode(identity(logits.getReference(), LOGITS))
            .clearInput()
            .addInput(valueInfo("input_ids", DataType.INT64, "batch", "tokens"))
            .addInput(valueInfo("attention_mask", DataType.INT64, "batch", "tokens"))
            .clearOutput()
            .addOutput(valueInfo(HIDDEN, DataType.FLOAT, "batch", "tokens", width))
            .addOutput(valueInfo(LOGITS, DataType.FLOAT, "batch", "tokens", vocab))
            .build();
    OnnxMl.ModelProto model =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("isowatch-test")
            .addOpsetImport(ONNXOperators.getOpsetProto())
            .setGraph(graph)
            .build();
    try (OutputStream out = Files.newOutputStream(file)) {
      model.writeTo(out);
    }
    return file;
  }

  /** The hidden state of every position of one window of real tokens, in double. */
  public double[][] hidden(long[] ids) {
    double[][] states = new double[ids.length][];
    double[] prefix = new double[width];
    for (int t = 0; t < ids.length; t++) {
      for (int j = 0; j < width; j++) {
        prefix[j] += embedding[(int) ids[t]][j];
      }
      states[t] = tanhLayer(tanhLayer(prefix, w1, b1), w2, b2);
    }
    return states;
  }

  /** The logits after the last token of one window of real tokens, in double. */
  public double[] logits(long[] ids) {
    double[] last = hidden(ids)[ids.length - 1];
    double[] logits = new double[vocab];
    for (int v = 0; v < vocab; v++) {
      for (int j = 0; j < width; j++) {
        logits[v] += last[j] * unembedding[j][v];
      }
    }
    return logits;
  }

  private static double[] tanhLayer(double[] in, float[][] weights, float[] bias) {
    double[] out = new double[bias.length];
    for (int k = 0; k < out.length; k++) {
      double sum = bias[k];
      for (int j = 0; j < in.length; j++) {
        sum += in[j] * weights[j][k];
      }
      out[k] = Math.tanh(sum);
    }
    return out;
  }

  private static ONNXNode layer(
      ONNXContext context, ONNXRef<?> in, ONNXRef<?> weights, ONNXRef<?> bias, String name) {
    ONNXNode product = context.operation(Op.MAT_MUL, List.of(in, weights), name + "_matmul");
    ONNXNode shifted = context.operation(ONNXOperators.ADD, List.of(product, bias), name + "_add");
    return context.operation(Op.TANH, List.of(shifted), name);
  }

  private static float[][] matrix(Random random, int rows, int columns, double spread) {
    float[][] matrix = new float[rows][columns];
    for (float[] row : matrix) {
      for (int j = 0; j < columns; j++) {
        row[j] = (float) (spread * (2 * random.nextDouble() - 1));
      }
    }
    return matrix;
  }

  private static ONNXInitializer tensor(ONNXContext context, String name, float[][] rows) {
    return context.floatTensor(
        name,
        List.of(rows.length, rows[0].length),
        buffer -> Arrays.stream(rows).forEach(buffer::put));
  }

  private static OnnxMl.NodeProto identity(String input, String output) {
    return OnnxMl.NodeProto.newBuilder()
        .setOpType("Identity")
        .setName("identity_" + output)
        .addInput(input)
        .addOutput(output)
        .build();
  }

  /** Dimensions are Integer (fixed) or String (symbolic). */
  private static OnnxMl.ValueInfoProto valueInfo(String name, DataType type, Object... dims) {
    OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
    for (Object dim : dims) {
      OnnxMl.TensorShapeProto.Dimension.Builder dimension =
          OnnxMl.TensorShapeProto.Dimension.newBuilder();
      if (dim instanceof Integer) {
        dimension.setDimValue((Integer) dim);
      } else {
        dimension.setDimParam((String) dim);
      }
      shape.addDim(dimension);
    }
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            OnnxMl.TypeProto.newBuilder()
                .setTensorType(
                    OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber())
                        .setShape(shape)))
        .build();
  }

  /** The operators the graph needs beyond tribuo's own list (all in the default domain). */
  private enum Op implements ONNXOperator {
    MAT_MUL("MatMul", 2),
    TANH("Tanh", 1),
    CUM_SUM("CumSum", 2);

    private final String name;
    private final int inputs;

    Op(String name, int inputs) {
      this.name = name;
      this.inputs = inputs;
    }

    @Override
    public String getOpName() {
      return name;
    }

    @Override
    public int getNumInputs() {
      return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
      return 0;
    }

    @Override
    public int getNumOutputs() {
      return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
      return Map.of();
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
      return Set.of();
    }

    @Override
    public int getOpVersion() {
      return ONNXOperators.getOpsetVersion();
    }

    @Override
    public String getOpDomain() {
      return ONNXOperators.GATHER.getOpDomain();
    }
  }
}
