package dev.burrow.postgres.internal;

import dev.burrow.Condition;
import dev.burrow.IndexedField;
import dev.burrow.runtime.internal.store.IndexDefault;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.spi.InstanceSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One kind's {@code @Indexed} components as PostgreSQL expression indexes: for each, {@code CREATE
 * INDEX CONCURRENTLY {p}ix_<hash> ON {p}instances (hashtextextended(<key>, 0), id_rank, id) WHERE
 * kind = '<kind>'}, where {@code <key>} is {@code {p}index_key(document, '<field>', <default key>)}
 * (see {@link IndexKeys}), and the queries that use them.
 *
 * <p>The index holds a 64-bit hash of the key, not the key: a btree entry must fit in a third of a
 * page (2,704 bytes), and a key is anything a string can hold, however long. A query looks the hash
 * up in the index and compares the whole key on each row it finds, so two keys with one hash never
 * mix; rows of one key stay in the index's {@code (id_rank, id)} order, so a page is read by keyset
 * like the listing. {@code hashtextextended} is the hash PostgreSQL's hash indexes and hash
 * partitions use (stable across server versions, not cryptographic, so servers in FIPS mode allow
 * it).
 *
 * <p>Index names are the prefix, {@code ix_}, 8 hex digits of the kind's hash and 12 of the indexed
 * expression's, so a changed default or indexed expression makes a new index, and the indexes of
 * one kind can be listed and those no longer declared dropped (an index made by an older release
 * over the whole key is replaced when a store opens). The kind is written into each statement as a
 * literal, so that the planner can match the partial index with any plan, generic ones included.
 *
 * @param <T> the instance type
 */
final class ExpressionIndexes<T> {
  /** Advisory lock class for index changes ("BURI"); the object is a hash of the prefix. */
  private static final int LOCK_CLASS = 0x42555249;

  private static final String ROW = "SELECT id, version, id_rank, document FROM {p}instances";
  private static final String NEWEST_FIRST = " ORDER BY id_rank DESC, id DESC LIMIT ?";

  private final Tables tables;
  private final String kindLiteral;
  private final String namePrefix;
  private final Map<String, String> expressions = new LinkedHashMap<>();
  private final Map<String, String> definitions = new LinkedHashMap<>();

  ExpressionIndexes(InstanceSchema<T> schema, Tables tables) {
    this.tables = tables;
    this.kindLiteral = IndexKeys.literal(schema.layout().name());
    this.namePrefix = tables.prefix() + "ix_" + hash(schema.layout().name(), 8);
    for (IndexedField<T, ?> field : schema.indexes()) {
      @Nullable String fallback = IndexDefault.of(schema, field).key();
      String expression =
          tables.expand(
              "{p}index_key(document, "
                  + IndexKeys.literal(field.name())
                  + ", "
                  + (fallback == null ? "NULL" : IndexKeys.literal(fallback))
                  + ")");
      expressions.put(field.name(), expression);
      String indexed = hashed(expression);
      String name = namePrefix + hash(indexed, 12);
      definitions.put(
          name,
          "CREATE INDEX CONCURRENTLY "
              + name
              + tables.expand(" ON {p}instances (")
              + indexed
              + ", id_rank, id) WHERE kind = "
              + kindLiteral);
    }
  }

  /**
   * Creates the declared indexes that are missing or invalid and drops this kind's others, with
   * {@code CREATE INDEX CONCURRENTLY} and {@code DROP INDEX CONCURRENTLY}: writes to the table go
   * on while an index is built.
   *
   * <p>Cost when nothing changes: one catalog query, no lock. Otherwise it holds a session advisory
   * lock (so hosts opening at once do the work once; one that finds it held tries again, holding no
   * snapshot, until the holder is done, at most {@code lockTimeout}) and each build scans the whole
   * table twice (every kind's rows: the index is partial, its scans are not), waits for every
   * transaction that is writing the table when it starts, and for every transaction whose snapshot
   * is older than the build's (the caller's other open transactions included: the open waits until
   * they end, they are never blocked).
   *
   * <p>{@code CONCURRENTLY} cannot run in a transaction block, so this runs in auto-commit mode on
   * a connection borrowed through {@link Database}, which refuses one handed out with auto-commit
   * off ({@link dev.burrow.MisuseException}, before anything is sent: Burrow never switches the
   * auto-commit of a connection it did not open), rather than build the index the blocking way in a
   * transaction. A build that fails or is killed leaves an invalid index of the right name, which
   * PostgreSQL keeps up to date on writes but no query reads: it counts as missing, and the next
   * open drops it and builds it again. A build that fails fails the open, unless its connection was
   * lost (then it is done again on a fresh one).
   *
   * @param lockTimeout how long to wait for another host's index changes under this prefix (of any
   *     kind) to end
   * @throws IndexBusyException naming the indexes, the table and the timeout, if another host still
   *     held the lock after {@code lockTimeout}; nothing was changed
   * @throws dev.burrow.StorageException if the database refuses
   */
  void apply(Database database, Duration lockTimeout) {
    String what = "creating the indexes " + namePrefix + "* of " + tables.instances();
    List<Change> wanted = changes(database.read(what, this::existing));
    if (wanted.isEmpty()) {
      return;
    }
    database.autoCommit(
        what,
        connection ->
            Database.underSessionLock(
                connection,
                LOCK_CLASS,
                tables.prefix(),
                lockTimeout,
                () -> new IndexBusyException(Change.indexes(wanted), tables, lockTimeout),
                locked -> {
                  List<Change> changes = changes(existing(locked));
                  for (Change change : changes) {
                    Database.execute(locked, change.sql());
                  }
                  return changes;
                }));
  }

