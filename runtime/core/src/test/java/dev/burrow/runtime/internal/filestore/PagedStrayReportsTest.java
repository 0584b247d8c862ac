package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * A paged walk of the listing reports each entry of a shard that is no instance once, on the page
 * that passes its shard, though a page looks past its last instance to tell whether another page
 * follows.
 */
class PagedStrayReportsTest {
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
}
