package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.ThreadGroupStoreUser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store leaves no thread behind in its caller's thread group once closed: {@code mvn exec:java}
 * runs a program in a thread group of its own and, at its end, waits 15 s for every thread of that
 * group still alive (a new user ran the README's quick start that way). The JDK's default pool for
 * asynchronous file channels started such threads, kept 60 s when idle, for the worker lease's
 * reads and the index journal's. Run in a child JVM, where no earlier test has started that pool.
 */
class LingeringThreadsTest {
  @Test
  void aClosedStoreLeavesNoThreadAliveInItsCallersThreadGroup(@TempDir Path root) {
    try (ChildJvm child = ChildJvm.start(ThreadGroupStoreUser.class, root.toString())) {
      List<String> lines = child.remainingLines();
      child.awaitSuccess();

      assertEquals(List.of("done"), lines, "threads alive after the store was closed");
    }
  }
}
