package dev.burrow.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.backend.Listing;
import dev.burrow.runtime.fs.AtomicFiles;
import dev.burrow.runtime.fs.Durability;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CrashingWriter;
import dev.burrow.runtime.testing.Incrementer;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract lines 1 and 3 across real processes. */
class CrossProcessTest {
  private static final int CHILDREN = 3;
  private static final int INCREMENTS_EACH = 300;
  private static final int KILLS = Integer.getInteger("burrow.crashLoop.kills", 50);

  @TempDir Path root;

  @Test
  void childProcessesIncrementingUnderTheLockLoseNoUpdate() {
    try (InstanceStore<Counter> store = Stores.counters(root, Durability.NONE)) {
      store.create("shared");
    }
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (int i = 0; i < CHILDREN; i++) {
        children.add(ChildJvm.start(Incrementer.class, root.toString(), "shared",
            Integer.toString(INCREMENTS_EACH)));
      }
      for (ChildJvm child : children) {
        child.awaitLine("done");
        child.awaitSuccess();
      }
    } finally {
      children.forEach(ChildJvm::close);
    }
    try (InstanceStore<Counter> store = Stores.counters(root, Durability.NONE)) {
      Counter result = store.get("shared");
      assertEquals(CHILDREN * INCREMENTS_EACH, result.count());
      assertEquals(CHILDREN * INCREMENTS_EACH + 1, result.version());
    }
  }

  @Test
  void crashLoopNeverTearsLosesOrRewindsAcknowledgedWrites() throws IOException {
    Random random = new Random();
    Acknowledged acknowledged = new Acknowledged();
    for (int kill = 1; kill <= KILLS; kill++) {
      try (ChildJvm child = ChildJvm.start(CrashingWriter.class, root.toString(), "counter")) {
        child.awaitLine("ready");
        int acksBeforeKill = 1 + random.nextInt(25);
        for (int seen = 0; seen < acksBeforeKill; seen++) {
          String ack = child.readLine();
          if (ack == null) {
            throw new AssertionError("child died on its own:\n" + child.stderrText());
          }
          acknowledged.record(ack);
        }
        child.kill();
        child.remainingLines().forEach(acknowledged::record);
      }
      assertNoTempFileIsData();
      try (InstanceStore<Counter> store = Stores.counters(root, Durability.NONE)) {
        Listing<Counter> listing = store.scan();
        assertEquals(List.of(), listing.problems(), "after kill " + kill);
        Counter counter = store.get("counter");
        assertTrue(counter.version() >= acknowledged.version, "after kill " + kill
            + ": version " + counter.version() + " < acknowledged " + acknowledged.version);
        assertTrue(counter.version() <= acknowledged.version + 1,
            "after kill " + kill + ": more than the one unacknowledged write in flight");
        assertEquals(counter.version() - 1, counter.count(), "after kill " + kill);
        acknowledged.version = counter.version();
        Set<String> listed = new HashSet<>();
        listing.instances().forEach(c -> listed.add(c.id()));
        assertTrue(listed.containsAll(acknowledged.creates), "after kill " + kill);
      }
      assertNoLeftoversAfterSweep();
    }
  }

  /** What the crashing child acknowledged: its counter's version and the IDs it created. */
  private static final class Acknowledged {
    long version = 1;
    final Set<String> creates = new HashSet<>();

    void record(String ack) {
      if (ack.startsWith("updated ")) {
        version = Long.parseLong(ack.substring("updated ".length()));
      } else if (ack.startsWith("created ")) {
        creates.add(ack.substring("created ".length()));
      }
    }
  }

  private void assertNoTempFileIsData() throws IOException {
    try (Stream<Path> instances = Files.list(root.resolve("instances"))) {
      for (Path dir : instances.toList()) {
        assertTrue(Files.isRegularFile(dir.resolve("instance.json")),
            "an instance directory without a document is visible: " + dir);
      }
    }
  }

  private void assertNoLeftoversAfterSweep() throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      List<Path> leftovers = all
          .filter(p -> AtomicFiles.isTempName(p.getFileName().toString())
              || p.startsWith(root.resolve(".burrow/staging")) && !p.endsWith("staging")
              || p.startsWith(root.resolve(".burrow/trash")) && !p.endsWith("trash"))
          .toList();
      assertEquals(List.of(), leftovers);
    }
  }
}
