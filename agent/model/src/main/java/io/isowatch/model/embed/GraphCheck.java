package io.isowatch.model.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a manifest against the graph a session loaded, before the first batch: every named input
 * and output exists with a usable type and rank, every graph input is fed, and the hidden width is
 * known. All problems are reported at once, with the graph's real names, so one edit of the
 * manifest fixes them.
 */
final class GraphCheck {
  private GraphCheck() {}

  /**
   * The hidden-state width.
   *
   * @throws ModelLoadException listing every mismatch and the graph's inputs and outputs
   */
  static int check(
      ModelManifest manifest, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
    List<String> problems = new ArrayList<>();
    Map<String, String> fed = new LinkedHashMap<>();
    fed.put(manifest.inputIdsName(), "inputIdsName");
    fed.put(manifest.attentionMaskName(), "attentionMaskName");
    manifest.tokenTypeIdsName().ifPresent(name -> fed.put(name, "tokenTypeIdsName"));

    fed.forEach(
        (name, field) -> {
          NodeInfo input = inputs.get(name);
          if (input == null) {
            problems.add(field + " \"" + name + "\" is not an input of the model");
          } else if (!isTensor(input, OnnxJavaType.INT64, 2)) {
            problems.add(
                field
                    + " \""
                    + name
                    + "\" is "
                    + describe(input.getInfo())
                    + "; the embedder feeds int64 [batch, tokens]");
          }
        });
    for (String name : inputs.keySet()) {
      if (!fed.containsKey(name)) {
        problems.add(
            "model input \""
                + name
                + "\" is not fed: name it as inputIdsName, attentionMaskName or tokenTypeIdsName");
      }
    }

    String hiddenName = manifest.hiddenStateOutput();
    NodeInfo hidden = outputs.get(hiddenName);
    int width = -1;
    if (hidden == null) {
      problems.add("hiddenStateOutput \"" + hiddenName + "\" is not an output of the model");
    } else if (!isTensor(hidden, OnnxJavaType.FLOAT, 3)) {
      problems.add(
          "hiddenStateOutput \""
              + hiddenName
              + "\" is "
              + describe(hidden.getInfo())
              + "; expected float [batch, tokens, width]");
    } else {
      long declared = ((TensorInfo) hidden.getInfo()).getShape()[2];
      if (declared > 0 && manifest.hiddenWidth().isPresent()) {
        if (declared != manifest.hiddenWidth().getAsInt()) {
          problems.add(
              "hiddenWidth is "
                  + manifest.hiddenWidth().getAsInt()
                  + " but \""
                  + hiddenName
                  + "\" has width "
                  + declared);
        }
        width = (int) declared;
      } else if (declared > 0) {
        width = (int) declared;
      } else if (manifest.hiddenWidth().isPresent()) {
        width = manifest.hiddenWidth().getAsInt();
      } else {
        problems.add(
            "the model does not declare the width of \""
                + hiddenName
                + "\": set hiddenWidth in the manifest");
      }
    }

    manifest
        .logitsOutput()
        .ifPresent(
            name -> {
              NodeInfo logits = outputs.get(name);
              if (logits == null) {
                problems.add("logitsOutput \"" + name + "\" is not an output of the model");
              } else if (!isTensor(logits, OnnxJavaType.FLOAT, 2)
                  && !isTensor(logits, OnnxJavaType.FLOAT, 3)) {
                problems.add(
                    "logitsOutput \""
                        + name
                        + "\" is "
                        + describe(logits.getInfo())
                        + "; expected float [batch, tokens, vocab] or [batch, vocab]");
              } else {
                checkVocabulary(manifest, name, (TensorInfo) logits.getInfo(), problems);
              }
            });

    if (!problems.isEmpty()) {
      throw new ModelLoadException(
          "model "
              + manifest.label()
              + " ("
              + manifest.model()
              + ") does not match its manifest:\n  - "
              + String.join("\n  - ", problems)
              + "\nThe model's inputs are "
              + names(inputs)
              + "; its outputs are "
              + names(outputs)
              + ". Fix the manifest's names to match them.");
    }
    return width;
  }

  /**
   * The numeric vocabulary's highest token id must index a logit. A vocabulary width the graph
   * leaves symbolic is checked on every window instead, by the softmax source.
   */
  private static void checkVocabulary(
      ModelManifest manifest, String logitsName, TensorInfo logits, List<String> problems) {
    long[] shape = logits.getShape();
    long vocab = shape[shape.length - 1];
    manifest
        .numericVocabulary()
        .ifPresent(
            numbers -> {
              if (vocab > 0 && numbers.maxTokenId() >= vocab) {
                problems.add(
                    "numericVocabulary ("
                        + numbers.describe()
                        + ") needs token id "
                        + numbers.maxTokenId()
                        + " but logitsOutput \""
                        + logitsName
                        + "\" has "
                        + vocab
                        + " logits (ids 0 to "
                        + (vocab - 1)
                        + ")");
              }
            });
  }

  private static boolean isTensor(NodeInfo node, OnnxJavaType type, int rank) {
    return node.getInfo() instanceof TensorInfo
        && ((TensorInfo) node.getInfo()).type == type
        && ((TensorInfo) node.getInfo()).getShape().length == rank;
  }

  private static String names(Map<String, NodeInfo> nodes) {
    List<String> names = new ArrayList<>();
    nodes.forEach((name, node) -> names.add(name + " " + describe(node.getInfo())));
    return names.toString();
  }

  private static String describe(ValueInfo info) {
    if (info instanceof TensorInfo) {
      TensorInfo tensor = (TensorInfo) info;
      return tensor.type.name().toLowerCase(Locale.ROOT)
          + " "
          + Arrays.toString(tensor.getShape()).replace("-1", "?");
    }
    return info.toString();
  }
}
