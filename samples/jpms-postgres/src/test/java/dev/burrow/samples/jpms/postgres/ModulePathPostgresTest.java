package dev.burrow.samples.jpms.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.PageRequest;
import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.samples.jpms.postgres.Parcel.Status;
import dev.burrow.test.TempDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module's stores on a real PostgreSQL server, run inside the named module with Burrow's
 * modules on the module path: what a JPMS user of the PostgreSQL backend relies on, from the
 * openers the processor generates to the data root's record that the backend's own types keep with
 * Jackson.
 */
class ModulePathPostgresTest {
  @Test
  void theStoreAndTheBackendAreNamedModules() {
    assertEquals("dev.burrow.samples.jpms.postgres", ParcelStore.class.getModule().getName());
    assertEquals("dev.burrow.postgres", PostgresOptions.class.getModule().getName());
  }

  @Test
  void aParcelKeptInPostgresIsThereWhenTheStoreIsOpenedAgain(
      @TempDatabase DataSource db, @TempDir Path root) {
    StoreOptions options = StoreOptions.defaults().withDataRoot(root);
    Parcel shipped;
    try (ParcelStore store = ParcelStore.open(db, options)) {
      Parcel packed = store.create(p -> p.destination(new Destination("Oslo", "NO")));
      shipped = store.update(packed.id(), p -> p.status(Status.SHIPPED));
      store.events(packed.id(), Shipped.class).append(new Shipped("Posten"));
    }

    try (ParcelStore store = ParcelStore.open(db, options)) {
      assertEquals(shipped, store.get(shipped.id()));
      assertEquals(
          List.of(shipped), store.findByStatus(Status.SHIPPED, PageRequest.first(10)).items());
      assertEquals(
          List.of(new Shipped("Posten")),
          store.events(shipped.id(), Shipped.class).read(0).values());
    }
  }

  @Test
  void parcelsOnFilesMoveToPostgresAndChangeInTheCallersTransaction(
      @TempDatabase DataSource db, @TempDir Path files, @TempDir Path hostRoot)
      throws SQLException {
    String id;
    try (ParcelStore onFiles = ParcelStore.open(files)) {
      id = onFiles.create(p -> p.destination(new Destination("Lima", "PE"))).id();
      try (ParcelStore rows =
          ParcelStore.open(db, StoreOptions.defaults().withDataRoot(hostRoot))) {
        assertEquals(1, onFiles.copyTo(rows).created());
      }
    }

    try (ParcelStore rows = ParcelStore.open(db, StoreOptions.defaults().withDataRoot(hostRoot));
        Connection connection = db.getConnection()) {
      connection.setAutoCommit(false);
      rows.inTransaction(connection).update(id, p -> p.status(Status.SHIPPED));
      connection.commit();

      assertEquals(Status.SHIPPED, rows.get(id).status());
      assertEquals(new Destination("Lima", "PE"), rows.get(id).destination());
    }
  }
}
