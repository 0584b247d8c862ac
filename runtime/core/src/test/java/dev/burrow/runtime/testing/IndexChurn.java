package dev.burrow.runtime.testing;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Queries while other processes update the indexed components of shared instances, for every
 * backend. Half the instances are <em>pinned</em>: their status stays {@link #PINNED} while their
 * indexed count changes, so they match a status query throughout it; the others move between
 * statuses, {@code PINNED} included. Every query must return every pinned instance and every moving
 * one that held {@code PINNED} unchanged from before the query to after it, none twice, and only
 * instances whose returned document matches.
 */
public final class IndexChurn {
  /** The status the pinned instances keep. */
  public static final String PINNED = "PINNED";

  private static final List<String> MOVING = List.of("A", "B", PINNED);
  private static final int PER_GROUP = 20;

  private IndexChurn() {}

  /**
   * Child side: prints {@code ready}, then updates random shared instances until {@code stop}
   * exists, then prints {@code done <updates>}.
   */
  public static void churn(CounterStore store, long seed, Path stop) {
    Random random = new Random(seed);
    List<String> ids = store.list().stream().map(Counter::id).toList();
    say("ready");
    long updates = 0;
    while (!Files.exists(stop)) {
      String id = ids.get(random.nextInt(ids.size()));
      String status = MOVING.get(random.nextInt(MOVING.size()));
      store.update(
          id,
          c -> c.id().startsWith("pinned") ? c.incremented() : c.withStatus(status).incremented());
      updates++;
    }
    say("done " + updates);
  }

  /**
   * Parent side: creates the shared instances in {@code store}, starts {@code children} (each
   * running {@link #churn}), runs {@code queries} status queries (whole, and paged by 3) while they
   * write, stops them and checks the final state too.
   *
   * @return the number of updates the children made
   */
  public static long check(
      CounterStore store, List<Supplier<ChildJvm>> children, Path stop, int queries) {
    Set<String> pinned = createShared(store);
    List<ChildJvm> started = new ArrayList<>();
    long updates = 0;
    long movingChecked = 0;
    try {
      for (Supplier<ChildJvm> child : children) {
        started.add(child.get());
      }
      for (ChildJvm child : started) {
        child.awaitLine("ready");
      }
      for (int q = 0; q < queries; q++) {
        Query<Counter> query = store.where(STATUS.equalTo(PINNED));
        List<Counter> before = store.list();
        List<Counter> result = q % 2 == 0 ? query.list() : Pages.walk(query::list, 3);
        Set<String> matched = matchedThroughout(pinned, before, store.list());
        checkResult(result, matched, "query " + q);
        movingChecked += matched.size() - pinned.size();
        for (String status : List.of("A", "B")) {
          for (Counter moved : store.where(STATUS.equalTo(status)).list()) {
            assertEquals(status, moved.status(), "query " + q + " returned a non-match");
          }
        }
      }
      Files.createFile(stop);
      for (ChildJvm child : started) {
        String done = child.nextLine();
        assertTrue(done.startsWith("done "), done);
        updates += Long.parseLong(done.substring(5));
        child.awaitSuccess();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      started.forEach(ChildJvm::close);
    }
    assertTrue(movingChecked > 0, "no moving instance held its status across a query");
    assertFindersMatchTheDocuments(store, "after the writers stopped");
    return updates;
  }

  /** Creates the shared instances the children update; returns the pinned ones' IDs. */
  public static Set<String> createShared(CounterStore store) {
    Set<String> pinned = new HashSet<>();
    for (int i = 0; i < PER_GROUP; i++) {
      pinned.add(store.create("pinned-" + i, c -> c.withStatus(PINNED)).id());
      String status = MOVING.get(i % MOVING.size());
      store.create("moving-" + i, c -> c.withStatus(status));
    }
    return pinned;
  }

  /**
   * Every status finder returns exactly the instances whose documents hold that status, in listing
   * order, and every count finder finds each instance: once no writer is left, whether the writers
   * stopped or were killed mid-update.
   */
  public static void assertFindersMatchTheDocuments(CounterStore store, String context) {
    List<Counter> all = store.list();
    for (String status : MOVING) {
      assertEquals(
          all.stream().filter(c -> c.status().equals(status)).map(Counter::id).toList(),
          store.where(STATUS.equalTo(status)).list().stream().map(Counter::id).toList(),
          context + ", status " + status);
    }
    for (Counter counter : all) {
      assertTrue(
          store.where(COUNT.equalTo(counter.count())).list().contains(counter),
          context + ", count of " + counter.id());
    }
  }

  /**
   * The pinned instances, and the moving ones that held {@link #PINNED} at the same version in a
   * listing before a query and one after it: versions only grow, so no write changed them in
   * between, and they matched throughout the query.
   */
  private static Set<String> matchedThroughout(
      Set<String> pinned, List<Counter> before, List<Counter> after) {
    Set<Counter> unchanged = new HashSet<>(after);
    Set<String> matched = new HashSet<>(pinned);
    for (Counter counter : before) {
      if (counter.status().equals(PINNED) && unchanged.contains(counter)) {
        matched.add(counter.id());
      }
    }
    return matched;
  }

  private static void checkResult(List<Counter> result, Set<String> matched, String context) {
    Set<String> seen = new HashSet<>();
    for (Counter counter : result) {
      assertTrue(seen.add(counter.id()), context + " returned " + counter.id() + " twice");
      assertEquals(PINNED, counter.status(), context + " returned a non-match: " + counter);
    }
    Set<String> missing = new HashSet<>(matched);
    missing.removeAll(seen);
    assertEquals(Set.of(), missing, context + " missed instances that matched throughout");
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
