package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.tck.UnderChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paged and streamed listings while other writers create and delete instances: every instance that
 * exists throughout the walk is returned exactly once, in listing order, and nothing twice.
 */
class PagingUnderChangeTest {
  private static final int STABLE = 600;
  private static final int VOLATILE = 300;

  @TempDir Path root;

  private final Random random = new Random(42);
  private final List<String> volatileIds = new ArrayList<>();
  private int created;

  @Test
  void pagesUnderConcurrentCreatesAndDeletesMissAndRepeatNothingThatStayed() throws Exception {
    walkUnderChange(
        (store, between) -> {
          List<String> ids = new ArrayList<>();
          PageRequest request = PageRequest.first(7);
          while (request != null) {
            Page<Counter> page = store.list(request);
            assertEquals(List.of(), page.problems());
            page.items().forEach(c -> ids.add(c.id()));
            request = page.next();
            between.run();
          }
          return ids;
        });
  }

  @Test
  void aStreamUnderConcurrentCreatesAndDeletesMissesAndRepeatsNothingThatStayed() throws Exception {
    walkUnderChange(
        (store, between) -> {
          List<String> ids = new ArrayList<>();
          Iterator<Counter> walk = store.stream().iterator();
          while (walk.hasNext()) {
            ids.add(walk.next().id());
            if (ids.size() % 7 == 0) {
              between.run();
            }
          }
          return ids;
        });
  }

  /** A walk over the store's listing, calling {@code between} at the points it offers. */
  private interface Walk {
    List<String> run(CounterStore store, Runnable between) throws Exception;
  }

  private void walkUnderChange(Walk walk) throws Exception {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      Set<String> stable = populate(store);
      UnderChange.assertWalkKept(stable, underChange(store, walk));
    }
  }

  /**
   * Runs {@code walk} while a thread creates and deletes instances all along, and this thread does
   * a few more creates and deletes at each point the walk offers.
   */
  private List<String> underChange(CounterStore store, Walk walk) throws Exception {
    Random own = new Random(7);
    return UnderChange.whileAnotherThreadRuns(
        i -> {
          String id = "w" + own.nextInt(100_000) + "-" + i;
          store.create(id);
          if (i % 2 == 0) {
            store.delete(id);
          }
        },
        () -> walk.run(store, () -> change(store)));
  }

  /** Creates two instances in random shards and deletes two volatile ones. */
  private void change(CounterStore store) {
    for (int i = 0; i < 2; i++) {
      store.create(randomId("new"));
      if (!volatileIds.isEmpty()) {
        assertTrue(store.delete(volatileIds.remove(random.nextInt(volatileIds.size()))));
      }
    }
  }

  /** Stable and volatile instances mixed in the same shards, over many shards and ID forms. */
  private Set<String> populate(CounterStore store) {
    Set<String> stable = new HashSet<>();
    for (int i = 0; i < STABLE + VOLATILE; i++) {
      String id = randomId("i");
      store.create(id);
      if (i < STABLE) {
        stable.add(id);
      } else {
        volatileIds.add(id);
      }
    }
    return stable;
  }

  /** A new ID, unique in the test, in a random place of the listing. */
  private String randomId(String prefix) {
    int n = created++;
    return switch (n % 3) {
      case 0 -> Long.toString(350_000_000_000_000_000L + n * 1_000_003L + random.nextInt(1_000));
      case 1 -> Integer.toString(n * 17 + random.nextInt(17));
      default -> prefix + Integer.toString(random.nextInt(1_000), 36) + "-" + n;
    };
  }
}
