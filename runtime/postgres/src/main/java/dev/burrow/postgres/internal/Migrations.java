package dev.burrow.postgres.internal;

import dev.burrow.MisuseException;
import dev.burrow.NewerFormatException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Creates and upgrades Burrow's tables. Each migration runs once, in order, in one transaction with
 * its row in the schema-version table. The whole upgrade holds a transaction-scoped advisory lock,
 * so hosts starting at once apply each migration exactly once and the others see the finished
 * result (the transaction is {@code READ COMMITTED}, whatever the default isolation, so that it
 * does); a crash mid-way rolls back to a known version. Released migrations are never edited;
 * changes are new migrations appended to the list.
 *
 * <p>Once it holds the advisory lock, the upgrade waits for each table lock at most the store's
 * lock timeout ({@code lock_timeout}, set for its own transaction): a statement that alters a table
 * needs it exclusively, so it queues behind any open transaction that uses the table, and while it
 * queues every other session's reads and writes of the table queue behind it. A wait that times out
 * rolls the whole upgrade back ({@link TableBusyException}).
 */
final class Migrations {
  /** Advisory lock class for Burrow ("BURR"); the object is a hash of the table prefix. */
  private static final int LOCK_CLASS = 0x42555252;

  private record Migration(int version, String description, List<String> statements) {}

  /**
   * One listing page, newest first. A SQL function so that its settings hold for the page query
   * alone: without a sort or a bitmap scan to choose, the planner walks the index backwards and
   * stops after the page, whatever the statistics say. (On a freshly filled, never analysed table
   * it otherwise guesses a few hundred rows and sorts them all.) A function with settings is never
   * inlined, so they apply.
   */
  private static final String PAGE_FUNCTION =
      """
      CREATE FUNCTION {p}{name}(p_kind text{parameters}, p_limit integer)
      RETURNS TABLE (id text, version bigint, id_rank integer, document text)
      LANGUAGE sql STABLE
      SET enable_sort = off SET enable_bitmapscan = off SET enable_seqscan = off
      AS $$
        SELECT i.id, i.version, i.id_rank, i.document FROM {p}instances i
        WHERE i.kind = p_kind {after}
        ORDER BY i.id_rank DESC, i.id DESC LIMIT p_limit
      $$""";

  /**
   * A page of {@code {rows}} (a query for at most {@code {limit}} rows, newest first) that stops at
   * a byte bound without a sort: the first {@code {limit}} - 1 rows are the page, the last one only
   * tells whether another page follows, so its document is never sent. A row's document is sent
   * only if it is at most {@code {document_bytes}} long and the rows before it hold less than
   * {@code {page_bytes}}, so at least the first row's is; the others come with a null document.
   * Every row comes with its document's stored size ({@code octet_length}, read from the row
   * without fetching a document stored out of line), which tells an oversized document from one
   * left for the next page. The placeholders appear in the order {@code {limit}}, {@code
   * {document_bytes}}, {@code {page_bytes}}, {@code {rows}}.
   */
  static final String BOUNDED_PAGE =
      """
      SELECT r.id, r.version, r.id_rank,
        CASE WHEN row_number() OVER w < {limit} AND octet_length(r.document) <= {document_bytes}
          AND coalesce(sum(octet_length(r.document))
            OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) < {page_bytes}
        THEN r.document END,
        octet_length(r.document)
      FROM ({rows}) r
      WINDOW w AS (ORDER BY r.id_rank DESC, r.id DESC)
      ORDER BY r.id_rank DESC, r.id DESC""";

  /**
   * One listing page bounded by bytes (migration 7), in place of {@link #PAGE_FUNCTION}'s: the same
   * indexed walk ({@link #BOUNDED_PAGE} over it), and each row's stored size. The page's byte
   * bounds are parameters, so that they stay the code's. The old functions are dropped if they
   * exist and the new ones made or replaced, so the migration run again ends in the same place.
   */
  private static final String BOUNDED_PAGE_FUNCTION =
      """
      CREATE OR REPLACE FUNCTION {p}{name}(p_kind text{parameters}, p_limit integer,
        p_page_bytes integer, p_document_bytes integer)
      RETURNS TABLE (id text, version bigint, id_rank integer, document text, stored integer)
      LANGUAGE sql STABLE
      SET enable_sort = off SET enable_bitmapscan = off SET enable_seqscan = off
      AS $$
      """
          + BOUNDED_PAGE
              .replace("{limit}", "p_limit")
              .replace("{document_bytes}", "p_document_bytes")
              .replace("{page_bytes}", "p_page_bytes")
              .replace(
                  "{rows}",
                  """
                  SELECT i.id, i.version, i.id_rank, i.document FROM {p}instances i
                    WHERE i.kind = p_kind {after}
                    ORDER BY i.id_rank DESC, i.id DESC LIMIT p_limit""")
          + "\n$$";

