package dev.burrow.runtime.testing;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;

import dev.burrow.Durability;
import java.nio.file.Path;

/**
 * Child main traced by strace: {@code root mode}. Creates counter {@code probe} (and {@code other},
 * with status {@code RUNNING}), prints {@code BEGIN}, performs exactly one durable update, prints
 * {@code END}. Modes: {@code plain} (no index, count changes), {@code unchanged} (status indexed,
 * count changes), {@code changed} (status indexed, set to {@code RUNNING}, which {@code other}
 * has), {@code new} (status indexed, set to a value no instance had), {@code both} (status and
 * count indexed, both changed to values no instance had).
 */
public final class IndexedUpdateProbe {
  private IndexedUpdateProbe() {}

  public static void main(String[] args) {
    String mode = args[1];
    try (CounterStore store =
        Stores.counters(
            Path.of(args[0]),
            Durability.FSYNC,
            switch (mode) {
              case "plain" -> CounterSchema.INSTANCE;
              case "both" -> CounterSchema.indexing(STATUS, COUNT);
              default -> CounterSchema.indexing(STATUS);
            })) {
      store.create("probe");
      store.create("other", c -> c.withStatus("RUNNING"));
      System.out.println("BEGIN");
      switch (mode) {
        case "plain", "unchanged" -> store.update("probe", Counter::incremented);
        case "changed" -> store.update("probe", c -> c.withStatus("RUNNING"));
        case "new" -> store.update("probe", c -> c.withStatus("NEVER-SEEN"));
        case "both" -> store.update("probe", c -> c.withStatus("NEVER-SEEN").incremented());
        default -> throw new IllegalArgumentException(mode);
      }
      System.out.println("END");
    }
  }
}
