package dev.burrow.benchmarks.harness;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Turns one query-harness run into its block of {@code docs/benchmarks.md}. */
final class QueryReport {
  static final String RUN =
      "java -cp samples/benchmarks/target/benchmarks.jar"
          + " dev.burrow.benchmarks.harness.QueryHarness";

  private final QueryOptions options;
  private final Machine machine;
  private final String loadBefore;
  private final String loadAfter;
  private final double seconds;
  private final List<String> notes;
  private final Optional<String> postgres;

  QueryReport(
      QueryOptions options,
      Machine machine,
      String loadBefore,
      String loadAfter,
      double seconds,
      List<String> notes,
      Optional<String> postgres) {
    this.options = options;
    this.machine = machine;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
    this.seconds = seconds;
    this.notes = notes;
    this.postgres = postgres;
  }

  String block(List<QueryHarness.SizeRun> sizes, List<QueryHarness.UpdateRun> updates) {
    StringBuilder out = new StringBuilder("## Queries through `@Indexed` finders\n\n");
    out.append(
        "Every figure in this section comes from one run of the query harness"
            + " (`dev.burrow.benchmarks.harness.QueryHarness`), all systems on the same disk in the"
            + " same run. Regenerate this block from the repository root (this run took "
            + duration()
            + "):\n\n```\n"
            + Report.BUILD
            + "\n"
            + RUN
            + (options.args().isEmpty() ? "" : " " + String.join(" ", options.args()))
            + "\n```\n\n");
    out.append(machine.summary(false))
        .append("Load average (1, 5, 15 min): ")
        .append(loadBefore)
        .append(" at the start, ")
        .append(loadAfter)
        .append(" at the end; the load when each size's finder was timed is in its row.")
        .append(Report.loadNote(loadBefore, loadAfter))
        .append("\n\n")
        .append("Disk (`df -T` of the work directory):\n\n```\n")
        .append(machine.disk())
        .append("\n```\n\n");
    notes.forEach(note -> out.append("- ").append(note).append('\n'));
    if (!notes.isEmpty()) {
      out.append('\n');
    }
    out.append(finders(sizes));
    out.append(updates(updates));
    return out.toString();
  }

  private String finders(List<QueryHarness.SizeRun> sizes) {
    int matches = options.matches();
    StringBuilder out =
        new StringBuilder("### Finding the ")
            .append(matches)
            .append(" matching instances, newest first\n\n");
    out.append(
        "Each store holds the instances of `QueryRun` (an owner and a state, both `@Indexed`, a"
            + " 256-byte payload), created through the store without fsync (`Durability.NONE`);"
            + " "
            + matches
            + " of them, evenly spread, are owned by `match`, the others by one of a thousand"
            + " other owners. A query asks for the first page of "
            + matches
            + " instances owned by `match`, which holds all of them, and decodes every document"
            + " on it. Times are milliseconds per call: the median of "
            + options.reps()
            + " timed calls after "
            + QueryHarness.WARM_UPS
            + " untimed ones, with the fastest and slowest in brackets (`list()` + filter: up to"
            + " 3 calls, none untimed).\n\n");
    MarkdownTable table =
        new MarkdownTable(
            "instances",
            "Burrow finder, files",
            "documents it opened",
            "`list()` + filter",
            "SQLite, indexed",
            "Burrow finder, PostgreSQL",
            "finder / SQLite",
            "load (1 min)",
            "open · open rebuilding both indexes");
    for (QueryHarness.SizeRun run : sizes) {
      table.row(
          String.format(Locale.ROOT, "%,d", run.size()),
          ms(run.finder()),
          run.documentsRead().isPresent() ? Long.toString(run.documentsRead().getAsLong()) : "—",
          run.listFilter() == null ? "not run" : ms(run.listFilter()),
          ms(run.sqlite()),
          run.postgres() == null ? "not run" : ms(run.postgres()),
          MarkdownTable.times(run.finder().median() / run.sqlite().median()),
          run.load().split(",")[0],
          String.format(Locale.ROOT, "%.1f s · %.1f s", run.openSeconds(), run.rebuildSeconds()));
    }
    out.append(table.render()).append('\n');
    out.append(common(sizes));
    out.append(
        "- **documents it opened**: `openat` calls on an `instance.json` made by one finder call,"
            + " traced with `strace -f` in a child JVM (`QueryProbe find`) on the same store.\n"
            + "- **`list()` + filter**: `store.stream().filter(owner is match).limit("
            + matches
            + ")`, which reads documents newest first until it has them all; run up to "
            + String.format(Locale.ROOT, "%,d", options.listFilterMax())
            + " instances.\n"
            + "- **SQLite, indexed**: the same documents in one table with the owner in a column"
            + " and an index on (owner, id); `SELECT doc … WHERE owner = ? ORDER BY id DESC LIMIT"
            + " ?`, each document decoded with the same codec (WAL, `synchronous=OFF`).\n"
            + "- **Burrow finder, PostgreSQL**: the same generated store opened on a throwaway"
            + " local server"
            + postgres.map(p -> " (" + p + ")").orElse("")
            + ", instances created through it on 8 threads; one query on the component's"
            + " expression index; run up to "
            + String.format(Locale.ROOT, "%,d", options.postgresMax())
            + " instances.\n"
            + "- **open · open rebuilding both indexes**: opening the filesystem store, then"
            + " opening it again with both indexes marked incomplete, as when `@Indexed` is added"
            + " to an existing schema (the rebuild walks the shards and reads every document"
            + " once).\n\n");
    return out.toString();
  }

