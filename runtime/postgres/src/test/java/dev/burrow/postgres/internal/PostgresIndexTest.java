package dev.burrow.postgres.internal;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Condition;
import dev.burrow.Durability;
import dev.burrow.PageRequest;
import dev.burrow.Query;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.store.IndexDefault;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.HostileNames;
import dev.burrow.runtime.testing.Pages;
import dev.burrow.runtime.testing.StatusDefaultSchema;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Finders on PostgreSQL: expression indexes, one indexed query, evolution and hostile values. */
@ExtendWith(PostgresExtension.class)
class PostgresIndexTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final CounterSchema SCHEMA = CounterSchema.indexing(STATUS, COUNT);

  private static DataSource pool;

  @TempDir Path localRoot;
  private String prefix;

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  @BeforeEach
  void freshTables() {
    prefix = PgStores.freshPrefix();
  }

  private CounterStore open(InstanceSchema<Counter> schema) {
    return PgStores.counters(pool, prefix, localRoot, LEASE, StoreOptions.defaults(), schema);
  }

  private List<String> indexNames() {
    return Sql.column(
        pool,
        "SELECT indexname FROM pg_indexes WHERE tablename = ? AND indexname LIKE ? ORDER BY 1",
        prefix + "instances",
        prefix + "ix%");
  }

  @Test
  void findersReturnTheMatchesNewestFirstWithTheListingsPaging() {
    try (CounterStore store = open(SCHEMA)) {
      for (int i = 0; i < 24; i++) {
        String id = store.create().id();
        int n = i;
        if (n % 3 == 0) {
          store.update(id, c -> c.withStatus("RUNNING"));
        }
        if (n % 2 == 0) {
          store.update(id, Counter::incremented);
        }
      }
      List<Counter> running =
          store.list().stream().filter(c -> c.status().equals("RUNNING")).toList();
      List<Counter> runningOnce = running.stream().filter(c -> c.count() == 1).toList();

      assertEquals(8, running.size());
      assertEquals(running, store.where(STATUS.equalTo("RUNNING")).list());
      assertEquals(running, Pages.walk(store.where(STATUS.equalTo("RUNNING"))::list, 3));
      assertEquals(8, store.where(STATUS.equalTo("RUNNING")).count());
      assertEquals(
          runningOnce,
          Pages.walk(store.where(STATUS.equalTo("RUNNING")).and(COUNT.equalTo(1L))::list, 1));
      assertEquals(4, store.where(STATUS.equalTo("RUNNING")).and(COUNT.equalTo(1L)).count());
      assertEquals(List.of(), store.where(STATUS.equalTo("DONE")).list());
    }
  }

  @Test
  void aFinderIsOneQueryOnTheComponentsExpressionIndex() throws SQLException {
    try (CounterStore store = open(SCHEMA)) {
      for (int i = 0; i < 2_000; i++) {
        int n = i;
        store.create(c -> c.withStatus(n % 200 == 0 ? "RARE" : "COMMON"));
      }
      Sql.update(pool, "ANALYZE " + prefix + "instances");
      ExpressionIndexes<Counter> indexes = new ExpressionIndexes<>(SCHEMA, new Tables(prefix));
      List<Condition<Counter>> rare = List.of(STATUS.equalTo("RARE"));
      ExpressionIndexes.Statement page =
          indexes.page(
              rare, null, 50, FileSystemBackend.MAX_PAGE_BYTES, CheckedSchema.MAX_DOCUMENT_BYTES);

      String statusIndex =
          Sql.column(
                  pool,
                  "SELECT indexname FROM pg_indexes WHERE tablename = ? AND indexdef LIKE ?",
                  prefix + "instances",
                  "%'status'%")
              .get(0);

      List<String> arguments =
          List.of(
              "50",
              Integer.toString(CheckedSchema.MAX_DOCUMENT_BYTES),
              Integer.toString(FileSystemBackend.MAX_PAGE_BYTES),
              "'RARE'",
              "'RARE'",
              "50");
      String custom = explain(page, arguments, false);
      String generic = explain(page, arguments, true);
      System.out.println(
          "findByStatus(RARE, first page of 50), custom plan:\n"
              + custom
              + "generic plan:\n"
              + generic);

      for (String plan : List.of(custom, generic)) {
        assertTrue(plan.contains("->  Limit"), "the page is bounded under its byte bound: " + plan);
        assertTrue(plan.contains("Index Scan Backward using " + statusIndex + " on"), plan);
        assertTrue(plan.contains("Index Cond: (hashtextextended("), "the key's hash: " + plan);
        assertTrue(!plan.contains("Seq Scan") && !plan.contains("Sort"), plan);
      }
      assertEquals(10, store.where(STATUS.equalTo("RARE")).count());
      String count = explain(indexes.count(rare), List.of("'RARE'", "'RARE'"), false);
      assertTrue(count.contains(statusIndex) && !count.contains("Seq Scan"), count);
    }
  }

  /**
   * The plan of {@code statement}, prepared on the server with {@code arguments} (SQL literals in
   * place of its parameters): the generic plan, as a prepared statement run many times gets, or the
   * plan made for these values.
   */
  private static String explain(
      ExpressionIndexes.Statement statement, List<String> arguments, boolean generic)
      throws SQLException {
    String sql = statement.sql();
    for (int i = 1; sql.contains("?"); i++) {
      sql = sql.replaceFirst("\\?", "\\$" + i);
    }
    try (Connection connection = pool.getConnection();
        Statement session = connection.createStatement()) {
      session.execute(
          "SET plan_cache_mode = " + (generic ? "force_generic_plan" : "force_custom_plan"));
      session.execute("PREPARE finder AS " + sql);
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows =
          session.executeQuery("EXPLAIN EXECUTE finder(" + String.join(", ", arguments) + ")")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      } finally {
        session.execute("DEALLOCATE finder");
        session.execute("RESET plan_cache_mode");
      }
      return plan.toString();
    }
  }

  /**
   * A database whose index a previous release made over the whole key (which PostgreSQL refuses for
   * a key past a third of a page) gets the bounded index when a store opens.
   */
  @Test
  void anIndexOverTheWholeKeyFromAPreviousReleaseIsReplacedOnOpen() {
    String running;
    try (CounterStore store = open(CounterSchema.INSTANCE)) {
      running = store.create(c -> c.withStatus("RUNNING")).id();
    }
    String previous = previousReleaseIndex(CounterSchema.indexing(STATUS));
    assertEquals(1, indexNames().size());

    String longStatus = incompressible(10_000);
    try (CounterStore store = open(CounterSchema.indexing(STATUS))) {
      assertEquals(1, indexNames().size());
      assertTrue(!indexNames().contains(previous), indexNames().toString());
      String definition =
          Sql.column(
                  pool,
                  "SELECT indexdef FROM pg_indexes WHERE tablename = ? AND indexname = ?",
                  prefix + "instances",
                  indexNames().get(0))
              .get(0);
      assertTrue(definition.contains("hashtextextended("), definition);
      String updated = store.create(c -> c.withStatus("DONE")).id();
      store.update(updated, c -> c.withStatus(longStatus));
      assertEquals(List.of(updated), ids(store.where(STATUS.equalTo(longStatus)).list()));
      assertEquals(List.of(running), ids(store.where(STATUS.equalTo("RUNNING")).list()));
    }
  }

  /**
   * Creates the index of {@code schema}'s one indexed component as the release before bounded
   * indexes named and defined it, over the whole key.
   *
   * @return its name
   */
  private String previousReleaseIndex(CounterSchema schema) {
    String fallback = IndexDefault.of(schema, STATUS).key();
    String key =
        prefix
            + "index_key(document, "
            + IndexKeys.literal(STATUS.name())
            + ", "
            + (fallback == null ? "NULL" : IndexKeys.literal(fallback))
            + ")";
    String name = prefix + "ix_" + sha256(schema.layout().name(), 8) + sha256(key, 12);
    Sql.update(
        pool,
        "CREATE INDEX "
            + name
            + " ON "
            + prefix
            + "instances ("
            + key
            + ", id_rank, id) WHERE kind = "
            + IndexKeys.literal(schema.layout().name()));
    return name;
  }

  private static String sha256(String text, int hexDigits) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, hexDigits);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code length} characters of base64 of random bytes: text PostgreSQL cannot compress. */
  private static String incompressible(int length) {
    byte[] bytes = new byte[length];
    new Random(14).nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).substring(0, length);
  }

  @Test
  void indexesAreCreatedWhenDeclaredAndDroppedWhenNot() {
    String id;
    try (CounterStore store = open(CounterSchema.INSTANCE)) {
      id = store.create(c -> c.withStatus("RUNNING")).id();
      assertEquals(List.of(), indexNames());
    }
    try (CounterStore store = open(CounterSchema.indexing(STATUS))) {
      assertEquals(1, indexNames().size());
      assertEquals(List.of(id), ids(store.where(STATUS.equalTo("RUNNING")).list()));
    }
    List<String> statusOnly = indexNames();
    try (CounterStore store = open(SCHEMA)) {
      assertEquals(2, indexNames().size());
      assertTrue(indexNames().containsAll(statusOnly));
      assertEquals(List.of(id), ids(store.where(COUNT.equalTo(0L)).list()));
    }
    try (CounterStore store = open(CounterSchema.indexing(COUNT))) {
      assertEquals(1, indexNames().size());
      assertTrue(!indexNames().containsAll(statusOnly));
    }
    try (CounterStore store = open(CounterSchema.INSTANCE)) {
      assertEquals(List.of(), indexNames());
    }
  }

  /**
   * A tool without the user's classes (a raw schema) cannot say which indexes to keep: it keeps
   * all.
   */
  @Test
  void openingTheKindRawKeepsItsIndexes() {
    try (CounterStore store = open(SCHEMA)) {
      store.create(c -> c.withStatus("RUNNING"));
    }
    List<String> declared = indexNames();
    assertEquals(2, declared.size());
    RawSchema raw =
        new RawSchema(
            Objects.requireNonNull(
                PostgresStorage.describedKind(pool, PgStores.options(prefix, LEASE), "counters")));
    try (PostgresStorage<RawDocument> rows =
        PostgresStorage.open(
            raw, pool, localRoot, Durability.NONE, LEASE, PgStores.options(prefix, LEASE))) {
      assertEquals(1, rows.list(PageRequest.first(10)).items().size());
    }
    assertEquals(declared, indexNames());
  }

  /** Stores, behind the store's back, the row of instance {@code bad} with {@code document}. */
  private void insertBadRow(String document) {
    Sql.update(
        pool,
        "INSERT INTO "
            + prefix
            + "instances (kind, id, version, document) VALUES ('counters', 'bad', 1, ?)",
        document);
  }

  @Test
  void aDamagedRowNeitherStopsTheIndexNorHidesTheHealthyOnes() {
    String healthy;
    try (CounterStore store = open(CounterSchema.INSTANCE)) {
      healthy = store.create(c -> c.withStatus("RUNNING")).id();
      insertBadRow("{\"id\": \"bad\", \"status\": ");
    }
    try (CounterStore store = open(SCHEMA)) {
      assertEquals(List.of(healthy), ids(store.where(STATUS.equalTo("RUNNING")).list()));
      store.create(c -> c.withStatus("RUNNING"));
      assertEquals(2, store.where(STATUS.equalTo("RUNNING")).count());
    }
  }

  @Test
  void aMatchingRowWhoseDocumentDoesNotDecodeIsReportedByTheFinderAndCountedInTheIndex() {
    String healthy;
    try (CounterStore store = open(SCHEMA)) {
      healthy = store.create(c -> c.withStatus("RUNNING")).id();
      insertBadRow(
          "{\"id\": \"bad\", \"version\": 1, \"status\": \"RUNNING\", \"count\": \"many\"}");
    }
    List<String> reported = new ArrayList<>();
    StoreOptions options =
        StoreOptions.defaults().withCorruptionListener(problem -> reported.add(problem.location()));
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE, options, SCHEMA)) {
      assertEquals(List.of(healthy), ids(store.where(STATUS.equalTo("RUNNING")).list()));
      assertEquals(1, reported.size(), reported.toString());
      assertTrue(reported.get(0).contains("bad"), reported.get(0));
      assertEquals(2, store.where(STATUS.equalTo("RUNNING")).count());
    }
  }

  @Test
  void everyValueAStringCanHoldIsFoundAndOnlyThatOne() {
    try (CounterStore store = open(SCHEMA)) {
      Map<String, String> idOf = new LinkedHashMap<>();
      for (String value : HostileNames.values()) {
        Counter created =
            store.create(
                c -> c.withStatus(value).withParams(Map.of("elsewhere", "\0\ud800" + value)));
        idOf.put(value, created.id());
      }
      for (Map.Entry<String, String> entry : idOf.entrySet()) {
        Query<Counter> query = store.where(STATUS.equalTo(entry.getKey()));
        assertEquals(
            List.of(entry.getValue()),
            ids(query.list()),
            () -> "value '" + entry.getKey().replace("\0", "\\0") + "'");
        assertEquals(1, query.count());
      }
    }
  }

  /**
   * A component added with a default computed from the version (a Kotlin {@code val status: String
   * = "v$version"}): a document written before it existed reads as its own version's value, so the
   * default has no one key. Two fresh values of one version took it for the key {@code v0}, which
   * the index then gave such a document: {@code count} of {@code v0} counted it, and its finder did
   * not return it. Once written again, the document holds the value it read as, and is found by it.
   */
  @Test
  void aDefaultComputedFromTheVersionHasNoOneKey() {
    String id;
    try (CounterStore store = open(StatusDefaultSchema.BEFORE)) {
      id = store.create().id();
      store.update(id, Counter::incremented);
    }
    try (CounterStore store = open(StatusDefaultSchema.fromVersion())) {
      assertEquals("v2", store.get(id).status());
      Query<Counter> ofFreshValues = store.where(STATUS.equalTo("v0"));
      assertEquals(List.of(), ofFreshValues.list());
      assertEquals(0, ofFreshValues.count());

      store.update(id, Counter::incremented);
      assertEquals(List.of(id), ids(store.where(STATUS.equalTo("v2")).list()));
      assertEquals(1, store.where(STATUS.equalTo("v2")).count());
    }
  }

  private static List<String> ids(List<Counter> counters) {
    return counters.stream().map(Counter::id).toList();
  }
}
