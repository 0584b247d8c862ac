package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.Durability;
import dev.burrow.runtime.testing.ChildJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract lines 3 and 4 across processes: four JVMs increment one counter 500 times each, started
 * together, under the instance's lock or by compare-and-set with retries. Not one increment may be
 * lost or applied twice.
 */
class ContentionTest {
  private static final int CHILDREN = 4;
  private static final int INCREMENTS_EACH = 500;

  @TempDir Path root;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lock", "cas"})
  void fourProcessesIncrementingOneCounterLoseNoUpdate(String mode) {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("shared");
    }
    List<ChildJvm> children = new ArrayList<>();
    long conflicts = 0;
    try {
      for (int i = 0; i < CHILDREN; i++) {
        children.add(
            ChildJvm.start(
                Contender.class,
                root.toString(),
                "shared",
                Integer.toString(INCREMENTS_EACH),
                mode));
      }
      children.forEach(child -> child.awaitLine("ready"));
      children.forEach(child -> child.send("go"));
      for (ChildJvm child : children) {
        String done = child.nextLine();
        conflicts += Long.parseLong(done.substring("done ".length()));
        child.awaitSuccess();
      }
    } finally {
      children.forEach(ChildJvm::close);
    }
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      Counter result = store.get("shared");
      assertEquals(CHILDREN * INCREMENTS_EACH, result.count());
      assertEquals(CHILDREN * INCREMENTS_EACH + 1, result.version());
    }
    System.out.printf(
        "contention (%s): %d processes x %d increments, final count %d, %d"
            + " version conflicts retried%n",
        mode, CHILDREN, INCREMENTS_EACH, CHILDREN * INCREMENTS_EACH, conflicts);
  }
}
