package dev.burrow.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CreatedAt;
import dev.burrow.ImportSummary;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.InstanceLock;
import dev.burrow.MisuseException;
import dev.burrow.StoreOptions;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated store's PostgreSQL surface (issue 15): typed options, writes in the caller's
 * transaction, and migration of a data root into the database, on a processor-generated schema.
 */
@ExtendWith(PostgresExtension.class)
class PostgresTypedStoreTest {
  @TempDir Path work;

  /** The instance type; the processor generates {@code PostgresTypedStoreTest_JobStore}. */
  @Instance(name = "typed-jobs", subdirectories = "logs")
  record Job(
      @InstanceId String id,
      @Version long version,
      @CreatedAt Instant createdAt,
      @UpdatedAt Instant updatedAt,
      String state,
      List<String> steps) {}

  private StoreOptions options(String root) {
    return StoreOptions.defaults().withDataRoot(work.resolve(root));
  }

  /**
   * A null argument of the typed opener is named as the caller passed it: the generated opener's
   * {@code PostgresOptions} parameter, not the {@code StoreOptions} one beside it, which the
   * message named before.
   */
  @Test
  void aNullPostgresOptionsIsNamedAsTheOpenersParameter(LocalPostgres server) {
    NullPointerException refused =
        assertThrows(
            NullPointerException.class,
            () -> PostgresTypedStoreTest_JobStore.open(server.sharedPool(), options("n"), null));
    assertEquals("postgres", refused.getMessage());
  }

  @Test
  void typedOptionsChooseTheTablesAndTheLeaseDuration(LocalPostgres server) throws Exception {
    PostgresOptions postgres =
        PostgresOptions.defaults()
            .withTablePrefix("typed_lease_")
            .withLeaseDuration(Duration.ofSeconds(42));
    try (PostgresTypedStoreTest_JobStore store =
            PostgresTypedStoreTest_JobStore.open(server.sharedPool(), options("a"), postgres);
        InstanceLock lock = store.lock(store.create().id())) {
      long seconds =
          Long.parseLong(
              single(
                  server.sharedPool(),
                  "SELECT round(extract(epoch FROM expires_at - clock_timestamp()))::bigint"
                      + " FROM typed_lease_leases"));
      assertTrue(seconds > 35 && seconds <= 42, seconds + " s left on a 42 s lease");
      assertTrue(lock.fencingToken().isPresent());
    }
  }

  @Test
  void aRollbackOfTheCallersTransactionUndoesTheTypedWrite(LocalPostgres server) throws Exception {
    DataSource pool = server.sharedPool();
    PostgresOptions postgres = PostgresOptions.defaults().withTablePrefix("typed_tx_");
    try (PostgresTypedStoreTest_JobStore store =
            PostgresTypedStoreTest_JobStore.open(pool, options("b"), postgres);
        Connection connection = pool.getConnection()) {
      Job job = store.create(c -> c.state("NEW"));
      connection.setAutoCommit(false);
      PostgresTypedStoreTest_JobStore inTransaction = store.inTransaction(connection);
      inTransaction.update(job.id(), c -> c.state("RUNNING").addStep("build"));
      assertEquals("RUNNING", inTransaction.get(job.id()).state());
      assertEquals("NEW", store.get(job.id()).state(), "not visible before the commit");
      connection.rollback();
      assertEquals(job, store.get(job.id()));

      inTransaction.update(job.id(), c -> c.state("DONE"));
      connection.commit();
      connection.setAutoCommit(true);
      assertEquals("DONE", store.get(job.id()).state());
    }
    try (PostgresTypedStoreTest_JobStore onFiles =
        PostgresTypedStoreTest_JobStore.open(options("c"))) {
      MisuseException refused =
          assertThrows(MisuseException.class, () -> onFiles.inTransaction(pool.getConnection()));
      assertTrue(refused.getMessage().contains("opened on PostgreSQL"), refused.getMessage());
    }
  }

  @Test
  void aDataRootMigratesIntoPostgresWithIdsVersionsTimestampsAndFiles(LocalPostgres server)
      throws Exception {
    PostgresOptions postgres = PostgresOptions.defaults().withTablePrefix("typed_move_");
    try (PostgresTypedStoreTest_JobStore files =
            PostgresTypedStoreTest_JobStore.open(options("files"));
        PostgresTypedStoreTest_JobStore database =
            PostgresTypedStoreTest_JobStore.open(server.sharedPool(), options("hosts"), postgres)) {
      for (int i = 0; i < 25; i++) {
        Job job = files.create(c -> c.state("NEW"));
        files.update(job.id(), c -> c.addStep("checkout"));
      }
      Job first = files.list().get(0);
      Files.writeString(files.dirs(first.id()).logs().resolve("out.txt"), "done\n");

      ImportSummary moved = files.copyTo(database);
      assertEquals(new ImportSummary(25, 0, 0, 0, 1, 0), moved);
      assertEquals(files.list(), database.list());
      AtomicInteger progress = new AtomicInteger();
      assertEquals(
          new ImportSummary(0, 0, 25, 0, 0, 0), files.copyTo(database, progress::incrementAndGet));
      assertEquals(25, progress.get());
      assertEquals("done\n", Files.readString(database.dirs(first.id()).logs().resolve("out.txt")));

      ByteArrayOutputStream export = new ByteArrayOutputStream();
      assertEquals(25, database.exportTo(export).instances());
      ImportSummary again = files.importFrom(new ByteArrayInputStream(export.toByteArray()));
      assertEquals(new ImportSummary(0, 0, 25, 0, 0, 0), again);
    }
  }

  private static String single(DataSource pool, String sql) throws Exception {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      assertTrue(rows.next());
      return rows.getString(1);
    }
  }
}
