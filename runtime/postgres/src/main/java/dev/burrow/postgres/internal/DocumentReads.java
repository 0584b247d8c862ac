package dev.burrow.postgres.internal;

import dev.burrow.Condition;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.runtime.internal.store.StrayEntryException;
import dev.burrow.spi.PathSegments;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A store's reads of documents: one by ID, and listing, finder and count pages, newest first, read
 * by index whatever the table's statistics say. Pages are bounded in rows and bytes, so no page can
 * exhaust the heap; a damaged row is reported, naming the row, and never hides the healthy ones (a
 * row whose ID is no valid ID hides no instance: it is reported as a stray entry, {@link
 * StrayEntryException}, as the filesystem backend reports an entry of a shard named so). Nothing is
 * written.
 */
final class DocumentReads<T> {
  /**
   * A listing or finder page is sent no further documents once those of its rows add up to this
   * many bytes (it always holds at least one row), as on the filesystem: a page of huge documents
   * cannot exhaust the heap.
   */
  private static final int MAX_PAGE_BYTES = FileSystemBackend.MAX_PAGE_BYTES;

  /** Rows read per query when a count is verified in Java: what such a count holds in memory. */
  private static final int VERIFIED_COUNT_PAGE = 500;

  private final String kind;
  private final Documents<T> documents;
  private final ExpressionIndexes<T> indexes;
  private final Statements statements;
  private final Connections connections;
  private final SeenRows seen;

  DocumentReads(
      String kind,
      Documents<T> documents,
      ExpressionIndexes<T> indexes,
      Statements statements,
      Connections connections,
      SeenRows seen) {
    this.kind = kind;
    this.documents = documents;
    this.indexes = indexes;
    this.statements = statements;
    this.connections = connections;
    this.seen = seen;
  }

  Optional<T> find(String id) {
    List<T> found =
        connections.read(
            "reading " + documents.location(id),
            connection ->
                Database.query(
                    connection,
                    statements.find,
                    row -> {
                      seen.saw(id, row.getLong(4), row.getLong(1));
                      return documents.decode(id, row.getLong(1), row.getString(2), row.getInt(3));
                    },
                    CheckedSchema.MAX_DOCUMENT_BYTES,
                    kind,
                    id));
    return found.stream().findFirst();
  }

  /**
   * One page of the listing, newest first (by ID, descending; see {@link NewestFirst}), read by
   * index: cost is one query for at most {@code request.size()} rows and the one after them (which
   * tells whether another page follows), however many there are and whatever the table's statistics
   * say (the page functions forbid a sort, see {@link Migrations}). The page ends early once its
   * documents add up to {@link #MAX_PAGE_BYTES}; the server sends no document past that.
   */
  Page<T> list(PageRequest request) {
    int size = request.size();
    SortKey after = position(request);
    List<Row> rows =
        connections.read(
            "listing kind '" + kind + "'",
            connection ->
                after == null
                    ? Database.query(
                        connection,
                        statements.firstPage,
                        Row::read,
                        kind,
                        size + 1,
                        MAX_PAGE_BYTES,
                        CheckedSchema.MAX_DOCUMENT_BYTES)
                    : Database.query(
                        connection,
                        statements.nextPage,
                        Row::read,
                        kind,
                        after.idRank(),
                        after.id(),
                        size + 1,
                        MAX_PAGE_BYTES,
                        CheckedSchema.MAX_DOCUMENT_BYTES));
    return page(rows, size, instance -> true);
  }

  /**
   * The position {@code request}'s cursor names, null for the first page. A cursor is caller input:
   * one naming an ID with a NUL character, which PostgreSQL text cannot hold, is refused by {@link
   * SortKey#fromCursor} rather than failing on the server as a storage failure.
   *
   * @throws IllegalArgumentException if the cursor is not one of a Burrow listing
   */
  private static @Nullable SortKey position(PageRequest request) {
    String cursor = request.after();
    return cursor == null ? null : SortKey.fromCursor(cursor);
  }

