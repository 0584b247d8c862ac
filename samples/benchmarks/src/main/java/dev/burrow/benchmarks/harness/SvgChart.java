package dev.burrow.benchmarks.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart in panels, one line per series, on a logarithmic value axis, the x axis showing its
 * values evenly spaced (thread counts, or instance counts a decade apart); written as SVG text, no
 * dependency.
 */
final class SvgChart {
  /** The labels of the two axes. */
  record Axes(String x, String y) {}

  /** One measured point: a value at an x (a thread count, an instance count). */
  record Point(int x, double value) {}

  /** One system's line. */
  record Series(String name, String color, boolean dashed, List<Point> points) {}

  /** One panel: a workload at a durability. */
  record Panel(String title, List<Series> series) {}

  private static final int PANEL_WIDTH = 400;
  private static final int PANEL_HEIGHT = 300;
  private static final int LEFT = 70;
  private static final int TOP = 50;
  private static final int PLOT_WIDTH = 290;
  private static final int PLOT_HEIGHT = 200;

  private SvgChart() {}

  /** The chart as an SVG document; the x axis shows {@code xs} evenly spaced. */
  static String render(String title, Axes axes, List<Integer> xs, List<Panel> panels) {
    int width = Math.max(1, panels.size()) * PANEL_WIDTH;
    Map<String, Series> legend = new LinkedHashMap<>();
    panels.forEach(p -> p.series().forEach(s -> legend.putIfAbsent(s.name(), s)));
    int height = PANEL_HEIGHT + 30 + 20 * ((legend.size() + 2) / 3);
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            width,
            height,
            width,
            height));
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(text(width / 2.0, 20, "middle", 15, escape(title)));
    for (int i = 0; i < panels.size(); i++) {
      panel(svg, i * PANEL_WIDTH, axes, xs, panels.get(i));
    }
    int row = 0;
    int column = 0;
    for (Series series : legend.values()) {
      double x = 20 + column * (width / 3.0);
      double y = PANEL_HEIGHT + 20 + row * 20;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                  + " stroke=\"%s\" stroke-width=\"2.5\"%s/>%n",
              x,
              y - 4,
              x + 24,
              y - 4,
              series.color(),
              series.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
      svg.append(text(x + 30, y, "start", 12, escape(series.name())));
      if (++column == 3) {
        column = 0;
        row++;
      }
    }
    return svg.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder svg, int left, Axes axes, List<Integer> xs, Panel panel) {
    double x0 = left + LEFT;
    double y0 = TOP;
    List<Double> values = new ArrayList<>();
    panel.series().forEach(s -> s.points().forEach(p -> values.add(p.value())));
    double low = Math.floor(Math.log10(values.stream().mapToDouble(v -> v).min().orElse(1)));
    double high = Math.ceil(Math.log10(values.stream().mapToDouble(v -> v).max().orElse(10)));
    if (high <= low) {
      high = low + 1;
    }
    svg.append(text(x0 + PLOT_WIDTH / 2.0, y0 - 12, "middle", 13, escape(panel.title())));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\""
                + " fill=\"none\" stroke=\"#999\"/>%n",
            x0,
            y0,
            PLOT_WIDTH,
            PLOT_HEIGHT));
    for (double decade = low; decade <= high; decade++) {
      double y = y0 + PLOT_HEIGHT - (decade - low) / (high - low) * PLOT_HEIGHT;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"" + " stroke=\"#ddd\"/>%n",
              x0,
              y,
              x0 + PLOT_WIDTH,
              y));
      svg.append(text(x0 - 6, y + 4, "end", 11, decadeLabel(decade)));
    }
    for (int i = 0; i < xs.size(); i++) {
      double x = xOf(x0, i, xs.size());
      svg.append(text(x, y0 + PLOT_HEIGHT + 16, "middle", 11, decadeLabel(Math.log10(xs.get(i)))));
    }
    svg.append(text(x0 + PLOT_WIDTH / 2.0, y0 + PLOT_HEIGHT + 34, "middle", 11, escape(axes.x())));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\""
                + " font-size=\"11\" transform=\"rotate(-90 %.1f %.1f)\">%s (log)</text>%n",
            x0 - 50,
            y0 + PLOT_HEIGHT / 2.0,
            x0 - 50,
            y0 + PLOT_HEIGHT / 2.0,
            escape(axes.y())));
    for (Series series : panel.series()) {
      StringBuilder line = new StringBuilder();
      for (Point point : series.points()) {
        int index = xs.indexOf(point.x());
        if (index < 0) {
          continue;
        }
        double x = xOf(x0, index, xs.size());
        double y =
            y0 + PLOT_HEIGHT - (Math.log10(point.value()) - low) / (high - low) * PLOT_HEIGHT;
        line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"" + " fill=\"%s\"/>%n",
                x,
                y,
                series.color()));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\"" + " stroke-width=\"2.5\"%s/>%n",
              line.toString().trim(),
              series.color(),
              series.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
    }
  }

  private static double xOf(double x0, int index, int count) {
    return count == 1 ? x0 + PLOT_WIDTH / 2.0 : x0 + 20 + index * (PLOT_WIDTH - 40.0) / (count - 1);
  }

  /** {@code 10^exponent} shortly: 0.01, 1, 100, 10k, 1M; other values as whole numbers. */
  private static String decadeLabel(double exponent) {
    double value = Math.pow(10, exponent);
    if (value < 1) {
      return String.format(Locale.ROOT, "%." + (int) Math.ceil(-exponent - 1e-9) + "f", value);
    }
    long whole = Math.round(value);
    return whole >= 1_000_000 && whole % 1_000_000 == 0
        ? whole / 1_000_000 + "M"
        : whole >= 1_000 && whole % 1_000 == 0 ? whole / 1_000 + "k" : Long.toString(whole);
  }

  private static String text(double x, double y, String anchor, int size, String content) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"" + " font-size=\"%d\">%s</text>%n",
        x,
        y,
        anchor,
        size,
        content);
  }

  private static String escape(String raw) {
    return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
