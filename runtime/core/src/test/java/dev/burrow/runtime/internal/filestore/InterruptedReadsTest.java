package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.EventLog;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Interrupts;
import dev.burrow.runtime.testing.Step;
import dev.burrow.runtime.testing.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read on a thread whose interrupt status is set (a task cancelled with {@code
 * Future.cancel(true)}, say) is an interrupted operation, never damage: the interrupt closes the
 * channel the read opened, which once looked like a FIFO swapped in for the file.
 */
class InterruptedReadsTest {
  @TempDir Path dir;

  private static void interrupted(Executable read) {
    Interrupts.onInterruptedThread(read);
  }

  @Test
  void aReadOnAnInterruptedThreadThrowsAndReportsNoDamage() {
    try (CounterStore writer = Stores.counters(dir, Durability.NONE)) {
      writer.create("run");
      writer.create("other");
      writer.events("run", Step.class).append(Step.of(0));
    }
    List<CorruptInstanceException> reported = new ArrayList<>();
    try (CounterStore store =
        new CounterStore(
            StoreEngine.open(
                CounterSchema.INSTANCE,
                StoreOptions.defaults()
                    .withDataRoot(dir)
                    .withDurability(Durability.NONE)
                    .withCorruptionListener(reported::add)))) {
      EventLog<Step> log = store.events("run", Step.class);
      interrupted(() -> store.get("run"));
      interrupted(() -> store.list());
      interrupted(() -> log.read(0));
      assertEquals(List.of(), reported, "nothing is reported damaged");

      assertEquals(1, log.read(0).events().size());
      assertEquals(2, store.list().size());
      assertEquals("run", store.get("run").id());
    }
  }
}
