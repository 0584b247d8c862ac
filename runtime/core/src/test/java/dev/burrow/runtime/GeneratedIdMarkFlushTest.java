package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.Strace;
import dev.burrow.test.internal.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Snowflake generator records its high-water mark in {@code .burrow/workers/} at open and about
 * every 500 ms after; a mark whose folder flush fails (strace EIO on that directory's fsync) is of
 * unknown outcome, but nothing was created: the create (or open) fails with a StorageException
 * saying nothing was made, never with an OutcomeUnknownException naming the mark file.
 */
class GeneratedIdMarkFlushTest {
  @TempDir Path dir;

  /** Child: open (mark #1), create, wait past the 1 s reservation, create (mark #2, renewal). */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Path root = Path.of(args[0]);
      StoreEngine<?> store;
      try {
        store =
            StoreEngine.open(
                CounterSchema.INSTANCE,
                StoreOptions.defaults().withDataRoot(root).withDurability(Durability.FSYNC));
      } catch (RuntimeException e) {
        System.out.println("open failed " + e.getClass().getName() + " :: " + e.getMessage());
        System.out.flush();
        return;
      }
      try (store) {
        store.create(UnaryOperator.identity());
        Thread.sleep(1500);
        try {
          store.create(UnaryOperator.identity());
          System.out.println("created");
        } catch (OutcomeUnknownException e) {
          System.out.println("unknown " + e.instanceId() + " :: " + e.getMessage());
        } catch (RuntimeException e) {
          System.out.println("failed " + e.getClass().getName() + " :: " + e.getMessage());
        }
      }
      System.out.flush();
    }
  }

  private String run(Path root, int when) {
    try (ChildJvm child =
        ChildJvm.start(
            Strace.injecting(
                root.resolve(".burrow").resolve("workers"),
                "fsync",
                "inject=fsync:error=EIO:when=" + when),
            System.getProperty("java.class.path"),
            Child.class,
            root.toString())) {
      String outcome = child.nextLine();
      child.awaitSuccess();
      return outcome;
    }
  }

  private static long instances(Path root) throws IOException {
    if (!Files.exists(root.resolve("instances"))) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(root.resolve("instances"))) {
      return walk.filter(p -> p.getFileName().toString().equals("instance.json")).count();
    }
  }

  @Test
  void aGeneratedIdCreateWhoseMarkFlushFailsIsAStorageFailureNotOfUnknownOutcome()
      throws Exception {
    Prerequisites.requireStrace("mark flush fault");
    Path root = dir.resolve("root").toAbsolutePath();
    Files.createDirectories(root.resolve(".burrow").resolve("workers"));

    String outcome = run(root, 2);

    assertEquals(1, instances(root), "only the first create stored an instance");
    assertTrue(
        outcome.startsWith("failed dev.burrow.StorageException"),
        "nothing was created: " + outcome);
    assertTrue(outcome.contains("high-water mark"), outcome);
  }

  @Test
  void anOpenWhoseFirstMarkFlushFailsIsAStorageFailureNotOfUnknownOutcome() throws Exception {
    Prerequisites.requireStrace("mark flush fault at open");
    Path root = dir.resolve("root").toAbsolutePath();
    Files.createDirectories(root.resolve(".burrow").resolve("workers"));

    String outcome = run(root, 1);

    assertEquals(0, instances(root));
    assertTrue(
        outcome.startsWith("open failed dev.burrow.StorageException"),
        "StoreEngine.open documents StorageException: " + outcome);
  }
}
