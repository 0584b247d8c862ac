package dev.burrow.benchmarks.harness;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.StoreOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A short command for comparing two builds, as {@link PostgresUpdateRate} is: creates per second of
 * Burrow on PostgreSQL, with generated IDs, on 1 and then 8 threads, against a throwaway server,
 * after 300 creates to warm up. It uses only the generated store and the test server, so the same
 * source compiles against an older build's jar. Prints {@code label round=R threads=T creates/s=C}
 * per round and thread count. Arguments: {@code [label] [creates] [rounds]} (2000 creates and 3
 * rounds by default).
 */
public final class PostgresCreateRate {
  private static final int WARM_UP = 300;

  private PostgresCreateRate() {}

  public static void main(String[] args) throws Exception {
    String label = args.length > 0 ? args[0] : "burrow";
    int creates = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    try (LocalPostgres server = LocalPostgres.start();
        HikariDataSource pool = server.pool(16)) {
      Path root = Files.createTempDirectory("burrow-create-rate");
      try (BenchRunStore store =
          BenchRunStore.open(pool, StoreOptions.defaults().withDataRoot(root))) {
        for (int i = 0; i < WARM_UP; i++) {
          store.create(c -> c.status("warm-up"));
        }
        for (int round = 1; round <= rounds; round++) {
          for (int threads : new int[] {1, 8}) {
            double seconds = timedCreates(store, creates, threads);
            System.out.printf(
                Locale.ROOT,
                "%s round=%d threads=%d creates/s=%.0f%n",
                label,
                round,
                threads,
                creates / seconds);
          }
        }
      }
    }
  }

  private static double timedCreates(BenchRunStore store, int creates, int threads)
      throws Exception {
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int mine = (t + 1) * creates / threads - t * creates / threads;
        done.add(
            workers.submit(
                () -> {
                  for (int i = 0; i < mine; i++) {
                    store.create(c -> c.status("new"));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      return (System.nanoTime() - start) / 1e9;
    } finally {
      workers.shutdown();
    }
  }
}
