package dev.burrow.runtime.internal.index;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.IndexChurn;
import dev.burrow.runtime.testing.IndexChurner;
import dev.burrow.runtime.testing.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four processes update the indexed components of shared instances while this one queries: see
 * {@link IndexChurn} for what every query must return.
 */
class IndexConcurrencyTest {
  @TempDir Path root;
  @TempDir Path scratch;

  @Test
  void queriesDuringUpdatesByFourProcessesMissNothingAndReturnNothingTwiceOrWrong() {
    Path stop = scratch.resolve("stop");
    try (CounterStore store =
        Stores.counters(root, Durability.NONE, CounterSchema.indexing(STATUS, COUNT))) {
      List<Supplier<ChildJvm>> children = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String seed = Integer.toString(i);
        children.add(
            () -> ChildJvm.start(IndexChurner.class, root.toString(), seed, stop.toString()));
      }
      long updates = IndexChurn.check(store, children, stop, 200);
      System.out.println("index concurrency (files): 200 queries during " + updates + " updates");
      assertTrue(updates > 0, "the children wrote while the queries ran");
    }
  }
}
