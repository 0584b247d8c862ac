package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Listing;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing, paging, streaming and scanning through a generated store, with one damaged document. */
class StoreListingTest {
  @TempDir Path root;
  private final List<CorruptInstanceException> reported = new ArrayList<>();
  private TaskRunStore store;

  @BeforeEach
  void createFourAndDamageOne() throws Exception {
    store =
        TaskRunStore.open(
            TestStores.options(root)
                .withClock(TestStores.ticking())
                .withCorruptionListener(reported::add));
    for (String id : List.of("a", "b", "c", "d")) {
      store.create(id);
    }
    Files.writeString(store.dirs("b").root().resolve("instance.json"), "{ damaged");
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static List<String> ids(List<TaskRun> runs) {
    return runs.stream().map(TaskRun::id).toList();
  }

  @Test
  void listIsNewestFirstAndReportsTheDamagedDocument() {
    assertEquals(List.of("d", "c", "a"), ids(store.list()));
    assertEquals(1, reported.size());
  }

  @Test
  void listPagesWithACursor() {
    Page<TaskRun> first = store.list(PageRequest.first(2));
    assertEquals(List.of("d", "c"), ids(first.items()));
    assertTrue(first.hasNext());
    List<String> rest = new ArrayList<>();
    Set<String> problems = new HashSet<>();
    first.problems().forEach(p -> problems.add(p.getMessage()));
    for (Page<TaskRun> page = first; page.next() != null; ) {
      page = store.list(page.next());
      rest.addAll(ids(page.items()));
      page.problems().forEach(p -> problems.add(p.getMessage()));
    }
    assertEquals(List.of("a"), rest);
    // A set: the filesystem backend reports a damaged document on every page it reads.
    assertEquals(1, problems.size(), problems.toString());
  }

  @Test
  void streamReadsLazilyAndReportsTheDamagedDocumentWhenItGetsThere() {
    List<String> streamed = new ArrayList<>();
    try (Stream<TaskRun> runs = store.stream()) {
      Iterator<TaskRun> walk = runs.iterator();
      streamed.add(walk.next().id());
      assertEquals(
          List.of(), reported, "the damaged document was read before the stream got there");
      walk.forEachRemaining(run -> streamed.add(run.id()));
    }
    assertEquals(List.of("d", "c", "a"), streamed);
    assertEquals(1, reported.size());
  }

  @Test
  void scanReturnsTheProblemsInsteadOfReportingThem() {
    Listing<TaskRun> listing = store.scan();
    assertEquals(List.of("d", "c", "a"), ids(listing.items()));
    assertEquals(1, listing.problems().size());
    assertTrue(listing.problems().get(0).getMessage().contains("instance.json"));
    assertTrue(reported.isEmpty(), "scan reports nothing to the listener");
  }
}
