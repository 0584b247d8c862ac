package dev.burrow.runtime.testing;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;

import dev.burrow.Durability;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.Query;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Child main traced by strace: {@code root}, a root {@link #populate}d before. Prints {@code OPEN}
 * and opens a store on it, then {@code LIST} and pages two pages of {@value #PAGE} of the listing,
 * {@code FIND} and two pages of the finder {@code status = RUNNING}, {@code FIND2} and two pages of
 * the finder {@code status = RUNNING and count = 0}, then {@code END}.
 */
public final class PageStatProbe {
  /** The page size. */
  public static final int PAGE = 20;

  private PageStatProbe() {}

  /**
   * Creates {@code instances} counters in {@code root}, all {@code RUNNING} with count 0 and each
   * in a leaf of its own: the newest half in one top shard, the others each in a top shard of its
   * own, so a walk that looked at every shard of a level up front would pay for all of them.
   */
  public static void populate(Path root, int instances) {
    try (CounterStore store = open(root)) {
      for (int i = 0; i < instances; i++) {
        String id =
            i < instances / 2 ? String.format("z00000%04dx", i) : String.format("y%05d0000x", i);
        store.create(id, c -> c.withStatus("RUNNING"));
      }
    }
  }

  public static void main(String[] args) {
    System.out.println("OPEN");
    try (CounterStore store = open(Path.of(args[0]))) {
      System.out.println("LIST");
      twoPages(store::list);
      System.out.println("FIND");
      Query<Counter> running = store.where(STATUS.equalTo("RUNNING"));
      twoPages(running::list);
      System.out.println("FIND2");
      Query<Counter> runningAtZero = store.where(STATUS.equalTo("RUNNING")).and(COUNT.equalTo(0L));
      twoPages(runningAtZero::list);
      System.out.println("END");
    }
  }

  private static CounterStore open(Path root) {
    return Stores.counters(root, Durability.NONE, CounterSchema.indexing(STATUS, COUNT));
  }

  private static void twoPages(Function<PageRequest, Page<Counter>> pages) {
    Page<Counter> first = pages.apply(PageRequest.first(PAGE));
    Page<Counter> second = pages.apply(Objects.requireNonNull(first.next(), "a second page"));
    if (first.items().size() != PAGE
        || second.items().size() != PAGE
        || !first.problems().isEmpty()
        || !second.problems().isEmpty()) {
      throw new IllegalStateException("two full pages of " + PAGE + " without problems expected");
    }
  }
}
