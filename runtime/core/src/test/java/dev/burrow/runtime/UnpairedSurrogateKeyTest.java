package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.MisuseException;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A map key holding an unpaired surrogate is written by Jackson (as an escape) but refused by its
 * parser: a name must not hold one. The write is refused, with nothing stored, and the message says
 * what Jackson's parser said, not that the type needs a creator Jackson can use (it has one).
 */
class UnpairedSurrogateKeyTest {
  @TempDir Path root;
  private CounterStore store;
  private Counter counter;

  @BeforeEach
  void open() {
    store = Stores.counters(root, Durability.NONE);
    counter = store.create();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aDocumentMapKeyWithAnUnpairedSurrogateIsRefusedForWhatItIs() {
    assertRefusedForTheKey(
        () -> store.update(counter.id(), c -> c.withParams(Map.of("a\ud800b", "v"))));
    assertRefusedForTheKey(
        () -> store.update(counter.id(), c -> c.withParams(Map.of("\udc00", "v"))));
    assertTrue(store.get(counter.id()).params().isEmpty(), "nothing was stored");
  }

  @Test
  void aFileOrEventMapKeyWithAnUnpairedSurrogateIsRefusedForWhatItIs() {
    assertRefusedForTheKey(() -> store.files(counter.id()).write("a.json", Map.of("x\ud800", 1)));
    assertRefusedForTheKey(
        () -> store.events(counter.id(), Map.class).append(Map.of("x\ud800", 1)));
    assertRefusedForTheKey(() -> store.shared().createUnique("notes", Map.of("x\ud800", 1)));
    assertTrue(store.files(counter.id()).read("a.json", Map.class).isEmpty(), "nothing written");
  }

  private static void assertRefusedForTheKey(Executable write) {
    MisuseException e = assertThrows(MisuseException.class, write);
    assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
    assertFalse(e.getMessage().contains("creator"), e.getMessage());
  }
}
