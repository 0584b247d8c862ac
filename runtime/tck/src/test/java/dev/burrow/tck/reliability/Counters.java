package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Opens generated counter stores for the reliability suites. */
final class Counters {
  private static final AtomicLong NEXT_ID = new AtomicLong();

  private Counters() {}

  /** The options of a counter store on {@code root} with {@code durability}. */
  static StoreOptions options(Path root, Durability durability) {
    return StoreOptions.defaults()
        .withDataRoot(root)
        .withDurability(durability)
        .withIdGenerator(
            () -> "c" + ProcessHandle.current().pid() + "-" + NEXT_ID.incrementAndGet());
  }

  /** A counter store on {@code root} with {@code durability}. */
  static CounterStore open(Path root, Durability durability) {
    return CounterStore.open(options(root, durability));
  }
}
