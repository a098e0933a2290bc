package io.isowatch.evaluation.metric;

import io.isowatch.evaluation.score.ForecastScore;
import io.isowatch.evaluation.score.NabScore;
import io.isowatch.evaluation.score.TcpdScore;
import io.isowatch.evaluation.score.WindowedF1;
import java.util.Map;

/**
 * What one detector scored on one series: the dataset's own score (one of NAB, TCPD, SKAB, or none
 * for unlabelled series) and the forecast-error scores of every label set the series has.
 *
 * @param dataset the dataset kind, for per-dataset tables and stratified resampling
 * @param nab NAB's score, or null
 * @param tcpd TCPD's score, or null
 * @param skab SKAB's windowed counts, or null
 * @param forecast label set name to the score against it
 */
public record SeriesScores(
    String dataset,
    NabScore nab,
    TcpdScore tcpd,
    WindowedF1 skab,
    Map<String, ForecastScore> forecast) {
  public SeriesScores {
    forecast = Map.copyOf(forecast);
  }
}
