package dev.burrow.runtime.testing;

import dev.burrow.runtime.fs.Durability;
import dev.burrow.runtime.store.InstanceStore;
import java.nio.file.Path;

/**
 * Child main: increments counter {@code args[1]} in the store at {@code args[0]} {@code
 * args[2]} times with {@code update}, then prints {@code done}.
 */
public final class Incrementer {
  private Incrementer() {}

  public static void main(String[] args) {
    int times = Integer.parseInt(args[2]);
    try (InstanceStore<Counter> store = Stores.counters(Path.of(args[0]), Durability.NONE)) {
      System.out.println("ready");
      System.out.flush();
      for (int i = 0; i < times; i++) {
        store.update(args[1], Counter::incremented);
      }
    }
    System.out.println("done");
  }
}
