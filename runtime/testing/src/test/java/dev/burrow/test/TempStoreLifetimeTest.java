package dev.burrow.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * How long a {@code @TempStore} lives, wherever it is declared, and that its root is removed
 * whatever the test left in it: probe classes run in their own JUnit run ({@link ProbeRun}), and
 * what they were given is looked at by a later test of theirs or once their run is over.
 */
class TempStoreLifetimeTest {
  /** The smallest type {@code @TempStore} takes: a static {@code open(StoreOptions)}. */
  static final class NoteStore implements AutoCloseable {
    private final Path root;
    private boolean closed;

    private NoteStore(Path root) {
      this.root = root;
    }

    public static NoteStore open(StoreOptions options) {
      return new NoteStore(options.dataRoot());
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Takes its store in its constructor: a new instance, and a new store, for each test. */
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static final class ConstructorProbe {
    static final List<NoteStore> given = new ArrayList<>();

    private final NoteStore store;

    ConstructorProbe(@TempStore NoteStore store) {
      this.store = store;
    }

    @Test
    @Order(1)
    void first() {
      given.add(store);
    }

    @Test
    @Order(2)
    void second() {
      given.add(store);
      NoteStore earlier = given.get(0);
      assertTrue(earlier.closed, "the first test's store is closed once that test is over");
      assertFalse(Files.exists(earlier.root), earlier.root + " is removed");
    }
  }

  @Test
  void aConstructorParameterIsClosedAndRemovedAfterItsTest() {
    ConstructorProbe.given.clear();
    TestExecutionSummary summary = ProbeRun.run(ConstructorProbe.class, Map.of());

    assertEquals(2, summary.getTestsSucceededCount(), failures(summary));
    assertEquals(2, ConstructorProbe.given.size());
    assertTrue(ConstructorProbe.given.get(1).closed);
    assertFalse(Files.exists(ConstructorProbe.given.get(1).root));
  }

  /** Leaves in its store's root a directory it made read-only and one it made unreadable. */
  static final class LockedDirectoriesProbe {
    static @Nullable Path root;

    @TempStore NoteStore store;

    @Test
    void locksDirectories() throws IOException {
      root = store.root;
      for (String name : List.of("r-xr-xr-x", "---------")) {
        Path directory = Files.createDirectories(store.root.resolve("reports").resolve(name));
        Files.writeString(directory.resolve("report.txt"), "done\n");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(name));
      }
    }
  }

  /**
   * A test that makes directories read-only or unreadable (to test its own code's handling of them)
   * passes, and its root is removed. Run as root, whom permissions do not bind, it passes either
   * way.
   */
  @Test
  void directoriesTheTestLockedAreRemovedWithTheRoot() {
    LockedDirectoriesProbe.root = null;
    TestExecutionSummary summary = ProbeRun.run(LockedDirectoriesProbe.class, Map.of());

    assertEquals(1, summary.getTestsSucceededCount(), failures(summary));
    Path root = Objects.requireNonNull(LockedDirectoriesProbe.root);
    assertFalse(Files.exists(root), root + " is removed");
  }

  /** One instance for its tests, which may run at the same time: a field cannot be theirs. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @Execution(ExecutionMode.CONCURRENT)
  static final class SharedConcurrentProbe {
    @TempStore NoteStore store;

    @Test
    void usesTheStore() {}
  }

  /**
   * With {@code @TestInstance(PER_CLASS)} and concurrent execution, a {@code @TempStore} field is
   * refused, naming the field and its class, rather than overwritten by each test while another one
   * uses its store. The refusal is decided from the configuration, whatever the timing.
   */
  @Test
  void aFieldOfAnInstanceSharedByConcurrentTestsIsRefused() {
    assertFieldRefusedRunningConcurrently(SharedConcurrentProbe.class);
  }

  /** Runs {@code probe}'s tests two at a time: its field 'store' must be refused, naming it. */
  private static void assertFieldRefusedRunningConcurrently(Class<?> probe) {
    TestExecutionSummary summary =
        ProbeRun.run(
            probe,
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"));

    Throwable refused = ProbeRun.onlyFailure(summary);
    assertInstanceOf(ExtensionConfigurationException.class, refused);
    assertTrue(
        refused
            .getMessage()
            .startsWith("@TempStore field 'store' of " + probe.getName() + " is on"),
        refused::toString);
  }

  /**
   * A test instance made for each test, but enclosing a {@code @Nested} class with one instance for
   * its tests, which may run at the same time: JUnit makes the enclosing instance once for that
   * one, so its field is shared by them too.
   */
  static final class EnclosingConcurrentProbe {
    @TempStore NoteStore store;

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @Execution(ExecutionMode.CONCURRENT)
    final class Shared {
      @Test
      void usesTheEnclosingStore() {}
    }
  }

  /**
   * A {@code @TempStore} field of an instance enclosing a {@code @TestInstance(PER_CLASS)} nested
   * class under concurrent execution is refused as the nested class's own would be. Before the fix
   * it was filled by each of the nested class's tests, though they share it.
   */
  @Test
  void aFieldOfAnInstanceEnclosingOneSharedByConcurrentTestsIsRefused() {
    assertFieldRefusedRunningConcurrently(EnclosingConcurrentProbe.class);
  }

  /** Without parallel execution, the same class runs: its tests take turns with the one field. */
  @Test
  void aFieldOfAnInstanceSharedByTestsInTurnIsFilled() {
    TestExecutionSummary summary = ProbeRun.run(SharedConcurrentProbe.class, Map.of());

    assertEquals(1, summary.getTestsSucceededCount(), failures(summary));
  }

  private static String failures(TestExecutionSummary summary) {
    return summary.getFailures().stream().map(f -> f.getException().toString()).toList().toString();
  }
}
