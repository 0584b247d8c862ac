package dev.burrow.benchmarks.harness;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Child main, one host JVM of the multi-host rows: {@code jdbcUrl localRoot updatesPerThread id...}
 * runs one thread per ID given (the same ID several times for a shared instance). Opens the store,
 * warms up (each thread makes {@value #WARM_UP} updates, so the timed ones run compiled, as in the
 * single-JVM rows), prints {@code ready}, waits for {@code go} on its standard input, makes every
 * thread's updates, then prints {@code done}.
 */
public final class PostgresHost {
  static final int WARM_UP = 300;

  private PostgresHost() {}

  public static void main(String[] args) throws Exception {
    int updates = Integer.parseInt(args[2]);
    List<String> ids = List.of(args).subList(3, args.length);
    try (HikariDataSource pool = LocalPostgres.pool(args[0], ids.size() + 1);
        Subject store = BurrowSubject.onPostgres(pool, Path.of(args[1]))) {
      ExecutorService threads = Executors.newFixedThreadPool(ids.size());
      updateAll(threads, store, ids, WARM_UP);
      System.out.println("ready");
      System.out.flush();
      awaitGo();
      updateAll(threads, store, ids, updates);
      threads.shutdown();
    }
    System.out.println("done");
    System.out.flush();
  }

  /** Every thread makes {@code updates} updates of its ID; returns when all are done. */
  private static void updateAll(
      ExecutorService threads, Subject store, List<String> ids, int updates) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (String id : ids) {
      done.add(
          threads.submit(
              () -> {
                for (int i = 0; i < updates; i++) {
                  store.update(id);
                }
              }));
    }
    for (Future<?> future : done) {
      future.get();
    }
  }

  private static void awaitGo() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"go".equals(in.readLine())) {
      throw new IllegalStateException("expected go on standard input");
    }
  }
}
