package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceDirectory;
import dev.burrow.LockTimeoutException;
import dev.burrow.ProvisioningException;
import dev.burrow.StoreOptions;
import dev.burrow.UnsafePathException;
import dev.burrow.WorkspaceProvisioner;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.testing.CheckedThrows;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Git;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import dev.burrow.spi.StorageBackendFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceProvisionerTest {
  @TempDir Path dir;
  private CounterStore plain;
  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void open() {
    plain = Stores.counters(dir.resolve("root"), Durability.NONE);
  }

  @AfterEach
  void close() {
    plain.close();
  }

  /** Writes a marker file into the workspace; records every call. */
  private final class MarkerFiles implements WorkspaceProvisioner<Counter> {
    @Override
    public void provision(Counter instance, InstanceDirectory dirs) {
      calls.add("provision " + instance.id() + " v" + instance.version());
      write(dirs.subdirectory("workspace").resolve("README.txt"), "workspace of " + instance.id());
    }

    @Override
    public void teardown(InstanceDirectory dirs) {
      calls.add("teardown " + dirs.instanceId());
    }
  }

  @Test
  void provisionRunsOnceAfterPublishingAndTeardownRunsOnDelete() throws IOException {
    CounterStore store = plain.withProvisioner(new MarkerFiles());
    Counter created = store.create("job-1");
    Path readme = store.dirs("job-1").subdirectory("workspace").resolve("README.txt");
    assertEquals("workspace of job-1", Files.readString(readme));
    assertEquals(List.of("provision job-1 v1"), calls);
    assertEquals(created, store.get("job-1"));

    store.update("job-1", Counter::incremented);
    assertEquals(List.of("provision job-1 v1"), calls, "only create provisions");

    assertTrue(store.delete("job-1"));
    assertEquals(List.of("provision job-1 v1", "teardown job-1"), calls);
    assertTrue(store.find("job-1").isEmpty());
    assertFalse(store.delete("job-1"));
    assertEquals(2, calls.size(), "no teardown for a missing instance");
  }

  @Test
  void provisionRunsUnderTheInstancesLockAndSeesItPublished() {
    CounterStore store =
        plain.withProvisioner(
            (instance, dirs) -> {
              assertEquals(instance, plain.get(instance.id()), "published before provisioning");
              CompletableFuture<Void> other =
                  CompletableFuture.runAsync(
                      () -> plain.lock(instance.id(), Duration.ofMillis(20)).close());
              Exception e = assertThrows(Exception.class, () -> other.get(1, TimeUnit.MINUTES));
              assertInstanceOf(LockTimeoutException.class, e.getCause());
              calls.add("checked");
            });
    store.create("job-2");
    assertEquals(List.of("checked"), calls);
  }

  @Test
  void aFailedProvisionTearsDownDeletesTheInstanceAndPropagates() {
    IllegalStateException boom = new IllegalStateException("clone failed");
    CounterStore failing =
        plain.withProvisioner(
            new WorkspaceProvisioner<>() {
              @Override
              public void provision(Counter instance, InstanceDirectory dirs) {
                write(dirs.subdirectory("workspace").resolve("partial"), "half done");
                throw boom;
              }

              @Override
              public void teardown(InstanceDirectory dirs) {
                calls.add("teardown " + dirs.instanceId());
              }
            });
    ProvisioningException e =
        assertThrows(ProvisioningException.class, () -> failing.create("job-3"));
    assertSame(boom, e.getCause());
    assertEquals("job-3", e.instanceId());
    assertTrue(e.getMessage().contains("deleted"), e.getMessage());
    assertEquals(List.of("teardown job-3"), calls);
    assertTrue(plain.find("job-3").isEmpty());
    assertFalse(Files.exists(Stores.instanceDirectory(dir.resolve("root"), "job-3")));

    plain.withProvisioner(new MarkerFiles()).create("job-3");
    assertTrue(plain.find("job-3").isPresent(), "the ID is free again");
  }

  @Test
  void aFailedTeardownKeepsTheInstance() {
    CounterStore store =
        plain.withProvisioner(
            new WorkspaceProvisioner<>() {
              @Override
              public void provision(Counter instance, InstanceDirectory dirs) {}

              @Override
              public void teardown(InstanceDirectory dirs) {
                throw new IllegalStateException("worktree locked");
              }
            });
    store.create("job-4");
    ProvisioningException e =
        assertThrows(ProvisioningException.class, () -> store.delete("job-4"));
    assertTrue(e.getMessage().contains("kept"), e.getMessage());
    assertTrue(store.find("job-4").isPresent());
    assertTrue(plain.delete("job-4"), "a store without the hook can still delete it");
  }

  @Test
  void aCheckedExceptionFromAHookIsAProvisioningFailureAsAnyOther() {
    IOException cloneFailed = new IOException("clone failed");
    CounterStore failing =
        plain.withProvisioner(
            new WorkspaceProvisioner<>() {
              @Override
              public void provision(Counter instance, InstanceDirectory dirs) {
                if (instance.id().equals("job-5")) {
                  throw CheckedThrows.sneaky(cloneFailed);
                }
              }

              @Override
              public void teardown(InstanceDirectory dirs) {
                calls.add("teardown " + dirs.instanceId());
                if (dirs.instanceId().equals("job-6")) {
                  throw CheckedThrows.sneaky(new IOException("worktree locked"));
                }
              }
            });
    ProvisioningException created =
        assertThrows(ProvisioningException.class, () -> failing.create("job-5"));
    assertSame(cloneFailed, created.getCause());
    assertTrue(created.getMessage().contains("deleted"), created.getMessage());
    assertTrue(plain.find("job-5").isEmpty());

    failing.create("job-6");
    ProvisioningException deleted =
        assertThrows(ProvisioningException.class, () -> failing.delete("job-6"));
    assertInstanceOf(IOException.class, deleted.getCause());
    assertTrue(deleted.getMessage().contains("kept"), deleted.getMessage());
    assertTrue(plain.find("job-6").isPresent());
    assertEquals(List.of("teardown job-5", "teardown job-6"), calls);
  }

  /**
   * An error a hook throws (a failed assertion, a class that cannot be loaded) is a failure of the
   * hook as any other: the create is undone and the delete keeps the instance, each said by a
   * {@link ProvisioningException}.
   */
  @Test
  void anErrorFromAHookIsAProvisioningFailureAsAnyOther() {
    AssertionError cloneFailed = new AssertionError("clone failed");
    CounterStore failing =
        plain.withProvisioner(
            new WorkspaceProvisioner<>() {
              @Override
              public void provision(Counter instance, InstanceDirectory dirs) {
                if (instance.id().equals("job-7")) {
                  throw cloneFailed;
                }
              }

              @Override
              public void teardown(InstanceDirectory dirs) {
                calls.add("teardown " + dirs.instanceId());
                if (dirs.instanceId().equals("job-8")) {
                  throw new AssertionError("worktree locked");
                }
              }
            });
    ProvisioningException created =
        assertThrows(ProvisioningException.class, () -> failing.create("job-7"));
    assertSame(cloneFailed, created.getCause());
    assertTrue(created.getMessage().contains("deleted"), created.getMessage());
    assertTrue(plain.find("job-7").isEmpty());

    failing.create("job-8");
    ProvisioningException deleted =
        assertThrows(ProvisioningException.class, () -> failing.delete("job-8"));
    assertInstanceOf(AssertionError.class, deleted.getCause());
    assertTrue(deleted.getMessage().contains("kept"), deleted.getMessage());
    assertTrue(plain.find("job-8").isPresent());
    assertEquals(List.of("teardown job-7", "teardown job-8"), calls);
  }

  /**
   * Records each directory it is handed and, on teardown, empties the workspace through whatever is
   * there, as {@code git worktree remove --force} does.
   */
  private final class EmptyingWorkspaces implements WorkspaceProvisioner<Counter> {
    @Override
    public void provision(Counter instance, InstanceDirectory dirs) {
      calls.add("provision " + dirs.subdirectory("workspace"));
    }

    @Override
    public void teardown(InstanceDirectory dirs) {
      Path workspace = dirs.subdirectory("workspace");
      calls.add("teardown " + workspace);
      try (Stream<Path> files = Files.list(workspace)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A directory outside the data root holding one file, {@code precious.txt}. */
  private Path outsideTheRoot() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("worktree"));
    Files.writeString(outside.resolve("precious.txt"), "not the store's");
    return outside;
  }

  /** Replaces the directory {@code workspace} with a symbolic link to {@code target}. */
  private static void plantLink(Path workspace, Path target) {
    try {
      Files.delete(workspace);
      Files.createSymbolicLink(workspace, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aDeleteRefusesAWorkspacePlantedAsALinkWithoutCallingTheTeardown() throws IOException {
    Path outside = outsideTheRoot();
    CounterStore store = plain.withProvisioner(new EmptyingWorkspaces());
    store.create("job-5");
    Path workspace = store.dirs("job-5").subdirectory("workspace");
    calls.clear();
    plantLink(workspace, outside);

    UnsafePathException e = assertThrows(UnsafePathException.class, () -> store.delete("job-5"));

    assertTrue(e.getMessage().contains(workspace + " is a symbolic link"), e.getMessage());
    assertEquals(List.of(), calls, "the teardown was not called");
    assertEquals("not the store's", Files.readString(outside.resolve("precious.txt")));
    assertTrue(store.find("job-5").isPresent(), "the instance is kept");
    assertTrue(Files.isSymbolicLink(workspace), "the instance's directory is as it was");
  }

  @Test
  void aCreateWhoseWorkspaceIsPlantedAsALinkBeforeProvisioningIsUndoneWithoutCallingTheHooks()
      throws IOException {
    Path outside = outsideTheRoot();
    Path root = dir.resolve("planted");
    Path workspace = Stores.instanceDirectory(root, "job-6").resolve("workspace");
    StorageBackendFactory plantingAfterInsert =
        new StorageBackendFactory() {
          @Override
          public <T> StorageBackend<T> open(
              InstanceSchema<T> schema, Path localRoot, StoreOptions options) {
            StorageBackend<T> real = FileSystemBackend.open(schema, localRoot, options);
            @SuppressWarnings("unchecked") // a proxy of the interface it is cast to
            StorageBackend<T> planting =
                (StorageBackend<T>)
                    Proxy.newProxyInstance(
                        WorkspaceProvisionerTest.class.getClassLoader(),
                        new Class<?>[] {StorageBackend.class},
                        (proxy, method, arguments) -> {
                          Object result;
                          try {
                            result = method.invoke(real, arguments);
                          } catch (InvocationTargetException e) {
                            throw e.getCause();
                          }
                          if (method.getName().equals("insert")) {
                            plantLink(workspace, outside);
                          }
                          return result;
                        });
            return planting;
          }
        };
    try (CounterStore planted =
        new CounterStore(
            StoreEngine.open(
                CounterSchema.INSTANCE,
                plantingAfterInsert,
                StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE)))) {
      CounterStore store = planted.withProvisioner(new EmptyingWorkspaces());

      ProvisioningException e =
          assertThrows(ProvisioningException.class, () -> store.create("job-6"));

      UnsafePathException refusal = assertInstanceOf(UnsafePathException.class, e.getCause());
      assertTrue(refusal.getMessage().contains(workspace + " is a symbolic link"), e.getMessage());
      assertTrue(e.getMessage().contains("the instance was deleted"), e.getMessage());
      assertEquals(List.of(), calls, "neither hook was called");
      assertEquals("not the store's", Files.readString(outside.resolve("precious.txt")));
      assertTrue(planted.find("job-6").isEmpty(), "the create was undone");
    }
  }

  /** Each instance's workspace is a git worktree of one repository, removed with the instance. */
  private record GitWorktrees(Path repository) implements WorkspaceProvisioner<Counter> {
    @Override
    public void provision(Counter instance, InstanceDirectory dirs) {
      Git.run(
          repository,
          "worktree",
          "add",
          "--detach",
          dirs.subdirectory("workspace").toString(),
          "HEAD");
    }

    @Override
    public void teardown(InstanceDirectory dirs) {
      Git.run(
          repository, "worktree", "remove", "--force", dirs.subdirectory("workspace").toString());
    }
  }

  @Test
  void eachWorkspaceIsAGitWorktreeRemovedWithItsInstance() throws IOException {
    Git.assumeInstalled();
    Path repository = Files.createDirectory(dir.resolve("repo"));
    Git.run(repository, "init", "-q");
    Files.writeString(repository.resolve("build.txt"), "v1\n");
    Git.run(repository, "add", "build.txt");
    Git.run(repository, "commit", "-q", "-m", "first");

    CounterStore store = plain.withProvisioner(new GitWorktrees(repository));
    store.create("run-a");
    store.create("run-b");
    Path a = store.dirs("run-a").subdirectory("workspace");
    Path b = store.dirs("run-b").subdirectory("workspace");
    assertEquals("v1\n", Files.readString(a.resolve("build.txt")));
    assertEquals("v1\n", Files.readString(b.resolve("build.txt")));
    String worktrees = Git.run(repository, "worktree", "list", "--porcelain");
    assertTrue(worktrees.contains("worktree " + a.toRealPath()), worktrees);
    assertTrue(worktrees.contains("worktree " + b.toRealPath()), worktrees);

    Files.writeString(a.resolve("build.txt"), "changed in a\n");
    assertEquals("v1\n", Files.readString(b.resolve("build.txt")), "workspaces are isolated");

    assertTrue(store.delete("run-a"));
    worktrees = Git.run(repository, "worktree", "list", "--porcelain");
    assertFalse(worktrees.contains("run-a"), worktrees);
    assertTrue(worktrees.contains("worktree " + b.toRealPath()), worktrees);
    assertTrue(store.find("run-a").isEmpty());
    assertEquals("v1\n", Files.readString(repository.resolve("build.txt")));
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
