package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Listing a kind of large documents on PostgreSQL holds one page's worth of them at a time. */
@ExtendWith(PostgresExtension.class)
class PostgresLargeDocumentsTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final int DOCUMENTS = 16;

  @TempDir Path localRoot;

  /**
   * A stream over sixteen documents of 10 MiB each (160 MiB) runs in a 128 MiB heap: its pages stop
   * at 8 MiB of documents. Before, a stream's page of 500 rows read every one of them, and the heap
   * ran out.
   */
  @Test
  void streamingLargeDocumentsStaysWithinASmallHeap(LocalPostgres server) {
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(server.sharedPool(), prefix, localRoot, LEASE)) {
      for (int i = 0; i < DOCUMENTS; i++) {
        store.create();
      }
    }
    Sql.update(
        server.sharedPool(),
        "UPDATE "
            + prefix
            + "instances SET document = replace(document, '\"status\":\"PENDING\"',"
            + " '\"status\":\"' || repeat('x', ?) || '\"')",
        10 * 1024 * 1024);

    try (ChildJvm child =
        ChildJvm.start(
            List.of(),
            List.of("-Xmx128m"),
            System.getProperty("java.class.path"),
            LargeDocumentStreamer.class,
            server.jdbcUrl(),
            prefix,
            localRoot.toString())) {
      assertEquals("streamed " + DOCUMENTS + " of 10485760 characters", child.nextLine());
      child.awaitSuccess();
    }
  }

  /**
   * Child main: {@code jdbcUrl prefix localRoot}; streams every counter and prints how many, and
   * the length of the shortest status.
   */
  public static final class LargeDocumentStreamer {
    private LargeDocumentStreamer() {}

    public static void main(String[] args) {
      try (HikariDataSource pool = LocalPostgres.pool(args[0], 1);
          CounterStore store = PgStores.counters(pool, args[1], Path.of(args[2]), LEASE)) {
        long[] streamed = {0, Long.MAX_VALUE};
        store.stream()
            .forEach(
                counter -> {
                  streamed[0]++;
                  streamed[1] = Math.min(streamed[1], counter.status().length());
                });
        System.out.println("streamed " + streamed[0] + " of " + streamed[1] + " characters");
      }
    }
  }
}
