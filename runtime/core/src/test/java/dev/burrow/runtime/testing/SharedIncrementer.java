package dev.burrow.runtime.testing;

import dev.burrow.Durability;
import dev.burrow.SharedDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child main: increments the shared {@link Tally} document {@code args[1]} of the data root {@code
 * args[0]} {@code args[2]} times, then prints {@code done}. It prints {@code ready} once the store
 * is open and starts only when a line arrives on its stdin, so that a test can start every writer
 * at once.
 */
public final class SharedIncrementer {
  private SharedIncrementer() {}

  /** A shared counter document. */
  public record Tally(long count) {
    public Tally plusOne() {
      return new Tally(count + 1);
    }
  }

  public static void main(String[] args) throws IOException {
    int times = Integer.parseInt(args[2]);
    try (CounterStore store = Stores.counters(Path.of(args[0]), Durability.NONE)) {
      SharedDocument<Tally> tally =
          store.shared().document(args[1], Tally.class, () -> new Tally(0));
      System.out.println("ready");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      for (int i = 0; i < times; i++) {
        tally.update(Tally::plusOne);
      }
    }
    System.out.println("done");
  }
}
