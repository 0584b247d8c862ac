package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The updates whose cost the query harness compares: the same document with no index, with its two
 * indexes and no indexed value changed, with one indexed value changed, and with both changed. The
 * changed values alternate between two that other instances already have, as most updates of an
 * indexed status do.
 */
enum UpdateCost {
  NO_INDEX("no index (`PlainRun`)"),
  UNCHANGED("2 indexes, no indexed value changes"),
  ONE_CHANGED("2 indexes, 1 indexed value changes"),
  TWO_CHANGED("2 indexes, both indexed values change");

  /** Instances the updates cycle through. */
  private static final int INSTANCES = 20;

  final String label;

  UpdateCost(String label) {
    this.label = label;
  }

  /**
   * Makes the instances under {@code directory} (durably), then {@code n} updates of this kind with
   * {@code durability}, on this thread; returns the seconds the updates took.
   */
  double run(Path directory, Durability durability, int n) {
    StoreOptions options =
        StoreOptions.defaults().withDataRoot(directory).withDurability(durability);
    List<String> ids = IntStream.range(0, INSTANCES).mapToObj(i -> "u" + i).toList();
    if (this == NO_INDEX) {
      try (PlainRunStore store = PlainRunStore.open(options)) {
        ids.forEach(id -> store.create(id, c -> c.owner("x").payload(QueryData.PAYLOAD)));
        return Phase.seconds(
            n, 1, i -> store.update(ids.get(i % INSTANCES), c -> c.counter(c.counter() + 1)));
      }
    }
    try (QueryRunStore store = QueryRunStore.open(options)) {
      ids.forEach(id -> store.create(id, c -> c.owner("x").payload(QueryData.PAYLOAD)));
      store.create("other", c -> c.owner("y").state("b"));
      return Phase.seconds(
          n,
          1,
          i ->
              store.update(
                  ids.get(i % INSTANCES),
                  c -> {
                    c.counter(c.counter() + 1);
                    if (this != UNCHANGED) {
                      c.state(c.state().equals("a") ? "b" : "a");
                    }
                    if (this == TWO_CHANGED) {
                      c.owner(c.owner().equals("x") ? "y" : "x");
                    }
                  }));
    }
  }
}