  private static final List<Migration> ALL =
      List.of(
          new Migration(
              1,
              "instances and leases",
              List.of(
                  """
          CREATE TABLE {p}instances (
            kind text NOT NULL,
            id text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            created_second bigint NOT NULL DEFAULT -9223372036854775808,
            created_nano integer NOT NULL DEFAULT 0,
            id_rank integer NOT NULL DEFAULT 0,
            document text NOT NULL,
            written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (kind, id))""",
                  """
          CREATE INDEX {p}instances_newest
            ON {p}instances (kind, created_second, created_nano, id_rank, id)""",
                  """
          CREATE TABLE {p}leases (
            kind text NOT NULL,
            id text COLLATE "C" NOT NULL,
            holder text,
            epoch bigint NOT NULL,
            expires_at timestamptz,
            PRIMARY KEY (kind, id))""")),
          new Migration(
              2,
              "Snowflake worker leases",
              List.of(
                  """
          CREATE TABLE {p}workers (
            worker integer PRIMARY KEY,
            holder text,
            expires_at timestamptz,
            high_water_millis bigint NOT NULL DEFAULT -9223372036854775808)""")),
          new Migration(
              3,
              "listing by time-ordered ID",
              List.of(
                  """
          CREATE INDEX {p}instances_by_id ON {p}instances (kind, id_rank, id)""",
                  """
          ALTER TABLE {p}instances DROP COLUMN created_second, DROP COLUMN created_nano""")),
          new Migration(
              4,
              "epochs from a sequence, index-only listing pages, kind descriptions",
              List.of(
                  """
          CREATE SEQUENCE {p}lease_epochs AS bigint""",
                  """
          SELECT setval('{p}lease_epochs', (SELECT coalesce(max(epoch), 0) + 1 FROM {p}leases))""",
                  PAGE_FUNCTION
                      .replace("{name}", "page")
                      .replace("{parameters}", "")
                      .replace("{after}", ""),
                  PAGE_FUNCTION
                      .replace("{name}", "page_after")
                      .replace("{parameters}", ", p_rank integer, p_id text")
                      .replace("{after}", "AND (i.id_rank, i.id) < (p_rank, p_id)"),
                  """
          CREATE TABLE {p}kinds (
            kind text PRIMARY KEY,
            description text NOT NULL,
            written_at timestamptz NOT NULL DEFAULT clock_timestamp())""")),
          new Migration(5, "index keys of @Indexed components", List.of(IndexKeys.FUNCTION)),
          new Migration(
              6,
              "an incarnation per created row, telling a host's directory of a deleted instance"
                  + " from that of one created again with its ID",
              List.of(
                  """
          CREATE SEQUENCE {p}incarnations AS bigint""",
                  """
          ALTER TABLE {p}instances
            ADD COLUMN incarnation bigint NOT NULL DEFAULT nextval('{p}incarnations')""")),
          new Migration(
              7,
              "listing pages bounded by the bytes of their documents",
              List.of(
                  "DROP FUNCTION IF EXISTS {p}page(text, integer)",
                  "DROP FUNCTION IF EXISTS {p}page_after(text, integer, text, integer)",
                  BOUNDED_PAGE_FUNCTION
                      .replace("{name}", "page")
                      .replace("{parameters}", "")
                      .replace("{after}", ""),
                  BOUNDED_PAGE_FUNCTION
                      .replace("{name}", "page_after")
                      .replace("{parameters}", ", p_rank integer, p_id text")
                      .replace("{after}", "AND (i.id_rank, i.id) < (p_rank, p_id)"))),
          new Migration(
              8,
              "the fencing epoch of the last lease granted on a row, on the row, so that a write"
                  + " whose snapshot is older than a grant sees the grant",
              List.of("ALTER TABLE {p}instances ADD COLUMN leased_epoch bigint")),
          new Migration(
              9,
              "a token drawn by each write of a document, so that a write whose answer was lost is"
                  + " told from another of the same document",
              List.of("ALTER TABLE {p}instances ADD COLUMN write_token bigint")));

  private Migrations() {}

  /** The schema version this code writes and reads. */
  static int latest() {
    return ALL.get(ALL.size() - 1).version();
  }

  /**
   * Brings the tables under {@code tables}' prefix to {@link #latest()}.
   *
   * @param lockTimeout how long the upgrade waits for each table lock, once no other host is
   *     upgrading
   * @return the version found before upgrading (0 for an empty database)
   * @throws MisuseException if the database is not UTF-8
   * @throws NewerFormatException if the tables are at a newer schema version than this code knows
   * @throws TableBusyException if another transaction held a table the upgrade must lock for longer
   *     than {@code lockTimeout}; nothing was changed
   */
  static int apply(Database database, Tables tables, Duration lockTimeout) {
    return applyUpTo(database, tables, latest(), lockTimeout);
  }

