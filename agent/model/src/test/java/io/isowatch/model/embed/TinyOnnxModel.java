package io.isowatch.model.embed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A language model small enough to check by hand, written as an ONNX file by the test itself (no
 * causal LM in ONNX form is on Maven Central): a token's hidden state is its row of an embedding
 * table {@code E} times its mask bit, and the logits are the hidden states times {@code W}.
 *
 * <pre>
 *   hidden[b, t, :] = E[input_ids[b, t], :] * attention_mask[b, t]       float [batch, tokens, 3]
 *   logits[b, t, :] = hidden[b, t, :] W                                   float [batch, tokens, 5]
 * </pre>
 *
 * Graph: Gather, Cast, Unsqueeze, Mul, MatMul (opset 13), serialized with a minimal protobuf writer
 * for the few ONNX message fields it needs.
 */
final class TinyOnnxModel {
  static final int VOCAB = 5;
  static final int WIDTH = 3;

  /** Row i is the hidden state of token id i. */
  static final float[][] E = {
    {0, 0, 0}, {1, 0, 0}, {0, 2, 0}, {0, 0, 3}, {1, -1, 0.5f},
  };

  /** Width x vocab. */
  static final float[][] W = {
    {1, 0, 0, 0, 2}, {0, 1, 0, 0, -1}, {0, 0, 1, 0, 0.25f},
  };

  private static final int FLOAT = 1;
  private static final int INT64 = 7;

  private TinyOnnxModel() {}

  /**
   * Writes the model to {@code file}. When {@code declareWidth} is false, the hidden output's last
   * dimension is symbolic, so the width must come from the manifest.
   */
  static Path write(Path file, boolean declareWidth) throws IOException {
    Proto graph = new Proto();
    graph.message(1, node("Gather", new String[] {"E", "input_ids"}, "gathered", null));
    graph.message(
        1, node("Cast", new String[] {"attention_mask"}, "mask_f", attribute("to", FLOAT)));
    graph.message(1, node("Unsqueeze", new String[] {"mask_f", "axes"}, "mask_3d", null));
    graph.message(1, node("Mul", new String[] {"gathered", "mask_3d"}, "last_hidden_state", null));
    graph.message(1, node("MatMul", new String[] {"last_hidden_state", "W"}, "logits", null));
    graph.string(2, "tiny_lm");
    graph.message(5, floatTensor("E", E));
    graph.message(5, floatTensor("W", W));
    graph.message(5, int64Tensor("axes", new long[] {2}));
    graph.message(11, valueInfo("input_ids", INT64, "batch", "tokens"));
    graph.message(11, valueInfo("attention_mask", INT64, "batch", "tokens"));
    if (!declareWidth) {
      // E also listed as a graph input: an overridable initializer whose declared shape, with a
      // symbolic width, is all that shape inference may assume about it
      graph.message(11, valueInfo("E", FLOAT, "vocab", "width"));
    }
    graph.message(
        12,
        valueInfo("last_hidden_state", FLOAT, "batch", "tokens", declareWidth ? WIDTH : "width"));
    graph.message(12, valueInfo("logits", FLOAT, "batch", "tokens", VOCAB));

    Proto opset = new Proto();
    opset.string(1, "");
    opset.varint(2, 13);
    Proto model = new Proto();
    model.varint(1, 8); // IR version
    model.string(2, "isowatch-test");
    model.message(7, graph);
    model.message(8, opset);
    return Files.write(file, model.bytes());
  }

  /** The hidden state of a real token, straight from the table. */
  static float[] state(long id) {
    return E[(int) id].clone();
  }

  /** The logits of a real token: its row of E times W, in double. */
  static float[] logits(long id) {
    float[] out = new float[VOCAB];
    for (int v = 0; v < VOCAB; v++) {
      double sum = 0;
      for (int j = 0; j < WIDTH; j++) {
        sum += (double) E[(int) id][j] * W[j][v];
      }
      out[v] = (float) sum;
    }
    return out;
  }

  private static Proto node(String op, String[] inputs, String output, Proto attribute) {
    Proto node = new Proto();
    for (String input : inputs) {
      node.string(1, input);
    }
    node.string(2, output);
    node.string(3, op.toLowerCase() + "_" + output);
    node.string(4, op);
    if (attribute != null) {
      node.message(5, attribute);
    }
    return node;
  }

  private static Proto attribute(String name, long value) {
    Proto attribute = new Proto();
    attribute.string(1, name);
    attribute.varint(3, value);
    attribute.varint(20, 2); // AttributeType INT
    return attribute;
  }

  private static Proto floatTensor(String name, float[][] rows) {
    ByteBuffer raw =
        ByteBuffer.allocate(rows.length * rows[0].length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : rows) {
      for (float value : row) {
        raw.putFloat(value);
      }
    }
    Proto tensor = new Proto();
    tensor.varint(1, rows.length);
    tensor.varint(1, rows[0].length);
    tensor.varint(2, FLOAT);
    tensor.string(8, name);
    tensor.bytes(9, raw.array());
    return tensor;
  }

  private static Proto int64Tensor(String name, long[] values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long value : values) {
      raw.putLong(value);
    }
    Proto tensor = new Proto();
    tensor.varint(1, values.length);
    tensor.varint(2, INT64);
    tensor.string(8, name);
    tensor.bytes(9, raw.array());
    return tensor;
  }

  /** Dimensions are Integer (fixed) or String (symbolic). */
  private static Proto valueInfo(String name, int elementType, Object... dims) {
    Proto shape = new Proto();
    for (Object dim : dims) {
      Proto dimension = new Proto();
      if (dim instanceof Integer) {
        dimension.varint(1, (Integer) dim);
      } else {
        dimension.string(2, (String) dim);
      }
      shape.message(1, dimension);
    }
    Proto tensorType = new Proto();
    tensorType.varint(1, elementType);
    tensorType.message(2, shape);
    Proto type = new Proto();
    type.message(1, tensorType);
    Proto info = new Proto();
    info.string(1, name);
    info.message(2, type);
    return info;
  }

  /** Protocol buffers wire format: varints and length-delimited fields, enough for ONNX. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void varint(int field, long value) {
      writeVarint((long) field << 3);
      writeVarint(value);
    }

    void string(int field, String value) {
      bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    void message(int field, Proto message) {
      bytes(field, message.bytes());
    }

    void bytes(int field, byte[] value) {
      writeVarint(((long) field << 3) | 2);
      writeVarint(value.length);
      out.write(value, 0, value.length);
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void writeVarint(long value) {
      while ((value & ~0x7FL) != 0) {
        out.write((int) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      out.write((int) value);
    }
  }
}