  /** A statement that creates or drops {@code index}. */
  record Change(String index, String sql) {
    /** The indexes {@code changes} create or drop, each once, in order. */
    static List<String> indexes(List<Change> changes) {
      return changes.stream().map(Change::index).distinct().toList();
    }
  }

  /** This kind's indexes, each name with whether it is valid ({@code pg_index.indisvalid}). */
  private Map<String, Boolean> existing(Connection connection) throws SQLException {
    Map<String, Boolean> existing = new HashMap<>();
    for (Map.Entry<String, Boolean> index :
        Database.query(
            connection,
            """
            SELECT ix.relname, pg_index.indisvalid
            FROM pg_index
            JOIN pg_class ix ON ix.oid = pg_index.indexrelid
            JOIN pg_class tab ON tab.oid = pg_index.indrelid
            JOIN pg_namespace ON pg_namespace.oid = tab.relnamespace
            WHERE pg_namespace.nspname = current_schema() AND tab.relname = ?
              AND starts_with(ix.relname, ?)""",
            row -> Map.entry(row.getString(1), row.getBoolean(2)),
            tables.instances(),
            namePrefix)) {
      existing.put(index.getKey(), index.getValue());
    }
    return existing;
  }

  /**
   * The statements that bring the kind's indexes from {@code existing} (each name with whether it
   * is valid) to the declared ones: an invalid index, left by a build that failed, is dropped and,
   * if declared, built again.
   */
  List<Change> changes(Map<String, Boolean> existing) {
    List<Change> changes = new ArrayList<>();
    existing.forEach(
        (name, valid) -> {
          if (!valid || !definitions.containsKey(name)) {
            changes.add(new Change(name, "DROP INDEX CONCURRENTLY IF EXISTS " + name));
          }
        });
    definitions.forEach(
        (name, definition) -> {
          if (!existing.getOrDefault(name, false)) {
            changes.add(new Change(name, definition));
          }
        });
    return changes;
  }

  /** A statement and its parameters. */
  record Statement(String sql, List<Object> parameters) {
    Object[] parameterArray() {
      return parameters.toArray();
    }
  }

  /**
   * One page of at most {@code rows} rows matching every condition, newest first, after {@code
   * after} if given, bounded by bytes as a listing page is ({@link Migrations#BOUNDED_PAGE}): each
   * row's ID, version, rank, document (null if not sent) and stored size.
   */
  Statement page(
      List<Condition<T>> conditions,
      @Nullable SortKey after,
      int rows,
      int pageBytes,
      int documentBytes) {
    List<Object> parameters = new ArrayList<>(List.of(rows, documentBytes, pageBytes));
    StringBuilder sql = new StringBuilder(tables.expand(ROW)).append(where(conditions, parameters));
    if (after != null) {
      sql.append(" AND (id_rank, id) < (?, ?)");
      parameters.add(after.idRank());
      parameters.add(after.id());
    }
    parameters.add(rows);
    String bounded =
        Migrations.BOUNDED_PAGE
            .replace("{limit}", "?")
            .replace("{document_bytes}", "?")
            .replace("{page_bytes}", "?")
            .replace("{rows}", sql.append(NEWEST_FIRST));
    return new Statement(bounded, parameters);
  }

  /** The number of rows matching every condition. */
  Statement count(List<Condition<T>> conditions) {
    List<Object> parameters = new ArrayList<>();
    String sql = tables.expand("SELECT count(*) FROM {p}instances");
    return new Statement(sql + where(conditions, parameters), parameters);
  }

  /**
   * Whether the rows matching in SQL are exactly the documents matching in Java: every key is
   * non-null (a null key is also what a damaged document and a document whose default has no one
   * key get) and the text PostgreSQL compares, and no other key becomes that text (no NUL, no
   * unpaired surrogate, and no U+FFFD, which they become).
   */
  static boolean exact(List<? extends Condition<?>> conditions) {
    return conditions.stream()
        .map(Condition::key)
        .allMatch(
            key -> key != null && key.indexOf('\ufffd') < 0 && IndexKeys.text(key).equals(key));
  }

  private String where(List<Condition<T>> conditions, List<Object> parameters) {
    StringBuilder where = new StringBuilder(" WHERE kind = ").append(kindLiteral);
    for (Condition<T> condition : conditions) {
      String expression = expressions.get(condition.field().name());
      if (expression == null) {
        throw new IllegalArgumentException(
            "component '" + condition.field().name() + "' is not indexed");
      }
      String key = condition.key();
      if (key == null) {
        where.append(" AND ").append(hashed(expression)).append(" IS NULL");
      } else {
        where.append(" AND ").append(hashed(expression)).append(" = ").append(hashed("?"));
        where.append(" AND ").append(expression).append(" = ?");
        parameters.add(IndexKeys.text(key));
        parameters.add(IndexKeys.text(key));
      }
    }
    return where.toString();
  }

  /** What the index holds for {@code key}: its 64-bit hash, null for null. */
  private static String hashed(String key) {
    return "hashtextextended(" + key + ", 0)";
  }

  private static String hash(String text, int hexDigits) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, hexDigits);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
