package dev.burrow.runtime.testing;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Child main: in the counter store at {@code args[0]}, {@code args[1]} times locks the counters
 * {@code args[2..]} together (in the order given) with {@code lockAll} and, under that lock,
 * increments each with a compare-and-set that would fail if anyone else wrote in between. Prints
 * {@code ready}, waits for a line on stdin, then works and prints {@code done}.
 */
public final class PairLocker {
  private PairLocker() {}

  public static void main(String[] args) throws IOException {
    int times = Integer.parseInt(args[1]);
    List<String> ids = List.of(args).subList(2, args.length);
    try (CounterStore store = Stores.counters(Path.of(args[0]), Durability.NONE)) {
      System.out.println("ready");
      System.out.flush();
      System.in.read();
      for (int i = 0; i < times; i++) {
        try (InstanceLock lock = store.lockAll(ids)) {
          for (String id : ids) {
            Counter current = store.get(id);
            store.compareAndSet(current.incremented());
          }
        }
      }
    }
    System.out.println("done");
  }
}
