package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import java.nio.file.Path;

/**
 * Child main of {@link UnreadableBookkeepingTest}, run as a user who may not read one file or
 * directory of Burrow's bookkeeping. For each argument {@code <root>:<kind>} ({@code counters} or
 * {@code indexed}) it opens that kind's store at {@code root} with its default (leased) ID
 * generator, creates one instance and lists them, printing {@code ok <count>} or {@code threw
 * <exception class> <message>}.
 */
public final class UnreadableBookkeeping {
  private UnreadableBookkeeping() {}

  public static void main(String[] args) {
    for (String arg : args) {
      int colon = arg.lastIndexOf(':');
      StoreOptions options =
          StoreOptions.defaults()
              .withDataRoot(Path.of(arg.substring(0, colon)))
              .withDurability(Durability.NONE);
      try {
        System.out.println("ok " + createAndCount(arg.substring(colon + 1), options));
      } catch (RuntimeException e) {
        System.out.println("threw " + e.getClass().getName() + " " + e.getMessage());
      }
    }
  }

  /** Opens the store of {@code kind}, creates an instance and counts the instances. */
  static int createAndCount(String kind, StoreOptions options) {
    if (kind.equals("indexed")) {
      try (IndexedCounterStore store = IndexedCounterStore.open(options)) {
        store.create();
        return store.list().size();
      }
    }
    try (CounterStore store = CounterStore.open(options)) {
      store.create();
      return store.list().size();
    }
  }
}