  /**
   * Brings the tables under {@code tables}' prefix to {@code version}, as a Burrow of that schema
   * version left them (a test makes the tables of an older release with it).
   *
   * @return the version found before upgrading (0 for an empty database)
   */
  static int applyUpTo(Database database, Tables tables, int version, Duration lockTimeout) {
    String upgrading = "upgrading Burrow's tables " + tables.prefix() + "*";
    return database.bookkeeping(
        upgrading,
        connection -> {
          // Each statement sees what committed before it, whatever the default isolation: a
          // snapshot of the transaction, taken before the advisory lock was granted, would miss
          // the migrations of the host that held it, and run them again.
          Database.execute(connection, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
          requireUtf8(connection);
          Database.lockForTransaction(connection, LOCK_CLASS, tables.prefix());
          Database.query(
              connection,
              "SELECT set_config('lock_timeout', ?, true)",
              row -> Boolean.TRUE,
              Statements.lockTimeout(lockTimeout.toMillis()));
          // Not CREATE TABLE IF NOT EXISTS, which needs CREATE on the schema even when the table
          // is there: an application role without it opens the store once the tables exist.
          if (!exists(connection, tables.schemaVersion())) {
            String create =
                tables.expand(
                    """
                CREATE TABLE {p}schema_version (
                  version integer PRIMARY KEY,
                  description text NOT NULL,
                  applied_at timestamptz NOT NULL DEFAULT now())""");
            waitingAtMost(
                lockTimeout, upgrading, create, () -> Database.update(connection, create));
          }
          String read = "SELECT coalesce(max(version), 0) FROM " + tables.schemaVersion();
          int found =
              waitingAtMost(
                  lockTimeout,
                  upgrading,
                  read,
                  () -> Database.query(connection, read, row -> row.getInt(1)).get(0));
          if (found > latest()) {
            throw new NewerFormatException(
                "the tables "
                    + tables.prefix()
                    + "* are at schema"
                    + " version "
                    + found
                    + ", newer than this Burrow knows ("
                    + latest()
                    + "); upgrade Burrow on this host");
          }
          String record =
              "INSERT INTO " + tables.schemaVersion() + " (version, description) VALUES (?, ?)";
          for (Migration migration : ALL.subList(Math.min(found, version), version)) {
            String migrating =
                upgrading
                    + " from schema version "
                    + found
                    + " (migration "
                    + migration.version()
                    + ", "
                    + migration.description()
                    + ")";
            for (String statement : migration.statements()) {
              String sql = tables.expand(statement);
              waitingAtMost(
                  lockTimeout,
                  migrating,
                  sql,
                  () -> {
                    Database.execute(connection, sql);
                    return Boolean.TRUE;
                  });
            }
            waitingAtMost(
                lockTimeout,
                migrating,
                record,
                () ->
                    Database.update(
                        connection, record, migration.version(), migration.description()));
          }
          return found;
        });
  }

  /** One statement of an upgrade. */
  @FunctionalInterface
  private interface UpgradeStatement<R> {
    R run() throws SQLException;
  }

  /**
   * Runs {@code sql} through {@code statement}; a wait for a table lock that ends at {@code
   * lockTimeout} is a {@link TableBusyException} of {@code what}, which rolls the upgrade back.
   */
  private static <R> R waitingAtMost(
      Duration lockTimeout, String what, String sql, UpgradeStatement<R> statement)
      throws SQLException {
    try {
      return statement.run();
    } catch (SQLException e) {
      if (Failures.lockNotAvailable(e)) {
        throw new TableBusyException(what, sql, lockTimeout, e);
      }
      throw e;
    }
  }

  /** Whether {@code table} exists in the schema tables are created in. */
  private static boolean exists(Connection connection, String table) throws SQLException {
    return Database.query(
            connection,
            "SELECT EXISTS (SELECT 1 FROM pg_tables"
                + " WHERE schemaname = current_schema() AND tablename = ?)",
            row -> row.getBoolean(1),
            table)
        .get(0);
  }

  private static void requireUtf8(Connection connection) throws SQLException {
    String encoding =
        Database.query(
                connection, "SELECT current_setting('server_encoding')", row -> row.getString(1))
            .get(0);
    if (!"UTF8".equals(encoding)) {
      throw new MisuseException(
          "the database's encoding is "
              + encoding
              + "; Burrow stores"
              + " documents as UTF-8 text and needs a UTF8 database (CREATE DATABASE ..."
              + " ENCODING 'UTF8')");
    }
  }
}
