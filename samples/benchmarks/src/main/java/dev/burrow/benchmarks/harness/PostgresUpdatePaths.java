package dev.burrow.benchmarks.harness;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.StoreOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Updates per second of Burrow on PostgreSQL by how the row was last written, on 1 and 8 threads,
 * against a throwaway server, for comparing two builds (it uses only the generated store and the
 * test server, so the same source compiles against an older build's jar):
 *
 * <ul>
 *   <li>{@code first}: the first update of each of {@code n} rows just created;
 *   <li>{@code again}: each of those rows updated again, so the store wrote it last;
 *   <li>{@code after-other}: each row updated by a second store on the same tables, then by the
 *       first, which no longer wrote it last;
 *   <li>{@code one-row}: {@code n} updates of one row, by all the threads at once.
 * </ul>
 *
 * <p>Threads take the next row from a shared counter ({@link Phase}), so in the first three no two
 * threads update one row at once. Arguments: {@code [label] [n] [rounds]} (defaults {@code burrow},
 * 2,000 and 3). Prints each round and the medians.
 */
public final class PostgresUpdatePaths {
  private static final int[] THREADS = {1, 8};

  private PostgresUpdatePaths() {}

  public static void main(String[] args) throws Exception {
    String label = args.length > 0 ? args[0] : "burrow";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    try (LocalPostgres server = LocalPostgres.start();
        HikariDataSource pool = server.pool(16)) {
      Path root = Files.createTempDirectory("burrow-update-paths");
      StoreOptions options = StoreOptions.defaults().withDataRoot(root);
      try (BenchRunStore store = BenchRunStore.open(pool, options);
          BenchRunStore other =
              BenchRunStore.open(pool, options.withDataRoot(root.resolve("other")))) {
        for (int round = 0; round < rounds; round++) {
          for (int threads : THREADS) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              ids.add(store.create(c -> c.status("new")).id());
            }
            IntConsumer update = i -> store.update(ids.get(i), PostgresUpdatePaths::change);
            record(rates, label, round, threads, "first", n, Phase.seconds(n, threads, update));
            record(rates, label, round, threads, "again", n, Phase.seconds(n, threads, update));
            ids.forEach(id -> other.update(id, PostgresUpdatePaths::change));
            double afterOther = Phase.seconds(n, threads, update);
            record(rates, label, round, threads, "after-other", n, afterOther);
            String row = ids.get(0);
            double oneRow =
                Phase.seconds(n, threads, i -> store.update(row, PostgresUpdatePaths::change));
            record(rates, label, round, threads, "one-row", n, oneRow);
          }
        }
      }
    }
    rates.forEach(
        (key, values) ->
            System.out.printf(
                Locale.ROOT,
                "%s median of %d rounds: %s %.0f/s%n",
                label,
                rounds,
                key,
                median(values)));
  }

  private static void change(BenchRunChanges changes) {
    changes.status("running").counter(changes.counter() + 1);
  }

  private static void record(
      Map<String, List<Double>> rates,
      String label,
      int round,
      int threads,
      String path,
      int n,
      double seconds) {
    double rate = n / seconds;
    String key = "threads=" + threads + " " + path;
    rates.computeIfAbsent(key, k -> new ArrayList<>()).add(rate);
    System.out.printf(Locale.ROOT, "%s round %d %s %.0f/s%n", label, round, key, rate);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
