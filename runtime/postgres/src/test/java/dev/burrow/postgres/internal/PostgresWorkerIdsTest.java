package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.MisuseException;
import dev.burrow.RetriableException;
import dev.burrow.SnowflakeLayout;
import dev.burrow.StoreOptions;
import dev.burrow.WorkerIdUnavailableException;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.internal.id.SnowflakeGenerator;
import dev.burrow.runtime.internal.id.WorkerLease;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class PostgresWorkerIdsTest {
  private static final int HOSTS = 3;
  private static final int IDS_EACH = 100_000;
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static LocalPostgres server;
  private static DataSource pool;

  @TempDir Path dir;

  @BeforeAll
  static void connect(LocalPostgres postgres) {
    server = postgres;
    pool = postgres.sharedPool();
  }

  private static PostgresWorkerIds allocator(String prefix) {
    return PostgresWorkerIds.open(pool, PgStores.options(prefix, LEASE));
  }

  @Test
  void threeHostsMakeAHundredThousandIdsEachWithoutOneDuplicate() throws IOException {
    String prefix = PgStores.freshPrefix();
    List<ChildJvm> hosts = new ArrayList<>();
    Set<String> workers = new HashSet<>();
    try {
      for (int i = 0; i < HOSTS; i++) {
        hosts.add(
            ChildJvm.start(
                PgIdHost.class,
                server.jdbcUrl(),
                prefix,
                Integer.toString(IDS_EACH),
                dir.resolve("ids-" + i).toString()));
      }
      for (ChildJvm host : hosts) {
        String ready = host.readLine();
        assertTrue(ready != null && ready.startsWith("ready "), ready + host.stderrText());
        workers.add(ready.substring("ready ".length()));
      }
      hosts.forEach(host -> host.send("go"));
      for (ChildJvm host : hosts) {
        host.awaitLine("done");
        host.awaitSuccess();
      }
    } finally {
      hosts.forEach(ChildJvm::close);
    }
    assertEquals(HOSTS, workers.size(), "hosts holding leases at once share a number: " + workers);

    long[] all = new long[HOSTS * IDS_EACH];
    for (int i = 0; i < HOSTS; i++) {
      try (DataInputStream in =
          new DataInputStream(Files.newInputStream(dir.resolve("ids-" + i)))) {
        for (int j = 0; j < IDS_EACH; j++) {
          all[i * IDS_EACH + j] = in.readLong();
        }
        assertEquals(-1, in.read(), "host " + i + " wrote more than " + IDS_EACH + " IDs");
      }
    }
    Arrays.sort(all);
    int duplicates = 0;
    for (int i = 1; i < all.length; i++) {
      if (all[i] == all[i - 1]) {
        duplicates++;
      }
    }
    assertEquals(0, duplicates);
    assertEquals(
        List.of("t", "t", "t"),
        Sql.column(
            pool, "SELECT holder IS NULL FROM " + prefix + "workers WHERE high_water_millis > 0"));
  }

  @Test
  void liveHoldersNeverShareANumberAndAFullTableSaysSo() {
    String prefix = PgStores.freshPrefix();
    try (PostgresWorkerIds first = allocator(prefix);
        PostgresWorkerIds second = allocator(prefix)) {
      WorkerLease a = first.acquire(2);
      WorkerLease b = second.acquire(2);
      assertNotEquals(a.workerId(), b.workerId());
      WorkerIdUnavailableException full =
          assertThrows(WorkerIdUnavailableException.class, () -> first.acquire(2));
      assertTrue(full.getMessage().contains(prefix + "workers"), full.getMessage());
      assertInstanceOf(RetriableException.class, full, "it passes when a holder goes");

      b.close();
      assertEquals(b.workerId(), first.acquire(2).workerId());
    }
  }

  @Test
  void aNumberPassesToANewHolderOnlyAfterItsLeaseExpiresAndWithItsHighWaterMark() {
    String prefix = PgStores.freshPrefix();
    long mark = System.currentTimeMillis() + 500;
    try (PostgresWorkerIds dead = allocator(prefix);
        PostgresWorkerIds next = allocator(prefix)) {
      WorkerLease stale = dead.acquire(1);
      stale.recordHighWater(mark);
      assertThrows(WorkerIdUnavailableException.class, () -> next.acquire(1));

      Sql.update(
          pool,
          "UPDATE "
              + prefix
              + "workers SET expires_at = clock_timestamp()"
              + " - interval '1 second'");
      WorkerLease taken = next.acquire(1);
      assertEquals(stale.workerId(), taken.workerId());
      assertEquals(mark, taken.highWaterMillis());
      WorkerIdUnavailableException lost =
          assertThrows(
              WorkerIdUnavailableException.class, () -> stale.recordHighWater(mark + 1000));
      assertTrue(lost.getMessage().contains("taken over"), lost.getMessage());

      try (SnowflakeGenerator generator = SnowflakeGenerator.builder(workers -> taken).build()) {
        long first = generator.next();
        assertTrue(SnowflakeLayout.defaults().parse(first).timestampMillis() > mark);
      }
    }
  }

  @Test
  void aCleanCloseLowersTheMarkAndAPlainCloseKeepsIt() {
    String prefix = PgStores.freshPrefix();
    long now = System.currentTimeMillis();
    try (PostgresWorkerIds workers = allocator(prefix)) {
      WorkerLease first = workers.acquire(1);
      first.recordHighWater(now + 1_000);
      first.closeAfterLastId(now + 5);
      WorkerLease second = workers.acquire(1);
      assertEquals(now + 5, second.highWaterMillis(), "the next holder need not wait");
      second.recordHighWater(now + 2_000);
      second.close();
      WorkerLease third = workers.acquire(1);
      assertEquals(now + 2_000, third.highWaterMillis(), "a plain close keeps the mark");
      third.closeAfterLastId(now + 3_000);
      assertEquals(now + 2_000, workers.acquire(1).highWaterMillis(), "never raised");
    }
  }

  /**
   * A lease that expired and was claimed again, by another allocator or its own, never lowers the
   * mark the new holder recorded.
   */
  @Test
  void aLostLeaseNeverLowersTheMarkItsNumbersNextHolderRecorded() {
    String prefix = PgStores.freshPrefix();
    long now = System.currentTimeMillis();
    try (PostgresWorkerIds workers = allocator(prefix);
        PostgresWorkerIds other = allocator(prefix)) {
      WorkerLease lostToOther = workers.acquire(1);
      lostToOther.recordHighWater(now + 1_000);
      expireAll(prefix);
      WorkerLease taken = other.acquire(1);
      taken.recordHighWater(now + 2_000);
      lostToOther.closeAfterLastId(now + 5);
      taken.close();

      WorkerLease lostToItself = workers.acquire(1);
      expireAll(prefix);
      WorkerLease again = workers.acquire(1);
      again.recordHighWater(now + 3_000);
      lostToItself.closeAfterLastId(now + 2_005);
      assertEquals(
          List.of(Long.toString(now + 3_000)),
          Sql.column(pool, "SELECT high_water_millis FROM " + prefix + "workers"));
    }
  }

  private static void expireAll(String prefix) {
    Sql.update(
        pool,
        "UPDATE " + prefix + "workers SET expires_at = clock_timestamp() - interval '1 second'");
  }

  @Test
  void storesMakeSnowflakeIdsWithALeasedNumberAndGiveItBackAtClose() {
    String prefix = PgStores.freshPrefix();
    CounterStore store =
        new CounterStore(
            StoreEngine.open(
                CounterSchema.INSTANCE,
                PostgresBackend.of(
                    pool,
                    PostgresOptions.defaults().withTablePrefix(prefix).withLeaseDuration(LEASE)),
                StoreOptions.defaults().withDataRoot(dir)));
    String id;
    try (store) {
      id = store.create().id();
      assertTrue(id.chars().allMatch(Character::isDigit), id);
      assertEquals(
          List.of("f"),
          Sql.column(
              pool, "SELECT holder IS NULL FROM " + prefix + "workers WHERE holder IS NOT NULL"));
      assertTrue(Long.parseLong(store.create().id()) > Long.parseLong(id));
    }
    assertEquals(
        List.of("0"),
        Sql.column(pool, "SELECT count(*) FROM " + prefix + "workers WHERE holder IS NOT NULL"));
  }

  /**
   * A thread that took the generator before another thread lost its lease and replaced it (closing
   * it) goes on with the replacement instead of failing on the closed generator.
   */
  @Test
  void aThreadHoldingAReplacedGeneratorGoesOnWithItsReplacement() {
    try (LeasedSnowflakes snowflakes =
        new LeasedSnowflakes(allocator(PgStores.freshPrefix()), "k")) {
      SnowflakeGenerator taken = snowflakes.current();
      snowflakes.discard(taken);

      String id = snowflakes.nextId(taken);

      SnowflakeGenerator replacement = snowflakes.current();
      assertNotSame(taken, replacement);
      assertEquals(
          replacement.workerId(), SnowflakeLayout.defaults().parse(id).worker(), "made by " + id);
    }
  }

  /** A thread that took the generator before its store was closed is told the store was closed. */
  @Test
  void aThreadHoldingTheGeneratorOfAClosedStoreIsToldItWasClosed() {
    LeasedSnowflakes snowflakes = new LeasedSnowflakes(allocator(PgStores.freshPrefix()), "k");
    SnowflakeGenerator taken = snowflakes.current();
    snowflakes.close();

    MisuseException closed = assertThrows(MisuseException.class, () -> snowflakes.nextId(taken));
    assertTrue(closed.getMessage().contains("store of kind 'k' was closed"), closed.getMessage());
  }
}
