package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.EventLog;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event log or an instance's files taken on PostgreSQL before the instance was deleted, by this
 * host or another, never acknowledge a write they then lose. An event log: the append says the
 * instance is gone ({@link InstanceNotFoundException}) and appends nothing, and once an instance of
 * that ID is created again it goes into the new instance's log, as an append through a log taken
 * now would, which is what the filesystem backend does ({@code DeletedInstanceHandlesTest}); the
 * files the same way. Each host (data root) keeps its own directory of the instance; the other
 * host's delete leaves this host's in place.
 */
@ExtendWith(PostgresExtension.class)
class PostgresHandlesAfterDeleteTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static DataSource pool;

  @TempDir Path work;

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  @Test
  void anAppendAfterAnotherHostDeletedTheInstanceSaysItIsGoneAndAppendsNothing()
      throws IOException {
    String tables = PgStores.freshPrefix();
    try (CounterStore here = PgStores.counters(pool, tables, work.resolve("host-a"), LEASE);
        CounterStore there = PgStores.counters(pool, tables, work.resolve("host-b"), LEASE)) {
      here.create("job");
      EventLog<String> log = here.events("job", String.class);
      log.append("before");
      assertTrue(there.delete("job"));

      assertGone(() -> log.append("after delete"));

      assertEquals(List.of("\"before\""), Files.readAllLines(log.file()), "nothing appended");
    }
  }

  @Test
  void anAppendAfterAnotherHostCreatedTheInstanceAgainGoesIntoTheNewLog() {
    String tables = PgStores.freshPrefix();
    try (CounterStore here = PgStores.counters(pool, tables, work.resolve("host-a"), LEASE);
        CounterStore there = PgStores.counters(pool, tables, work.resolve("host-b"), LEASE)) {
      here.create("job");
      EventLog<String> log = here.events("job", String.class);
      log.append("before");
      assertTrue(there.delete("job"));
      assertGone(() -> log.append("after delete"));
      there.create("job");

      assertEquals(0, log.append("after recreate"), "the first event of the new log");

      assertEquals(List.of("after recreate"), here.events("job", String.class).read(0).values());
      assertEquals(List.of("after recreate"), log.read(0).values());
    }
  }

  @Test
  void anAppendAfterThisHostDeletedAndCreatedTheInstanceAgainGoesIntoTheNewLog() {
    String tables = PgStores.freshPrefix();
    try (CounterStore here = PgStores.counters(pool, tables, work.resolve("host-a"), LEASE)) {
      here.create("job");
      EventLog<String> log = here.events("job", String.class);
      log.append("before");
      assertTrue(here.delete("job"));
      assertGone(() -> log.append("after delete"));
      here.create("job");

      assertEquals(0, log.append("after recreate"), "the first event of the new log");

      assertEquals(List.of("after recreate"), here.events("job", String.class).read(0).values());
    }
  }

  /**
   * An offset a log handed out before another host deleted the instance and created it again is in
   * no line of the new instance's log on this host, though a line of it starts there: a read from
   * it says the instance it was in is gone, and the log reads the new one from 0.
   */
  @Test
  void anOffsetIntoTheLogBeforeAnotherHostCreatedTheInstanceAgainIsNotReadInTheNewLog()
      throws IOException {
    String tables = PgStores.freshPrefix();
    try (CounterStore here = PgStores.counters(pool, tables, work.resolve("host-a"), LEASE);
        CounterStore there = PgStores.counters(pool, tables, work.resolve("host-b"), LEASE)) {
      here.create("job");
      EventLog<String> log = here.events("job", String.class);
      log.append("first");
      long second = log.append("second");
      // Held open, the deleted instance's directory keeps its inode, which the new one's could
      // otherwise be given once it is removed.
      try (DirectoryStream<Path> held =
          Files.newDirectoryStream(log.file().getParent().getParent())) {
        assertTrue(there.delete("job"));
        there.create("job");
        EventLog<String> taken = here.events("job", String.class);
        taken.append("fresh");
        taken.append("latest");

        assertGone(() -> log.read(second));

        assertEquals(List.of("fresh", "latest"), log.read(0).values());
      }
    }
  }

  @Test
  void theFilesOfAnInstanceAnotherHostDeletedAndCreatedAgainAreTheNewInstances() {
    String tables = PgStores.freshPrefix();
    try (CounterStore here = PgStores.counters(pool, tables, work.resolve("host-a"), LEASE);
        CounterStore there = PgStores.counters(pool, tables, work.resolve("host-b"), LEASE)) {
      here.create("job");
      InstanceFiles files = here.files("job");
      files.write("before.json", "old");
      Path directory = files.directory().root();
      assertTrue(there.delete("job"));

      assertGone(() -> files.write("after.json", "lost"));
      assertGone(() -> files.read("before.json", String.class));
      assertGone(() -> files.file("after.json"));
      assertFalse(Files.exists(directory.resolve("after.json")), "nothing written");

      there.create("job");
      files.write("again.json", "new");

      assertEquals(Optional.of("new"), here.files("job").read("again.json", String.class));
      assertEquals(Optional.empty(), files.read("before.json", String.class));
    }
  }

  private static void assertGone(Runnable append) {
    InstanceNotFoundException gone = assertThrows(InstanceNotFoundException.class, append::run);
    assertEquals("job", gone.instanceId());
  }
}
