package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.EventLog;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.Session;
import dev.burrow.SessionFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event logs, instance files, shared files and sessions through a generated store. */
class StoreFilesTest {
  @TempDir Path root;
  private TaskRunStore store;

  /** An event, as Jackson maps it. */
  record Step(String name, int number) {}

  @BeforeEach
  void open() {
    store = TaskRunStore.open(TestStores.options(root));
    store.create("run-1");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void eventsAreAppendedAndReadBackTyped() {
    EventLog<Step> log = store.events("run-1", Step.class);
    log.append(new Step("clone", 1));
    log.append(new Step("build", 2));
    assertEquals(List.of(new Step("clone", 1), new Step("build", 2)), log.read(0).values());
    assertTrue(log.file().startsWith(store.dirs("run-1").root()));
    assertThrows(InstanceNotFoundException.class, () -> store.events("missing", Step.class));
  }

  @Test
  void instanceFilesAreConfinedToTheInstance() {
    InstanceFiles files = store.files("run-1");
    files.write("logs/checkpoint.json", new Step("test", 3));
    assertEquals(new Step("test", 3), files.read("logs/checkpoint.json", Step.class).orElseThrow());
    assertEquals(store.dirs("run-1").root(), files.directory().root());
    assertThrows(InstanceNotFoundException.class, () -> store.files("missing"));
  }

  @Test
  void sharedFilesAreSharedByEveryInstance() {
    Supplier<Step> zero = () -> new Step("n", 0);
    store
        .shared()
        .document("counter", Step.class, zero)
        .update(step -> new Step(step.name(), step.number() + 1));
    assertEquals(1, store.shared().document("counter", Step.class, zero).read().number());
    String id = store.shared().createUnique("reports", new Step("r", 9));
    assertEquals(
        new Step("r", 9), store.shared().readUnique("reports", id, Step.class).orElseThrow());
  }

  @Test
  void sessionsShareOnePreparation() {
    AtomicInteger preparations = new AtomicInteger();
    SessionFactory<TaskRun, String> sessions =
        store.sessions(() -> "prepared-" + preparations.incrementAndGet());
    assertFalse(sessions.isPrepared());
    Session<TaskRun, String> existing = sessions.open("run-1");
    Session<TaskRun, String> created = sessions.create();
    assertEquals("run-1", existing.instance().id());
    assertEquals(1, created.instance().version());
    assertEquals("prepared-1", existing.prepared());
    assertEquals("prepared-1", created.prepared());
    assertEquals(1, preparations.get());
  }
}
