package io.isowatch.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The peer {@link EndToEndBench} compares with: langchain4j's ready all-MiniLM-L6-v2 model (fp32),
 * at its defaults (its own executor runs one model call per text, as many at once as there are
 * processors; ONNX Runtime's default threads), given each window as text. Counts the tokens
 * langchain4j reports.
 */
final class LangChain4jPeer {
  /** The tokenizer langchain4j's model loads, from the same jar. */
  private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

  private static final String SEPARATOR = ", ";

  private final EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

  /**
   * What a langchain4j user writes for a window of numbers: every value as Java writes a double,
   * joined by {@code ", "}, e.g. {@code "231.40596711123784, 229.9082235961093"}.
   */
  static String decimalText(double[] values) {
    StringBuilder text = new StringBuilder(values.length * 20);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(SEPARATOR);
      }
      text.append(values[i]);
    }
    return text.toString();
  }

  /**
   * Embeds the windows in one {@code embedAll} call, each written by {@code text}; returns the
   * windows embedded and the tokens langchain4j reports for them.
   */
  Call embed(List<double[]> batch, Function<double[], String> text) {
    List<TextSegment> segments = new ArrayList<>(batch.size());
    for (double[] values : batch) {
      segments.add(TextSegment.from(text.apply(values)));
    }
    Response<List<Embedding>> response = model.embedAll(segments);
    Integer tokens = response.tokenUsage() == null ? null : response.tokenUsage().inputTokenCount();
    return new Call(response.content().size(), tokens == null ? 0 : tokens);
  }

  /**
   * How many of a window's values langchain4j's model gets, on average: its tokenizer is loaded the
   * way langchain4j loads it (the tokenizer.json's own truncation), and a window's values count as
   * seen when the tokens of the text up to and including them fit in what that tokenizer keeps.
   */
  static double meanValuesSeen(List<double[]> windows, Function<double[], String> text) {
    try (HuggingFaceTokenizer asLangChain4j = tokenizer(Map.of("padding", "false"));
        HuggingFaceTokenizer whole = tokenizer(Map.of("padding", "false", "truncation", "false"))) {
      long seen = 0;
      for (double[] values : windows) {
        String[] parts = text.apply(values).split(SEPARATOR);
        int kept = asLangChain4j.encode(String.join(SEPARATOR, parts)).getIds().length;
        int low = 0;
        int high = parts.length;
        while (low < high) { // the most leading values whose tokens all fit in kept
          int mid = (low + high + 1) / 2;
          String prefix = String.join(SEPARATOR, Arrays.copyOf(parts, mid));
          if (whole.encode(prefix).getIds().length <= kept) {
            low = mid;
          } else {
            high = mid - 1;
          }
        }
        seen += low;
      }
      return (double) seen / windows.size();
    }
  }

  private static HuggingFaceTokenizer tokenizer(Map<String, String> options) {
    try (InputStream in = LangChain4jPeer.class.getClassLoader().getResourceAsStream(TOKENIZER)) {
      if (in == null) {
        throw new IllegalStateException(TOKENIZER + " is not on the classpath");
      }
      return HuggingFaceTokenizer.newInstance(in, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One {@code embedAll} call: windows embedded and tokens counted. */
  record Call(int windows, long tokens) {}
}
