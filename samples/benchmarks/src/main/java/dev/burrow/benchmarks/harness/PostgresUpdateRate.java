package dev.burrow.benchmarks.harness;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.StoreOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * A short command for comparing two builds: updates per second of Burrow on PostgreSQL with 1 and 8
 * threads, each thread on its own instances, against a throwaway server. It uses only the generated
 * store and the test server, so the same source compiles against an older build's jar; run the two
 * builds in turn, several times, to compare them under the same load. Prints {@code label threads=T
 * updates/s=R} per thread count. Arguments: {@code [label] [updates] [wal]} (1000 updates by
 * default). With {@code wal}, each line also gives the server's WAL syncs per update ({@code
 * pg_stat_wal.wal_sync}, read before and after the timed updates, each time 12 s after the last
 * write, as the server's processes report their counts within 10 s of going idle); the waits are
 * not timed.
 */
public final class PostgresUpdateRate {
  private PostgresUpdateRate() {}

  public static void main(String[] args) throws Exception {
    String label = args.length > 0 ? args[0] : "burrow";
    int updates = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    boolean wal = args.length > 2 && args[2].equals("wal");
    try (LocalPostgres server = LocalPostgres.start();
        HikariDataSource pool = server.pool(16)) {
      Path root = Files.createTempDirectory("burrow-update-rate");
      try (BenchRunStore store =
          BenchRunStore.open(pool, StoreOptions.defaults().withDataRoot(root))) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < updates; i++) {
          ids.add(store.create(c -> c.status("new")).id());
        }
        for (String id : ids.subList(0, Math.min(300, updates))) {
          store.update(id, c -> c.counter(c.counter() + 1)); // warm-up
        }
        for (int threads : new int[] {1, 8}) {
          long syncs = wal ? settledWalSyncs(pool) : 0;
          ExecutorService workers = Executors.newFixedThreadPool(threads);
          long start = System.nanoTime();
          List<Future<?>> done = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            List<String> mine = ids.subList(t * updates / threads, (t + 1) * updates / threads);
            done.add(
                workers.submit(
                    () ->
                        mine.forEach(
                            id ->
                                store.update(
                                    id, c -> c.status("running").counter(c.counter() + 1)))));
          }
          for (Future<?> future : done) {
            future.get();
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          workers.shutdown();
          String perUpdate =
              wal
                  ? String.format(
                      Locale.ROOT,
                      " wal-syncs/update=%.2f",
                      (settledWalSyncs(pool) - syncs) / (double) updates)
                  : "";
          System.out.printf(
              Locale.ROOT,
              "%s threads=%d updates/s=%.0f%s%n",
              label,
              threads,
              updates / seconds,
              perUpdate);
        }
      }
    }
  }

  /** The server's WAL syncs so far, once its processes have reported them. */
  private static long settledWalSyncs(DataSource pool) throws SQLException, InterruptedException {
    Thread.sleep(12_000);
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT wal_sync FROM pg_stat_wal")) {
      row.next();
      return row.getLong(1);
    }
  }
}
