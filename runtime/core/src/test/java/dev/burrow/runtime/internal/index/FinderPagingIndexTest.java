package dev.burrow.runtime.internal.index;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.Query;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Pages;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finders page through index entries kept in shards ({@link FieldIndex}): every page starts from
 * its cursor's shard, so the instances of many shards are returned once each and in listing order,
 * with one condition and with two, while other threads move and delete instances.
 */
class FinderPagingIndexTest {
  private static final CounterSchema SCHEMA = CounterSchema.indexing(STATUS, COUNT);

  @TempDir Path root;

  private CounterStore open() {
    return Stores.counters(root, Durability.NONE, SCHEMA);
  }

  /**
   * IDs 1 to 2,500 chosen by the user: four ID lengths (ranks) and several leaf shards of each.
   * Every third is DONE; every other one has count 1.
   */
  private static void fill(CounterStore store) {
    for (int i = 1; i <= 2_500; i++) {
      int n = i;
      store.create(
          Integer.toString(n),
          c -> {
            Counter made = c.withStatus(n % 3 == 0 ? "DONE" : "RUNNING");
            return n % 2 == 0 ? made.incremented() : made;
          });
    }
  }

  private static List<String> ids(List<Counter> counters) {
    return counters.stream().map(Counter::id).toList();
  }

  private static List<String> expected(CounterStore store, Predicate<Counter> matches) {
    return ids(store.list().stream().filter(matches).toList());
  }

  @Test
  void pagesOfOneAndOfTwoConditionsReturnEveryMatchOnceInListingOrderAcrossShards() {
    try (CounterStore store = open()) {
      fill(store);
      Query<Counter> done = store.where(STATUS.equalTo("DONE"));
      Query<Counter> doneOnce = done.and(COUNT.equalTo(1L));
      Query<Counter> runningNever = store.where(COUNT.equalTo(0L)).and(STATUS.equalTo("RUNNING"));

      List<String> allDone = expected(store, c -> c.status().equals("DONE"));
      assertEquals(833, allDone.size());
      assertEquals(allDone, ids(Pages.walk(done::list, 7)));
      assertEquals(allDone, ids(done.stream().toList()));
      assertEquals(
          expected(store, c -> c.status().equals("DONE") && c.count() == 1),
          ids(Pages.walk(doneOnce::list, 11)));
      assertEquals(
          expected(store, c -> c.status().equals("RUNNING") && c.count() == 0),
          ids(Pages.walk(runningNever::list, 13)));
      assertEquals(833, done.count());
      assertEquals(416, doneOnce.count());
    }
  }

  /**
   * A finder's page counts damaged documents among its candidates toward its size, as a listing
   * page does: before, a page of 1 among 60 matching instances, all but the oldest damaged, read
   * every document and reported 59 problems. Paging on meets each instance once.
   */
  @Test
  void aFinderPageReadsAtMostItsSizeOfDocumentsHoweverManyAreDamaged() throws Exception {
    try (CounterStore store = open()) {
      for (int i = 1; i <= 60; i++) {
        store.create(Integer.toString(1_000 + i), c -> c.withStatus("DONE"));
      }
      Query<Counter> done = store.where(STATUS.equalTo("DONE"));
      List<String> order = ids(done.stream().toList());
      for (String id : order.subList(0, order.size() - 1)) {
        Files.writeString(Stores.instanceDirectory(root, id).resolve("instance.json"), "{not json");
      }

      Page<Counter> first = done.list(PageRequest.first(1));

      assertEquals(
          1, first.items().size() + first.problems().size(), "instances met by a page of 1");
      List<String> met = new ArrayList<>();
      for (Page<Counter> page = first; ; page = done.list(page.next())) {
        assertTrue(page.items().size() + page.problems().size() <= 1, "met by a page of 1");
        page.items().forEach(c -> met.add(c.id()));
        page.problems()
            .forEach(p -> met.add(Path.of(p.location()).getParent().getFileName().toString()));
        if (page.next() == null) {
          break;
        }
      }
      assertEquals(order, met, "every instance met once, in order");
    }
  }

  @Test
  void instancesThatMatchThroughoutArePagedOnceWhileOthersMoveAndGo() throws Exception {
    try (CounterStore store = open()) {
      fill(store);
      Set<String> steady = new HashSet<>(expected(store, c -> c.status().equals("DONE")));
      List<String> moving = expected(store, c -> !c.status().equals("DONE"));
      AtomicBoolean stop = new AtomicBoolean();
      Thread churn =
          new Thread(
              () -> {
                for (int round = 0; !stop.get(); round++) {
                  String id = moving.get(round % moving.size());
                  String status = round % 2 == 0 ? "DONE" : "RUNNING";
                  if (round % 7 == 0) {
                    store.delete(id);
                    store.create(id, c -> c.withStatus(status));
                  } else {
                    store.update(id, c -> c.withStatus(status));
                  }
                }
              });
      churn.start();
      try {
        for (int walk = 0; walk < 5; walk++) {
          List<Counter> seen = Pages.walk(store.where(STATUS.equalTo("DONE"))::list, 17);
          List<String> seenIds = ids(seen);
          assertEquals(new HashSet<>(seenIds).size(), seenIds.size(), "no instance twice");
          assertTrue(seenIds.containsAll(steady), "every instance that was DONE throughout");
          assertTrue(seen.stream().allMatch(c -> c.status().equals("DONE")), "nothing else");
        }
      } finally {
        stop.set(true);
        churn.join();
      }
    }
  }

  @Test
  void shardsEmptiedByMovesAreRemoved() throws IOException {
    try (CounterStore store = open()) {
      fill(store);
      for (String id : expected(store, c -> c.status().equals("RUNNING"))) {
        store.update(id, c -> c.withStatus("DONE"));
      }
      assertEquals(List.of(), store.where(STATUS.equalTo("RUNNING")).list());
    }
    try (Stream<Path> left = Files.list(values("RUNNING"))) {
      assertEquals(List.of(), left.toList(), "no shard left behind in the value's directory");
    }
  }

  /**
   * An index of the layout before shards (entries directly in the value directories, the marker
   * named {@code .ready} and the default) is rebuilt by the first store that opens the root, which
   * removes its flat entries; finders then find every instance.
   */
  @Test
  void anIndexOfTheFlatLayoutIsRebuiltInShardsAndItsFlatEntriesRemoved() throws IOException {
    List<String> done;
    try (CounterStore store = open()) {
      fill(store);
      done = expected(store, c -> c.status().equals("DONE"));
    }
    FlatIndexLayout.flatten(root.resolve(".burrow/indexes").resolve(IndexNames.of("status")));

    try (CounterStore store = open()) {
      assertEquals(done, ids(Pages.walk(store.where(STATUS.equalTo("DONE"))::list, 100)));
    }
    Path status = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
    try (Stream<Path> all = Files.walk(status)) {
      List<Path> files = all.filter(Files::isRegularFile).toList();
      assertTrue(
          files.stream()
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .allMatch(f -> FieldIndex.directoriesOf(f).get(0).equals(status)),
          "every entry in its shards");
      assertEquals(
          List.of(FieldIndex.READY + IndexNames.of("PENDING")),
          files.stream()
              .map(f -> f.getFileName().toString())
              .filter(name -> name.startsWith(".ready"))
              .toList());
    }
  }

  private Path values(String key) {
    return root.resolve(".burrow/indexes")
        .resolve(IndexNames.of("status"))
        .resolve(IndexNames.of(key));
  }
}
