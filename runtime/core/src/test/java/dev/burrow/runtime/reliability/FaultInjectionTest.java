package dev.burrow.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Prerequisites;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * I/O errors injected with libfiu into a real JVM ({@link FaultVictim}, started under {@code
 * fiu-run -x}): EIO and ENOSPC at {@code open}, {@code write}, {@code fsync} (for an append {@code
 * fdatasync}) and {@code rename}, each once, during one create, update, compare-and-set, delete or
 * event append. Every failure must surface as a {@link StorageException} naming the instance's path
 * and the error; the previous state must be intact (or, when the fault hits the flush after a
 * delete already took effect, the instance must be wholly gone); no temporary file, staging or
 * trash may be left; and the same operation must succeed once the fault is gone. Skipped with a
 * message where libfiu is not installed, except in CI ({@code CI=true}), where it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {
  private Path work;
  private Path root;
  private ChildJvm victim;

  @BeforeAll
  void startVictim() throws IOException {
    requireLibfiu();
    work = Files.createTempDirectory("burrow-fiu-");
    root = work.resolve("root");
    victim =
        ChildJvm.start(
            List.of("fiu-run", "-x", "-f", work.resolve("fiu").toString()),
            System.getProperty("java.class.path"),
            FaultVictim.class,
            root.toString(),
            work.resolve("fiu").toString());
    victim.awaitLine("ready");
  }

  @AfterAll
  void stopVictim() throws IOException {
    if (victim != null) {
      victim.close();
    }
    if (work != null) {
      try (Stream<Path> all = Files.walk(work)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  static Stream<Arguments> faults() {
    Stream.Builder<Arguments> faults = Stream.builder();
    for (String op : new String[] {"create", "update", "cas", "delete", "event"}) {
      for (String point : new String[] {"open", "write", "fsync", "rename"}) {
        if (op.equals("delete") && point.equals("write")
            || op.equals("event") && point.equals("rename")) {
          continue; // a delete writes nothing, an append renames nothing
        }
        faults.add(Arguments.of(op, point, "EIO"));
        faults.add(Arguments.of(op, point, "ENOSPC"));
      }
    }
    return faults.build();
  }

  @ParameterizedTest(name = "{1} fails with {2} during {0}")
  @MethodSource("faults")
  void anInjectedIoErrorFailsCleanlyAndTheNextAttemptSucceeds(String op, String point, String errno)
      throws IOException {
    victim.send("prepare " + op);
    String id = victim.nextLine().substring("subject ".length());
    State before = read(id);

    victim.send("fault " + libfiuPoint(op, point) + " " + (errno.equals("EIO") ? 5 : 28));
    String outcome = victim.nextLine();
    System.out.println("fault: " + point + " " + errno + " during " + op + " -> " + outcome);

    assertTrue(outcome.startsWith("threw " + StorageException.class.getName() + " "), outcome);
    assertTrue(outcome.contains("/" + id), "the message names the path: " + outcome);
    assertTrue(
        outcome.contains(errno.equals("EIO") ? "Input/output error" : "No space left on device"),
        "the message names the error: " + outcome);
    RootChecks.assertNoLeftovers(root, outcome);
    boolean deleteTookEffect = op.equals("delete") && !point.equals("rename");
    assertEquals(
        deleteTookEffect ? State.ABSENT : before,
        read(id),
        "the previous state is intact (a delete whose flush failed is wholly gone)");

    victim.send("retry");
    assertEquals("ok", victim.nextLine());
    State after = read(id);
    switch (op) {
      case "create" -> assertEquals(1, after.counter().orElseThrow().version());
      case "delete" -> assertEquals(State.ABSENT, after);
      case "event" -> assertEquals(before.events() + 1, after.events());
      default ->
          assertEquals(
              before.counter().orElseThrow().version() + 1,
              after.counter().orElseThrow().version());
    }
    RootChecks.assertNoLeftovers(root, "after the retry");
  }

  /** An instance as a reader sees it: its document and how many events its log holds. */
  private record State(Optional<Counter> counter, int events) {
    static final State ABSENT = new State(Optional.empty(), 0);
  }

  private State read(String id) {
    try (CounterStore store = Stores.counters(root, Durability.NONE)) {
      Optional<Counter> counter = store.find(id);
      return counter.isEmpty()
          ? State.ABSENT
          : new State(counter, store.events(id, Tick.class).read(0).values().size());
    }
  }

  /** The libfiu point of a call; an append flushes with fdatasync, everything else with fsync. */
  private static String libfiuPoint(String op, String point) {
    return switch (point) {
      case "open" -> "posix/io/oc/open";
      case "write" -> "posix/io/rw/write";
      case "fsync" -> op.equals("event") ? "posix/io/sync/fdatasync" : "posix/io/sync/fsync";
      case "rename" -> "posix/io/dir/rename";
      default -> throw new IllegalArgumentException(point);
    };
  }

  private static void requireLibfiu() {
    Prerequisites.require(
        Prerequisites.onPath("fiu-run"),
        "libfiu (fiu-run, with its POSIX"
            + " preload library) is not installed; the fault-injection tests did not run",
        ".ci/run must install fiu-utils");
  }
}
