package dev.burrow.benchmarks.harness;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.runtime.testing.LocalPostgres;
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
 * prints {@code ready}, waits for {@code go} on its standard input, makes every thread's updates,
 * then prints {@code done}.
 */
public final class PostgresHost {
  private PostgresHost() {}

  public static void main(String[] args) throws Exception {
    int updates = Integer.parseInt(args[2]);
    List<String> ids = List.of(args).subList(3, args.length);
    try (HikariDataSource pool = LocalPostgres.pool(args[0], ids.size() + 1);
        Subject store = BurrowSubject.onPostgres(pool, Path.of(args[1]))) {
      System.out.println("ready");
      System.out.flush();
      awaitGo();
      ExecutorService threads = Executors.newFixedThreadPool(ids.size());
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
      threads.shutdown();
    }
    System.out.println("done");
    System.out.flush();
  }

  private static void awaitGo() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"go".equals(in.readLine())) {
      throw new IllegalStateException("expected go on standard input");
    }
  }
}
