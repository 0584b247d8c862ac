package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.Durability;
import dev.burrow.EventLog;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.LoggedEvent;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Step;
import dev.burrow.runtime.testing.Stores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handle on an instance's files or event log whose instance was deleted meanwhile (taken before
 * the delete, or taken while a delete raced it) says the instance is gone: an {@link
 * InstanceNotFoundException}, never a storage failure a caller would retry, nor an offset it calls
 * invalid. Once an instance of that ID is created again, the handle works on it, as a new one
 * would.
 */
class DeletedInstanceHandlesTest {
  @TempDir Path root;

  @Test
  void theFilesOfADeletedInstanceSayItIsGone() {
    try (CounterStore store = Stores.counters(root, Durability.FSYNC)) {
      store.create("gone");
      InstanceFiles files = store.files("gone");
      files.write("notes/first.json", Step.of(1));
      store.delete("gone");

      assertGone(() -> files.write("notes/second.json", Step.of(2)));
      assertGone(() -> files.write("top.json", Step.of(3)));
      assertGone(() -> files.read("notes/first.json", Step.class));
      assertGone(() -> files.file("other/file.bin"));
    }
  }

  @Test
  void theEventLogOfADeletedInstanceSaysItIsGone() {
    try (CounterStore store = Stores.counters(root, Durability.FSYNC)) {
      store.create("gone");
      EventLog<Step> events = store.events("gone", Step.class);
      events.append(Step.of(1));
      long end = events.read(0).nextOffset();
      store.delete("gone");

      assertGone(() -> events.append(Step.of(2)));
      assertGone(() -> events.read(end));
      assertGone(() -> events.read(end, 10));
    }
  }

  @Test
  void theEventLogOfAnInstanceCreatedAgainTakesTheAppendIntoItsNewLog() {
    try (CounterStore store = Stores.counters(root, Durability.FSYNC)) {
      store.create("again");
      EventLog<Step> events = store.events("again", Step.class);
      events.append(Step.of(1));
      store.delete("again");
      store.create("again");

      events.append(Step.of(2));

      assertEquals(
          List.of(Step.of(2)),
          store.events("again", Step.class).read(0).events().stream()
              .map(LoggedEvent::event)
              .toList());
    }
  }

  private static void assertGone(Runnable operation) {
    InstanceNotFoundException gone = assertThrows(InstanceNotFoundException.class, operation::run);
    assertEquals("gone", gone.instanceId());
  }
}
