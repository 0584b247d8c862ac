package dev.burrow.runtime.testing;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;

import dev.burrow.Durability;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Child main: opens a durable counter store at {@code args[0]} indexing the status, creates
 * instance {@code args[1]} with status {@code args[2]}, prints {@code written}, and keeps its index
 * journal open until its stdin closes or it is killed.
 */
public final class JournalHolder {
  private JournalHolder() {}

  public static void main(String[] args) throws IOException {
    try (CounterStore store =
        Stores.counters(Path.of(args[0]), Durability.FSYNC, CounterSchema.indexing(STATUS))) {
      store.create(args[1], c -> c.withStatus(args[2]));
      System.out.println("written");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the journal until the parent closes stdin
      }
    }
  }
}
