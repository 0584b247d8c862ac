package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.InvalidIdException;
import dev.burrow.MisuseException;
import dev.burrow.VersionConflictException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, reading, changing and deleting instances through a generated store. */
class StoreTest {
  @TempDir Path root;

  private TaskRunStore open() {
    return TaskRunStore.open(TestStores.options(root));
  }

  @Test
  void createStoresFreshDefaultsAsVersionOneWithItsDirectories() {
    try (TaskRunStore store = open()) {
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
      assertThrows(InvalidIdException.class, () -> store.create("../escape"));
    }
  }

  @Test
  void createWithoutAnIdTakesOneFromTheGenerator() {
    try (TaskRunStore store = open()) {
      TaskRun run = store.create();
      assertEquals("id-1", run.id());
      assertEquals(1, run.version());
      assertEquals(run, store.get("id-1"));
    }
  }

  @Test
  void createWithInitialValuesUnderAGeneratedIdIsOneWrite() {
    try (TaskRunStore store = open()) {
      TaskRun run = store.create(c -> c.status(Status.RUNNING).putParam("k", "v"));
      assertEquals("id-1", run.id());
      assertEquals(1, run.version(), "one write: a second one would make version 2");
      assertEquals(run.createdAt(), run.updatedAt());
      assertEquals(run, store.get("id-1"));
      assertEquals(Map.of("k", "v"), store.get("id-1").params());
    }
  }

  @Test
  void createWithInitialValuesUnderAGivenIdIsOneWrite() {
    try (TaskRunStore store = open()) {
      TaskRun run = store.create("run-1", c -> c.status(Status.RUNNING).putParam("k", "v"));
      assertEquals(1, run.version());
      assertEquals(Status.RUNNING, store.get("run-1").status());
      assertThrows(
          InstanceAlreadyExistsException.class, () -> store.create("run-1", c -> c.attempts(1)));
      assertEquals(0, store.get("run-1").attempts(), "nothing is changed");
    }
  }

  @Test
  void anInitialChangeThatFailsCreatesNothing() {
    try (TaskRunStore store = open()) {
      assertThrows(MisuseException.class, () -> store.create("run-1", c -> c.status(null)));
      assertTrue(store.find("run-1").isEmpty());
      assertThrows(
          IllegalStateException.class,
          () ->
              store.create(
                  c -> {
                    throw new IllegalStateException("refused");
                  }));
      assertTrue(store.list().isEmpty());
    }
  }

  @Test
  void getFailsAndFindIsEmptyForAMissingInstance() {
    try (TaskRunStore store = open()) {
      assertThrows(InstanceNotFoundException.class, () -> store.get("missing"));
      assertTrue(store.find("missing").isEmpty());
      TaskRun created = store.create("run-1");
      assertEquals(created, store.find("run-1").orElseThrow());
    }
  }

  @Test
  void updateAppliesTypedChangesAndStampsTheManagedFields() {
    Instant now = Instant.parse("2024-05-01T00:00:00Z");
    try (TaskRunStore store =
        TaskRunStore.open(TestStores.options(root).withClock(Clock.fixed(now, ZoneOffset.UTC)))) {
      store.create("run-1");
      TaskRun updated =
          store.update(
              "run-1",
              c ->
                  c.status(Status.RUNNING)
                      .putParam("k", "v")
                      .addTag("t")
                      .attempts(c.attempts() + 1));
      assertEquals(2, updated.version());
      assertEquals(now, updated.createdAt());
      assertEquals(now, updated.updatedAt());
      assertEquals(updated, store.get("run-1"));
      assertEquals(
          new TaskRun(
              "run-1", 2, now, now, Status.RUNNING, Map.of("k", "v"), List.of("t"), 1, null),
          updated);
      assertThrows(
          InstanceNotFoundException.class, () -> store.update("missing", c -> c.attempts(1)));
    }
  }

