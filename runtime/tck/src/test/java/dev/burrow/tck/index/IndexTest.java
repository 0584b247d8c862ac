package dev.burrow.tck.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.MisuseException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.runtime.internal.store.IndexQuery;
import dev.burrow.runtime.testing.Pages;
import dev.burrow.tck.index.IndexedRun.Status;
import dev.burrow.tck.index.Places.Place;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generated finders on processor-generated schemas, the same on every backend. */
@ExtendWith(PostgresExtension.class)
class IndexTest {
  @TempDir Path root;

  private IndexedRunStore runs(Places places, LocalPostgres server) {
    return places.fresh(root, server).open(IndexedRunStore::open, IndexedRunStore::open);
  }

  private static List<String> ids(List<IndexedRun> runs) {
    return runs.stream().map(IndexedRun::id).toList();
  }

  @ParameterizedTest
  @EnumSource(Places.class)
  void findersReturnTheMatchesNewestFirstPagedLikeTheListing(Places places, LocalPostgres server) {
    try (IndexedRunStore store = runs(places, server)) {
      for (int i = 0; i < 25; i++) {
        int n = i;
        store.create(
            c -> c.owner(n % 2 == 0 ? "ada" : "bob").status(Status.values()[n % 3]).priority(n));
      }
      List<IndexedRun> running =
          store.list().stream().filter(r -> r.status() == Status.RUNNING).toList();

      assertEquals(8, running.size());
      assertEquals(running, Pages.walk(r -> store.findByStatus(Status.RUNNING, r), 3));
      assertEquals(running, store.findByStatus(Status.RUNNING, PageRequest.first(100)).items());
      Page<IndexedRun> firstHalf = store.findByStatus(Status.RUNNING, PageRequest.first(4));
      Page<IndexedRun> secondHalf =
          store.findByStatus(Status.RUNNING, Objects.requireNonNull(firstHalf.next()));
      assertEquals(running.subList(4, 8), secondHalf.items());
      assertNull(secondHalf.next(), "the page that holds the last match is the last page");
      assertEquals(running, store.streamByStatus(Status.RUNNING).toList());
      assertEquals(8, store.countByStatus(Status.RUNNING));
      assertEquals(
          List.of(store.list().get(0).id()),
          ids(store.findByStatus(store.list().get(0).status(), PageRequest.first(1)).items()));
    }
  }

  /**
   * A finder's page stops taking documents once they add up to 8 MiB, as a listing page does, on
   * every backend: of three 5 MiB matches a page of 10 holds two and its next page the third; a
   * stream and a count get each once. Before, PostgreSQL read all the page's rows whatever their
   * size.
   */
  @ParameterizedTest
  @EnumSource(Places.class)
  void aFinderPageStopsAtEightMebibytesOfDocuments(Places places, LocalPostgres server) {
    try (IndexedRunStore store = runs(places, server)) {
      String large = "x".repeat(5 * 1024 * 1024);
      for (int i = 0; i < 3; i++) {
        store.create(c -> c.owner("ada").notes(List.of(large)));
      }
      store.create(c -> c.owner("bob"));
      List<String> ada = ids(store.list().stream().filter(r -> r.owner().equals("ada")).toList());

      Page<IndexedRun> first = store.findByOwner("ada", PageRequest.first(10));
      assertEquals(ada.subList(0, 2), ids(first.items()));
      Page<IndexedRun> second = store.findByOwner("ada", Objects.requireNonNull(first.next()));
      assertEquals(ada.subList(2, 3), ids(second.items()));
      assertNull(second.next(), "the page that holds the last match is the last page");
      assertEquals(ada, ids(Pages.walk(r -> store.findByOwner("ada", r), 10)));
      assertEquals(ada, ids(store.streamByOwner("ada").toList()));
      assertEquals(3, store.countByOwner("ada"));
    }
  }

  /**
   * A finder's stream reads its matches a page at a time as it goes, never all of them up front: a
   * match changed after the stream handed out its first element, on a later page, comes out as
   * changed.
   */
  @ParameterizedTest
  @EnumSource(Places.class)
  void aFinderStreamReadsEachPageWhenItGetsThere(Places places, LocalPostgres server) {
    try (IndexedRunStore store = runs(places, server)) {
      List<String> made = new ArrayList<>();
      for (int i = 0; i <= IndexQuery.PAGE; i++) {
        made.add(store.create(c -> c.owner("ada")).id());
      }
      String oldest = made.get(0);

      List<IndexedRun> streamed = new ArrayList<>();
      try (Stream<IndexedRun> stream = store.streamByOwner("ada")) {
        Iterator<IndexedRun> walk = stream.iterator();
        streamed.add(walk.next());
        store.update(oldest, c -> c.notes(List.of("changed while the stream ran")));
        walk.forEachRemaining(streamed::add);
      }

      assertEquals(made.size(), streamed.size());
      IndexedRun last = streamed.get(streamed.size() - 1);
      assertEquals(oldest, last.id());
      assertEquals(List.of("changed while the stream ran"), last.notes());
    }
  }

