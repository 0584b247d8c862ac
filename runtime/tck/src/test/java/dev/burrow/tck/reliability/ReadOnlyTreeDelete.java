package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import java.nio.file.Path;

/**
 * Child main of {@link ReadOnlyTreeDeleteTest}, run as a user without root's power over
 * permissions: opens the store at {@code args[0]}, deletes the instance {@code args[1]} if given
 * and prints {@code deleted <result>}, then closes the store, which waits for the background
 * removal of the deleted tree (an open alone sweeps the trash).
 */
public final class ReadOnlyTreeDelete {
  private ReadOnlyTreeDelete() {}

  public static void main(String[] args) {
    try (CounterStore store = Counters.open(Path.of(args[0]), Durability.FSYNC)) {
      if (args.length > 1) {
        System.out.println("deleted " + store.delete(args[1]));
      }
    }
  }
}
