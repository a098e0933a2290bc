package io.isowatch.model.embed;

/**
 * How much ONNX Runtime rewrites the graph when the session starts (constant folding, operator
 * fusion, layout changes). More optimization costs a little start-up time and usually pays back in
 * every batch.
 */
public enum GraphOptimization {
  /** Run the graph as exported. */
  NONE,
  /** Constant folding and redundant-node removal. */
  BASIC,
  /** Basic plus operator fusions (attention, GELU, layer norm). */
  EXTENDED,
  /** Everything, including layout optimizations. */
  ALL
}
