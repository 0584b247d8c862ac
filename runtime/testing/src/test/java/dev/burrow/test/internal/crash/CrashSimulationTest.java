package dev.burrow.test.internal.crash;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.burrow.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulation's own failures, on a store that is a directory of files. */
class CrashSimulationTest {
  @TempDir Path work;

  /**
   * A step of a recovery that throws a checked exception it does not declare (as Kotlin code can,
   * and JDK 17's file system code does) ends the simulation naming that step. Before the fix every
   * such failure said "closing the store failed".
   */
  @ParameterizedTest(name = "{0} throws on a recovered root")
  @CsvSource({
    "open, opening a store on the crash state",
    "snapshot, reading the store of the crash state",
    "close, closing the store of the crash state",
    "checkRoot, checking the recovered root of the crash state"
  })
  void aRecoveryThatFailsNamesTheStepThatFailed(String failing, String named) {
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                CrashSimulation.run(
                    new Directories(failing),
                    work,
                    Durability.FSYNC,
                    List.of((store, root) -> Files.writeString(root.resolve("value"), "1"))));

    assertTrue(thrown.getMessage().startsWith(named + " "), thrown.getMessage());
    assertTrue(
        thrown.getMessage().endsWith(": java.lang.Exception: " + failing), thrown.getMessage());
  }

  /**
   * A recovery that fails ends the simulation only once the recoveries still running have stopped:
   * they write in the scratch directory, which is removed next. The first state (nothing written
   * yet) fails; one other recovery waits in its open until interrupted, then gives the run up to a
   * few seconds to end. Before the fix the run ended at once, with that recovery still running.
   */
  @Test
  void aFailedRecoveryEndsTheRunOnlyOnceTheOthersStopped() throws InterruptedException {
    assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "recoveries run one at a time");
    CountDownLatch ended = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean blocking = new AtomicBoolean();
    AtomicBoolean ranAfterTheEnd = new AtomicBoolean();
    CrashSimulation.Subject<Directory, List<String>> subject =
        new Directories("") {
          @Override
          public Directory open(Path dataRoot, Durability durability) {
            if (dataRoot.getFileSystem() == FileSystems.getDefault()) {
              if (!Files.exists(dataRoot)) {
                throw new IllegalStateException("the first state fails");
              }
              if (blocking.compareAndSet(false, true)) {
                try {
                  new CountDownLatch(1).await(); // until the pool is shut down
                } catch (InterruptedException shutDown) {
                  try {
                    ranAfterTheEnd.set(ended.await(3, TimeUnit.SECONDS));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                } finally {
                  stopped.countDown();
                }
              }
            }
            return super.open(dataRoot, durability);
          }
        };

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                CrashSimulation.run(
                    subject,
                    work,
                    Durability.FSYNC,
                    List.of((store, root) -> Files.writeString(root.resolve("value"), "1"))));
    ended.countDown();
    stopped.await();

    assertTrue(thrown.getMessage().contains("the first state fails"), thrown.toString());
    assertFalse(ranAfterTheEnd.get(), "a recovery was still running once the run had ended");
  }

  /** A store that is its data root; what a reader sees is the names of its files. */
  private record Directory(Path root, String failing) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      Directories.fail(root, failing, "close");
    }
  }

  /** The directory store, whose {@code failing} step throws on recovered roots. */
  private static class Directories implements CrashSimulation.Subject<Directory, List<String>> {
    private final String failing;

    Directories(String failing) {
      this.failing = failing;
    }

    @Override
    public Directory open(Path dataRoot, Durability durability) {
      fail(dataRoot, failing, "open");
      try {
        return new Directory(Files.createDirectories(dataRoot), failing);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public List<String> snapshot(Directory store) throws IOException {
      fail(store.root(), failing, "snapshot");
      try (Stream<Path> files = Files.list(store.root())) {
        return files.map(file -> file.getFileName().toString()).sorted().toList();
      }
    }

    @Override
    public void checkRoot(Path dataRoot) {
      fail(dataRoot, failing, "checkRoot");
    }

    /**
     * Throws a checked exception, undeclared, if {@code step} is the failing one and {@code root}
     * was recovered (is not on the recording file system).
     */
    static void fail(Path root, String failing, String step) {
      if (step.equals(failing) && root.getFileSystem() == FileSystems.getDefault()) {
        Directories.<RuntimeException>sneak(new Exception(step));
      }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> void sneak(Exception e) throws E {
      throw (E) e;
    }
  }
}