  private String updates(List<QueryHarness.UpdateRun> updates) {
    StringBuilder out = new StringBuilder("### What an index costs a durable update\n\n");
    out.append(
        "One thread updates 20 instances in turn with `Durability.FSYNC`, "
            + options.updateN()
            + " updates per repetition, the median of "
            + QueryHarness.UPDATE_ROUNDS
            + " rounds in which the four kinds take turns, one repetition each, in reverse order"
            + " every other round (after one untimed round); changed values alternate between two values other instances"
            + " have. Flushes per update: `fsync` + `fdatasync` calls counted with `strace -c -f`"
            + " over a child JVM (`QueryProbe update`) making "
            + options.probeN()
            + " updates, less the same child making none, over "
            + options.probeN()
            + ".\n\n");
    OptionalDouble base =
        updates.stream()
            .filter(u -> u.cost() == UpdateCost.NO_INDEX)
            .mapToDouble(QueryHarness.UpdateRun::perSecond)
            .findFirst();
    MarkdownTable table =
        new MarkdownTable("update", "updates/s", "vs no index", "device flushes per update");
    for (QueryHarness.UpdateRun run : updates) {
      table.row(
          run.cost().label,
          MarkdownTable.rate(OptionalDouble.of(run.perSecond())),
          MarkdownTable.ratio(OptionalDouble.of(run.perSecond()), base),
          run.flushes().isPresent() ? MarkdownTable.perOp(run.flushes().getAsDouble()) : "—");
    }
    return out.append(table.render()).toString();
  }

  /** The finders on a value every instance holds, alone and with the rare owner. */
  private String common(List<QueryHarness.SizeRun> sizes) {
    MarkdownTable table =
        new MarkdownTable(
            "instances",
            "first page of the state every instance holds",
            "owner `match` and that state");
    for (QueryHarness.SizeRun run : sizes) {
      table.row(
          String.format(Locale.ROOT, "%,d", run.size()), ms(run.common()), ms(run.commonAndRare()));
    }
    return "The same stores, two finders whose value every instance holds (`state` is `a`, its"
        + " default, in every instance): the first page of "
        + options.matches()
        + " of them, newest first; and the owner `match` combined with that state in one query"
        + " (`where(OWNER.equalTo(\"match\")).and(STATE.equalTo(\"a\"))`), which returns the"
        + " same instances as the owner alone. Same timing as above.\n\n"
        + table.render()
        + '\n';
  }

  private static String ms(QueryHarness.Timing timing) {
    return String.format(
        Locale.ROOT, "%.2f ms (%.2f–%.2f)", timing.median(), timing.min(), timing.max());
  }

  private String duration() {
    long whole = Math.round(seconds);
    return whole >= 60 ? (whole / 60) + " min " + (whole % 60) + " s" : whole + " s";
  }
}
