package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import dev.burrow.runtime.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index entries under SIGKILL: a child JVM ({@link IndexUpdater}) writes indexed components with
 * durability FSYNC and is killed after a random number of writes, often mid-update. Before the next
 * store opens the root and after it did, no complete index lacks an entry ({@link
 * IndexInvariants}); and every finder returns exactly the instances whose documents match. {@code
 * -Dburrow.indexKills=N} sets the number of kills (30 by default); {@code -Dburrow.indexKills.seed}
 * replays a run.
 */
class IndexKillLoopTest {
  private static final int KILLS = Integer.getInteger("burrow.indexKills", 30);
  private static final int MAX_ACKS_BEFORE_KILL = 30;

  @TempDir Path root;

  @Test
  void killedMidUpdateTheIndexesMissNoInstanceAfterReopening() throws IOException {
    long seed = Long.getLong("burrow.indexKills.seed", System.nanoTime());
    Random random = new Random(seed);
    int acknowledged = 0;
    for (int kill = 1; kill <= KILLS; kill++) {
      String context = "kill " + kill + " of " + KILLS + " (-Dburrow.indexKills.seed=" + seed + ")";
      try (ChildJvm child =
          ChildJvm.start(
              IndexUpdater.class, root.toString(), Long.toString(random.nextLong()), "k" + kill)) {
        child.awaitLine("ready");
        int acks = 1 + random.nextInt(MAX_ACKS_BEFORE_KILL);
        for (int seen = 0; seen < acks; seen++) {
          child.nextLine();
        }
        child.kill();
        acknowledged += acks + child.remainingLines().size();
      }
      try {
        IndexInvariants.assertNoMissingEntries(root, IndexedCounterSchema.INSTANCE);
        try (IndexedCounterStore store =
            IndexedCounterStore.open(Counters.options(root, Durability.NONE))) {
          IndexInvariants.assertNoMissingEntries(root, IndexedCounterSchema.INSTANCE);
          IndexFinderChecks.assertFindersMatchScan(store, context);
        }
      } catch (AssertionError e) {
        throw new AssertionError(context + ": " + e.getMessage(), e);
      }
    }
    System.out.printf("index kill loop: %d kills, %d acknowledged writes%n", KILLS, acknowledged);
  }
}
