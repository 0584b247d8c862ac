package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listing page among damaged documents reads at most its size of documents and about {@link
 * FileSystemBackend#MAX_PAGE_BYTES} of them, damaged ones included, and paging goes on after them
 * with no gap and no repeat; each entry of a shard that is no instance is reported once, on the
 * page that passes its shard.
 */
class DamagedListingTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path root;
  private FileSystemBackend<Counter> store;

  @BeforeEach
  void open() {
    store =
        FileSystemBackend.open(
            CounterSchema.INSTANCE, root, Durability.NONE, Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** The IDs of {@code n} new instances, in listing order (newest first). */
  private List<String> insert(int n) {
    for (int i = 0; i < n; i++) {
      store.insert(new Counter(String.format("c%05d", i), 1, T0, T0, "ok", 0, Map.of()));
    }
    List<String> order = new ArrayList<>();
    store.walk(100, p -> {}).forEachRemaining(c -> order.add(c.id()));
    assertEquals(n, order.size());
    return order;
  }

  private void damage(String id, String json) throws Exception {
    Files.writeString(
        FileSystemBackend.instanceDirectory(root, id).resolve(FileLayout.DOCUMENT), json);
  }

  private static String idOf(CorruptInstanceException problem) {
    return Path.of(problem.location()).getParent().getFileName().toString();
  }

  /**
   * Before, damaged documents counted toward neither bound: a page of 1 on a root of 500 whose
   * documents but one are damaged read all 500 and reported 499.
   */
  @Test
  void aPageReadsAtMostItsSizeOfDocumentsHoweverManyAreDamaged() throws Exception {
    List<String> order = insert(500);
    String healthy = order.get(order.size() - 1);
    for (String id : order) {
      if (!id.equals(healthy)) {
        damage(id, "{not json");
      }
    }

    Page<Counter> first = store.list(PageRequest.first(1));
    assertEquals(List.of(), first.items());
    assertEquals(List.of(order.get(0)), first.problems().stream().map(d -> idOf(d)).toList());
    assertNotNull(first.next());

    for (int size : new int[] {1, 7, 64}) {
      List<String> met = new ArrayList<>();
      List<String> items = new ArrayList<>();
      PageRequest request = PageRequest.first(size);
      while (request != null) {
        Page<Counter> page = store.list(request);
        assertTrue(
            page.items().size() + page.problems().size() <= size,
            "a page of " + size + " met " + page.problems().size() + " damaged documents");
        page.problems().forEach(d -> met.add(idOf(d)));
        page.items().forEach(c -> met.add(c.id()));
        page.items().forEach(c -> items.add(c.id()));
        request = page.next();
      }
      assertEquals(order, met, "pages of " + size + " meet every ID once, in order");
      assertEquals(List.of(healthy), items);
    }
  }

  /** Before, a page of 100 read all six damaged documents of 2 MiB, 12 MiB in all. */
  @Test
  void theBytesOfDamagedDocumentsCountTowardThePageBound() throws Exception {
    List<String> order = insert(7);
    String big = "a".repeat(2 * 1024 * 1024);
    for (String id : order.subList(0, 6)) {
      damage(id, "{\"id\":\"" + id + "\",\"status\":\"" + big + "\", oops");
    }

    Page<Counter> page = store.list(PageRequest.first(100));

    int read = page.problems().size();
    assertTrue(
        (long) read * big.length() <= FileSystemBackend.MAX_PAGE_BYTES + big.length() + 64,
        "the page read " + read + " damaged documents of 2 MiB");
    assertEquals(List.of(), page.items());
    assertNotNull(page.next());
    Page<Counter> rest = store.list(page.next());
    List<String> met = new ArrayList<>();
    page.problems().forEach(d -> met.add(idOf(d)));
    rest.problems().forEach(d -> met.add(idOf(d)));
    rest.items().forEach(c -> met.add(c.id()));
    while (rest.next() != null) {
      rest = store.list(rest.next());
      rest.problems().forEach(d -> met.add(idOf(d)));
      rest.items().forEach(c -> met.add(c.id()));
    }
    assertEquals(order, met);
  }

  /**
   * Two instances in shards of their own, the older one's leaf also holding a stray file and the
   * directory of an instance of another shard. Before, the first page of 1, looking into that leaf
   * for a next instance, reported both, and the second page, entering the leaf again from its
   * beginning, reported both again: a paged walk named the misplaced instance as damaged twice.
   */
  @Test
  void eachEntryThatIsNoInstanceIsReportedOnceByAPagedWalk() throws Exception {
    for (String id : List.of("aaaaaaaaaa1", "bbbbbbbbbb1")) {
      store.insert(new Counter(id, 1, T0, T0, "ok", 0, Map.of()));
    }
    Path leaf = FileSystemBackend.instanceDirectory(root, "aaaaaaaaaa1").getParent();
    Files.writeString(leaf.resolve("stray~"), "not an instance");
    Path misplaced = Files.createDirectory(leaf.resolve("zzz"));
    Files.writeString(misplaced.resolve(FileLayout.DOCUMENT), "{}");

    List<String> items = new ArrayList<>();
    List<String> reported = new ArrayList<>();
    for (PageRequest request = PageRequest.first(1); request != null; ) {
      Page<Counter> page = store.list(request);
      page.items().forEach(c -> items.add(c.id()));
      page.problems().forEach(p -> reported.add(Path.of(p.location()).getFileName().toString()));
      request = page.next();
    }

    assertEquals(List.of("bbbbbbbbbb1", "aaaaaaaaaa1"), items);
    assertEquals(List.of("stray~", "zzz"), reported.stream().sorted().toList());
  }

  /**
   * A leaf holding 40 stray files among its instances, and 9 stray files directly in {@code
   * instances/}: pages of 1, 7 and 64 each hold at most their size of items and reports together,
   * and a paged walk names every stray once and every instance once, in order. Before, the first
   * page reported all 49 strays, however small its size: one page's problems were unbounded.
   */
  @Test
  void strayEntriesCountTowardThePageSizeAndLaterPagesReportTheRest() throws Exception {
    List<String> order = insert(20);
    Path leaf = FileSystemBackend.instanceDirectory(root, order.get(5)).getParent();
    List<String> strays = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      strays.add(Files.writeString(leaf.resolve("stray~" + i), "x").getFileName().toString());
    }
    for (int i = 0; i < 9; i++) {
      Path top = root.resolve("instances").resolve("top~" + i);
      strays.add(Files.writeString(top, "x").getFileName().toString());
    }

    for (int size : new int[] {1, 7, 64}) {
      List<String> items = new ArrayList<>();
      List<String> reported = new ArrayList<>();
      PageRequest request = PageRequest.first(size);
      while (request != null) {
        Page<Counter> page = store.list(request);
        assertTrue(
            page.items().size() + page.problems().size() <= size,
            "a page of " + size + " held " + page.problems().size() + " reports");
        page.items().forEach(c -> items.add(c.id()));
        page.problems().forEach(p -> reported.add(Path.of(p.location()).getFileName().toString()));
        request = page.next();
      }
      assertEquals(order, items, "pages of " + size);
      assertEquals(
          strays.stream().sorted().toList(),
          reported.stream().sorted().toList(),
          "pages of " + size);
    }
  }
}
