package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import dev.burrow.PageRequest;
import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The query harness, run as a command from the repository root:
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl samples/benchmarks -am
 * java -cp samples/benchmarks/target/benchmarks.jar dev.burrow.benchmarks.harness.QueryHarness
 * </pre>
 *
 * <p>For each size it fills a non-durable store of {@link QueryRun}s ({@link QueryData}: a fixed
 * number match), then times the generated finder's first page against {@code list()} plus a filter,
 * SQLite's indexed query on the same documents and the finder on PostgreSQL, and counts with {@code
 * strace} the documents one finder call opens. Then it times durable updates with and without
 * indexes ({@link UpdateCost}) and counts their device flushes. It writes its own block of {@code
 * docs/benchmarks.md}; {@code --help} lists the options.
 */
public final class QueryHarness {
  static final int WARM_UPS = 30;

  /** Timed rounds of the update-cost runs (each round times every kind of update once). */
  static final int UPDATE_ROUNDS = 5;

  private final QueryOptions options;
  private final long started = System.nanoTime();
  private final List<String> notes = new ArrayList<>();

  private QueryHarness(QueryOptions options) {
    this.options = options;
  }

  /** Runs the harness; exits with 2 on a bad option. */
  public static void main(String[] args) {
    if (List.of(args).contains("--help")) {
      System.out.print(QueryOptions.USAGE);
      return;
    }
    QueryOptions options;
    try {
      options = QueryOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("wrote " + run(options));
  }

  /** Runs every measurement and writes the block; returns the path of the doc. */
  static Path run(QueryOptions options) {
    return new QueryHarness(options).runAll();
  }

  /** Milliseconds of the timed calls of one query. */
  record Timing(List<Double> millis) {
    double median() {
      List<Double> sorted = millis.stream().sorted().toList();
      int middle = sorted.size() / 2;
      return sorted.size() % 2 == 1
          ? sorted.get(middle)
          : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double min() {
      return millis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    double max() {
      return millis.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
  }

  /**
   * What one size measured.
   *
   * @param seconds how long creating the instances through the store took
   * @param common the first page of the state every instance holds
   * @param commonAndRare the first page of the owner {@code match} and that state, as one query
   * @param documentsRead instance documents one finder call opened, if strace could count them
   * @param openSeconds opening the store with its indexes complete (the open-time sweep included)
   * @param rebuildSeconds opening it with both indexes marked incomplete, so they are rebuilt
   */
  record SizeRun(
      int size,
      double seconds,
      Timing finder,
      Timing common,
      Timing commonAndRare,
      OptionalLong documentsRead,
      @Nullable Timing listFilter,
      Timing sqlite,
      @Nullable Timing postgres,
      double openSeconds,
      double rebuildSeconds,
      String load) {}

  /** One kind of update: its median throughput and its device flushes per update. */
  record UpdateRun(UpdateCost cost, double perSecond, OptionalDouble flushes) {}

  private Path runAll() {
    String loadBefore = Machine.load();
    Path workDir = Scratch.directory(options.workDir(), "burrow-queries");
    Machine machine = Machine.describe(workDir); // df needs a directory that exists
    List<SizeRun> sizes = new ArrayList<>();
    List<UpdateRun> updates = new ArrayList<>();
    boolean strace = FsyncCounts.available();
    if (!strace) {
      notes.add(
          "`strace` is not installed or may not trace here: documents read and flushes"
              + " were not counted.");
    }
    Optional<PostgresPeer> postgres =
        options.postgresMax() > 0 ? PostgresPeer.start(16, notes::add) : Optional.empty();
    Optional<String> postgresSettings;
    try {
      postgresSettings = postgres.map(PostgresPeer::describe);
      for (int size : options.sizes()) {
        SizeRun run = size(workDir, size, strace, postgres);
        log("measured " + run);
        sizes.add(run);
      }
      Map<UpdateCost, List<Double>> rates = updateRates(workDir);
      for (UpdateCost cost : UpdateCost.values()) {
        UpdateRun run =
            new UpdateRun(
                cost,
                new Timing(Objects.requireNonNull(rates.get(cost))).median(),
                updateFlushes(workDir, cost, strace));
        log("measured " + run);
        updates.add(run);
      }
    } finally {
      postgres.ifPresent(PostgresPeer::close);
      Scratch.delete(workDir);
    }
    Path doc = options.out().resolve(Report.DOC);
    DocFile.write(
        doc,
        DocFile.Block.QUERIES,
        new QueryReport(
                options,
                machine,
                loadBefore,
                Machine.load(),
                (System.nanoTime() - started) / 1e9,
                notes,
                postgresSettings)
            .block(sizes, updates));
    return doc;
  }

  private SizeRun size(Path workDir, int size, boolean strace, Optional<PostgresPeer> postgres) {
    QueryData data = new QueryData(size, options.matches());
    int matches = options.matches();
    Path root = Scratch.directory(workDir, "files-" + size);
    Path sqliteDirectory = Scratch.directory(workDir, "sqlite-" + size);
    try {
      StoreOptions storeOptions =
          StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE);
      double seconds;
      Timing finder;
      Timing common;
      Timing commonAndRare;
      Timing listFilter = null;
      String load;
      try (QueryRunStore store = QueryRunStore.open(storeOptions)) {
        log(size + " instances: creating");
        seconds = Phase.seconds(size, options.threads(), i -> create(store, data, i));
        log(size + " instances: finder");
        finder = time(options.reps(), matches, () -> firstPage(store, matches));
        load = Machine.load();
        log(size + " instances: finders on the state every instance holds");
        common =
            time(
                options.reps(),
                matches,
                () -> store.findByState(COMMON_STATE, PageRequest.first(matches)).items().size());
        commonAndRare =
            time(
                options.reps(),
                matches,
                () ->
                    store
                        .where(QueryRunIndex.OWNER.equalTo(QueryData.MATCH))
                        .and(QueryRunIndex.STATE.equalTo(COMMON_STATE))
                        .list(PageRequest.first(matches))
                        .items()
                        .size());
        if (size <= options.listFilterMax()) {
          log(size + " instances: list() + filter");
          listFilter =
              time(
                  Math.min(options.reps(), 3),
                  0,
                  matches,
                  () ->
                      (int)
                          store.stream()
                              .filter(run -> run.owner().equals(QueryData.MATCH))
                              .limit(matches)
                              .count());
        }
      }
      OptionalLong documentsRead =
          strace ? OptionalLong.of(documentsRead(root, matches)) : OptionalLong.empty();
      log(size + " instances: opening, then opening with a rebuild");
      double openSeconds = Phase.seconds(() -> QueryRunStore.open(storeOptions).close());
      markIncomplete(root);
      double rebuildSeconds = Phase.seconds(() -> QueryRunStore.open(storeOptions).close());
      try (QueryRunStore store = QueryRunStore.open(storeOptions)) {
        firstPage(store, matches);
      }
      Scratch.delete(root);
      Machine.settle();
      log(size + " instances: SQLite");
      Timing sqlite;
      try (QuerySqlite database = new QuerySqlite(sqliteDirectory, data)) {
        sqlite = time(options.reps(), matches, () -> database.find(QueryData.MATCH, matches));
      }
      Timing onPostgres = null;
      if (postgres.isPresent() && size <= options.postgresMax()) {
        onPostgres = postgres(workDir, postgres.get(), data);
      }
      return new SizeRun(
          size,
          seconds,
          finder,
          common,
          commonAndRare,
          documentsRead,
          listFilter,
          sqlite,
          onPostgres,
          openSeconds,
          rebuildSeconds,
          load);
    } finally {
      if (Files.exists(root)) {
        Scratch.delete(root);
      }
      Scratch.delete(sqliteDirectory);
    }
  }

  /** The state every instance of the query runs holds: {@link QueryRun#state()}'s default. */
  private static final String COMMON_STATE = "a";

  private static void create(QueryRunStore store, QueryData data, int i) {
    store.create(data.id(i), c -> c.owner(data.owner(i)).payload(QueryData.PAYLOAD));
  }

  private static int firstPage(QueryRunStore store, int matches) {
    List<QueryRun> page = store.findByOwner(QueryData.MATCH, PageRequest.first(matches)).items();
    if (!page.stream().allMatch(run -> run.owner().equals(QueryData.MATCH))) {
      throw new IllegalStateException("the finder returned an instance of another owner");
    }
    return page.size();
  }

  private Timing postgres(Path workDir, PostgresPeer postgres, QueryData data) {
    Path local = Scratch.directory(workDir, "postgres-" + data.size());
    StoreOptions storeOptions = StoreOptions.defaults().withDataRoot(local);
    PostgresOptions tables = PostgresOptions.defaults().withTablePrefix("q" + data.size() + "_");
    try (QueryRunStore store = QueryRunStore.open(postgres.dataSource(), storeOptions, tables)) {
      log(data.size() + " instances: creating on PostgreSQL");
      Phase.seconds(data.size(), 8, i -> create(store, data, i));
      log(data.size() + " instances: finder on PostgreSQL");
      return time(options.reps(), data.matches(), () -> firstPage(store, data.matches()));
    } finally {
      Scratch.delete(local);
    }
  }

  /**
   * {@value #WARM_UPS} untimed calls (so the JIT has compiled the path, also at the first size),
   * then {@code reps} timed ones, each checked to find {@code expected}.
   */
  private static Timing time(int reps, int expected, IntSupplier call) {
    return time(reps, WARM_UPS, expected, call);
  }

  private static Timing time(int reps, int warmUps, int expected, IntSupplier call) {
    for (int i = 0; i < warmUps; i++) {
      check(expected, call.getAsInt());
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      long start = System.nanoTime();
      int found = call.getAsInt();
      millis.add((System.nanoTime() - start) / 1e6);
      check(expected, found);
    }
    return new Timing(millis);
  }

  private static void check(int expected, int found) {
    if (found != expected) {
      throw new IllegalStateException("the query found " + found + " of " + expected);
    }
  }

  /** The instance documents one finder call opens, counted by strace over {@link QueryProbe}. */
  private long documentsRead(Path root, int matches) {
    log("counting the documents one finder call opens (strace)");
    Path trace = root.resolveSibling(root.getFileName() + ".openat");
    try {
      Processes.output(
          List.of(
              "strace",
              "-f",
              "--seccomp-bpf",
              "-e",
              "trace=openat,write",
              "-o",
              trace.toString(),
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              QueryProbe.class.getName(),
              "find",
              root.toString(),
              Integer.toString(matches)));
      long opened = 0;
      boolean inside = false;
      for (String line : Files.readAllLines(trace)) {
        if (line.contains("write(1, \"BEGIN")) {
          inside = true;
        } else if (line.contains("write(1, \"END")) {
          return opened;
        } else if (inside && line.contains("instance.json\"") && !line.contains("= -1")) {
          opened++;
        }
      }
      throw new IllegalStateException("the finder probe printed no BEGIN and END");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(trace);
      } catch (IOException e) {
        // a leftover trace in the work directory is removed with it
      }
    }
  }

  /** Removes the ready markers of every index, as if the indexes had just been declared. */
  private static void markIncomplete(Path root) {
    try (Stream<Path> fields = Files.list(root.resolve(".burrow/indexes"))) {
      for (Path field : fields.toList()) {
        try (Stream<Path> entries = Files.list(field)) {
          for (Path entry : entries.toList()) {
            if (entry.getFileName().toString().startsWith(".ready")) {
              Files.delete(entry);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Durable updates/s of every kind of update, one repetition of each kind in turn per round (in
   * reverse order every other round), after one untimed round: a kind measured first would
   * otherwise run while the JVM still compiles, and all its repetitions under the same stretch of
   * the machine's load.
   */
  private Map<UpdateCost, List<Double>> updateRates(Path workDir) {
    Map<UpdateCost, List<Double>> rates = new EnumMap<>(UpdateCost.class);
    for (UpdateCost cost : UpdateCost.values()) {
      rates.put(cost, new ArrayList<>());
    }
    for (int round = 0; round <= UPDATE_ROUNDS; round++) {
      log("durable updates: " + (round == 0 ? "warm-up round" : "round " + round));
      List<UpdateCost> order = new ArrayList<>(List.of(UpdateCost.values()));
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      for (UpdateCost cost : order) {
        Machine.settle();
        Path directory = Scratch.directory(workDir, "update");
        try {
          double seconds = cost.run(directory, Durability.FSYNC, options.updateN());
          if (round > 0) {
            Objects.requireNonNull(rates.get(cost)).add(options.updateN() / seconds);
          }
        } finally {
          Scratch.delete(directory);
        }
      }
    }
    return rates;
  }

  private OptionalDouble updateFlushes(Path workDir, UpdateCost cost, boolean strace) {
    OptionalDouble flushes = OptionalDouble.empty();
    if (strace) {
      FsyncCounts counts = new FsyncCounts(workDir, options.probeN());
      counts.measure(
          Contender.BURROW,
          Workload.UPDATE,
          (directory, count) ->
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  QueryProbe.class.getName(),
                  "update",
                  cost.name(),
                  Integer.toString(count),
                  directory.toString()));
      flushes =
          counts
              .perOperation(Contender.BURROW, Workload.UPDATE)
              .map(OptionalDouble::of)
              .orElse(OptionalDouble.empty());
    }
    return flushes;
  }

  private void log(String message) {
    System.err.printf(
        Locale.ROOT, "[queries %5.0f s] %s%n", (System.nanoTime() - started) / 1e9, message);
  }
}
