package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the instance type's own constructor throws reaches the caller of a write as it is, with
 * nothing written; a stored document the constructor refuses is reported as damaged.
 */
class ConstructorRefusalTest {
  @TempDir Path root;

  @Test
  void aWriteTheConstructorRefusesThrowsItsExceptionAndWritesNothing() {
    try (GuardedStore store = GuardedStore.open(TestStores.options(root))) {
      Guarded kept = store.create("g");

      IllegalArgumentException update =
          assertThrows(
              IllegalArgumentException.class, () -> store.update("g", c -> c.attempts(-1)));
      assertEquals("attempts must not be negative, is -1", update.getMessage());
      assertThrows(
          IllegalArgumentException.class, () -> store.updateOptimistic("g", c -> c.attempts(-2)));
      assertThrows(IllegalArgumentException.class, () -> store.create("h", c -> c.attempts(-1)));

      assertEquals(kept, store.get("g"));
      assertTrue(store.find("h").isEmpty(), "nothing created");
    }
  }

  @Test
  void aStoredDocumentTheConstructorRefusesIsDamaged() throws IOException {
    try (GuardedStore store = GuardedStore.open(TestStores.options(root))) {
      store.create("g");
      Files.writeString(
          store.dirs("g").root().resolve("instance.json"),
          "{\"id\":\"g\",\"version\":2,\"attempts\":-1}");

      CorruptInstanceException damaged =
          assertThrows(CorruptInstanceException.class, () -> store.get("g"));
      assertInstanceOf(IllegalArgumentException.class, damaged.getCause());
    }
  }
}
