package dev.burrow.benchmarks.harness;

import static dev.burrow.benchmarks.harness.MarkdownTable.rate;
import static dev.burrow.benchmarks.harness.MarkdownTable.ratio;

import dev.burrow.Durability;
import dev.burrow.benchmarks.harness.LockFigures.Score;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns one run's measurements into the generated block of {@code docs/benchmarks.md} and its
 * chart.
 */
final class Report {
  static final String DOC = "benchmarks.md";
  static final String CHART = "benchmarks-throughput.svg";
  static final String BUILD = "mvn -B -q -DskipTests package -pl samples/benchmarks -am";
  static final String RUN =
      "java -cp samples/benchmarks/target/benchmarks.jar dev.burrow.benchmarks.harness.Harness";

  private static final List<Workload> CYCLE_WORKLOADS =
      List.of(
          Workload.CREATE,
          Workload.UPDATE,
          Workload.GET,
          Workload.LIST,
          Workload.DELETE,
          Workload.CYCLE);
  private static final List<Workload> WRITES =
      List.of(Workload.CREATE, Workload.UPDATE, Workload.DELETE);

  /** The scale issue's read-path goal: this fraction of the bare protocol's throughput. */
  private static final double READ_PATH_TARGET = 0.9;

  private static final List<Integer> READ_PATH_THREADS = List.of(1, 8);

  /**
   * What the harness's reads measure: each instance was just written by the same store, so its
   * reads are served by the document cache; {@code ColdReads} measures a store just opened.
   */
  private static final String WARM_CACHE =
      " (document cache warm; a store just opened: `ColdReads`, under \"About the store harness\")";

  private final RunInfo run;
  private final HarnessOptions options;
  private final Measurements results;
  private final Optional<FsyncCounts> fsyncs;
  private final LockFigures locks;

  Report(RunInfo run, Measurements results, Optional<FsyncCounts> fsyncs, LockFigures locks) {
    this.run = run;
    this.options = run.options();
    this.results = results;
    this.fsyncs = fsyncs;
    this.locks = locks;
  }

  /** Writes the block into {@code benchmarks.md} and the chart beside it; returns the doc. */
  Path write() {
    return DocFile.write(options.out(), DocFile.Block.STORES, block(), CHART, chart());
  }

  String block() {
    StringBuilder out = new StringBuilder();
    out.append("## Stores side by side\n\n");
    out.append(
            "Every figure in this section comes from one run of the harness"
                + " (`dev.burrow.benchmarks.harness.Harness`), with every system on the same disk in the"
                + " same run, and is the median of ")
        .append(options.reps())
        .append(options.reps() == 1 ? " repetition" : " repetitions")
        .append(
            ". Throughput is in operations per second (higher is better); a ratio is"
                + " Burrow's throughput over the other system's (above 1 means Burrow is faster).\n\n");
    out.append(commandAndMachine());
    out.append(goals());
    out.append(findings());
    out.append(durableTable());
    out.append(nonDurableTable());
    out.append(postgresTable());
    out.append(hostsTable());
    out.append(contentionTable());
    out.append(jsonDbTable());
    out.append(lockTable());
    out.append("### Chart\n\n![Update throughput against threads, each system](")
        .append(CHART)
        .append(")\n\n");
    out.append(systems());
    return out.toString();
  }

  private String commandAndMachine() {
    StringBuilder out = new StringBuilder();
    out.append("Regenerate this block and the chart from the repository root (this run took ")
        .append(duration(run.seconds()))
        .append("):\n\n")
        .append(command(options));
    out.append(run.machine().summary(true))
        .append("Load average (1, 5, 15 min): ")
        .append(run.loadBefore())
        .append(" at the start, ")
        .append(run.loadAfter())
        .append(" at the end.");
    out.append(loadNote(run.loadBefore(), run.loadAfter()));
    out.append("\n\nDisk (`df -T` of the work directory):\n\n```\n")
        .append(run.machine().disk())
        .append("\n```\n\n");
    out.append("Sizes: ")
        .append(options.n())
        .append(" instances per non-durable run, ")
        .append(options.durableN())
        .append(
            " per durable run (every durable write waits for the"
                + " device, so durable runs are smaller to keep the whole run short), ")
        .append(options.jsonDbN())
        .append(" documents for JsonDB; a read phase reads at least ")
        .append(String.format(Locale.ROOT, "%,d", StoreRuns.MIN_READS))
        .append(
            " documents (a smaller run gets its instances again, in the same random order, and"
                + " lists them again until it has); contention runs make ")
        .append(options.contentionOps(options.n()))
        .append(" (non-durable) and ")
        .append(options.contentionOps(options.durableN()))
        .append(" (durable) updates of one" + " instance with ")
        .append(options.contentionThreads())
        .append(" threads. Thread" + " counts on distinct instances: ")
        .append(options.threads())
        .append(".\n\n");
    for (String note : run.notes()) {
      out.append("> **Note:** ").append(note).append("\n\n");
    }
    return out.toString();
  }

