package dev.burrow.runtime.testing;

import dev.burrow.Durability;
import dev.burrow.SharedDocument;
import java.nio.file.Path;

/**
 * Child main: increments the shared {@link Tally} document {@code args[1]} of the data root {@code
 * args[0]} {@code args[2]} times, then prints {@code done}.
 */
public final class SharedIncrementer {
  private SharedIncrementer() {}

  /** A shared counter document. */
  public record Tally(long count) {
    public Tally plusOne() {
      return new Tally(count + 1);
    }
  }

  public static void main(String[] args) {
    int times = Integer.parseInt(args[2]);
    try (CounterStore store = Stores.counters(Path.of(args[0]), Durability.NONE)) {
      SharedDocument<Tally> tally =
          store.shared().document(args[1], Tally.class, () -> new Tally(0));
      for (int i = 0; i < times; i++) {
        tally.update(Tally::plusOne);
      }
    }
    System.out.println("done");
  }
}
