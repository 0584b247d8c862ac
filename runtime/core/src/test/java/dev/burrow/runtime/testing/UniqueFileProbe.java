package dev.burrow.runtime.testing;

import dev.burrow.Durability;
import dev.burrow.OutcomeUnknownException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child main: writes one create-unique file into folder {@code args[1]} of the shared files of a
 * durable store at {@code args[0]}, then prints {@code created <id>}, or {@code unknown <id>:
 * <message>} if its outcome is unknown.
 */
public final class UniqueFileProbe {
  private UniqueFileProbe() {}

  public static void main(String[] args) {
    try (CounterStore store = Stores.counters(Path.of(args[0]), Durability.FSYNC)) {
      try {
        System.out.println("created " + store.shared().createUnique(args[1], Map.of("v", 1)));
      } catch (OutcomeUnknownException e) {
        System.out.println("unknown " + e.instanceId() + ": " + e.getMessage());
      }
    }
  }
}
