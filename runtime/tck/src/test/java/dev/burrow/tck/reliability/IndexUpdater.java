package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child main of {@link IndexKillLoopTest}: on the indexed counters at {@code args[0]} (durability
 * FSYNC), with the random seed {@code args[1]}, creates (IDs {@code <args[2]>-<n>}), updates the
 * indexed components, compare-and-sets and deletes forever, printing {@code ack <op> <id>} after
 * each. The parent kills it with SIGKILL at a random moment.
 */
public final class IndexUpdater {
  static final List<String> STATUSES = List.of("PENDING", "RUNNING", "DONE", "FAILED");
  private static final int MAX_LIVE = 16;

  private IndexUpdater() {}

  public static void main(String[] args) {
    Random random = new Random(Long.parseLong(args[1]));
    String idPrefix = args[2];
    try (IndexedCounterStore store =
        IndexedCounterStore.open(Counters.options(Path.of(args[0]), Durability.FSYNC))) {
      List<String> live = new ArrayList<>(store.list().stream().map(IndexedCounter::id).toList());
      say("ready");
      for (int created = 1; ; ) {
        int roll = random.nextInt(100);
        String status = STATUSES.get(random.nextInt(STATUSES.size()));
        if (live.isEmpty() || roll < 15 && live.size() < MAX_LIVE) {
          String id = idPrefix + "-" + created++;
          store.create(id, c -> c.status(status));
          live.add(id);
          say("ack create " + id);
        } else if (roll < 22) {
          String id = live.remove(random.nextInt(live.size()));
          store.delete(id);
          say("ack delete " + id);
        } else if (roll < 80) {
          String id = live.get(random.nextInt(live.size()));
          if (roll % 2 == 0) {
            store.update(id, c -> c.status(status));
          } else {
            store.update(id, IndexedCounter::increment);
          }
          say("ack update " + id);
        } else {
          String id = live.get(random.nextInt(live.size()));
          store.compareAndSet(store.get(id).next(status));
          say("ack cas " + id);
        }
      }
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