  @ParameterizedTest
  @EnumSource(Places.class)
  void whereCombinesIndexedComponentsWithAnd(Places places, LocalPostgres server) {
    try (IndexedRunStore store = runs(places, server)) {
      for (int i = 0; i < 24; i++) {
        int n = i;
        store.create(c -> c.owner(n % 2 == 0 ? "ada" : "bob").status(Status.values()[n % 3]));
      }
      List<IndexedRun> expected =
          store.list().stream()
              .filter(r -> r.owner().equals("ada") && r.status() == Status.DONE)
              .toList();

      var query =
          store
              .where(IndexedRunIndex.OWNER.equalTo("ada"))
              .and(IndexedRunIndex.STATUS.equalTo(Status.DONE));

      assertEquals(4, expected.size());
      assertEquals(expected, query.list());
      assertEquals(expected, Pages.walk(query::list, 1));
      assertEquals(4, query.count());
      assertEquals(
          0, query.and(IndexedRunIndex.STATUS.equalTo(Status.PENDING)).count(), "A and not A");
    }
  }

  @ParameterizedTest
  @EnumSource(Places.class)
  void nullFindsTheInstancesWithoutAValue(Places places, LocalPostgres server) {
    try (IndexedRunStore store = runs(places, server)) {
      String without = store.create(c -> c.owner("ada")).id();
      String with = store.create(c -> c.owner("ada").branch("main")).id();

      assertEquals(List.of(without), ids(store.streamByBranch(null).toList()));
      assertEquals(List.of(with), ids(store.streamByBranch("main").toList()));
      assertEquals(2, store.countByTicket(null));
      store.update(with, c -> c.branch(null));
      assertEquals(2, store.countByBranch(null));
      assertEquals(0, store.countByBranch("main"));
      assertThrows(
          MisuseException.class,
          () -> store.where(IndexedRunIndex.OWNER.equalTo(nullOwner())).count());
      IndexedRun stored = store.get(with);
      IndexedRun ownerless =
          new IndexedRun(
              with,
              stored.version(),
              stored.status(),
              nullOwner(),
              stored.priority(),
              stored.branch(),
              stored.urgent(),
              stored.ticket(),
              stored.due(),
              stored.cost(),
              stored.notes());
      MisuseException refused =
          assertThrows(MisuseException.class, () -> store.compareAndSet(ownerless));
      assertTrue(refused.getMessage().contains("'owner'"), refused.getMessage());
      assertTrue(refused.getMessage().contains("not @Nullable"), refused.getMessage());
      assertEquals(stored, store.get(with));
      for (Executable finder :
          List.<Executable>of(
              () -> store.countByOwner(nullOwner()),
              () -> store.streamByOwner(nullOwner()),
              () -> store.findByOwner(nullOwner(), PageRequest.first(10)))) {
        assertEquals("owner", assertThrows(NullPointerException.class, finder).getMessage());
      }
    }
  }

  /**
   * A damaged document is counted by no count, as no finder returns it: on PostgreSQL its index
   * keys are null, so the count of null (one indexed {@code count(*)} before) counted it.
   */
  @ParameterizedTest
  @EnumSource(Places.class)
  void countsAgreeWithTheFindersOverADamagedDocument(Places places, LocalPostgres server)
      throws Exception {
    Place place = places.fresh(root, server);
    try (IndexedRunStore store = place.open(IndexedRunStore::open, IndexedRunStore::open)) {
      String healthy = store.create(c -> c.owner("ada")).id();
      String damaged = store.create(c -> c.owner("ada")).id();
      place.replaceDocument(
          server, "indexed-runs", damaged, "{\"id\": \"" + damaged + "\", \"branch\": ");

      var page = store.findByBranch(null, PageRequest.first(10));
      assertEquals(List.of(healthy), ids(page.items()));
      assertEquals(1, page.problems().size());
      assertEquals(1, store.countByBranch(null));
      assertEquals(List.of(healthy), ids(store.findByOwner("ada", PageRequest.first(10)).items()));
      assertEquals(1, store.countByOwner("ada"));
    }
  }

  /** Null where the types say it cannot be, as a caller ignoring nullness could pass it. */
  private static String nullOwner() {
    return null;
  }

