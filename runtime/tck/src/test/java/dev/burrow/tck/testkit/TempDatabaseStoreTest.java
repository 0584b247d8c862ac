package dev.burrow.tck.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.test.TempDatabase;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores a test opens itself on {@code @TempDatabase} data sources work, each on Burrow's default
 * tables of a database of its own.
 */
class TempDatabaseStoreTest {
  @Test
  void storesOnTheDefaultTablesOfTwoDatabasesShareNothing(
      @TempDatabase DataSource one,
      @TempDatabase DataSource other,
      @TempDir Path oneRoot,
      @TempDir Path otherRoot) {
    try (AccountStore first = open(one, oneRoot);
        AccountStore second = open(other, otherRoot)) {
      first.create("a", c -> c.balance(3));
      first.update("a", c -> c.balance(4));
      assertEquals(4, first.get("a").balance());
      assertEquals(2, first.get("a").version());
      assertTrue(second.find("a").isEmpty(), "the other database has tables of its own");
      second.create("a", c -> c.balance(9));
      assertEquals(4, first.get("a").balance());
    }
  }

  private static AccountStore open(DataSource database, Path root) {
    return AccountStore.open(
        PostgresBackend.of(database), StoreOptions.defaults().withDataRoot(root));
  }
}
