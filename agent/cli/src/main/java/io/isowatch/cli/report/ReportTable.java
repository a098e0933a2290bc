package io.isowatch.cli.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of numbers for the top of a report, e.g. the evaluation's metrics: one row per name, one
 * column per metric. A missing or non-finite value shows as a dash; the page keeps each value's
 * full precision in the cell's {@code data-value} and shows 4 significant digits.
 *
 * @param caption the heading above the table
 * @param rowHeader what the rows are, e.g. {@code detector}
 * @param columns the column names, in order
 * @param rows row name to one value per column (null where the row has none), in order
 */
public record ReportTable(
    String caption, String rowHeader, List<String> columns, Map<String, List<Double>> rows) {
  public ReportTable {
    columns = List.copyOf(columns);
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<Double>> row : rows.entrySet()) {
      if (row.getValue().size() != columns.size()) {
        throw new IllegalArgumentException(
            "row "
                + row.getKey()
                + " has "
                + row.getValue().size()
                + " values for "
                + columns.size()
                + " columns");
      }
      copy.put(row.getKey(), Collections.unmodifiableList(new ArrayList<>(row.getValue())));
    }
    rows = Collections.unmodifiableMap(copy);
  }
}
