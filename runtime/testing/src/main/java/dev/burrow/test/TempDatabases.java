package dev.burrow.test;

import dev.burrow.StorageException;
import dev.burrow.test.internal.postgres.ThrowawayDatabase;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Makes the databases of {@link TempDatabase} and leaves in the test's context what drops them. */
final class TempDatabases {
  private TempDatabases() {}

  /**
   * Checks that {@code where} (a parameter or field, for messages) can have a {@code @TempDatabase}
   * of {@code type}: it is a {@link DataSource}, the PostgreSQL driver is there, and so is a
   * server.
   *
   * @throws ExtensionConfigurationException if the type is not {@code DataSource} or the driver is
   *     missing
   * @throws org.opentest4j.TestAbortedException if there is no server (the test is skipped), unless
   *     every test is required: then {@link IllegalStateException}
   */
  static void check(Class<?> type, String where, ExtensionContext context) {
    if (type != DataSource.class) {
      throw new ExtensionConfigurationException(
          "@TempDatabase on "
              + where
              + " is a "
              + type.getName()
              + "; @TempDatabase gives a javax.sql.DataSource, so declare it as one");
    }
    ThrowawayDatabase.requireServer(context, "@TempDatabase on " + where);
  }

  /**
   * A new database for {@code where}, checked as {@link #check} does, dropped when {@code context}
   * ends.
   *
   * @throws StorageException if the server does not make the database
   */
  static DataSource open(Class<?> type, String where, ExtensionContext context) {
    check(type, where, context);
    ThrowawayDatabase database;
    try {
      database = ThrowawayDatabase.create(context, "@TempDatabase on " + where);
    } catch (SQLException e) {
      throw new StorageException(
          "cannot create the @TempDatabase of " + where + ": " + e.getMessage(), e);
    }
    Cleanup cleanup = new Cleanup("the @TempDatabase of " + where);
    cleanup.add(database);
    cleanup.runWhenDone(context);
    return database.dataSource();
  }
}