  /**
   * Values PostgreSQL cannot compress (random base64 of about 10 KB, past a btree entry's limit of
   * a third of a page) and values that differ only after a long shared prefix: each is found
   * exactly, created or updated to, paged newest first like the listing.
   */
  @ParameterizedTest
  @EnumSource(Places.class)
  void longIncompressibleValuesAndLongSharedPrefixesAreFoundExactly(
      Places places, LocalPostgres server) {
    Random random = new Random(14);
    String prefix = randomText(random, 9_000);
    List<String> values =
        List.of(
            randomText(random, 10_000),
            prefix,
            prefix + "a",
            prefix + "b",
            prefix + "b".repeat(2_000),
            prefix.substring(0, 8_999) + "?");
    try (IndexedRunStore store = runs(places, server)) {
      List<String> created = new ArrayList<>();
      for (String value : values) {
        created.add(store.create(c -> c.owner(value)).id());
      }
      String updated = store.create(c -> c.owner("short")).id();
      store.update(updated, c -> c.owner(values.get(0)));
      String third = store.create(c -> c.owner(values.get(0))).id();

      for (int i = 1; i < values.size(); i++) {
        String value = values.get(i);
        assertEquals(
            List.of(created.get(i)), ids(store.streamByOwner(value).toList()), "value " + i);
        assertEquals(1, store.countByOwner(value), "value " + i);
      }
      List<IndexedRun> sameValue =
          store.list().stream().filter(r -> r.owner().equals(values.get(0))).toList();
      assertEquals(List.of(third, updated, created.get(0)), ids(sameValue));
      assertEquals(sameValue, Pages.walk(r -> store.findByOwner(values.get(0), r), 1));
      assertEquals(3, store.countByOwner(values.get(0)));
      assertEquals(0, store.countByOwner(prefix + "c"));
      assertEquals(0, store.countByOwner("short"));
    }
  }

  /** {@code length} characters of base64 from {@code random}: text no compressor shrinks much. */
  private static String randomText(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).substring(0, length);
  }

  @ParameterizedTest
  @EnumSource(Places.class)
  void everyIndexableTypeFindsExactlyItsInstances(Places places, LocalPostgres server) {
    UUID ticket = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    Instant due = Instant.parse("2026-01-31T10:15:30.123456789Z");
    try (IndexedRunStore store = runs(places, server)) {
      String match =
          store
              .create(
                  c ->
                      c.owner("o")
                          .priority(-7)
                          .urgent(true)
                          .ticket(ticket)
                          .due(due)
                          .cost(new BigDecimal("1.50")))
              .id();
      store.create(c -> c.owner("p").priority(7).cost(new BigDecimal("1.5")));

      assertEquals(List.of(match), ids(store.streamByOwner("o").toList()));
      assertEquals(List.of(match), ids(store.streamByPriority(-7).toList()));
      assertEquals(List.of(match), ids(store.streamByUrgent(true).toList()));
      assertEquals(List.of(match), ids(store.streamByTicket(ticket).toList()));
      assertEquals(List.of(match), ids(store.streamByDue(due).toList()));
      assertEquals(
          List.of(match),
          ids(store.streamByCost(new BigDecimal("1.50")).toList()),
          "the scale counts, as in BigDecimal.equals");
    }
    Place place = places.fresh(root.resolve("scalars"), server);
    try (IndexedScalarsStore store =
        place.open(IndexedScalarsStore::open, IndexedScalarsStore::open)) {
      LocalDateTime moment = LocalDateTime.parse("2026-01-31T10:15:30");
      String match =
          store
              .create(
                  c ->
                      c.tiny((byte) -128)
                          .small((short) 32767)
                          .big(Long.MIN_VALUE)
                          .letter('\u00e9')
                          .huge(new BigInteger("123456789012345678901234567890"))
                          .timeout(Duration.ofMillis(1500))
                          .day(LocalDate.of(2026, 2, 28))
                          .moment(moment))
              .id();
      store.create(c -> c.tiny((byte) 1).letter('e'));

      assertEquals(List.of(match), idsOf(store.streamByTiny((byte) -128).toList()));
      assertEquals(List.of(match), idsOf(store.streamBySmall((short) 32767).toList()));
      assertEquals(List.of(match), idsOf(store.streamByBig(Long.MIN_VALUE).toList()));
      assertEquals(List.of(match), idsOf(store.streamByLetter('\u00e9').toList()));
      assertEquals(
          List.of(match),
          idsOf(store.streamByHuge(new BigInteger("123456789012345678901234567890")).toList()));
      assertEquals(List.of(match), idsOf(store.streamByTimeout(Duration.ofMillis(1500)).toList()));
      assertEquals(List.of(match), idsOf(store.streamByDay(LocalDate.of(2026, 2, 28)).toList()));
      assertEquals(List.of(match), idsOf(store.streamByMoment(moment).toList()));
    }
    Place times = places.fresh(root.resolve("times"), server);
    try (IndexedTimesStore store = times.open(IndexedTimesStore::open, IndexedTimesStore::open)) {
      OffsetDateTime stamp = OffsetDateTime.of(2026, 1, 31, 10, 0, 0, 0, ZoneOffset.ofHours(2));
      String match = store.create(c -> c.time(LocalTime.NOON).stamp(stamp)).id();
      store.create(c -> c.stamp(stamp.withOffsetSameInstant(ZoneOffset.UTC)));

      assertEquals(
          List.of(match), store.streamByTime(LocalTime.NOON).map(IndexedTimes::id).toList());
      assertEquals(
          List.of(match),
          store.streamByStamp(stamp).map(IndexedTimes::id).toList(),
          "the offset counts, as in OffsetDateTime.equals");
    }
  }

  private static List<String> idsOf(List<IndexedScalars> scalars) {
    return scalars.stream().map(IndexedScalars::id).toList();
  }
}
