package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.PruneReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removing instances in bulk through a generated store. */
class StoreRetentionTest {
  @TempDir Path root;

  @Test
  void deleteOlderThanAndPruneRemoveWhatTheyChooseAndSaySo() {
    try (TaskRunStore store =
        TaskRunStore.open(TestStores.options(root).withClock(TestStores.ticking()))) {
      for (String id : List.of("a", "b", "c", "d")) {
        store.create(id); // created at 1, 2, 3 and 4 seconds
      }

      List<String> told = new ArrayList<>();
      PruneReport old = store.deleteOlderThan(Duration.ofMillis(2500), run -> told.add(run.id()));
      PruneReport chosen = store.prune(run -> run.id().equals("c"));

      assertEquals(new PruneReport(4, 2, 0, List.of(), 0, List.of()), old);
      assertEquals(List.of("b", "a"), told);
      assertEquals(new PruneReport(2, 1, 0, List.of(), 0, List.of()), chosen);
      assertEquals(List.of("d"), store.list().stream().map(TaskRun::id).toList());
    }
  }

  @Test
  void onlyATypeWithACreationTimeHasDeleteOlderThan() {
    assertTrue(hasDeleteOlderThan(TaskRunStore.class));
    assertFalse(hasDeleteOlderThan(StrictStore.class));
  }

  private static boolean hasDeleteOlderThan(Class<?> store) {
    return Arrays.stream(store.getMethods()).anyMatch(m -> m.getName().equals("deleteOlderThan"));
  }
}