  @Test
  void updateOptimisticRetriesAChangeThatLostARace() {
    try (TaskRunStore store = open()) {
      store.create("run-1");
      AtomicInteger runs = new AtomicInteger();
      TaskRun updated =
          store.updateOptimistic(
              "run-1",
              c -> {
                if (runs.incrementAndGet() == 1) {
                  CompletableFuture.runAsync(
                          () -> store.update("run-1", other -> other.addTag("concurrent")))
                      .join();
                }
                c.attempts(c.attempts() + 1);
              });
      assertEquals(2, runs.get(), "the first attempt lost to the concurrent write");
      assertEquals(3, updated.version());
      assertEquals(List.of("concurrent"), updated.tags(), "the concurrent write is kept");
      assertEquals(1, updated.attempts());
      assertEquals(updated, store.get("run-1"));
    }
  }

  @Test
  void compareAndSetTakesTheExpectedVersionFromTheValue() {
    try (TaskRunStore store = open()) {
      TaskRun created = store.create("run-1");
      TaskRun next = store.compareAndSet(TaskRunChanges.of(created).status(Status.DONE).build());
      assertEquals(2, next.version());
      assertEquals(Status.DONE, store.get("run-1").status());
      VersionConflictException stale =
          assertThrows(
              VersionConflictException.class,
              () -> store.compareAndSet(TaskRunChanges.of(created).attempts(9).build()));
      assertEquals(2, stale.actualVersion());
      assertEquals(0, store.get("run-1").attempts(), "nothing is written");
      TaskRun missing = TaskRunSchema.INSTANCE.fresh("missing");
      assertThrows(InstanceNotFoundException.class, () -> store.compareAndSet(missing));
    }
  }

  @Test
  void deleteRemovesTheInstanceAndItsDirectory() {
    try (TaskRunStore store = open()) {
      Path directory = store.dirs(store.create("run-1").id()).root();
      assertTrue(store.delete("run-1"));
      assertFalse(store.delete("run-1"));
      assertTrue(store.find("run-1").isEmpty());
      assertFalse(Files.exists(directory));
    }
  }

  @Test
  void withProvisionerPreparesEachCreatedWorkspaceAndTearsItDownOnDelete() throws Exception {
    WorkspaceProvisioner<TaskRun> marker =
        new WorkspaceProvisioner<>() {
          @Override
          public void provision(TaskRun instance, InstanceDirectory dirs) {
            write(dirs.subdirectory("workspace").resolve("ready"), instance.id());
          }

          @Override
          public void teardown(InstanceDirectory dirs) {
            write(root.resolve("torn-down"), dirs.instanceId());
          }
        };
    try (TaskRunStore plain = open()) {
      TaskRunStore store = plain.withProvisioner(marker);
      store.create("run-1", c -> c.status(Status.RUNNING));
      assertEquals("run-1", Files.readString(store.dirs("run-1").workspace().resolve("ready")));
      plain.create("run-2");
      assertFalse(
          Files.exists(plain.dirs("run-2").workspace().resolve("ready")),
          "the plain store is unchanged");
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
  void underFailPolicyAStoredUnknownFieldIsReportedAsCorruptNamingTheFile() throws Exception {
    try (StrictStore strict = StrictStore.open(TestStores.options(root));
        LenientStore lenient = LenientStore.open(TestStores.options(root.resolve("lenient")))) {
      strict.create("s");
      Path document = strict.dirs("s").root().resolve("instance.json");
      String withExtra = Files.readString(document).replaceFirst("\\{", "{\"addedLater\":1,");
      Files.writeString(document, withExtra, StandardCharsets.UTF_8);
      CorruptInstanceException e =
          assertThrows(CorruptInstanceException.class, () -> strict.get("s"));
      assertTrue(e.getMessage().contains(document.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("addedLater"), e.getMessage());
      assertEquals(1, strict.scan().problems().size());

      lenient.create("l");
      Path lenientDocument = lenient.dirs("l").root().resolve("instance.json");
      Files.writeString(
          lenientDocument,
          Files.readString(lenientDocument).replaceFirst("\\{", "{\"addedLater\":1,"));
      assertEquals("l", lenient.get("l").id());
    }
  }

  @Test
  void kotlinStyleStoreWorksThroughGetters() {
    try (KotlinSessionStore store = KotlinSessionStore.open(TestStores.options(root))) {
      store.create("s");
      KotlinSession updated = store.update("s", it -> it.state(Status.DONE).addTag("x"));
      assertEquals(Status.DONE, store.get("s").getState());
      assertEquals(List.of("x"), updated.getTags());
      assertTrue(Files.isDirectory(store.dirs("s").transcripts()));
    }
  }
}
