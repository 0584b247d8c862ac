package dev.burrow.runtime.backend.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.VersionConflictException;
import dev.burrow.spi.StorageBackend;
import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write of {@code update} that skips the second read is only taken under the lock. */
class ReplaceLockedTest {
  @TempDir Path root;

  @Test
  void withoutTheLockHeldAStaleVersionStillFailsAndNothingIsWritten() {
    try (StoreEngine<Counter> store = Stores.counters(root, Durability.NONE)) {
      Counter created = store.create("c-1");
      store.update("c-1", Counter::incremented);
      StorageBackend<Counter> backend = store.backend();
      assertThrows(VersionConflictException.class,
          () -> backend.replaceLocked("c-1", 1, created.incremented()));
      assertEquals(2, store.get("c-1").version());
    }
  }

  @Test
  void underTheLockItWritesTheNextVersion() {
    try (StoreEngine<Counter> store = Stores.counters(root, Durability.NONE)) {
      Counter created = store.create("c-1");
      try (InstanceLock lock = store.lock("c-1")) {
        store.backend().replaceLocked("c-1", 1,
            new Counter("c-1", 2, created.createdAt(), created.updatedAt(), created.status(), 7,
                created.params()));
      }
      assertEquals(7, store.get("c-1").count());
      assertEquals(2, store.get("c-1").version());
    }
  }
}
