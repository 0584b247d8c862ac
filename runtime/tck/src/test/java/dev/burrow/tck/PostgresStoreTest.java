package dev.burrow.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceId;
import dev.burrow.StoreOptions;
import dev.burrow.Version;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The generated typed store, opened on a real PostgreSQL server instead of the file system. */
@ExtendWith(PostgresExtension.class)
class PostgresStoreTest {
  @TempDir Path localRoot;

  /** The instance type; the processor generates {@code PostgresStoreTest_RunStore}. */
  @Instance(name = "pg-runs", subdirectories = "workspace")
  record Run(
      @InstanceId String id,
      @Version long version,
      @Default("PENDING") Status status,
      Map<String, String> params,
      List<String> tags) {

    enum Status {
      PENDING,
      RUNNING
    }
  }

  @Test
  void theSameTypedApiRunsOnPostgres(LocalPostgres server) {
    StoreOptions options = StoreOptions.defaults().withDataRoot(localRoot);
    try (PostgresStoreTest_RunStore store =
        PostgresStoreTest_RunStore.open(server.sharedPool(), options)) {
      Run created = store.create(c -> c.putParam("k", "v"));
      assertTrue(created.id().chars().allMatch(Character::isDigit), created.id());
      assertEquals(1, created.version());

      Run updated = store.update(created.id(), c -> c.status(Run.Status.RUNNING).addTag("typed"));

      assertEquals(2, updated.version());
      assertEquals(updated, store.get(created.id()));
      assertEquals("v", store.get(created.id()).params().get("k"));
      assertThrows(InstanceAlreadyExistsException.class, () -> store.create(created.id()));
      assertTrue(Files.isDirectory(store.dirs(created.id()).workspace()));
      assertTrue(store.list().stream().anyMatch(r -> r.id().equals(created.id())));
      assertTrue(store.delete(created.id()));
    }
  }

  @Test
  void postgresOptionsAndTheBackendOpenerReachTheSameTables(LocalPostgres server) {
    StoreOptions options = StoreOptions.defaults().withDataRoot(localRoot);
    PostgresOptions prefixed = PostgresOptions.defaults().withTablePrefix("typed_");
    try (PostgresStoreTest_RunStore typed =
            PostgresStoreTest_RunStore.open(server.sharedPool(), options, prefixed);
        PostgresStoreTest_RunStore viaBackend =
            PostgresStoreTest_RunStore.open(
                PostgresBackend.of(server.sharedPool(), prefixed), options)) {
      Run created = typed.create();
      assertEquals(created, viaBackend.get(created.id()));
      assertTrue(viaBackend.delete(created.id()));
    }
  }
}
