package dev.burrow.benchmarks.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Turns the scale section's figures into its block of {@code benchmarks.md} and its chart. */
final class ScaleReport {
  static final String CHART = "benchmarks-scale.svg";
  private static final double MB = 1024 * 1024;

  private final HarnessOptions options;
  private final Machine machine;
  private final String loadBefore;
  private final String loadAfter;
  private final double seconds;
  private final List<ScaleRuns.Figures> figures;

  ScaleReport(
      HarnessOptions options,
      Machine machine,
      String loadBefore,
      String loadAfter,
      double seconds,
      List<ScaleRuns.Figures> figures) {
    this.options = options;
    this.machine = machine;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
    this.seconds = seconds;
    this.figures = List.copyOf(figures);
  }

  /** Writes the block into {@code benchmarks.md} and the chart beside it; returns the doc. */
  Path write() {
    return DocFile.write(options.out(), DocFile.Block.SCALE, block(), CHART, chart());
  }

  String block() {
    StringBuilder out = new StringBuilder("## Cost against the number of instances\n\n");
    out.append(
        "One data root per size, filled with instances of the harness's `BenchRun` kind"
            + " (Snowflake IDs, time-ordered) by "
            + ScaleRuns.POPULATE
            + " threads creating as fast as the store lets them, without fsync"
            + " (`Durability.NONE`, so that a million instances take minutes, not hours), written"
            + " back to the disk with `sync` (so that the kernel's writeback of the filling does"
            + " not land in the measurements), then measured in turn on that root, and removed"
            + " with another `sync` (so that its removal does not land in the next size's"
            + " filling). The sizes run"
            + " from the smallest up, after "
            + String.format(Locale.ROOT, "%,d", ScaleRuns.warmUpCreates(options.quick()))
            + " untimed creates and their deletion on a root of their own, and one unrecorded size"
            + " (so that no size pays for compiling the code: the run's log shows the warm-up's"
            + " create rate per batch levelling off). Every figure comes from one run of the"
            + " command below.\n\n");
    out.append("Regenerate this block and its chart from the repository root (this run took ")
        .append(Report.duration(seconds))
        .append("):\n\n")
        .append(Report.command(options))
        .append("Machine: ")
        .append(machine.summary())
        .append(". Load average (1, 5, 15 min): ")
        .append(loadBefore)
        .append(" at the start, ")
        .append(loadAfter)
        .append(" at the end.\n\nDisk (`df -T` of the work directory):\n\n```\n")
        .append(machine.disk())
        .append("\n```\n\n");
    out.append(targets());
    out.append(table());
    out.append(
        "- **open**: `BenchRunStore.open(options)` on the full root and `close()`, median of 5,"
            + " after the JVM opened another root once (so that class loading is not counted).\n"
            + "- **first page**: `list(PageRequest.first("
            + ScaleRuns.FIRST_PAGE
            + "))`, median of 5; *read calls* are the read system calls one such call made"
            + " (Linux's `syscr` for the thread: one per document read; listing a directory is"
            + " not a read call).\n"
            + "- **stream**: `stream().count()` over the whole root; *live heap growth*: a second"
            + " stream forces a full garbage collection at each quarter of the root, and this is"
            + " the most heap in use after one of them, less the heap in use after one just"
            + " before the stream (so garbage does not count, and anything the stream kept"
            + " would).\n"
            + "- **get**: `get(id)` of IDs sampled across the root (at least 20,000 gets), in"
            + " random order, on 1 and 8 threads; median of 3 runs.\n"
            + "- **create**: batches of "
            + String.format(Locale.ROOT, "%,d", ScaleRuns.CREATE_BATCH)
            + " creates on one thread into the full root, one untimed and then "
            + ScaleRuns.CREATE_RUNS
            + " timed, median of the timed ones; each batch's instances are deleted after it"
            + " (untimed), so every batch starts at the row's size. The batches take turns with"
            + " as many into a root of "
            + count(ScaleRuns.REFERENCE)
            + " made beside the full one, whose median is the next column: the target compares"
            + " the two, measured under the same state of the disk and the machine, where sizes"
            + " measured minutes apart differ with it. A `sync` comes first: reading a document"
            + " for the first time updates its access time, so the stream and the gets leave an"
            + " inode to write back per document they read. *filling* gives the creates"
            + " per second of the first and the last tenth of filling the root.\n"
            + "- **retention**: `deleteOlderThan(age)` on the root of the row's size (the creates"
            + " above deleted again), through a store whose clock stands still, with the age at"
            + " which exactly a tenth of the instances had been made (fewer only if several were"
            + " made in the same nanosecond at that point); its live heap growth is taken as the"
            + " stream's, with a full collection every quarter of the deletions, whose time is"
            + " left out of the seconds.\n\n");
    out.append("![Cost against the number of instances](").append(CHART).append(")\n");
    return out.toString();
  }

