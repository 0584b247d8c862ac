package dev.burrow.postgres.internal;

import dev.burrow.CorruptJsonFileException;
import dev.burrow.Durability;
import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.filestore.CheckedPaths;
import dev.burrow.runtime.internal.filestore.DataRootOwners;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.json.JsonFile;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records which tables and kind a host's data root serves ({@code .burrow/postgres.json}), so that
 * a store on other tables (another prefix, schema or database) or of another kind refuses the root
 * instead of opening it: its sweep would take every directory whose ID its own tables do not hold
 * for a deleted instance's and remove it, files and all ({@link LocalDirectories#sweep}). The first
 * store to open a root records what it serves; a filesystem store's root is refused, and the
 * filesystem backend refuses a root with this record ({@link DataRootOwners}).
 *
 * <p>Tables are told apart by their prefix and the instant their first migration was applied (to
 * the microsecond, as the server recorded it in {@code <prefix>schema_version}), which a dump
 * restored elsewhere keeps and tables made again do not; the database and schema are recorded for
 * the message only, so a renamed database still opens its root.
 */
final class RootClaim {
  /** Reads a record only if it has every field, none of them null. */
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(
              DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
              DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .build();

  private RootClaim() {}

  /**
   * What a store serves: its tables, the instant they were made, and its kind; the record's JSON,
   * field by field.
   */
  record Served(String tables, long tablesMadeMicros, String kind, String database, String schema) {
    /** Whether a root recorded for {@code other} may be opened by a store serving this. */
    boolean sameAs(Served other) {
      return tables.equals(other.tables)
          && tablesMadeMicros == other.tablesMadeMicros
          && kind.equals(other.kind);
    }

    @Override
    public String toString() {
      return "kind '"
          + PathSegments.printable(kind)
          + "' in the tables "
          + PathSegments.printable(tables)
          + "* of database '"
          + PathSegments.printable(database)
          + "', schema '"
          + PathSegments.printable(schema)
          + "' (made "
          + Instant.EPOCH.plus(tablesMadeMicros, ChronoUnit.MICROS)
          + ")";
    }
  }

  /**
   * What a store of {@code kind} on {@code tables} serves; the tables exist (the migrations ran).
   *
   * @throws dev.burrow.BackendUnavailableException if the database cannot be reached
   */
  static Served served(Database database, Tables tables, String kind) {
    return database.bookkeeping(
        "reading what Burrow's tables " + tables.prefix() + "* are",
        connection ->
            Database.query(
                    connection,
                    "SELECT current_database(), current_schema(),"
                        + " (SELECT (extract(epoch FROM applied_at) * 1000000)::bigint FROM "
                        + tables.schemaVersion()
                        + " WHERE version = 1)",
                    row ->
                        new Served(
                            tables.prefix(),
                            row.getLong(3),
                            kind,
                            String.valueOf(row.getString(1)),
                            String.valueOf(row.getString(2))))
                .get(0));
  }

  /**
   * Records that {@code paths}' root serves {@code wanted}, or checks that it does if it records
   * something; call it holding this host's lock, so that two stores never both record. The record
   * is a {@link JsonFile}: read without following a link, never opened if it is a special file, and
   * never read past {@link JsonFile#MAX_BYTES} bytes.
   *
   * @throws MisuseException if the root serves other tables or another kind, or is a filesystem
   *     store's (or holds both stores' files)
   * @throws CorruptJsonFileException if the record is damaged: planted, too large, not JSON or not
   *     a record of what a root serves (each of its fields there and not null)
   * @throws StorageException if it cannot be read or written, or a directory on its way is planted
   */
  static void claim(CheckedPaths paths, Served wanted, Durability durability) {
    DataRootOwners.refuseIfOwnedByOther(paths.root(), DataRootOwners.POSTGRES);
    Path bookkeeping = paths.root().resolve(".burrow");
    JsonFile<Served> record =
        JsonFile.of(
            paths.root(),
            DataRootOwners.file(paths.root(), DataRootOwners.POSTGRES),
            Served.class,
            JSON,
            durability,
            TempFiles.forRoot(paths.root()));
    Optional<Served> recorded = record.read();
    if (recorded.isEmpty()) {
      try {
        paths.makeDirectories(bookkeeping, durability);
      } catch (IOException e) {
        throw new StorageException("cannot make " + bookkeeping + ": " + Failures.describe(e), e);
      }
      record.write(wanted);
    } else if (!recorded.get().sameAs(wanted)) {
      throw new MisuseException(
          "data root "
              + paths.root()
              + " serves "
              + recorded.get()
              + ", not "
              + wanted
              + "; a store would remove the other's instance directories there: give each set of"
              + " tables and each kind a data root of its own (StoreOptions.withDataRoot;"
              + " --local-root of burrow migrate), or, if"
              + " the tables it serves are gone for good, remove "
              + record.path());
    }
  }
}
