package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import dev.burrow.PageRequest;
import dev.burrow.StoreOptions;
import java.nio.file.Path;

/**
 * A child process the query harness runs under {@code strace}.
 *
 * <ul>
 *   <li>{@code find <root> <matches>}: opens the query store at {@code root}, prints {@code BEGIN},
 *       reads the first page of {@code matches} instances of {@link QueryData#MATCH}, prints {@code
 *       END}: the documents opened in between are what one finder call reads.
 *   <li>{@code update <mode> <n> <directory>}: makes the instances an update-cost run needs
 *       (durably, so a run with {@code n = 0} costs the same), then makes {@code n} durable updates
 *       of the mode ({@link UpdateCost}).
 * </ul>
 */
public final class QueryProbe {
  private QueryProbe() {}

  /** Runs the probe; exits non-zero with a message on failure. */
  public static void main(String[] args) {
    switch (args[0]) {
      case "find" -> find(Path.of(args[1]), Integer.parseInt(args[2]));
      case "update" ->
          UpdateCost.valueOf(args[1])
              .run(Path.of(args[3]), Durability.FSYNC, Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("unknown probe " + args[0]);
    }
  }

  private static void find(Path root, int matches) {
    StoreOptions options =
        StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE);
    try (QueryRunStore store = QueryRunStore.open(options)) {
      System.out.println("BEGIN");
      System.out.flush();
      int found = store.findByOwner(QueryData.MATCH, PageRequest.first(matches)).items().size();
      System.out.println("END " + found);
      System.out.flush();
    }
  }
}
