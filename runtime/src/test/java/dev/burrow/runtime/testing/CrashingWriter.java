package dev.burrow.runtime.testing;

import dev.burrow.runtime.fs.Durability;
import dev.burrow.runtime.store.InstanceStore;
import java.nio.file.Path;

/**
 * Child main for crash tests: on the store at {@code args[0]}, forever updates counter
 * {@code args[1]} and creates a new instance every tenth step, printing an acknowledgement
 * after each operation returns ({@code updated <version>}, {@code created <id>}). The parent
 * kills it with SIGKILL at a random moment.
 */
public final class CrashingWriter {
  private CrashingWriter() {}

  public static void main(String[] args) {
    String counter = args[1];
    try (InstanceStore<Counter> store = Stores.counters(Path.of(args[0]), Durability.FSYNC)) {
      if (store.find(counter).isEmpty()) {
        store.create(counter);
      }
      System.out.println("ready");
      System.out.flush();
      for (long step = 1; ; step++) {
        Counter updated = store.update(counter, Counter::incremented);
        System.out.println("updated " + updated.version());
        if (step % 10 == 0) {
          String id = store.create().id();
          System.out.println("created " + id);
        }
        System.out.flush();
      }
    }
  }
}
