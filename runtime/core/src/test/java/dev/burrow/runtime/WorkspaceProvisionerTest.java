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
import dev.burrow.WorkspaceProvisioner;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Git;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
