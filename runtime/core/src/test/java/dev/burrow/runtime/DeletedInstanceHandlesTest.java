package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.LoggedEvent;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Step;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handle on an instance's files or event log whose instance was deleted meanwhile (taken before
 * the delete, or taken while a delete raced it) says the instance is gone: an {@link
 * InstanceNotFoundException}, never a storage failure a caller would retry, nor an offset it calls
 * invalid. Once an instance of that ID is created again, the handle works on it, as a new one
 * would, but for an event log's offsets into the deleted instance's log, which it still refuses.
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

  /**
   * An offset into the log of an instance deleted since is in no log of the instance created again
   * with its ID: a read from it says the instance it was in is gone, whatever the new log holds
   * (nothing yet, or lines starting where the old one's did), and never reads the new log from
   * there. The handle reads the new log from 0 and goes on from the offsets it hands out then.
   */
  @Test
  void anOffsetIntoTheLogOfAnInstanceCreatedAgainSaysTheInstanceItWasInIsGone() throws IOException {
    try (CounterStore store = Stores.counters(root, Durability.FSYNC)) {
      store.create("again");
      EventLog<Step> events = store.events("again", Step.class);
      events.append(Step.of(1));
      long second = events.append(Step.of(2));
      long end = events.read(0).nextOffset();
      // Held open, the deleted instance's directory keeps its inode, which the new one's could
      // otherwise be given once the trash remover removed it.
      try (DirectoryStream<Path> held =
          Files.newDirectoryStream(events.file().getParent().getParent())) {
        store.delete("again");
        store.create("again");
        EventLog<Step> taken = store.events("again", Step.class);

        assertGone("again", () -> events.read(second));
        taken.append(Step.of(3));
        taken.append(Step.of(4));
        taken.append(Step.of(5));
        assertGone("again", () -> events.read(second));
        assertGone("again", () -> events.read(end, 10));

        EventBatch<Step> all = events.read(0);
        assertEquals(List.of(Step.of(3), Step.of(4), Step.of(5)), all.values());
        long sixth = events.append(Step.of(6));
        assertEquals(
            List.of(Step.of(5), Step.of(6)), events.read(all.events().get(2).offset()).values());
        assertEquals(List.of(Step.of(6)), events.read(sixth).values());
      }
    }
  }

  private static void assertGone(Runnable operation) {
    assertGone("gone", operation);
  }

  private static void assertGone(String id, Runnable operation) {
    InstanceNotFoundException gone = assertThrows(InstanceNotFoundException.class, operation::run);
    assertEquals(id, gone.instanceId());
  }
}
