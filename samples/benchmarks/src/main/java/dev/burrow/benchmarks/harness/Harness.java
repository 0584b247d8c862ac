package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The side-by-side store harness, run as a command from the repository root:
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl samples/benchmarks -am
 * java -cp samples/benchmarks/target/benchmarks.jar dev.burrow.benchmarks.harness.Harness
 * </pre>
 *
 * <p>It measures Burrow's generated store against the bare durable-replace protocol, SQLite, the
 * seeds' Python store and JsonDB, counts fsyncs with {@code strace}, runs the lock benchmark
 * through JMH, and writes {@code docs/benchmarks.md} (its own block only) and the chart. {@code
 * --help} lists the options.
 */
public final class Harness {
  private static final List<Contender> LOCAL =
      List.of(Contender.BURROW, Contender.BARE, Contender.SQLITE);
  private static final List<Contender> READ_MODIFY_WRITE =
      List.of(Contender.BURROW, Contender.SQLITE);

  private final HarnessOptions options;
  private final Measurements results = new Measurements();
  private final List<String> notes = new ArrayList<>();
  private final long started = System.nanoTime();

  private Harness(HarnessOptions options) {
    this.options = options;
  }

  /** Runs the harness; exits with 2 on a bad option. */
  public static void main(String[] args) {
    if (List.of(args).contains("--help")) {
      System.out.print(HarnessOptions.USAGE);
      return;
    }
    HarnessOptions options;
    try {
      options = HarnessOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path doc = run(options);
    System.out.println("wrote " + doc + " and its charts");
  }

  /** Runs the sections the options ask for and writes their blocks; returns the path of the doc. */
  static Path run(HarnessOptions options) {
    Harness harness = new Harness(options);
    Path doc = options.out().resolve(Report.DOC);
    if (options.runs("stores")) {
      doc = harness.runStores();
    }
    if (options.runs("scale")) {
      doc = harness.runScale();
    }
    return doc;
  }

  /** The scale section: every size in turn, then its block and chart. */
  private Path runScale() {
    long start = System.nanoTime();
    String loadBefore = Machine.load();
    Machine machine = Machine.describe(options.workDir());
    Path workDir = Scratch.directory(options.workDir(), "burrow-scale");
    try {
      ScaleRuns runs = new ScaleRuns(workDir, this::log);
      int warmUp =
          Math.min(2_000, options.scale().stream().mapToInt(Integer::intValue).min().orElse(1));
      int warmUpCreates = ScaleRuns.warmUpCreates(options.quick());
      log("warm-up: " + warmUpCreates + " creates on a root of their own");
      runs.warmUp(warmUpCreates);
      log("warm-up: one unrecorded size of " + warmUp);
      runs.measure(warmUp);
      List<ScaleRuns.Figures> figures = new ArrayList<>();
      for (int size : options.scale()) {
        figures.add(runs.measure(size));
      }
      return new ScaleReport(
              options,
              machine,
              loadBefore,
              Machine.load(),
              (System.nanoTime() - start) / 1e9,
              figures)
          .write();
    } finally {
      Scratch.delete(workDir);
    }
  }

  private Path runStores() {
    String loadBefore = Machine.load();
    Machine machine = Machine.describe(options.workDir());
    Path workDir = Scratch.directory(options.workDir(), "burrow-harness");
    Optional<FsyncCounts> fsyncs;
    Optional<String> postgresSettings;
    try {
      StoreRuns runs = new StoreRuns(workDir, results);
      Optional<SeedPythonStore> python = SeedPythonStore.find(options.peers());
      if (python.isEmpty()) {
        notes.add(
            "The seeds' Python store (the peer script "
                + SeedPythonStore.SCRIPT
                + ", see --peers) was not found, so its rows are empty and its goal is not measured.");
      }
      warmUp(runs);
      log("starting PostgreSQL");
      Optional<PostgresPeer> postgres = PostgresPeer.start(2 * options.maxThreads(), notes::add);
      try {
        for (int rep = 1; rep <= options.reps(); rep++) {
          repetition(rep, runs, python, postgres);
        }
        fsyncs = countFsyncs(workDir, python, postgres, runs);
        postgresSettings = postgres.map(PostgresPeer::describe);
      } finally {
        postgres.ifPresent(PostgresPeer::close);
      }
      log("lock benchmark (JMH)");
      LockFigures locks = LockFigures.measure(options.quick());
      String loadAfter = Machine.load();
      RunInfo info =
          new RunInfo(
              options,
              machine,
              loadBefore,
              loadAfter,
              (System.nanoTime() - started) / 1e9,
              notes,
              postgresSettings);
      return new Report(info, results, fsyncs, locks).write();
    } finally {
      Scratch.delete(workDir);
    }
  }

  /** One unrecorded cycle of every in-JVM system, so the JIT has compiled their paths. */
  private void warmUp(StoreRuns runs) {
    int size = Math.min(options.n(), 2_000);
    for (Contender system :
        List.of(Contender.BURROW, Contender.BARE, Contender.SQLITE, Contender.JSONDB)) {
      log("warm-up " + system.label);
      runs.cycle(
          system, subjects(system), Durability.NONE, 1, Math.min(size, options.jsonDbN()), false);
    }
  }

  private void repetition(
      int rep, StoreRuns runs, Optional<SeedPythonStore> python, Optional<PostgresPeer> postgres) {
    for (Durability durability : List.of(Durability.NONE, Durability.FSYNC)) {
      int size = durability == Durability.FSYNC ? options.durableN() : options.n();
      for (int threads : options.threads()) {
        for (Contender system : LOCAL) {
          log("rep " + rep + " " + durability + " " + threads + " threads " + system.label);
          runs.cycle(system, subjects(system), durability, threads, size, true);
        }
        if (durability == Durability.NONE && python.isPresent()) {
          log("rep " + rep + " NONE " + threads + " threads seeds' Python store");
          python.get().cycle(runs.workDir(), size, threads, results);
        }
      }
      for (Contender system : READ_MODIFY_WRITE) {
        log("rep " + rep + " " + durability + " contention " + system.label);
        runs.contention(
            system,
            subjects(system),
            durability,
            options.contentionThreads(),
            options.contentionOps(size));
      }
    }
    for (int threads : postgresThreads()) {
      postgres.ifPresent(
          pg -> {
            log("rep " + rep + " FSYNC " + threads + " threads PostgreSQL");
            runs.cycle(
                Contender.POSTGRES,
                pg.subjects(),
                Durability.FSYNC,
                threads,
                options.durableN(),
                true);
            // Host JVMs take tens of seconds to start and warm up: a quick run makes the rows once.
            if (threads == 1 || !options.quick()) {
              hosts(pg, runs.workDir(), threads);
            }
          });
    }
    for (Contender system : List.of(Contender.JSONDB, Contender.BURROW)) {
      log("rep " + rep + " NONE " + options.jsonDbN() + " documents " + system.label);
      runs.cycle(system, subjects(system), Durability.NONE, 1, options.jsonDbN(), true);
    }
  }

  /**
   * The multi-host rows: 1 and {@link #HOSTS} host JVMs with {@code threads} threads each, updating
   * distinct instances and one shared instance; every host makes the durable run's number of
   * updates, split between its threads.
   */
  private void hosts(PostgresPeer postgres, Path workDir, int threads) {
    PostgresHosts hosts = new PostgresHosts(postgres, workDir);
    int updates = Math.max(1, options.durableN() / threads);
    for (int count : List.of(1, HOSTS)) {
      for (Workload workload : List.of(Workload.HOSTS_DISTINCT, Workload.HOSTS_SHARED)) {
        log(count + " host JVMs, " + threads + " threads each, " + workload.label);
        results.add(
            new Measurements.Key(Contender.POSTGRES, Durability.FSYNC, workload, threads, count),
            hosts.updatesPerSecond(count, threads, updates, workload == Workload.HOSTS_SHARED));
      }
    }
  }

  /** The thread counts of the PostgreSQL rows: 1 and 8, where the run has them. */
  private List<Integer> postgresThreads() {
    return options.threads().stream().filter(t -> t == 1 || t == 8).toList();
  }

  private Optional<FsyncCounts> countFsyncs(
      Path workDir,
      Optional<SeedPythonStore> python,
      Optional<PostgresPeer> postgres,
      StoreRuns runs) {
    if (!FsyncCounts.available()) {
      notes.add(
          "`strace` is not installed or may not trace here, so fsyncs per operation were"
              + " not counted.");
      return Optional.empty();
    }
    FsyncCounts counts = new FsyncCounts(workDir, options.probeN());
    List<Contender> systems = options.quick() ? List.of(Contender.BURROW) : LOCAL;
    List<Workload> writes =
        options.quick()
            ? List.of(Workload.UPDATE)
            : List.of(Workload.CREATE, Workload.UPDATE, Workload.DELETE);
    for (Contender system : systems) {
      for (Workload workload : writes) {
        log("fsync probe " + system.label + " " + workload);
        counts.measure(system, workload);
      }
    }
    if (!options.quick()) {
      for (Workload workload : List.of(Workload.CREATE, Workload.UPDATE)) {
        log("fsync probe JsonDB " + workload);
        counts.measure(Contender.JSONDB, workload);
      }
    }
    postgres.ifPresent(
        pg -> {
          log("fsync probe PostgreSQL UPDATE (server processes)");
          counts.record(
              Contender.POSTGRES, Workload.UPDATE, runs.serverFsyncs(pg, options.probeN()));
        });
    python.ifPresent(
        store -> {
          log("fsync probe seeds' Python store");
          counts.measure(
              Contender.SEED_PYTHON,
              Workload.CYCLE,
              (directory, count) -> store.command(directory, count, 1));
        });
    return Optional.of(counts);
  }

  /** Host JVMs of the multi-host rows. */
  static final int HOSTS = 3;

  private Subjects subjects(Contender system) {
    return Subjects.local(system, options.maxThreads());
  }

  private void log(String message) {
    System.err.printf(
        java.util.Locale.ROOT,
        "[harness %4.0f s] %s%n",
        (System.nanoTime() - started) / 1e9,
        message);
  }
}
