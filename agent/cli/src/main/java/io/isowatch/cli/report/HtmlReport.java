package io.isowatch.cli.report;

import io.isowatch.core.monitor.WarmUp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link ReportData} as one self-contained HTML page: inline CSS and inline SVG, every
 * number embedded, no script, font, image or style sheet fetched from anywhere, so the file opens
 * offline and can be mailed or attached to a ticket. Each feed gets a stack of panels on one shared
 * time axis (the same axis for every feed, or one per feed for an evaluation's unrelated series):
 * its values (and forecast), each signal, the trust score; its alerts and its dataset's labels are
 * shaded across every panel. Tables of numbers (an evaluation's metrics) go at the top.
 */
public final class HtmlReport {
  /** Colour of the feed's values: tests look for it in the rendered page. */
  public static final String VALUE_COLOR = "#1f77b4";

  public static final String FORECAST_COLOR = "#ff7f0e";
  public static final String SIGNAL_COLOR = "#2ca02c";
  public static final String TRUST_COLOR = "#9467bd";

  /** Fill of a critical alert's interval (drawn at {@link #ALERT_OPACITY}). */
  public static final String CRITICAL_COLOR = "#d62728";

  public static final String WARNING_COLOR = "#ff9900";

  /** Colour of a labelled change point or anomaly window of the dataset. */
  public static final String LABEL_COLOR = "#333333";

  static final double LABEL_POINT_OPACITY = 0.7;
  static final double LABEL_WINDOW_OPACITY = 0.12;
  static final double ALERT_OPACITY = 0.25;

  private static final String[] OTHER_COLORS = {"#17becf", "#8c564b", "#e377c2", "#7f7f7f"};
  private static final int WIDTH = 1100;
  private static final int LEFT = 80;
  private static final int RIGHT = 20;
  private static final int VALUES_HEIGHT = 150;
  private static final int PANEL_HEIGHT = 64;
  private static final int GAP = 8;
  private static final int AXIS_HEIGHT = 34;
  private static final int TICKS = 6;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private HtmlReport() {}

  public static void write(ReportData data, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(data), StandardCharsets.UTF_8);
  }

  public static String render(ReportData data) {
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.append("<title>").append(escape(data.title())).append("</title>\n");
    html.append(
        "<style>\n"
            + "body{font-family:sans-serif;margin:24px;color:#222;background:#fff}\n"
            + "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 4px}\n"
            + ".meta,.note{color:#555;font-size:13px}\n"
            + "table{border-collapse:collapse;margin:12px 0;font-size:14px}\n"
            + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}\n"
            + "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
            + ".legend span{display:inline-block;margin-right:16px;font-size:13px}\n"
            + ".legend i{display:inline-block;width:14px;height:10px;margin-right:5px}\n"
            + "svg text{font-size:11px;fill:#444}\n"
            + "svg text.name{font-size:12px;fill:#222;paint-order:stroke;stroke:#fff;"
            + "stroke-width:3px}\n"
            + "ul.alerts{font-size:13px;margin:4px 0}\n"
            + "</style>\n</head>\n<body>\n");
    html.append("<h1>").append(escape(data.title())).append("</h1>\n");
    html.append("<p class=\"meta\">");
    if (data.axes() == ReportData.Axes.PER_FEED) {
      html.append("each feed on its own time axis (UTC), ");
    } else if (data.from() != null) {
      html.append("event time ")
          .append(TIME.format(data.from()))
          .append(" to ")
          .append(TIME.format(data.to()))
          .append(" UTC, ");
    }
    html.append(data.feeds().size()).append(data.feeds().size() == 1 ? " feed" : " feeds");
    html.append("</p>\n");
    evaluation(html, data.evaluation());
    for (ReportTable table : data.tables()) {
      table(html, table);
    }
    legend(html, data.feeds().stream().anyMatch(feed -> !feed.labels().isEmpty()));
    if (data.feeds().isEmpty() || data.from() == null) {
      html.append("<p>The run produced no embedded window, so there is nothing to plot.</p>\n");
    } else {
      for (FeedTimeline feed : data.feeds()) {
        boolean own = data.axes() == ReportData.Axes.PER_FEED;
        feed(html, feed, own ? feed.from() : data.from(), own ? feed.to() : data.to());
      }
    }
    for (String note : data.notes()) {
      html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static void evaluation(StringBuilder html, Map<String, String> evaluation) {
    if (evaluation.isEmpty()) {
      return;
    }
    html.append("<h2>Evaluation</h2>\n<table class=\"evaluation\">\n");
    evaluation.forEach(
        (name, value) ->
            html.append("<tr><th>")
                .append(escape(name))
                .append("</th><td class=\"num\">")
                .append(escape(value))
                .append("</td></tr>\n"));
    html.append("</table>\n");
  }

  private static void table(StringBuilder html, ReportTable table) {
    html.append("<h2>").append(escape(table.caption())).append("</h2>\n");
    html.append("<table class=\"metrics\">\n<tr><th>").append(escape(table.rowHeader()));
    html.append("</th>");
    for (String column : table.columns()) {
      html.append("<th>").append(escape(column)).append("</th>");
    }
    html.append("</tr>\n");
    table
        .rows()
        .forEach(
            (name, values) -> {
              html.append("<tr><th class=\"row\">").append(escape(name)).append("</th>");
              for (int i = 0; i < values.size(); i++) {
                Double value = values.get(i);
                html.append("<td class=\"num\" data-column=\"")
                    .append(escape(table.columns().get(i)))
                    .append('"');
                if (value != null && Double.isFinite(value)) {
                  html.append(" data-value=\"").append(value).append("\">").append(number(value));
                } else {
                  html.append(">&ndash;");
                }
                html.append("</td>");
              }
              html.append("</tr>\n");
            });
    html.append("</table>\n");
  }

  private static void legend(StringBuilder html, boolean labels) {
    html.append("<p class=\"legend\">");
    swatch(html, VALUE_COLOR, 1, "value (newest of each window)");
    swatch(html, FORECAST_COLOR, 1, "forecast");
    swatch(html, SIGNAL_COLOR, 1, "signal");
    swatch(html, TRUST_COLOR, 1, "trust score");
    swatch(html, WARNING_COLOR, ALERT_OPACITY * 2, "warning alert");
    swatch(html, CRITICAL_COLOR, ALERT_OPACITY * 2, "critical alert");
    if (labels) {
      swatch(html, LABEL_COLOR, LABEL_POINT_OPACITY, "labelled change point or anomaly window");
    }
    html.append("</p>\n");
  }

  private static void swatch(StringBuilder html, String color, double opacity, String label) {
    html.append("<span><i style=\"background:")
        .append(color)
        .append(";opacity:")
        .append(number(opacity))
        .append("\"></i>")
        .append(escape(label))
        .append("</span>");
  }

  private static void feed(StringBuilder html, FeedTimeline feed, Instant from, Instant to) {
    Map<String, List<Series>> panels = feed.panels();
    List<AlertSpan> alerts = feed.alerts();
    html.append("<section class=\"feed\">\n<h2>").append(escape(feed.feedId())).append("</h2>\n");
    int height = AXIS_HEIGHT;
    for (String panel : panels.keySet()) {
      height += panelHeight(panel) + GAP;
    }
    TimeAxis axis = new TimeAxis(from, to, LEFT, WIDTH - RIGHT);
    html.append("<svg class=\"timeline\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\">\n");
    int top = 0;
    for (Map.Entry<String, List<Series>> panel : panels.entrySet()) {
      int panelHeight = panelHeight(panel.getKey());
      panel(html, panel.getKey(), panel.getValue(), alerts, feed.labels(), axis, top, panelHeight);
      top += panelHeight + GAP;
    }
    ticks(html, axis, top);
    html.append("</svg>\n");
    alertList(html, feed);
    html.append("</section>\n");
  }

  private static int panelHeight(String panel) {
    return panel.equals(ReportRecorder.VALUES_PANEL) ? VALUES_HEIGHT : PANEL_HEIGHT;
  }

  private static void panel(
      StringBuilder html,
      String name,
      List<Series> series,
      List<AlertSpan> alerts,
      List<LabelMark> labels,
      TimeAxis axis,
      int top,
      int height) {
    html.append("<g class=\"panel\" data-panel=\"").append(escape(name)).append("\">\n");
    html.append("<rect x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(top)
        .append("\" width=\"")
        .append(WIDTH - LEFT - RIGHT)
        .append("\" height=\"")
        .append(height)
        .append("\" fill=\"#f7f7f7\" stroke=\"#ddd\"/>\n");
    for (LabelMark label : labels) {
      double x0 = axis.x(label.from());
      double x1 = Math.max(axis.x(label.to()), x0 + 1.5);
      html.append("<rect class=\"label\" x=\"")
          .append(px(label.point() ? x0 - 0.75 : x0))
          .append("\" y=\"")
          .append(top)
          .append("\" width=\"")
          .append(px(x1 - x0))
          .append("\" height=\"")
          .append(height)
          .append("\" fill=\"")
          .append(LABEL_COLOR)
          .append("\" fill-opacity=\"")
          .append(number(label.point() ? LABEL_POINT_OPACITY : LABEL_WINDOW_OPACITY))
          .append("\"><title>")
          .append(escape(label.what()))
          .append("</title></rect>\n");
    }
    for (AlertSpan alert : alerts) {
      double x0 = axis.x(alert.from());
      double x1 = Math.max(axis.x(alert.to()), x0 + 2);
      html.append("<rect class=\"alert\" x=\"")
          .append(px(x0))
          .append("\" y=\"")
          .append(top)
          .append("\" width=\"")
          .append(px(x1 - x0))
          .append("\" height=\"")
          .append(height)
          .append("\" fill=\"")
          .append(alert.severity().equals("critical") ? CRITICAL_COLOR : WARNING_COLOR)
          .append("\" fill-opacity=\"")
          .append(number(ALERT_OPACITY))
          .append("\"><title>")
          .append(escape(alert.severity() + " " + alert.rule() + ": " + alert.summary()))
          .append("</title></rect>\n");
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : s.values()) {
        if (Double.isFinite(v)) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
    }
    if (low > high) {
      low = 0;
      high = 1;
    } else if (low == high) {
      low -= 1;
      high += 1;
    }
    text(html, LEFT - 6, top + 11, number(high), "end");
    text(html, LEFT - 6, top + height - 3, number(low), "end");
    double pad = (high - low) * 0.05;
    low -= pad;
    high += pad;
    int other = 0;
    for (Series s : series) {
      String color = color(name, s.name(), other);
      if (color.equals(OTHER_COLORS[other % OTHER_COLORS.length])) {
        other++;
      }
      line(html, s, axis, top, height, low, high, color);
    }
    html.append("<text class=\"name\" x=\"")
        .append(LEFT + 6)
        .append("\" y=\"")
        .append(top + 13)
        .append("\">")
        .append(escape(name))
        .append("</text>\n");
    html.append("</g>\n");
  }

  private static String color(String panel, String series, int other) {
    if (series.equals(ReportRecorder.VALUE_SERIES)) {
      return VALUE_COLOR;
    } else if (series.startsWith("forecast")) {
      return FORECAST_COLOR;
    } else if (series.startsWith("trust")) {
      return TRUST_COLOR;
    } else if (!panel.equals(ReportRecorder.VALUES_PANEL)) {
      return SIGNAL_COLOR;
    }
    return OTHER_COLORS[other % OTHER_COLORS.length];
  }

  private static void line(
      StringBuilder html,
      Series series,
      TimeAxis axis,
      int top,
      int height,
      double low,
      double high,
      String color) {
    long[] times = series.times();
    double[] values = series.values();
    StringBuilder points = new StringBuilder();
    for (int i = 0; i <= values.length; i++) {
      boolean gap = i == values.length || !Double.isFinite(values[i]);
      if (gap) {
        if (points.length() > 0) {
          polyline(html, series.name(), points, color);
          points.setLength(0);
        }
        continue;
      }
      double x = axis.x(Instant.ofEpochMilli(times[i]));
      double y = top + height - (values[i] - low) / (high - low) * height;
      points.append(px(x)).append(',').append(px(y)).append(' ');
    }
  }

  private static void polyline(
      StringBuilder html, String name, StringBuilder points, String color) {
    html.append("<polyline class=\"series\" data-series=\"")
        .append(escape(name))
        .append("\" fill=\"none\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"1.6\" points=\"")
        .append(points.toString().trim())
        .append("\"/>\n");
  }

  private static void ticks(StringBuilder html, TimeAxis axis, int top) {
    html.append("<g class=\"axis\">\n");
    for (int i = 0; i < TICKS; i++) {
      Instant time = axis.at((double) i / (TICKS - 1));
      double x = axis.x(time);
      html.append("<line x1=\"")
          .append(px(x))
          .append("\" y1=\"0\" x2=\"")
          .append(px(x))
          .append("\" y2=\"")
          .append(top)
          .append("\" stroke=\"#e4e4e4\"/>\n");
      text(
          html,
          x,
          top + 14,
          TIME.format(time.truncatedTo(ChronoUnit.MINUTES)),
          i == 0 ? "start" : i == TICKS - 1 ? "end" : "middle");
    }
    html.append("</g>\n");
  }

  private static void labelNote(StringBuilder html, FeedTimeline feed) {
    List<LabelMark> labels = feed.labels();
    if (labels.isEmpty()) {
      return;
    }
    long points = labels.stream().filter(LabelMark::point).count();
    html.append("<p class=\"note labels\">Labels of the dataset, in grey: ")
        .append(points)
        .append(points == 1 ? " change point" : " change points")
        .append(", ")
        .append(labels.size() - points)
        .append(labels.size() - points == 1 ? " anomaly window" : " anomaly windows");
    if (feed.labelsLeftOut() > 0) {
      html.append(" (").append(feed.labelsLeftOut()).append(" further labels not drawn)");
    }
    html.append(".</p>\n");
  }

  /**
   * Whether the feed could alert at its end: a feed still warming up cannot, so "no alert" on it
   * says nothing about its health.
   */
  private static void warmUpNote(StringBuilder html, FeedTimeline feed, boolean noAlert) {
    Optional<WarmUp> warmUp = feed.warmUp();
    if (warmUp.isEmpty()) {
      if (noAlert) {
        html.append("<p class=\"note\">No alert on this feed.</p>\n");
      }
      return;
    }
    if (warmUp.get().active()) {
      html.append("<p class=\"note\">")
          .append(noAlert ? "No alert on this feed. " : "")
          .append("State at its end: active (every forecast rule could alert).</p>\n");
      return;
    }
    html.append("<p class=\"note warmup\">")
        .append(noAlert ? "No alert on this feed, but it could not alert: s" : "S")
        .append("tate at its end: ")
        .append(escape(warmUp.get().describe()))
        .append(".</p>\n");
  }

  private static void alertList(StringBuilder html, FeedTimeline feed) {
    labelNote(html, feed);
    List<AlertSpan> alerts = feed.alerts();
    warmUpNote(html, feed, alerts.isEmpty());
    if (alerts.isEmpty()) {
      return;
    }
    html.append("<ul class=\"alerts\">\n");
    for (AlertSpan alert : alerts) {
      html.append("<li>")
          .append(escape(alert.severity()))
          .append(' ')
          .append(TIME.format(alert.from()))
          .append(" to ")
          .append(TIME.format(alert.to()))
          .append(alert.resolved() ? "" : " (still firing at the end)")
          .append(": ")
          .append(escape(alert.summary()))
          .append("</li>\n");
    }
    html.append("</ul>\n");
    if (feed.alertsLeftOut() > 0) {
      html.append("<p class=\"note\">")
          .append(feed.alertsLeftOut())
          .append(" further alerts are not drawn.</p>\n");
    }
  }

  private static void text(StringBuilder html, double x, double y, String text, String anchor) {
    html.append("<text x=\"")
        .append(px(x))
        .append("\" y=\"")
        .append(px(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(escape(text))
        .append("</text>\n");
  }

  /** A value for people: 4 significant digits, no trailing zeros. */
  static String number(double value) {
    String text = String.format(Locale.ROOT, "%.4g", value);
    int exponent = text.indexOf('e');
    String mantissa = exponent < 0 ? text : text.substring(0, exponent);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceFirst("0+$", "").replaceFirst("\\.$", "");
    }
    return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
  }

  /** A coordinate in pixels, to a tenth. */
  private static String px(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** HTML text and attribute escaping: the five characters that can end or open markup. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Event time to x pixels, linear over the whole report's range. */
  private record TimeAxis(Instant from, Instant to, int left, int right) {
    double x(Instant time) {
      double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
      return left + (time.toEpochMilli() - from.toEpochMilli()) / span * (right - left);
    }

    Instant at(double fraction) {
      long span = to.toEpochMilli() - from.toEpochMilli();
      return Instant.ofEpochMilli(from.toEpochMilli() + Math.round(span * fraction));
    }
  }
}
