package dev.burrow.runtime.testing;

import dev.burrow.Durability;
import java.nio.file.Path;

/**
 * Child main: opens a store on the data root {@code args[0]} (which sweeps the temporary area of
 * the sessions of processes that are gone), closes it and prints {@code opened}.
 */
public final class StoreOpener {
  private StoreOpener() {}

  public static void main(String[] args) {
    try (CounterStore store = Stores.counters(Path.of(args[0]), Durability.NONE)) {
      System.out.println("opened");
    }
  }
}
