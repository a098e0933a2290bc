package io.isowatch.evaluation.accuracy;

import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.label.SeasonalPeriod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well the model's own point forecasts (a {@link MultiStepForecaster}: a roll-out of {@link
 * ModelForecaster} or the forecast queries of {@link QueryForecaster}) do against the last-value
 * and seasonal-naive forecasters:
 *
 * <ul>
 *   <li><b>rolling origins</b> on any series: {@code origins} forecast origins evenly spaced after
 *       the first {@code context} values (and two periods), each forecasting {@value #HORIZON}
 *       steps; per series the MAE over the first 1 and {@value #HORIZON} steps relative to seasonal
 *       naive's (the period from {@link SeasonalPeriod}; the last value where none is found), then
 *       the geometric mean over series;
 *   <li><b>M4 hourly</b>: the competition's own task, 48 values from the training values (the model
 *       sees the newest {@code context}), MASE with seasonal period 24, and the geometric mean over
 *       series of each forecaster's MASE relative to seasonal naive's.
 * </ul>
 */
public final class ForecastAccuracy {
  public static final int HORIZON = 8;
  static final String MODEL = "model";
  static final String LAST_VALUE = "last_value";
  static final String SEASONAL_NAIVE = "seasonal_naive";

  private final MultiStepForecaster model;
  private final int context;

  public ForecastAccuracy(MultiStepForecaster model, int context) {
    this.model = model;
    this.context = context;
  }

  /** One table row: a forecaster's geometric-mean ratio to seasonal naive, per horizon. */
  public record Row(String forecaster, Map<String, Double> relative, int series) {}

  /** Rolling-origin accuracy over {@code series}, at horizons 1 and {@value #HORIZON}. */
  public List<Row> rolling(List<LabelledSeries> series, int origins) {
    Map<String, List<Double>> h1 = ratios();
    Map<String, List<Double>> h8 = ratios();
    int counted = 0;
    for (LabelledSeries s : series) {
      double[] values = s.values();
      int period = Math.max(1, SeasonalPeriod.of(values));
      int first = Math.max(context, 2 * period);
      int last = values.length - HORIZON - 1;
      if (last < first) {
        continue;
      }
      List<double[]> histories = new ArrayList<>();
      double[][] truths = new double[origins][];
      double[][] naive = new double[origins][HORIZON];
      double[][] seasonal = new double[origins][HORIZON];
      for (int k = 0; k < origins; k++) {
        int t = first + (int) ((long) (last - first) * k / Math.max(1, origins - 1));
        histories.add(Arrays.copyOf(values, t + 1));
        truths[k] = Arrays.copyOfRange(values, t + 1, t + 1 + HORIZON);
        for (int j = 1; j <= HORIZON; j++) {
          naive[k][j - 1] = values[t];
          seasonal[k][j - 1] = values[t + j - period * ((j + period - 1) / period)];
        }
      }
      double[][] forecasts = model.forecast(histories, HORIZON);
      add(h1, h8, MODEL, forecasts, seasonal, truths);
      add(h1, h8, LAST_VALUE, naive, seasonal, truths);
      add(h1, h8, SEASONAL_NAIVE, seasonal, seasonal, truths);
      counted++;
    }
    List<Row> rows = new ArrayList<>();
    for (String name : h1.keySet()) {
      Map<String, Double> relative = new LinkedHashMap<>();
      relative.put("h1", Accuracy.geometricMean(h1.get(name)));
      relative.put("h" + HORIZON, Accuracy.geometricMean(h8.get(name)));
      rows.add(new Row(name, relative, counted));
    }
    return rows;
  }

  /** The M4 hourly task: mean MASE and geometric-mean MASE relative to seasonal naive. */
  public List<Row> m4(List<M4Hourly.Series> series) {
    List<double[]> histories = series.stream().map(M4Hourly.Series::train).toList();
    double[][] forecasts = model.forecast(histories, M4Hourly.HORIZON);
    Map<String, List<Double>> mase = ratios();
    for (int i = 0; i < series.size(); i++) {
      M4Hourly.Series s = series.get(i);
      double[] train = s.train();
      double[] naive = new double[M4Hourly.HORIZON];
      double[] seasonal = new double[M4Hourly.HORIZON];
      for (int j = 0; j < M4Hourly.HORIZON; j++) {
        naive[j] = train[train.length - 1];
        seasonal[j] = train[train.length - M4Hourly.PERIOD + j % M4Hourly.PERIOD];
      }
      mase.get(MODEL).add(Accuracy.mase(forecasts[i], s.test(), train, M4Hourly.PERIOD));
      mase.get(LAST_VALUE).add(Accuracy.mase(naive, s.test(), train, M4Hourly.PERIOD));
      mase.get(SEASONAL_NAIVE).add(Accuracy.mase(seasonal, s.test(), train, M4Hourly.PERIOD));
    }
    List<Double> reference = mase.get(SEASONAL_NAIVE);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Double>> entry : mase.entrySet()) {
      List<Double> relative = new ArrayList<>();
      for (int i = 0; i < reference.size(); i++) {
        relative.add(entry.getValue().get(i) / reference.get(i));
      }
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put(
          "mean_mase",
          entry.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
      figures.put("relative_mase", Accuracy.geometricMean(relative));
      rows.add(new Row(entry.getKey(), figures, series.size()));
    }
    return rows;
  }

  private static Map<String, List<Double>> ratios() {
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    for (String name : List.of(MODEL, LAST_VALUE, SEASONAL_NAIVE)) {
      ratios.put(name, new ArrayList<>());
    }
    return ratios;
  }

  private static void add(
      Map<String, List<Double>> h1,
      Map<String, List<Double>> h8,
      String name,
      double[][] forecasts,
      double[][] reference,
      double[][] truths) {
    h1.get(name)
        .add(
            Accuracy.meanAbsoluteError(forecasts, truths, 1)
                / Accuracy.meanAbsoluteError(reference, truths, 1));
    h8.get(name)
        .add(
            Accuracy.meanAbsoluteError(forecasts, truths, HORIZON)
                / Accuracy.meanAbsoluteError(reference, truths, HORIZON));
  }

  /** A markdown table of rows, one column per figure. */
  public static String table(String title, List<Row> rows) {
    StringBuilder out = new StringBuilder(title).append("\n\n| forecaster |");
    List<String> columns = new ArrayList<>(rows.get(0).relative().keySet());
    columns.forEach(c -> out.append(' ').append(c).append(" |"));
    out.append(" series |\n|---|");
    columns.forEach(c -> out.append("---:|"));
    out.append("---:|\n");
    for (Row row : rows) {
      out.append("| ").append(row.forecaster()).append(" |");
      for (String column : columns) {
        out.append(String.format(Locale.ROOT, " %.3f |", row.relative().get(column)));
      }
      out.append(' ').append(row.series()).append(" |\n");
    }
    return out.toString();
  }
}
