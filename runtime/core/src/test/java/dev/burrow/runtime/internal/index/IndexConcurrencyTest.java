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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Four processes update the indexed components of shared instances while this one queries: see
 * {@link IndexChurn} for what every query must return.
 */
class IndexConcurrencyTest {
  @TempDir Path root;
  @TempDir Path scratch;

  /**
   * Under {@link Durability#FSYNC} each process puts the entries of the instances (each alone in a
   * leaf) directly in their top-level shard, and the queries read both places.
   */
  @ParameterizedTest
  @EnumSource(Durability.class)
  void queriesDuringUpdatesByFourProcessesMissNothingAndReturnNothingTwiceOrWrong(
      Durability durability) {
    Path stop = scratch.resolve("stop");
    try (CounterStore store =
        Stores.counters(root, durability, CounterSchema.indexing(STATUS, COUNT))) {
      List<Supplier<ChildJvm>> children = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String seed = Integer.toString(i);
        children.add(
            () ->
                ChildJvm.start(
                    IndexChurner.class, root.toString(), seed, stop.toString(), durability.name()));
      }
      long updates = IndexChurn.check(store, children, stop, 200);
      System.out.println(
          "index concurrency (files, "
              + durability
              + "): 200 queries during "
              + updates
              + " updates");
      assertTrue(updates > 0, "the children wrote while the queries ran");
    }
  }
}
