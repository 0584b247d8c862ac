package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceDirectory;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.WorkspaceProvisioner;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.Strace;
import dev.burrow.test.internal.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioned creates whose shard flush fails (strace EIO on the fsync of the instance's leaf
 * directory): a create of unknown outcome is still provisioned, and an undo whose delete is of
 * unknown outcome says the instance was removed.
 */
class ProvisionedCreateFlushTest {
  @TempDir Path dir;

  public static final class Child {
    public static void main(String[] args) {
      Path root = Path.of(args[0]);
      boolean fail = args[1].equals("fail");
      try (CounterStore store = Stores.counters(root, Durability.FSYNC)) {
        CounterStore provisioned =
            store.withProvisioner(
                new WorkspaceProvisioner<Counter>() {
                  @Override
                  public void provision(Counter instance, InstanceDirectory dirs) {
                    if (fail) {
                      throw new IllegalStateException("hook refuses");
                    }
                    try {
                      Files.writeString(dirs.root().resolve("PROVISIONED"), "1");
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }
                });
        try {
          provisioned.create("y");
          System.out.println("created");
        } catch (OutcomeUnknownException e) {
          System.out.println("unknown " + e.getMessage());
        } catch (RuntimeException e) {
          System.out.println("failed " + e.getMessage());
        }
      }
      System.out.flush();
    }
  }

  private String run(Path root, String mode, int when) {
    Path leaf = Stores.instanceDirectory(root, "y").getParent();
    try (ChildJvm child =
        ChildJvm.start(
            Strace.injecting(leaf, "fsync", "inject=fsync:error=EIO:when=" + when),
            System.getProperty("java.class.path"),
            Child.class,
            root.toString(),
            mode)) {
      String outcome = child.nextLine();
      child.awaitSuccess();
      return outcome;
    }
  }

  /**
   * The insert's flush fails after the rename: the instance stays, provisioned, of unknown outcome.
   */
  @Test
  void aCreateOfUnknownOutcomeIsStillProvisioned() {
    Prerequisites.requireStrace("provisioned create flush fault");
    Path root = dir.resolve("a").toAbsolutePath();
    String outcome = run(root, "ok", 1);
    assertTrue(outcome.startsWith("unknown "), outcome);
    Path y = Stores.instanceDirectory(root, "y");
    assertTrue(Files.exists(y.resolve("instance.json")), "the instance stayed");
    assertTrue(
        Files.exists(y.resolve("PROVISIONED")),
        "the instance is there (reads see it) but its provisioning never ran: " + outcome);
  }

  /** The hook fails and the undo's delete flush fails: the instance is gone, and said to be. */
  @Test
  void anUndoneCreateWhoseDeleteFlushFailsSaysTheInstanceWasDeletedOfUnknownOutcome() {
    Prerequisites.requireStrace("provisioned create undo flush fault");
    Path root = dir.resolve("b").toAbsolutePath();
    String outcome = run(root, "fail", 2);
    Path y = Stores.instanceDirectory(root, "y");
    assertFalse(Files.exists(y), "the undo's delete took the instance away");
    assertFalse(
        outcome.contains("could not be deleted"),
        "reported as kept although it is gone: " + outcome);
    assertTrue(outcome.startsWith("failed "), outcome);
    assertTrue(outcome.contains("may not survive a power cut"), outcome);
  }
}