  private String targets() {
    if (figures.size() < 2) {
      return "";
    }
    ScaleRuns.Figures small = figures.get(0);
    ScaleRuns.Figures large = figures.get(figures.size() - 1);
    String at = " at " + count(large.instances());
    MarkdownTable table = new MarkdownTable("target", "measured", "met");
    table.row("open" + at + " ≤ 50 ms", millis(large.openMillis()), yes(large.openMillis() <= 50));
    table.row(
        "open" + at + " within 2× of open at " + count(small.instances()),
        MarkdownTable.times(large.openMillis() / small.openMillis()),
        yes(large.openMillis() <= 2 * small.openMillis()));
    String reads =
        large.firstPageReads().isPresent()
            ? ", " + large.firstPageReads().getAsLong() + " read calls"
            : ", read calls not counted on this OS";
    table.row(
        "first page of " + ScaleRuns.FIRST_PAGE + at + " ≤ 100 ms, reading at most its documents",
        millis(large.firstPageMillis()) + reads,
        yes(
            large.firstPageMillis() <= 100
                && large.firstPageReads().orElse(0) <= ScaleRuns.FIRST_PAGE));
    table.row(
        "stream" + at + ": live heap growth O(page), well under 64 MB (met below 16 MB)",
        megabytes(large.streamHeapBytes()),
        yes(large.streamHeapBytes() < 16 * MB));
    double create = large.createPerSecond() / large.referenceCreatePerSecond();
    table.row(
        "create"
            + at
            + " within 20% of create at "
            + count(ScaleRuns.REFERENCE)
            + " (a root of "
            + count(ScaleRuns.REFERENCE)
            + " beside it, batches in turn)",
        MarkdownTable.times(create),
        yes(create >= 0.8 && create <= 1.2));
    return "### Targets\n\n" + table.render() + "\n" + createAgainstEverySize(large) + "\n";
  }

  /**
   * The largest size's create rate against every smaller size of the run, not only the first: the
   * rate of these metadata writes varies with the disk's state, so one baseline alone can flatter.
   */
  private String createAgainstEverySize(ScaleRuns.Figures large) {
    List<String> ratios = new ArrayList<>();
    for (ScaleRuns.Figures smaller : figures.subList(0, figures.size() - 1)) {
      ratios.add(
          MarkdownTable.times(large.createPerSecond() / smaller.createPerSecond())
              + " of "
              + count(smaller.instances()));
    }
    return "Create into the full root at "
        + count(large.instances())
        + " against every smaller size of this run: "
        + String.join(", ", ratios)
        + ".\n";
  }

  private String table() {
    MarkdownTable table =
        new MarkdownTable(
            "instances",
            "filling, creates/s (first → last tenth)",
            "open (ms)",
            "first page (ms)",
            "read calls",
            "stream (instances/s)",
            "stream live heap growth",
            "get, 1 thread (/s)",
            "get, 8 threads (/s)",
            "create into the full root (/s)",
            "create into a root of " + count(ScaleRuns.REFERENCE) + ", in turn (/s)",
            "retention: deleted of read, s",
            "retention live heap growth");
    for (ScaleRuns.Figures f : figures) {
      table.row(
          count(f.instances()),
          rate(f.populateStart()) + " → " + rate(f.populateEnd()),
          millis(f.openMillis()),
          millis(f.firstPageMillis()),
          f.firstPageReads().isPresent() ? Long.toString(f.firstPageReads().getAsLong()) : "—",
          rate(f.streamPerSecond()),
          megabytes(f.streamHeapBytes()),
          rate(f.getPerSecond()),
          rate(f.get8PerSecond()),
          rate(f.createPerSecond()),
          rate(f.referenceCreatePerSecond()),
          String.format(
              Locale.ROOT,
              "%,d of %,d, %.1f s",
              f.retained().deleted(),
              f.retained().examined(),
              f.retentionSeconds()),
          megabytes(f.retentionHeapBytes()));
    }
    return "### Figures\n\n" + table.render() + "\n";
  }

  String chart() {
    List<Integer> sizes = figures.stream().map(ScaleRuns.Figures::instances).toList();
    List<SvgChart.Panel> panels =
        List.of(
            panel("open (ms)", ScaleRuns.Figures::openMillis),
            panel("first page of " + ScaleRuns.FIRST_PAGE + " (ms)", f -> f.firstPageMillis()),
            panel("random get, 1 thread (µs)", f -> 1e6 / f.getPerSecond()),
            panel("create into the root (µs)", f -> 1e6 / f.createPerSecond()),
            panel("stream (µs per instance)", f -> 1e6 / f.streamPerSecond()));
    return SvgChart.render(
        "Cost against the number of instances (one data root per size, no fsync)",
        new SvgChart.Axes("instances in the root", "cost"),
        sizes,
        panels);
  }

  private SvgChart.Panel panel(String title, ToDoubleFunction<ScaleRuns.Figures> cost) {
    List<SvgChart.Point> points = new ArrayList<>();
    for (ScaleRuns.Figures f : figures) {
      points.add(new SvgChart.Point(f.instances(), cost.applyAsDouble(f)));
    }
    return new SvgChart.Panel(
        title, List.of(new SvgChart.Series("Burrow", "#1f77b4", false, points)));
  }

  private static String count(int instances) {
    return String.format(Locale.ROOT, "%,d", instances);
  }

  private static String rate(double perSecond) {
    return MarkdownTable.rate(java.util.OptionalDouble.of(perSecond));
  }

  private static String millis(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.1f ms", value);
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
  }

  private static String yes(boolean met) {
    return met ? "yes" : "**no**";
  }
}