  /**
   * One page of the instances matching every condition, newest first: one query that reads the
   * expression indexes of the conditions' components ({@link ExpressionIndexes}), at most {@code
   * request.size()} rows and the one after them, bounded by bytes as a listing page is; each row is
   * verified against the conditions as it is decoded.
   */
  Page<T> query(List<Condition<T>> conditions, PageRequest request) {
    SortKey after = position(request);
    ExpressionIndexes.Statement query =
        indexes.page(
            conditions,
            after,
            request.size() + 1,
            MAX_PAGE_BYTES,
            CheckedSchema.MAX_DOCUMENT_BYTES);
    List<Row> rows =
        connections.read(
            "querying kind '" + kind + "'",
            connection ->
                Database.query(connection, query.sql(), Row::read, query.parameterArray()));
    return page(rows, request.size(), instance -> matches(conditions, instance));
  }

  /**
   * One indexed {@code count(*)} when the keys are exact ({@link ExpressionIndexes#exact});
   * otherwise the matching rows are read a page at a time, newest first, and only those whose
   * document decodes and matches in Java are counted, as the finders return them.
   */
  long count(List<Condition<T>> conditions) {
    if (ExpressionIndexes.exact(conditions)) {
      ExpressionIndexes.Statement count = indexes.count(conditions);
      return connections
          .read(
              "counting kind '" + kind + "'",
              connection ->
                  Database.query(
                      connection, count.sql(), row -> row.getLong(1), count.parameterArray()))
          .get(0);
    }
    long counted = 0;
    PageRequest request = PageRequest.first(VERIFIED_COUNT_PAGE);
    while (request != null) {
      Page<T> page = query(conditions, request);
      counted += page.items().size();
      request = page.next();
    }
    return counted;
  }

  private static <T> boolean matches(List<Condition<T>> conditions, T instance) {
    return conditions.stream().allMatch(condition -> condition.matches(instance));
  }

  /**
   * The page of the first {@code size} of {@code rows}, up to the first whose document the server
   * left for the next page (its byte bound): the readable ones that pass {@code filter}, and a
   * report per damaged one. It has a next page only if a row follows them, so the last page says it
   * is the last and no empty page comes after it.
   */
  private Page<T> page(List<Row> rows, int size, Predicate<T> filter) {
    List<T> instances = new ArrayList<>();
    List<CorruptInstanceException> problems = new ArrayList<>();
    int read = 0;
    for (Row row : rows.subList(0, Math.min(size, rows.size()))) {
      if (row.document() == null && row.stored() <= CheckedSchema.MAX_DOCUMENT_BYTES) {
        break; // the server's byte bound: the next page starts with this row
      }
      read++;
      if (!PathSegments.isValid(row.id())) {
        problems.add(
            new StrayEntryException(
                documents.location(row.id()),
                "its id is not a valid instance id (" + PathSegments.brokenRule(row.id()) + ")"));
        continue;
      }
      try {
        T instance = documents.decode(row.id(), row.version(), row.document(), row.stored());
        if (filter.test(instance)) {
          instances.add(instance);
        }
      } catch (CorruptInstanceException e) {
        problems.add(e);
      }
    }
    PageRequest next =
        rows.size() <= read ? null : PageRequest.after(rows.get(read - 1).key().toCursor(), size);
    return new Page<>(instances, problems, next);
  }

  /**
   * One row of a listing page: its document, or null if the server did not send it (too large, or
   * past the page's byte bound), and the document's stored size in bytes.
   */
  private record Row(String id, long version, int idRank, @Nullable String document, int stored) {

    static Row read(ResultSet row) throws SQLException {
      return new Row(
          row.getString(1), row.getLong(2), row.getInt(3), row.getString(4), row.getInt(5));
    }

    SortKey key() {
      return new SortKey(idRank, id);
    }
  }
}
