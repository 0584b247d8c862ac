package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import dev.burrow.RetryPolicy;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.internal.store.Retries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main of {@link ContentionTest}: increments counter {@code args[1]} of the store at {@code
 * args[0]} {@code args[2]} times, either with {@code update} under the instance's lock ({@code
 * args[3] = lock}) or optimistically ({@code cas}: read, {@code compareAndSet}, and on a {@link
 * VersionConflictException} retry after a jittered exponential backoff). Prints {@code ready},
 * waits for a line on stdin so that all contenders start together, then prints {@code done
 * <conflicts seen>}.
 */
public final class Contender {
  private static final RetryPolicy UNTIL_IT_WINS =
      RetryPolicy.defaults()
          .withMaxAttempts(Integer.MAX_VALUE)
          .withBackoff(Duration.ofNanos(50_000), Duration.ofMillis(5))
          .withMaxTotal(Duration.ofMinutes(5));

  private Contender() {}

  public static void main(String[] args) throws IOException {
    String id = args[1];
    int times = Integer.parseInt(args[2]);
    boolean optimistic = args[3].equals("cas");
    long conflicts = 0;
    try (CounterStore store = Counters.open(Path.of(args[0]), Durability.NONE)) {
      System.out.println("ready");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      for (int i = 0; i < times; i++) {
        if (optimistic) {
          long[] lost = {0};
          Retries.run(
              UNTIL_IT_WINS,
              () -> {
                Counter current = store.get(id);
                try {
                  return store.compareAndSet(current.incremented());
                } catch (VersionConflictException e) {
                  lost[0]++;
                  throw e;
                }
              });
          conflicts += lost[0];
        } else {
          store.update(id, Counter::increment);
        }
      }
    }
    System.out.println("done " + conflicts);
  }
}
