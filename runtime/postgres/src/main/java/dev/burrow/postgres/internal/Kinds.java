package dev.burrow.postgres.internal;

import dev.burrow.MisuseException;
import dev.burrow.NewerFormatException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.transfer.KindDescription;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The kind rows of {@code <prefix>kinds}: each store records its kind's description (managed field
 * names, subdirectories, kind of ID) when it opens, so that tools without the user's classes can
 * export, import and migrate the kind's documents.
 */
final class Kinds {
  private final Database database;
  private final String recordSql;
  private final String claimSql;
  private final String readSql;
  private final String table;

  Kinds(Database database, Tables tables) {
    this.database = database;
    this.recordSql =
        tables.expand(
            """
            INSERT INTO {p}kinds AS k (kind, description) VALUES (?, ?)
            ON CONFLICT (kind) DO UPDATE SET description = excluded.description,
              written_at = clock_timestamp()
            WHERE k.description <> excluded.description""");
    this.claimSql =
        tables.expand(
            "INSERT INTO {p}kinds (kind, description) VALUES (?, ?) ON CONFLICT (kind) DO NOTHING");
    this.readSql = tables.expand("SELECT description FROM {p}kinds WHERE kind = ?");
    this.table = tables.expand("{p}kinds");
  }

  /** Records {@code description}; one statement, which writes only if it changed. */
  void record(KindDescription description) {
    database.autoCommit(
        "recording kind '" + description.kind() + "'",
        connection ->
            Database.update(connection, recordSql, description.kind(), description.toJson()));
  }

  /**
   * Records {@code description} if none of its kind is recorded, else checks that it matches the
   * recorded one (a store without the user's classes, a tool's, must not replace the application's
   * description with its own). Two statements; writes only when none was recorded.
   *
   * @throws MisuseException naming the kind and each difference if the recorded one differs
   */
  void recordOrCheck(KindDescription description) {
    String kind = description.kind();
    database.autoCommit(
        "recording kind '" + kind + "'",
        connection -> Database.update(connection, claimSql, kind, description.toJson()));
    KindDescription recorded = read(kind);
    List<String> differences = recorded == null ? List.of() : description.differencesFrom(recorded);
    if (!differences.isEmpty()) {
      throw new MisuseException(
          "kind '"
              + kind
              + "' is recorded in "
              + table
              + " with another shape than the one given here: "
              + String.join("; ", differences)
              + ". Nothing was written but the tables' upgrade to this Burrow's version, where"
              + " they needed one; give it the tables of its own shape (another table prefix)");
    }
  }

  /**
   * The recorded description of {@code kind}, or null if no store of it has opened here.
   *
   * @throws NewerFormatException if it names an ID kind this Burrow does not know
   * @throws StorageException if it is not JSON
   */
  @Nullable KindDescription read(String kind) {
    List<String> found =
        database.read(
            "reading kind '" + kind + "'",
            connection -> Database.query(connection, readSql, row -> row.getString(1), kind));
    if (found.isEmpty()) {
      return null;
    }
    try {
      return KindDescription.read(found.get(0));
    } catch (JacksonException e) {
      throw new StorageException(
          "the description of kind '"
              + kind
              + "' in "
              + table
              + " is damaged: not JSON ("
              + e.getOriginalMessage()
              + "); opening the kind's store with the application's classes records it again",
          e);
    } catch (IllegalArgumentException e) {
      throw new NewerFormatException(
          "the description of kind '"
              + kind
              + "' in "
              + table
              + " is not one this version of Burrow reads ("
              + e.getMessage()
              + "); read it with the version that recorded it");
    }
  }
}
