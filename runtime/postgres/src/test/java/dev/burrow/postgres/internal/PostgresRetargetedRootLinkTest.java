package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL store whose local root is given as a symbolic link keeps its instance directories in
 * the directory the link led to when it opened: pointed at another host's root of the same tables
 * afterwards, the link changes nothing for the open store, which neither hands out nor removes that
 * root's directories.
 */
@ExtendWith(PostgresExtension.class)
class PostgresRetargetedRootLinkTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static DataSource pool;

  @TempDir Path work;

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  @Test
  void instanceDirectoriesStayInTheDirectoryTheLinkLedToAtOpen() throws IOException {
    String tables = PgStores.freshPrefix();
    Path first = Files.createDirectory(work.resolve("first"));
    Path second = work.resolve("second");
    Path link = Files.createSymbolicLink(work.resolve("root"), first);
    Path secondsFile;
    try (CounterStore otherHost = PgStores.counters(pool, tables, second, LEASE)) {
      otherHost.create("job-1");
      secondsFile = write(otherHost, "the other host's work");
    }

    try (CounterStore store = PgStores.counters(pool, tables, link, LEASE)) {
      Path firstsFile = write(store, "this host's work");
      Files.delete(link);
      Files.createSymbolicLink(link, second);

      Path directory = store.dirs("job-1").root();
      assertTrue(directory.startsWith(first), directory.toString());
      assertEquals("this host's work", Files.readString(firstsFile));
      assertTrue(store.delete("job-1"));
      assertFalse(Files.exists(firstsFile));
    }
    assertEquals("the other host's work", Files.readString(secondsFile));
  }

  /** Writes {@code content} into a file of job-1's workspace, returning the file. */
  private static Path write(CounterStore store, String content) throws IOException {
    return Files.writeString(
        store.dirs("job-1").root().resolve("workspace").resolve("result.txt"), content);
  }
}
