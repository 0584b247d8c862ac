package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable deletes of instances that share a shard directory, all at once: the last one out removes
 * the shard while the others still flush their removal from it, and none of them may report its
 * committed delete as failed or of unknown outcome.
 */
class ConcurrentDeletesTest {
  private static final int THREADS = 6;
  private static final int ROUNDS = 200;

  @TempDir Path root;

  @Test
  void durableDeletesEmptyingOneShardTogetherAllSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (CounterStore store = Stores.counters(root, Durability.FSYNC)) {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      for (int round = 0; round < ROUNDS; round++) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          // 12-character IDs share their leaf shard when their first 10 characters do
          ids.add(String.format("round%04d%03d", round, i));
          store.create(ids.get(i));
        }
        Path leaf = Stores.instanceDirectory(root, ids.get(0)).getParent();
        assertEquals(leaf, Stores.instanceDirectory(root, ids.get(THREADS - 1)).getParent());
        List<Future<Boolean>> deletes = new ArrayList<>();
        for (String id : ids) {
          deletes.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.delete(id);
                  }));
        }
        for (int i = 0; i < THREADS; i++) {
          assertTrue(deletes.get(i).get(), "round " + round + ": delete of " + ids.get(i));
        }
        assertFalse(Files.exists(leaf), "round " + round + ": the emptied shard is left behind");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
