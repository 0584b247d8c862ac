package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.LocalPostgres;
import dev.burrow.runtime.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The generated typed store, opened on a real PostgreSQL server instead of the file system. */
@ExtendWith(PostgresExtension.class)
class PostgresStoreTest {
  @TempDir Path localRoot;

  @Test
  void theSameTypedApiRunsOnPostgres(LocalPostgres server) {
    StoreOptions options = StoreOptions.defaults().withDataRoot(localRoot);
    try (TaskRunStore store = TaskRunStore.open(server.sharedPool(), options)) {
      TaskRun created = store.create();
      assertTrue(created.id().chars().allMatch(Character::isDigit), created.id());

      TaskRun updated = store.update(created.id(),
          c -> c.status(Status.RUNNING).putParam("k", "v").addTag("typed"));

      assertEquals(2, updated.version());
      assertEquals(updated, store.get(created.id()));
      assertEquals("v", store.get(created.id()).params().get("k"));
      assertThrows(InstanceAlreadyExistsException.class, () -> store.create(created.id()));
      assertTrue(Files.isDirectory(store.dirs(created.id()).workspace()));
      assertTrue(store.list().stream().anyMatch(r -> r.id().equals(created.id())));
      assertTrue(store.delete(created.id()));
    }
  }
}
