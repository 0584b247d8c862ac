package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.InstanceLock;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing a kind of large documents on PostgreSQL holds one page's worth of them at a time; an
 * update of a document over the limit never fetches it.
 */
@ExtendWith(PostgresExtension.class)
class PostgresLargeDocumentsTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final int DOCUMENTS = 16;

  /** An oversized document larger than a child's whole heap. */
  private static final int HUGE_BYTES = 96 * 1024 * 1024;

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
   * Every update of a row whose document, written behind Burrow's back, is over the limit fails as
   * a read of it does, names the row and writes nothing, in a 64 MiB heap though the document is 96
   * MiB: the server never sends it. Before, {@code update}'s row lock ({@code SELECT … FOR UPDATE})
   * fetched the whole document before any check, and ran the heap out.
   */
  @Test
  void updatingAnOversizedDocumentNeverFetchesIt(LocalPostgres server) {
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(server.sharedPool(), prefix, localRoot, LEASE)) {
      store.create("huge");
    }
    String table = prefix + "instances";
    Sql.update(
        server.sharedPool(),
        "UPDATE " + table + " SET document = document || repeat(' ', ?) WHERE id = 'huge'",
        HUGE_BYTES);
    String row = "SELECT version || ' ' || octet_length(document) FROM " + table;
    List<String> before = Sql.column(server.sharedPool(), row);
    String stored = before.get(0).split(" ")[1];

    try (ChildJvm child =
        ChildJvm.start(
            List.of(),
            List.of("-Xmx64m"),
            System.getProperty("java.class.path"),
            OversizedUpdater.class,
            server.jdbcUrl(),
            prefix,
            localRoot.toString())) {
      String refused =
          "CorruptInstanceException: "
              + table
              + " row (kind 'counters', id 'huge'): it is "
              + stored
              + " bytes, more than the limit of "
              + CheckedSchema.MAX_DOCUMENT_BYTES;
      for (String update : List.of("update", "locked update", "joined update", "optimistic")) {
        assertEquals(update + ": " + refused, child.nextLine());
      }
      child.awaitSuccess();
    }
    assertEquals(before, Sql.column(server.sharedPool(), row));
  }

  /**
   * Child main: {@code jdbcUrl prefix localRoot}; updates instance {@code huge} in each way an
   * update reads it (plain, under its lock, in a caller's transaction, optimistic) and prints what
   * each threw.
   */
  public static final class OversizedUpdater {
    private OversizedUpdater() {}

    public static void main(String[] args) throws SQLException {
      try (HikariDataSource pool = LocalPostgres.pool(args[0], 3);
          CounterStore store = PgStores.counters(pool, args[1], Path.of(args[2]), LEASE)) {
        attempt("update", () -> store.update("huge", Counter::incremented));
        try (InstanceLock lock = store.lock("huge")) {
          attempt("locked update", () -> store.update("huge", Counter::incremented));
        }
        try (Connection caller = pool.getConnection()) {
          caller.setAutoCommit(false);
          CounterStore joined =
              new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
          attempt("joined update", () -> joined.update("huge", Counter::incremented));
          caller.rollback();
          caller.setAutoCommit(true);
        }
        attempt("optimistic", () -> store.updateOptimistic("huge", Counter::incremented));
      }
    }

    private static void attempt(String what, Runnable update) {
      try {
        update.run();
        System.out.println(what + ": written");
      } catch (RuntimeException e) {
        System.out.println(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
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
