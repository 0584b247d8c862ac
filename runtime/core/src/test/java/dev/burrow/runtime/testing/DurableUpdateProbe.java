package dev.burrow.runtime.testing;

import dev.burrow.Durability;
import java.nio.file.Path;

/**
 * Child main traced by strace: creates counter {@code probe} in the store at {@code args[0]}, then
 * prints {@code BEGIN}, performs exactly one durable update, prints {@code END}.
 */
public final class DurableUpdateProbe {
  private DurableUpdateProbe() {}

  public static void main(String[] args) {
    try (CounterStore store = Stores.counters(Path.of(args[0]), Durability.FSYNC)) {
      store.create("probe");
      System.out.println("BEGIN");
      store.update("probe", Counter::incremented);
      System.out.println("END");
    }
  }
}