  /** A warning that other jobs shared the machine if either load was above the core count. */
  static String loadNote(String loadBefore, String loadAfter) {
    return loadIsHigh(loadBefore) || loadIsHigh(loadAfter)
        ? " The load was above the number of cores: other jobs shared the machine, so"
            + " every figure is lower and noisier than on an idle machine; ratios between"
            + " systems, measured in turn within each repetition, are affected less."
        : "";
  }

  private static boolean loadIsHigh(String load) {
    try {
      return Double.parseDouble(load.split(",")[0].trim())
          > Runtime.getRuntime().availableProcessors();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private String goals() {
    MarkdownTable table = new MarkdownTable("goal", "measured", "met");
    int d = options.durableN();
    OptionalDouble burrowUpdate1 =
        median(Contender.BURROW, Durability.FSYNC, Workload.UPDATE, 1, d);
    OptionalDouble bareUpdate1 = median(Contender.BARE, Durability.FSYNC, Workload.UPDATE, 1, d);
    goal(
        table,
        "durable single-thread update ≥ 0.85× the bare protocol",
        burrowUpdate1,
        bareUpdate1,
        0.85,
        true,
        "bare protocol");
    OptionalDouble burrowUpdate8 =
        median(Contender.BURROW, Durability.FSYNC, Workload.UPDATE, 8, d);
    OptionalDouble sqliteUpdate8 =
        median(Contender.SQLITE, Durability.FSYNC, Workload.UPDATE, 8, d);
    goal(
        table,
        "durable update, 8 threads on distinct instances ≥ 1.5× SQLite",
        burrowUpdate8,
        sqliteUpdate8,
        1.5,
        true,
        "SQLite");
    int n = options.n();
    OptionalDouble burrowCycle = median(Contender.BURROW, Durability.NONE, Workload.CYCLE, 1, n);
    OptionalDouble pythonCycle =
        median(Contender.SEED_PYTHON, Durability.NONE, Workload.CYCLE, 1, n);
    goal(
        table,
        "non-durable create + update + list, 1 thread, ≥ 3× the seeds' Python store",
        burrowCycle,
        pythonCycle,
        3,
        true,
        "Python");
    Optional<Score> store = locks.score("storeLock");
    Optional<Score> bare = locks.score("fileChannelLock");
    if (store.isPresent() && bare.isPresent()) {
      double multiple = store.get().nanos() / bare.get().nanos();
      table.row(
          "uncontended lock + unlock ≤ 1.5× a bare `FileChannel` lock/release",
          MarkdownTable.times(multiple)
              + String.format(
                  Locale.ROOT,
                  " (%.0f ns against %.0f ns)",
                  store.get().nanos(),
                  bare.get().nanos()),
          multiple <= 1.5 ? "yes" : "**no**");
    }
    readPathGoal(table, "random get", Workload.GET);
    readPathGoal(table, "list", Workload.LIST);
    readPathGoal(table, "delete", Workload.DELETE);
    return "### Goals\n\n" + table.render() + "\n";
  }

  /** Burrow's throughput over the bare protocol's for {@code workload} at one setting. */
  private record ReadPathRatio(Durability durability, int threads, double multiple) {
    boolean met() {
      return multiple >= READ_PATH_TARGET;
    }

    @Override
    public String toString() {
      return MarkdownTable.times(multiple)
          + (durability == Durability.FSYNC ? " durable, " : " non-durable, ")
          + threads
          + (threads == 1 ? " thread" : " threads");
    }
  }

  /** The ratios of {@code workload} measured in this run on 1 and 8 threads, durable and not. */
  private List<ReadPathRatio> readPathRatios(Workload workload) {
    List<ReadPathRatio> ratios = new ArrayList<>();
    for (Durability durability : List.of(Durability.FSYNC, Durability.NONE)) {
      int size = durability == Durability.FSYNC ? options.durableN() : options.n();
      for (int threads : READ_PATH_THREADS) {
        OptionalDouble burrow = median(Contender.BURROW, durability, workload, threads, size);
        OptionalDouble bare = median(Contender.BARE, durability, workload, threads, size);
        if (burrow.isPresent() && bare.isPresent()) {
          ratios.add(
              new ReadPathRatio(durability, threads, burrow.getAsDouble() / bare.getAsDouble()));
        }
      }
    }
    return ratios;
  }

  /** The scale issue's read-path goal for {@code workload}, each ratio of this run shown. */
  private void readPathGoal(MarkdownTable table, String name, Workload workload) {
    List<ReadPathRatio> ratios = readPathRatios(workload);
    table.row(
        name
            + " ≥ 0.9× the bare protocol on 1 and 8 threads"
            + (workload == Workload.DELETE ? "" : WARM_CACHE),
        ratios.isEmpty()
            ? "not measured in this run"
            : String.join("; ", ratios.stream().map(ReadPathRatio::toString).toList()),
        ratios.isEmpty() ? "—" : ratios.stream().allMatch(ReadPathRatio::met) ? "yes" : "**no**");
  }

  /** Whether Burrow's {@code workload} fell below the read-path goal anywhere in this run. */
  private boolean readPathMissed(Workload workload) {
    return readPathRatios(workload).stream().anyMatch(r -> !r.met());
  }

  /** For each goal missed, the measured facts that explain it, from this run. */
  private String findings() {
    List<String> found = new ArrayList<>();
    int d = options.durableN();
    int n = options.n();
    OptionalDouble burrowF1 = median(Contender.BURROW, Durability.FSYNC, Workload.UPDATE, 1, d);
    OptionalDouble bareF1 = median(Contender.BARE, Durability.FSYNC, Workload.UPDATE, 1, d);
    OptionalDouble burrowN1 = median(Contender.BURROW, Durability.NONE, Workload.UPDATE, 1, n);
    OptionalDouble bareN1 = median(Contender.BARE, Durability.NONE, Workload.UPDATE, 1, n);
    if (missed(burrowF1, bareF1, 0.85) && burrowN1.isPresent() && bareN1.isPresent()) {
      double logic = micros(burrowN1) - micros(bareN1);
      double gap = micros(burrowF1) - micros(bareF1);
      String spread =
          results
              .range(new Measurements.Key(Contender.BARE, Durability.FSYNC, Workload.UPDATE, 1, d))
              .map(
                  r ->
                      " Across the repetitions the bare protocol alone ran from "
                          + rate(OptionalDouble.of(r[0]))
                          + " to "
                          + rate(OptionalDouble.of(r[1]))
                          + " durable updates per second.")
              .orElse("");
      found.add(
          "**Durable single-thread update against the bare protocol.** Fsyncs per update,"
              + " Burrow · bare protocol: "
              + fsyncCells(Workload.UPDATE, Contender.BURROW, Contender.BARE)
              + "."
              + " Without fsync an update takes Burrow "
              + us(micros(burrowN1))
              + " and the bare"
              + " protocol "
              + us(micros(bareN1))
              + ": the store's own work (ID check, lock, read and"
              + " decode, typed change, encode) costs "
              + us(logic)
              + " per update. With fsync the"
              + " two take "
              + us(micros(burrowF1))
              + " and "
              + us(micros(bareF1))
              + ", "
              + us(gap)
              + " apart"
              + (gap > 2 * logic
                  ? ", more than the store's work explains: the rest is"
                      + " the flushes themselves, whose cost on this disk varies from call to call."
                  : ".")
              + spread);
    }
    OptionalDouble burrowF8 = median(Contender.BURROW, Durability.FSYNC, Workload.UPDATE, 8, d);
    OptionalDouble bareF8 = median(Contender.BARE, Durability.FSYNC, Workload.UPDATE, 8, d);
    OptionalDouble sqliteF8 = median(Contender.SQLITE, Durability.FSYNC, Workload.UPDATE, 8, d);
    if (missed(burrowF8, sqliteF8, 1.5)) {
      found.add(
          "**Durable updates on 8 threads against SQLite.** Burrow reached "
              + ratio(burrowF8, bareF8)
              + " the bare protocol's throughput at 8 threads, so the"
              + " replace protocol itself is the limit here, not the store's logic. Per update it"
              + " makes, Burrow · SQLite, "
              + fsyncCells(Workload.UPDATE, Contender.BURROW, Contender.SQLITE)
              + " flushes: Burrow's the new file and its directory, each a"
              + " journal commit of the file system, where SQLite appends to one write-ahead log and"
              + " flushes only that file. Concurrent flushes share journal commits, which is why"
              + " Burrow gains from threads while SQLite, with one writer at a time, does not.");
    }
    OptionalDouble burrowCycle = median(Contender.BURROW, Durability.NONE, Workload.CYCLE, 1, n);
    OptionalDouble pythonCycle =
        median(Contender.SEED_PYTHON, Durability.NONE, Workload.CYCLE, 1, n);
    OptionalDouble bareCycle = median(Contender.BARE, Durability.NONE, Workload.CYCLE, 1, n);
    if (missed(burrowCycle, pythonCycle, 3)) {
      found.add(
          "**Non-durable create + update + list against the seeds' Python store.** Without"
              + " fsync both are bound by the same file-system calls (per instance: make a"
              + " directory, create, write and rename a file, then read it back): the bare protocol,"
              + " which makes only those calls, ran this cycle at "
              + ratio(bareCycle, pythonCycle)
              + " the Python store's rate and Burrow at "
              + ratio(burrowCycle, bareCycle)
              + " the bare protocol's.");
    }
    if (readPathMissed(Workload.GET) || readPathMissed(Workload.LIST)) {
      found.add(
          "**Reads against the bare protocol.** The bare protocol's get is `Files.readAllBytes` of"
              + " the document: an open, a read and a close, with no decode and no check. A Burrow"
              + " store keeps the documents it read or wrote; a get of one it holds looks at the"
              + " document once, without following a link (one `lstat`), and when the file is"
              + " still the one it kept, decodes the kept bytes into the record. Otherwise it looks"
              + " at each of the four directories from the data root to the document and at the"
              + " document itself (five `lstat`s: no read through a planted link, no FIFO opened,"
              + " no file read past the size cap), reads it, checks it is well-formed UTF-8 and"
              + " decodes it. A listing pays the same for every document it reads. Every get here"
              + " follows the store's own update of the instance. `docs/scale.md` explains the"
              + " cache; the section on the read path below times the parts.");
    }
    if (readPathMissed(Workload.DELETE)) {
      found.add(
          "**Deletes against the bare protocol.** The bare protocol unlinks the document and"
              + " removes the directory in place: two file-system changes. Burrow's delete takes"
              + " the instance's lock, checks the way without following links, moves the instance"
              + " directory into one of the 16 stripes of `.burrow/trash/` (so that the instance"
              + " disappears whole, at once, and a crash never leaves half of it listed) and"
              + " flushes the directory it left; a background thread then removes the tree there"
              + " through directory handles that never follow a link. The caller waits for one"
              + " change, but every delete still makes three, so where the deleting threads keep"
              + " both cores and the disk busy, the removal competes with them.");
    }
    if (found.isEmpty()) {
      return "";
    }
    return "### Where a goal is missed\n\n"
        + String.join("\n\n", found.stream().map(f -> "- " + f).toList())
        + "\n\n";
  }

  private static boolean missed(OptionalDouble burrow, OptionalDouble peer, double target) {
    return burrow.isPresent()
        && peer.isPresent()
        && burrow.getAsDouble() / peer.getAsDouble() < target;
  }

  private static double micros(OptionalDouble perSecond) {
    return 1e6 / perSecond.getAsDouble();
  }

  private static String us(double micros) {
    return micros >= 1000
        ? String.format(Locale.ROOT, "%.2f ms", micros / 1000)
        : String.format(Locale.ROOT, "%.0f µs", micros);
  }

  private static void goal(
      MarkdownTable table,
      String goal,
      OptionalDouble burrow,
      OptionalDouble peer,
      double target,
      boolean higherIsBetter,
      String peerName) {
    if (burrow.isEmpty() || peer.isEmpty()) {
      table.row(goal, "not measured in this run", "—");
      return;
    }
    double multiple = burrow.getAsDouble() / peer.getAsDouble();
    boolean met = higherIsBetter ? multiple >= target : multiple <= target;
    table.row(
        goal,
        MarkdownTable.times(multiple)
            + " (Burrow "
            + rate(burrow)
            + "/s, "
            + peerName
            + " "
            + rate(peer)
            + "/s)",
        met ? "yes" : "**no**");
  }

  private String durableTable() {
    int d = options.durableN();
    return "### Durable (Burrow `FSYNC`, SQLite `synchronous=FULL`), "
        + d
        + " instances\n\n"
        + cycleTable(
                Durability.FSYNC,
                d,
                List.of(new Peer(Contender.BARE, "bare"), new Peer(Contender.SQLITE, "SQLite")),
                true)
            .render()
        + "\n"
        + fsyncNote();
  }

  /** A system Burrow is compared with, and the short name of the ratio's column. */
  private record Peer(Contender system, String name) {}

  /**
   * Each cycle workload at each thread count, {@code size} instances at {@code durability}:
   * Burrow's throughput, each peer's and Burrow's over it, then, {@code withFsyncs}, the fsyncs per
   * operation of Burrow and each peer.
   */
  private MarkdownTable cycleTable(
      Durability durability, int size, List<Peer> peers, boolean withFsyncs) {
    List<String> header = new ArrayList<>(List.of("workload", "threads", "Burrow"));
    List<String> names = new ArrayList<>(List.of("Burrow"));
    List<Contender> systems = new ArrayList<>(List.of(Contender.BURROW));
    for (Peer peer : peers) {
      header.add(peer.system().label);
      header.add("Burrow / " + peer.name());
      names.add(peer.name());
      systems.add(peer.system());
    }
    if (withFsyncs) {
      header.add("fsyncs per op: " + String.join(" · ", names));
    }
    MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
    for (Workload workload : CYCLE_WORKLOADS) {
      for (int threads : options.threads()) {
        OptionalDouble burrow = median(Contender.BURROW, durability, workload, threads, size);
        List<String> row =
            new ArrayList<>(List.of(workload.label, Integer.toString(threads), rate(burrow)));
        for (Peer peer : peers) {
          OptionalDouble theirs = median(peer.system(), durability, workload, threads, size);
          row.add(rate(theirs));
          row.add(ratio(burrow, theirs));
        }
        if (withFsyncs) {
          row.add(fsyncCells(workload, systems.toArray(Contender[]::new)));
        }
        table.row(row.toArray(String[]::new));
      }
    }
    return table;
  }

  private String fsyncCells(Workload workload, Contender... systems) {
    if (!WRITES.contains(workload)) {
      return workload == Workload.CYCLE ? "" : "0 (reads)";
    }
    List<String> cells = new ArrayList<>();
    for (Contender system : systems) {
      cells.add(
          fsyncs
              .flatMap(f -> f.perOperation(system, workload))
              .map(MarkdownTable::perOp)
              .orElse("—"));
    }
    return String.join(" · ", cells);
  }

  private String fsyncNote() {
    return fsyncs
        .map(
            f ->
                "Fsyncs per operation: `fsync` + `fdatasync` calls counted with"
                    + " `strace -c -f` over a child JVM making "
                    + f.n()
                    + " operations of the workload on"
                    + " one thread, less the same child making none, divided by "
                    + f.n()
                    + ". Reads make"
                    + " no writes; the figure for reads is by construction, not traced.\n\n")
        .orElse("");
  }

  private String nonDurableTable() {
    int n = options.n();
    MarkdownTable table =
        cycleTable(
            Durability.NONE,
            n,
            List.of(
                new Peer(Contender.BARE, "bare"),
                new Peer(Contender.SQLITE, "SQLite"),
                new Peer(Contender.SEED_PYTHON, "Python")),
            false);
    String python =
        fsyncs
            .flatMap(f -> f.perOperation(Contender.SEED_PYTHON, Workload.CYCLE))
            .map(
                v ->
                    "The seeds' Python store made "
                        + MarkdownTable.perOp(v)
                        + " fsync calls per"
                        + " instance over its whole cycle (traced like the durable figures), which is why it"
                        + " is compared with Burrow's non-durable runs.\n\n")
            .orElse("");
    return "### Non-durable (Burrow `NONE`, SQLite `synchronous=OFF`), "
        + n
        + " instances\n\n"
        + table.render()
        + "\n"
        + python;
  }

  private String postgresTable() {
    int d = options.durableN();
    MarkdownTable table =
        new MarkdownTable(
            "workload",
            "threads",
            "Burrow on files (`FSYNC`)",
            "Burrow on PostgreSQL",
            "files / PostgreSQL",
            "fsyncs per op: files · PostgreSQL server");
    for (Workload workload : CYCLE_WORKLOADS) {
      for (int threads : options.threads()) {
        OptionalDouble postgres =
            median(Contender.POSTGRES, Durability.FSYNC, workload, threads, d);
        if (postgres.isEmpty()) {
          continue;
        }
        OptionalDouble files = median(Contender.BURROW, Durability.FSYNC, workload, threads, d);
        table.row(
            workload.label,
            Integer.toString(threads),
            rate(files),
            rate(postgres),
            ratio(files, postgres),
            workload == Workload.UPDATE
                ? fsyncCells(workload, Contender.BURROW, Contender.POSTGRES)
                : "");
      }
    }
    if (table.isEmpty()) {
      return "";
    }
    return "### PostgreSQL backend, durable, "
        + d
        + " instances\n\nThe same generated store"
        + " opened on a `DataSource` (`BenchRunStore.open(dataSource, options)`), against a"
        + " throwaway server started by the harness on this machine, on the same disk: "
        + run.postgres().orElse("PostgreSQL")
        + ". Every write is one transaction that waits"
        + " for the server's WAL flush. Each instance here is updated by the store that created"
        + " it: the update applies the change to what the store kept of its create and writes"
        + " it in one guarded `UPDATE` committed on its own, only while the row still holds what"
        + " the store wrote (`docs/postgresql.md`, \"Updates of rows a store wrote last\"); any"
        + " other update is one transaction that locks the row (`SELECT … FOR UPDATE`, which"
        + " also reads any lease on it), applies the change, writes with the version check and"
        + " the lease guard in one statement, and commits once. The server's"
        + " flushes per update are counted with `strace -c -f` attached"
        + " to every server process while "
        + fsyncs.map(FsyncCounts::n).orElse(0)
        + " updates run.\n\n"
        + table.render()
        + "\n";
  }

  private String hostsTable() {
    MarkdownTable table =
        new MarkdownTable(
            "workload",
            "threads per host",
            "1 host JVM",
            Harness.HOSTS + " host JVMs",
            Harness.HOSTS + " hosts / 1 host");
    for (Workload workload : List.of(Workload.HOSTS_DISTINCT, Workload.HOSTS_SHARED)) {
      for (int threads : options.threads()) {
        OptionalDouble one = median(Contender.POSTGRES, Durability.FSYNC, workload, threads, 1);
        OptionalDouble many =
            median(Contender.POSTGRES, Durability.FSYNC, workload, threads, Harness.HOSTS);
        if (one.isEmpty() || many.isEmpty()) {
          continue;
        }
        table.row(
            workload.label, Integer.toString(threads), rate(one), rate(many), ratio(many, one));
      }
    }
    if (table.isEmpty()) {
      return "";
    }
    return "### PostgreSQL backend, several host JVMs on one database\n\nEach host is a JVM of"
        + " its own with its own store and connection pool (the same generated store, opened"
        + " on the same database), started and warmed up ("
        + PostgresHost.WARM_UP
        + " updates per thread) before the clock, and released at once from a start"
        + " line; every host makes "
        + options.durableN()
        + " updates, split between its threads, and the figure is every host's updates over the"
        + " time from the start line to the last host's end (updates per second). On one shared"
        + " instance every update waits for the row lock of the one before it, whichever host"
        + " made it.\n\n"
        + table.render()
        + "\n";
  }

  private String contentionTable() {
    MarkdownTable table =
        new MarkdownTable(
            "durability", "updates", "threads", "Burrow", "SQLite", "Burrow / SQLite");
    for (Durability durability : List.of(Durability.FSYNC, Durability.NONE)) {
      int size = durability == Durability.FSYNC ? options.durableN() : options.n();
      int updates = options.contentionOps(size);
      int threads = options.contentionThreads();
      OptionalDouble burrow =
          median(Contender.BURROW, durability, Workload.CONTENDED_UPDATE, threads, updates);
      OptionalDouble sqlite =
          median(Contender.SQLITE, durability, Workload.CONTENDED_UPDATE, threads, updates);
      table.row(
          durability.name(),
          Integer.toString(updates),
          Integer.toString(threads),
          rate(burrow),
          rate(sqlite),
          ratio(burrow, sqlite));
    }
    return "### Contention: every thread updating one instance\n\nBurrow's `update` waits for"
        + " the instance's lock, so updates run one at a time; SQLite's compare-and-set loses"
        + " the race and retries. The bare protocol has no read-modify-write, so it has no"
        + " row here.\n\n"
        + table.render()
        + "\n";
  }

  private String jsonDbTable() {
    int j = options.jsonDbN();
    MarkdownTable table =
        new MarkdownTable(
            "workload", "Burrow (`NONE`)", "JsonDB", "Burrow / JsonDB", "JsonDB fsyncs per op");
    for (Workload workload : List.of(Workload.CREATE, Workload.UPDATE)) {
      OptionalDouble burrow = median(Contender.BURROW, Durability.NONE, workload, 1, j);
      OptionalDouble jsondb = median(Contender.JSONDB, Durability.NONE, workload, 1, j);
      table.row(
          workload.label,
          rate(burrow),
          rate(jsondb),
          ratio(burrow, jsondb),
          fsyncs
              .flatMap(f -> f.perOperation(Contender.JSONDB, workload))
              .map(MarkdownTable::perOp)
              .orElse("—"));
    }
    return "### JsonDB, "
        + j
        + " documents, 1 thread\n\nJsonDB keeps a collection in one file"
        + " and every document in memory, and does not force its writes to the device, so it"
        + " is compared with Burrow's non-durable store at the same size.\n\n"
        + table.render()
        + "\n";
  }

  private String lockTable() {
    MarkdownTable table =
        new MarkdownTable("benchmark", "what it does", "ns per lock + unlock", "× `FileChannel`");
    Optional<Score> floor = locks.score("fileChannelLock");
    lockRow(
        table,
        "storeLock",
        "`store.lock(id).close()`: ID check, in-process lock, file lock",
        floor);
    lockRow(table, "instanceLocks", "`InstanceLocks.lock(name, timeout).close()`", floor);
    lockRow(
        table,
        "sharedLock",
        "`SharedLock.share(timeout).close()`: the indexes' writers' lock, held by every document"
            + " write",
        floor);
    lockRow(table, "fileChannelLock", "`FileChannel.lock(0, 1, false).release()`", floor);
    return "### Lock and unlock, uncontended (JMH)\n\n`dev.burrow.benchmarks.LockBenchmark`,"
        + " one thread, average time per lock + unlock (score ± 99.9% error), run by the harness"
        + " through JMH"
        + (options.quick()
            ? " (quick smoke settings)"
            : " with the" + " benchmark's own fork, warm-up and measurement settings")
        + "; also runnable alone"
        + " with `java -jar samples/benchmarks/target/benchmarks.jar LockBenchmark`.\n\n"
        + table.render()
        + "\n";
  }

  private void lockRow(MarkdownTable table, String method, String what, Optional<Score> floor) {
    Optional<Score> score = locks.score(method);
    table.row(
        "`" + method + "`",
        what,
        score.map(Report::nanos).orElse("—"),
        score.isPresent() && floor.isPresent()
            ? MarkdownTable.times(score.get().nanos() / floor.get().nanos())
            : "—");
  }

  private static String nanos(Score score) {
    return Double.isNaN(score.error())
        ? String.format(Locale.ROOT, "%.0f", score.nanos())
        : String.format(Locale.ROOT, "%.0f ± %.0f", score.nanos(), score.error());
  }

  private static String systems() {
    return """
        ### What each system does

        - **Burrow**: the store generated from `BenchRun` (an `@Instance` record in the benchmarks
          module) on the filesystem backend. `create` publishes a staged directory with an atomic
          rename; `update(id, change)` takes the instance's lock (in-process and file lock), reads,
          applies the typed change and writes the next version with the durable-replace protocol;
          `list` reads and sorts every instance; `delete` moves the directory aside, then removes it.
        - **bare protocol**: the physical limit, the same protocol in plain Java with no store
          logic: write a temporary file, force it, rename it over the document with `ATOMIC_MOVE`,
          force the directory (no forces when non-durable); no lock, no version, no read before a
          write, no encoding. Create makes the directory first and forces its parent; delete
          removes file and directory and forces the parent.
        - **SQLite** (`org.xerial:sqlite-jdbc`): WAL mode, one connection per thread, autocommit (one
          transaction per write), the same JSON document in a table with a version column; update
          reads the row, changes the document and writes it with `UPDATE … WHERE id = ? AND
          version = ?`, retrying on a lost race.
        - **the seeds' Python store** (the peer script `seed_store_bench.py`), run
          with `python3`: the seed's stdlib store with its own driver, the same IDs, fields and
          parameter text. It never fsyncs, so it is compared with Burrow's `NONE` durability.
        - **JsonDB** (`io.jsondb:jsondb-core`): `insert`, then `findById` + change + `save`.
        """;
  }

  String chart() {
    List<SvgChart.Panel> panels = new ArrayList<>();
    panels.add(
        panel(
            "update, durable",
            Durability.FSYNC,
            Workload.UPDATE,
            options.durableN(),
            List.of(Contender.BURROW, Contender.BARE, Contender.SQLITE, Contender.POSTGRES)));
    panels.add(
        panel(
            "update, non-durable",
            Durability.NONE,
            Workload.UPDATE,
            options.n(),
            List.of(Contender.BURROW, Contender.BARE, Contender.SQLITE, Contender.SEED_PYTHON)));
    panels.add(
        panel(
            "create, non-durable",
            Durability.NONE,
            Workload.CREATE,
            options.n(),
            List.of(Contender.BURROW, Contender.BARE, Contender.SQLITE, Contender.SEED_PYTHON)));
    return SvgChart.render(
        "Throughput against threads, distinct instances (median of " + options.reps() + ")",
        new SvgChart.Axes("threads", "operations/s"),
        options.threads(),
        panels);
  }

  private SvgChart.Panel panel(
      String title, Durability durability, Workload workload, int n, List<Contender> systems) {
    List<SvgChart.Series> series = new ArrayList<>();
    for (Contender system : systems) {
      List<SvgChart.Point> points = new ArrayList<>();
      for (int threads : options.threads()) {
        median(system, durability, workload, threads, n)
            .ifPresent(v -> points.add(new SvgChart.Point(threads, v)));
      }
      if (!points.isEmpty()) {
        series.add(
            new SvgChart.Series(system.label, color(system), system == Contender.BARE, points));
      }
    }
    return new SvgChart.Panel(title, series);
  }

  private static String color(Contender system) {
    return switch (system) {
      case BURROW -> "#1f77b4";
      case BARE -> "#555555";
      case SQLITE -> "#2ca02c";
      case POSTGRES -> "#9467bd";
      case SEED_PYTHON -> "#d62728";
      case JSONDB -> "#ff7f0e";
    };
  }

  private OptionalDouble median(
      Contender system, Durability durability, Workload workload, int threads, int n) {
    return results.median(system, durability, workload, threads, n);
  }

  /** The commands that regenerate a block, as a fenced code block. */
  static String command(HarnessOptions options) {
    return "```\n"
        + BUILD
        + "\n"
        + RUN
        + (options.args().isEmpty() ? "" : " " + String.join(" ", options.args()))
        + "\n```\n\n";
  }

  static String duration(double seconds) {
    long whole = Math.round(seconds);
    return whole >= 60 ? whole / 60 + " min " + whole % 60 + " s" : whole + " s";
  }
}
