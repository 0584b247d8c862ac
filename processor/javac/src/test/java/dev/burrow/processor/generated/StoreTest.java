package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.VersionConflictException;
import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceDirectory;
import dev.burrow.StoreOptions;
import dev.burrow.WorkspaceProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir Path root;

  private StoreOptions options() {
    AtomicInteger ids = new AtomicInteger();
    return StoreOptions.defaults()
        .withDataRoot(root)
        .withDurability(Durability.NONE)
        .withIdGenerator(() -> "id-" + ids.incrementAndGet());
  }

  @Test
  void createStoresFreshDefaultsAsVersionOneWithItsDirectories() {
    try (TaskRunStore store = TaskRunStore.open(options())) {
      TaskRun run = store.create("run-1");
      assertEquals(1, run.version());
      assertEquals(Status.PENDING, run.status());
      assertEquals(run, store.get("run-1"));
      TaskRunDirs dirs = store.dirs("run-1");
      assertEquals("run-1", dirs.instanceId());
      assertTrue(Files.isDirectory(dirs.workspace()));
      assertTrue(Files.isDirectory(dirs.logs()));
      assertTrue(Files.isDirectory(dirs.sidecarData()));
      assertEquals(dirs.root().resolve("sidecar-data"), dirs.sidecarData());
      assertThrows(InstanceAlreadyExistsException.class, () -> store.create("run-1"));
      assertEquals("id-1", store.create().id());
    }
  }

  @Test
  void withProvisionerPreparesEachCreatedWorkspaceAndTearsItDownOnDelete() throws Exception {
    WorkspaceProvisioner<TaskRun> marker = new WorkspaceProvisioner<>() {
      @Override
      public void provision(TaskRun instance, InstanceDirectory dirs) {
        write(dirs.subdirectory("workspace").resolve("ready"), instance.id());
      }

      @Override
      public void teardown(InstanceDirectory dirs) {
        write(root.resolve("torn-down"), dirs.instanceId());
      }
    };
    try (TaskRunStore plain = TaskRunStore.open(options())) {
      TaskRunStore store = plain.withProvisioner(marker);
      store.create("run-1", c -> c.status(Status.RUNNING));
      assertEquals("run-1", Files.readString(store.dirs("run-1").workspace().resolve("ready")));
      plain.create("run-2");
      assertFalse(Files.exists(plain.dirs("run-2").workspace().resolve("ready")), "the plain store is unchanged");
      assertTrue(store.delete("run-1"));
      assertEquals("run-1", Files.readString(root.resolve("torn-down")));
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void createWithInitialChangesStoresThemAtOnce() {
    try (TaskRunStore store = TaskRunStore.open(options())) {
      TaskRun run = store.create("run-1", c -> c.status(Status.RUNNING).putParam("k", "v"));
      assertEquals(1, run.version());
      assertEquals(Map.of("k", "v"), store.get("run-1").params());
      assertEquals(Status.RUNNING, store.get("run-1").status());
    }
  }

  @Test
  void updateAppliesTypedChangesAndStampsTheManagedFields() {
    Instant now = Instant.parse("2024-05-01T00:00:00Z");
    try (TaskRunStore store = TaskRunStore.open(options().withClock(Clock.fixed(now, ZoneOffset.UTC)))) {
      store.create("run-1");
      TaskRun updated =
          store.update("run-1", c -> c.status(Status.RUNNING).putParam("k", "v").addTag("t").attempts(c.attempts() + 1));
      assertEquals(2, updated.version());
      assertEquals(now, updated.createdAt());
      assertEquals(now, updated.updatedAt());
      assertEquals(updated, store.get("run-1"));
      assertEquals(new TaskRun("run-1", 2, now, now, Status.RUNNING, Map.of("k", "v"), List.of("t"), 1, null), updated);
      assertThrows(InstanceNotFoundException.class, () -> store.update("missing", c -> c.attempts(1)));
    }
  }

  @Test
  void compareAndSetSucceedsOnTheCurrentVersionOnly() {
    try (TaskRunStore store = TaskRunStore.open(options())) {
      TaskRun created = store.create("run-1");
      TaskRun next = store.compareAndSet("run-1", 1, TaskRunChanges.of(created).status(Status.DONE).build());
      assertEquals(2, next.version());
      assertEquals(Status.DONE, store.get("run-1").status());
      VersionConflictException stale =
          assertThrows(VersionConflictException.class,
              () -> store.compareAndSet("run-1", 1, TaskRunChanges.of(created).attempts(9).build()));
      assertEquals(2, stale.actualVersion());
      assertEquals(0, store.get("run-1").attempts());
    }
  }

  @Test
  void listIsNewestFirstAndDeleteRemovesTheInstance() {
    AtomicInteger tick = new AtomicInteger();
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.EPOCH.plusSeconds(tick.incrementAndGet());
      }
    };
    try (TaskRunStore store = TaskRunStore.open(options().withClock(clock))) {
      store.create("a");
      store.create("b");
      store.create("c");
      assertEquals(List.of("c", "b", "a"), store.list().stream().map(TaskRun::id).toList());
      assertTrue(store.delete("b"));
      assertFalse(store.delete("b"));
      assertTrue(store.find("b").isEmpty());
      assertEquals(List.of("c", "a"), store.list().stream().map(TaskRun::id).toList());
    }
  }

  @Test
  void lockIsHeldUntilClosed() {
    try (TaskRunStore store = TaskRunStore.open(options())) {
      store.create("run-1");
      try (InstanceLock lock = store.lock("run-1")) {
        assertEquals("run-1", lock.instanceId());
        assertEquals(2, store.update("run-1", c -> c.attempts(1)).version());
      }
    }
  }

  @Test
  void underFailPolicyAStoredUnknownFieldIsReportedAsCorruptNamingTheFile() throws Exception {
    try (StrictStore strict = StrictStore.open(options()); LenientStore lenient = LenientStore.open(options().withDataRoot(root.resolve("lenient")))) {
      strict.create("s");
      Path document = strict.dirs("s").root().resolve("instance.json");
      String withExtra = Files.readString(document).replaceFirst("\\{", "{\"addedLater\":1,");
      Files.writeString(document, withExtra, StandardCharsets.UTF_8);
      CorruptInstanceException e = assertThrows(CorruptInstanceException.class, () -> strict.get("s"));
      assertTrue(e.getMessage().contains(document.toString()) && e.getMessage().contains("addedLater"), e.getMessage());
      assertEquals(1, strict.scan().problems().size());

      lenient.create("l");
      Path lenientDocument = lenient.dirs("l").root().resolve("instance.json");
      Files.writeString(lenientDocument, Files.readString(lenientDocument).replaceFirst("\\{", "{\"addedLater\":1,"));
      assertEquals("l", lenient.get("l").id());
    }
  }

  @Test
  void kotlinStyleStoreWorksThroughGetters() {
    try (KotlinSessionStore store = KotlinSessionStore.open(options())) {
      store.create("s");
      KotlinSession updated = store.update("s", it -> it.state(Status.DONE).addTag("x"));
      assertEquals(Status.DONE, store.get("s").getState());
      assertEquals(List.of("x"), updated.getTags());
      assertTrue(Files.isDirectory(store.dirs("s").transcripts()));
    }
  }
}
