package dev.burrow.runtime.testing;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;

import dev.burrow.Durability;
import java.nio.file.Path;

/**
 * Child main of the filesystem index concurrency test: {@code root seed stopFile durability}; runs
 * {@link IndexChurn#churn} on the counters at {@code root} with {@code status} and {@code count}
 * indexed.
 */
public final class IndexChurner {
  private IndexChurner() {}

  public static void main(String[] args) {
    try (CounterStore store =
        Stores.counters(
            Path.of(args[0]), Durability.valueOf(args[3]), CounterSchema.indexing(STATUS, COUNT))) {
      IndexChurn.churn(store, Long.parseLong(args[1]), Path.of(args[2]));
    }
  }
}
