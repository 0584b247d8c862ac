package dev.burrow.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** A Markdown table built row by row, and the number formats the report uses. */
final class MarkdownTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... header) {
    this.header = List.of(header);
  }

  MarkdownTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + header.size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", header)).append(" |\n|");
    header.forEach(h -> out.append(" --- |"));
    out.append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return out.toString();
  }

  /** A throughput: whole numbers with thousands separators from 100 up, else one decimal. */
  static String rate(OptionalDouble value) {
    if (value.isEmpty()) {
      return "—";
    }
    double v = value.getAsDouble();
    return v >= 100
        ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  /** {@code mine / theirs} as a multiple, or a dash when either is missing. */
  static String ratio(OptionalDouble mine, OptionalDouble theirs) {
    if (mine.isEmpty() || theirs.isEmpty() || theirs.getAsDouble() == 0) {
      return "—";
    }
    return times(mine.getAsDouble() / theirs.getAsDouble());
  }

  static String times(double multiple) {
    return String.format(Locale.ROOT, "%.2f×", multiple);
  }

  /** A count per operation, two decimals. */
  static String perOp(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
