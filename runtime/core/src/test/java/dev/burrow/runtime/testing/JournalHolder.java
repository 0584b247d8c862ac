package dev.burrow.runtime.testing;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;

import dev.burrow.Durability;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Child main: opens a durable counter store at {@code args[0]} indexing the status and, for each
 * further argument {@code ID=STATUS} in turn, creates instance {@code ID} with that status or, if
 * it exists, updates it to that status; then prints {@code written} and keeps its index journal
 * open until its stdin closes or it is killed.
 */
public final class JournalHolder {
  private JournalHolder() {}

  public static void main(String[] args) throws IOException {
    try (CounterStore store =
        Stores.counters(Path.of(args[0]), Durability.FSYNC, CounterSchema.indexing(STATUS))) {
      for (int i = 1; i < args.length; i++) {
        String id = args[i].substring(0, args[i].indexOf('='));
        String status = args[i].substring(args[i].indexOf('=') + 1);
        if (store.find(id).isPresent()) {
          store.update(id, c -> c.withStatus(status));
        } else {
          store.create(id, c -> c.withStatus(status));
        }
      }
      System.out.println("written");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the journal until the parent closes stdin
      }
    }
  }
}
