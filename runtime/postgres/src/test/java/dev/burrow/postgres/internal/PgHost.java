package dev.burrow.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.RetryPolicy;
import dev.burrow.runtime.internal.store.Retries;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main, one "host" of the PostgreSQL store: {@code jdbcUrl prefix localRoot leaseMillis mode
 * id count}. Prints {@code ready} once the store is open, then:
 *
 * <ul>
 *   <li>{@code update}: increments counter {@code id} {@code count} times through the lock ({@code
 *       update}), then prints {@code done};
 *   <li>{@code cas}: increments it {@code count} times by read and compare-and-set, retrying on
 *       conflicts, then prints {@code done};
 *   <li>{@code hold}: locks it, prints {@code locked <holder> <epoch> <version>} and holds the
 *       lease until killed.
 * </ul>
 */
public final class PgHost {
  private PgHost() {}

  public static void main(String[] args) throws IOException {
    String mode = args[4];
    String id = args[5];
    int count = Integer.parseInt(args[6]);
    try (HikariDataSource pool = LocalPostgres.pool(args[0], 2);
        CounterStore store =
            PgStores.counters(
                pool, args[1], Path.of(args[2]), Duration.ofMillis(Long.parseLong(args[3])))) {
      System.out.println("ready");
      System.out.flush();
      switch (mode) {
        case "update" -> {
          for (int i = 0; i < count; i++) {
            store.update(id, Counter::incremented);
          }
        }
        case "cas" -> {
          RetryPolicy retries =
              RetryPolicy.defaults().withMaxAttempts(10_000).withMaxTotal(Duration.ofMinutes(2));
          for (int i = 0; i < count; i++) {
            Retries.run(
                retries,
                () -> {
                  Counter current = store.get(id);
                  return store.compareAndSet(current.incremented());
                });
          }
        }
        case "hold" -> {
          LeaseLock lock = (LeaseLock) store.lock(id);
          Fence fence = lock.fence();
          System.out.println(
              "locked " + fence.holder() + " " + fence.epoch() + " " + store.get(id).version());
          System.out.flush();
          while (System.in.read() >= 0) {
            // holds the lease until killed
          }
        }
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      }
    }
    System.out.println("done");
  }
}
