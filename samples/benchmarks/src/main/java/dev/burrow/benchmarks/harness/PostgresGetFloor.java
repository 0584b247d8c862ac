package dev.burrow.benchmarks.harness;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.StoreOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * How far Burrow's random {@code get} on PostgreSQL is from the round trip under it: reads per
 * second of {@code store.get(id)}, of the bare query for the same row ({@code SELECT document ...
 * WHERE kind = ? AND id = ?}) and of {@code SELECT 1}, each on a connection borrowed from the pool
 * the store uses and returned after the read, as the store does, at 1 and 8 threads. The three take
 * turns within each round, so a change of the machine's load falls on all three. Prints one line
 * per round and the median of the rounds. Arguments: {@code [instances] [reads] [rounds]} (1000,
 * 50000 and 3 by default).
 *
 * <p>With {@code statements} before those arguments it times nothing and shows what one {@code get}
 * sends instead: the server logs every statement from before the store opens (each line led by its
 * backend's process ID), {@code reads} gets run on 8 threads and then three times on this one
 * (uncounted, counting this thread's CPU time and write system calls, counting its read calls),
 * then as many bare queries, and it prints this thread's CPU time and system calls per read (one
 * write sending the request is one round trip; -1 where the OS does not count them) and how often
 * each statement was parsed, bound and executed, and on how many backends.
 */
public final class PostgresGetFloor {
  private static final String KIND = "bench-runs";
  private static final String DOCUMENT =
      "SELECT document FROM burrow_instances WHERE kind = ? AND id = ?";

  /** A logged statement: its backend, what the server did with it, and the start of its text. */
  private static final Pattern LOGGED =
      Pattern.compile("^(\\d+) LOG:  duration: [0-9.]+ ms  ([^:]+): (.{0,40})");

  private PostgresGetFloor() {}

  public static void main(String[] args) throws Exception {
    boolean statements = args.length > 0 && args[0].equals("statements");
    int first = statements ? 1 : 0;
    int n = args.length > first ? Integer.parseInt(args[first]) : 1000;
    int reads = args.length > first + 1 ? Integer.parseInt(args[first + 1]) : 50_000;
    int rounds = args.length > first + 2 ? Integer.parseInt(args[first + 2]) : 3;
    try (LocalPostgres server = LocalPostgres.start();
        HikariDataSource pool = server.pool(16)) {
      @Nullable Path log = statements ? logEveryStatement(pool) : null;
      try (BenchRunStore store =
          BenchRunStore.open(
              pool,
              StoreOptions.defaults()
                  .withDataRoot(Files.createTempDirectory("burrow-get-floor")))) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          ids.add(store.create(c -> c.status("new")).id());
        }
        Collections.shuffle(ids, new Random(7));
        IntConsumer get = i -> store.get(ids.get(i % n));
        IntConsumer bare = i -> select(pool, DOCUMENT, KIND, ids.get(i % n));
        if (log != null) {
          Phase.seconds(reads, 8, get);
          printCalls("burrow-get", reads, get);
          printCalls("select-document", reads, bare);
          printLogged(log);
          return;
        }
        Map<String, IntConsumer> readers = new LinkedHashMap<>();
        readers.put("burrow-get", get);
        readers.put("select-document", bare);
        readers.put("select-1", i -> select(pool, "SELECT 1"));
        for (IntConsumer reader : readers.values()) {
          // warm-up: the JIT, and the statements of every pooled connection
          Phase.seconds(reads, 8, reader);
        }
        for (int threads : new int[] {1, 8}) {
          time(readers, threads, reads, rounds);
        }
      }
    }
  }

  private static void time(Map<String, IntConsumer> readers, int threads, int reads, int rounds) {
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, IntConsumer> reader : readers.entrySet()) {
        double rate = reads / Phase.seconds(reads, threads, reader.getValue());
        rates.computeIfAbsent(reader.getKey(), k -> new ArrayList<>()).add(rate);
        System.out.printf(
            Locale.ROOT,
            "%s threads=%d round=%d reads/s=%.0f%n",
            reader.getKey(),
            threads,
            round,
            rate);
      }
    }
    rates.forEach(
        (name, measured) ->
            System.out.printf(
                Locale.ROOT,
                "%s threads=%d median reads/s=%.0f%n",
                name,
                threads,
                median(measured)));
  }

  private static double median(List<Double> measured) {
    List<Double> sorted = measured.stream().sorted().toList();
    return (sorted.get((sorted.size() - 1) / 2) + sorted.get(sorted.size() / 2)) / 2;
  }

  /**
   * Makes the server log every statement with its backend's process ID, and returns its log: {@code
   * server.log} beside the data directory, where the test server keeps it.
   */
  private static Path logEveryStatement(DataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER SYSTEM SET log_min_duration_statement = 0");
      statement.execute("ALTER SYSTEM SET log_line_prefix = '%p '");
      statement.execute("SELECT pg_reload_conf()");
      try (ResultSet row = statement.executeQuery("SHOW data_directory")) {
        row.next();
        return Path.of(row.getString(1)).resolveSibling("server.log");
      }
    }
  }

  /**
   * This thread's CPU time and write and read system calls per read, over {@code reads} reads after
   * as many uncounted ones on this thread.
   */
  private static void printCalls(String name, int reads, IntConsumer reader) {
    Runnable all =
        () -> {
          for (int i = 0; i < reads; i++) {
            reader.accept(i);
          }
        };
    all.run();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long cpuBefore = cpu.getCurrentThreadCpuTime();
    long writes = ThreadIo.writeCalls(all).orElse(-reads);
    long cpuNanos = cpu.getCurrentThreadCpuTime() - cpuBefore;
    long readCalls = ThreadIo.readCalls(all).orElse(-reads);
    System.out.printf(
        Locale.ROOT,
        "%s on 1 thread: %.1f us of its CPU, %.2f write and %.2f read system calls per read%n",
        name,
        cpuNanos / 1e3 / reads,
        (double) writes / reads,
        (double) readCalls / reads);
  }

  /** Each logged statement: how many times, on how many backends, what the server did with it. */
  private static void printLogged(Path log) throws IOException {
    Map<String, List<String>> backendsOfEach = new TreeMap<>();
    for (String line : Files.readAllLines(log)) {
      Matcher logged = LOGGED.matcher(line);
      if (logged.find()) {
        backendsOfEach
            .computeIfAbsent(logged.group(2) + ": " + logged.group(3), k -> new ArrayList<>())
            .add(logged.group(1));
      }
    }
    backendsOfEach.forEach(
        (what, backends) ->
            System.out.printf(
                Locale.ROOT,
                "%8d times on %2d backends  %s%n",
                backends.size(),
                Set.copyOf(backends).size(),
                what));
  }

  /** Borrows a connection, runs {@code sql} and reads its one row, then gives it back. */
  private static void select(DataSource pool, String sql, Object... parameters) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next() || row.getString(1) == null) {
          throw new IllegalStateException("no row for " + sql + " " + List.of(parameters));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed", e);
    }
  }
}
