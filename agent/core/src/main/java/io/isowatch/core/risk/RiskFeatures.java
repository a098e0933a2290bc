package io.isowatch.core.risk;

import io.isowatch.core.raw.RawFeatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed signal vector the risk model reads, one per evaluation: the same names in the same
 * order on every feed, whatever is missing. A missing signal is imputed as neutral (0: no
 * deviation) and its group's {@code *_missing} feature says so, so the vector never changes shape.
 *
 * <p>Groups (the ablation's units): {@link Group#RAW} (the raw-value channel and the agent's own
 * realized error), {@link Group#GEOMETRY} (token and window clouds) and {@link Group#DRIFT}
 * (softmax shift-drift and predictive distribution) and {@link Group#SURPRISE} (how surprised that
 * distribution was by the values that came). Model-dependent signals enter as robust z against the
 * feed's own recent values, so their scale does not depend on the embedding model.
 */
public final class RiskFeatures {
  /** Which family a feature belongs to. */
  public enum Group {
    RAW,
    GEOMETRY,
    DRIFT,
    SURPRISE
  }

  /** Token-cloud signals, by their monitor label. */
  public static final List<String> TOKEN_SIGNALS =
      List.of("token_raw_avg_cosine", "token_centered_avg_cosine", "token_mean_norm_ratio");

  /** Window-cloud signals, by their monitor label. */
  public static final List<String> WINDOW_SIGNALS =
      List.of(
          "window_raw_avg_cosine",
          "window_centered_avg_cosine",
          "window_isoscore",
          "window_log_partition_isotropy",
          "window_log_centered_partition_isotropy",
          "window_participation_ratio",
          "window_mean_norm_ratio");

  /** Shift-drift and predictive signals, by their monitor label. */
  public static final List<String> DRIFT_SIGNALS =
      List.of(
          "shift_log_partition_mean",
          "shift_log_partition_spread",
          "shift_common",
          "shift_effective",
          "shift_ratio",
          "predictive_entropy",
          "predictive_kl");

  /**
   * How surprised the agent's predictive distribution was by the values that came (surprisal and
   * PIT), by their monitor label.
   */
  public static final List<String> SURPRISE_SIGNALS =
      List.of("realized_surprisal", "realized_pit_deviation");

  /** The agent's own recent realized error, by its monitor label. */
  public static final String AGENT_ERROR_SIGNAL = "realized_mase";

  /**
   * Raw features with a sign, also given as their size: a linear model cannot make "far from usual
   * either way" out of a signed z alone.
   */
  public static final List<String> SIGNED_RAW =
      List.of("raw_value_z", "raw_change_z", "raw_level_shift");

  public static final String RAW_MISSING = "raw_missing";
  public static final String AGENT_ERROR = "agent_error_ratio";
  public static final String AGENT_ERROR_MISSING = "agent_error_missing";
  public static final String TOKEN_MISSING = "token_missing";
  public static final String WINDOW_MISSING = "window_missing";
  public static final String GEOMETRY_MAX = "geometry_max_abs_z";
  public static final String DRIFT_MISSING = "drift_missing";
  public static final String DRIFT_MAX = "drift_max_abs_z";
  public static final String SURPRISE_MISSING = "surprise_missing";

  private static final List<String> NAMES;
  private static final List<Group> GROUPS;
  private static final Map<String, Integer> INDEX;

  static {
    List<String> names = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    for (String raw : RawFeatures.NAMES) {
      add(names, groups, raw, Group.RAW);
    }
    for (String signed : SIGNED_RAW) {
      add(names, groups, signed + "_abs", Group.RAW);
    }
    for (String raw : RawFeatures.NAMES) {
      add(names, groups, shortHistory(raw), Group.RAW);
    }
    for (String signed : SIGNED_RAW) {
      add(names, groups, shortHistory(signed) + "_abs", Group.RAW);
    }
    add(names, groups, RAW_MISSING, Group.RAW);
    add(names, groups, AGENT_ERROR, Group.RAW);
    add(names, groups, AGENT_ERROR_MISSING, Group.RAW);
    for (String signal : TOKEN_SIGNALS) {
      add(names, groups, signal + "_z", Group.GEOMETRY);
    }
    add(names, groups, TOKEN_MISSING, Group.GEOMETRY);
    for (String signal : WINDOW_SIGNALS) {
      add(names, groups, signal + "_z", Group.GEOMETRY);
    }
    add(names, groups, WINDOW_MISSING, Group.GEOMETRY);
    add(names, groups, GEOMETRY_MAX, Group.GEOMETRY);
    for (String signal : DRIFT_SIGNALS) {
      add(names, groups, signal + "_z", Group.DRIFT);
    }
    add(names, groups, DRIFT_MISSING, Group.DRIFT);
    add(names, groups, DRIFT_MAX, Group.DRIFT);
    for (String signal : SURPRISE_SIGNALS) {
      add(names, groups, signal + "_z", Group.SURPRISE);
    }
    add(names, groups, SURPRISE_MISSING, Group.SURPRISE);
    NAMES = Collections.unmodifiableList(names);
    GROUPS = Collections.unmodifiableList(groups);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    INDEX = Map.copyOf(index);
  }

  private RiskFeatures() {}

  /**
   * The name of a raw feature computed against the short history (64 values: the ruler's error
   * scale and the rolling z-score's window) instead of the long one (256).
   */
  public static String shortHistory(String rawName) {
    return "raw64_" + rawName.substring("raw_".length());
  }

  private static void add(List<String> names, List<Group> groups, String name, Group group) {
    names.add(name);
    groups.add(group);
  }

  /** Every feature name, in vector order. */
  public static List<String> names() {
    return NAMES;
  }

  /** The group of each feature, in vector order. */
  public static List<Group> groups() {
    return GROUPS;
  }

  public static int count() {
    return NAMES.size();
  }

  /** The position of {@code name} in the vector. */
  public static int index(String name) {
    Integer index = INDEX.get(name);
    if (index == null) {
      throw new IllegalArgumentException("no risk feature named " + name);
    }
    return index;
  }
}
