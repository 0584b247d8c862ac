package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptJsonFileException;
import dev.burrow.Durability;
import dev.burrow.LockTimeoutException;
import dev.burrow.MisuseException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.filestore.CheckedPaths;
import dev.burrow.runtime.internal.json.JsonFile;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A host's data root serves one set of tables and one kind: a store on other tables (another prefix
 * here; another schema or database alike) refuses a root another store's tables recorded, instead
 * of opening it and sweeping away that store's instance directories, files and all. The same holds
 * between the filesystem and PostgreSQL backends.
 */
@ExtendWith(PostgresExtension.class)
class PostgresRootClaimTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final Duration NO_HANG = Duration.ofSeconds(30);

  private static DataSource pool;

  @TempDir Path root;

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  @Test
  void aStoreOnOtherTablesRefusesTheRootAndLeavesTheOtherStoresFilesAlone() throws Exception {
    String first = PgStores.freshPrefix();
    String second = PgStores.freshPrefix();
    Path kept;
    String id;
    try (CounterStore store = PgStores.counters(pool, first, root, LEASE)) {
      id = store.create().id();
      kept = store.dirs(id).root().resolve("workspace").resolve("result.txt");
      Files.writeString(kept, "the first store's work");
    }

    MisuseException refused =
        assertThrows(
            MisuseException.class, () -> PgStores.counters(pool, second, root, LEASE).close());

    assertTrue(refused.getMessage().contains("data root " + root), refused.getMessage());
    assertTrue(refused.getMessage().contains("tables " + first + "*"), refused.getMessage());
    assertTrue(refused.getMessage().contains("tables " + second + "*"), refused.getMessage());
    assertEquals("the first store's work", Files.readString(kept));
    try (CounterStore again = PgStores.counters(pool, first, root, LEASE);
        CounterStore together = PgStores.counters(pool, first, root, LEASE)) {
      assertEquals(id, together.get(id).id());
      assertEquals(
          "the first store's work",
          Files.readString(again.dirs(id).root().resolve("workspace").resolve("result.txt")));
    }
  }

  @Test
  void aRootRecordedForAnotherKindOrForTablesMadeAgainIsRefused() {
    RootClaim.Served counters = new RootClaim.Served("t_", 1_000L, "counters", "app", "public");
    CheckedPaths paths = new CheckedPaths(root);
    RootClaim.claim(paths, counters, Durability.FSYNC);

    RootClaim.claim(
        paths, new RootClaim.Served("t_", 1_000L, "counters", "renamed", "s"), Durability.FSYNC);
    for (RootClaim.Served other :
        List.of(
            new RootClaim.Served("t_", 1_000L, "sessions", "app", "public"),
            new RootClaim.Served("t_", 2_000L, "counters", "app", "public"),
            new RootClaim.Served("u_", 1_000L, "counters", "app", "public"))) {
      MisuseException refused =
          assertThrows(
              MisuseException.class, () -> RootClaim.claim(paths, other, Durability.FSYNC));
      assertTrue(refused.getMessage().contains("serves kind 'counters'"), refused.getMessage());
    }
  }

  @Test
  void neitherBackendOpensTheOthersRoot() {
    Path filesystem = root.resolve("filesystem");
    try (CounterStore store = Stores.counters(filesystem, Durability.NONE)) {
      store.create();
    }
    MisuseException refusedByPostgres =
        assertThrows(
            MisuseException.class,
            () -> PgStores.counters(pool, PgStores.freshPrefix(), filesystem, LEASE).close());
    assertTrue(
        refusedByPostgres.getMessage().contains("is a filesystem store's"),
        refusedByPostgres.getMessage());

    Path postgres = root.resolve("postgres");
    PgStores.counters(pool, PgStores.freshPrefix(), postgres, LEASE).close();
    MisuseException refusedByFiles =
        assertThrows(
            MisuseException.class, () -> Stores.counters(postgres, Durability.NONE).close());
    assertTrue(
        refusedByFiles.getMessage().contains("is a PostgreSQL store's"),
        refusedByFiles.getMessage());
  }

  /**
   * A PostgreSQL store does not claim a root while a filesystem store holds it for its own claim
   * (the lock under which its kind marker is checked and written, {@code .kind-marker}). Before,
   * the two backends claimed under different locks, so a filesystem store and a PostgreSQL store
   * opening one new root at once could each find the other's file missing and both claim the root,
   * whereupon the PostgreSQL store's sweep removes the filesystem store's instance directories. The
   * PostgreSQL store waits for the lock as long as a filesystem store would, its lock timeout (here
   * half a second; before, a fixed 30 seconds), then gives up without claiming.
   */
  @Test
  void aPostgresStoreDoesNotClaimTheRootWhileAFilesystemStoreClaimsIt() throws Exception {
    try (HeldLock filesystemClaim = HeldLock.take(root, ".kind-marker")) {
      assertThrows(
          LockTimeoutException.class,
          () ->
              PgStores.counters(
                      pool,
                      PgStores.freshPrefix(),
                      root,
                      LEASE,
                      StoreOptions.defaults().withLockTimeout(Duration.ofMillis(500)))
                  .close());
      assertFalse(Files.exists(root.resolve(".burrow").resolve("postgres.json")));
    }
  }

  @Test
  void aDamagedRecordIsRefusedNamingIt() throws Exception {
    Path record = root.resolve(".burrow").resolve("postgres.json");
    Files.createDirectories(record.getParent());
    Files.writeString(record, "{\"tables\": ");
    CorruptJsonFileException damaged =
        assertThrows(
            CorruptJsonFileException.class,
            () -> PgStores.counters(pool, PgStores.freshPrefix(), root, LEASE).close());
    assertTrue(damaged.getMessage().contains(record.toString()), damaged.getMessage());
  }

  /**
   * A record with a field a later Burrow may add is read as the claim it records; an empty one, or
   * one without a field or with a null, is damaged and named.
   */
  @Test
  void aRecordIsReadWithFieldsAddedLaterAndRefusedEmptyOrIncomplete() throws Exception {
    Path record = root.resolve(".burrow").resolve("postgres.json");
    Files.createDirectories(record.getParent());
    CheckedPaths paths = new CheckedPaths(root);
    RootClaim.Served counters = new RootClaim.Served("t_", 1_000L, "counters", "app", "public");
    Files.writeString(
        record,
        "{\"tables\":\"t_\",\"tablesMadeMicros\":1000,\"kind\":\"counters\","
            + "\"database\":\"app\",\"schema\":\"public\",\"addedLater\":[1]}");
    RootClaim.claim(paths, counters, Durability.NONE);

    for (String damaged :
        List.of(
            "",
            "{\"tables\":\"t_\",\"kind\":\"counters\",\"database\":\"app\",\"schema\":\"public\"}",
            "{\"tables\":null,\"tablesMadeMicros\":1000,\"kind\":\"counters\","
                + "\"database\":\"app\",\"schema\":\"public\"}")) {
      Files.writeString(record, damaged);
      CorruptJsonFileException refused =
          assertThrows(
              CorruptJsonFileException.class,
              () -> RootClaim.claim(paths, counters, Durability.NONE),
              damaged);
      assertTrue(refused.getMessage().contains(record.toString()), refused.getMessage());
    }
  }

  /** What can be planted in the record's place. */
  enum Plant {
    LINK,
    FIFO,
    DIRECTORY,
    /** A sparse file longer than the cap on what is read of a JSON file. */
    HUGE_FILE
  }

  /**
   * Whatever is planted in the record's place, a PostgreSQL store refuses the root as damaged and a
   * filesystem store as a PostgreSQL store's, each naming the record, without waiting on a FIFO,
   * reading a huge file or following a link.
   */
  @ParameterizedTest(name = "{0} at .burrow/postgres.json")
  @EnumSource(Plant.class)
  void whatIsPlantedInTheRecordsPlaceIsRefusedNamingItAndNeverFollowed(Plant plant)
      throws Exception {
    Path record = root.resolve(".burrow").resolve("postgres.json");
    Files.createDirectories(record.getParent());
    Path outside =
        Files.writeString(root.resolveSibling(root.getFileName() + "-outside.json"), "{}");
    try {
      plant(plant, record, outside);

      CorruptJsonFileException byPostgres =
          assertTimeoutPreemptively(
              NO_HANG,
              () ->
                  assertThrows(
                      CorruptJsonFileException.class,
                      () -> PgStores.counters(pool, PgStores.freshPrefix(), root, LEASE).close()));
      assertTrue(byPostgres.getMessage().contains(record.toString()), byPostgres.getMessage());
      MisuseException byFiles = refusedByAFilesystemStore();
      assertTrue(
          byFiles.getMessage().contains("is a PostgreSQL store's (it holds " + record + ")"),
          byFiles.getMessage());
      assertEquals("{}", Files.readString(outside, StandardCharsets.UTF_8));
    } finally {
      Files.delete(outside);
    }
  }

  /**
   * A filesystem store's root in which a PostgreSQL store's record was planted holds both backends'
   * files: the store refuses it naming both and what the planted one is, not as a PostgreSQL
   * store's root whose advice ("give it another one") would not fit; nothing is followed or
   * written.
   */
  @ParameterizedTest(name = "{0} at .burrow/postgres.json beside store.json")
  @EnumSource(Plant.class)
  void aRecordPlantedBesideAFilesystemStoresMarkerIsNamedWithTheMarker(Plant plant)
      throws Exception {
    Path marker = root.resolve(".burrow").resolve("store.json");
    Path record = root.resolve(".burrow").resolve("postgres.json");
    Path outside =
        Files.writeString(root.resolveSibling(root.getFileName() + "-outside.json"), "{}");
    try {
      try (CounterStore store = Stores.counters(root, Durability.NONE)) {
        store.create();
      }
      String markerBefore = Files.readString(marker);
      plant(plant, record, outside);

      MisuseException refused = refusedByAFilesystemStore();
      assertTrue(
          refused
              .getMessage()
              .contains(
                  "holds both a filesystem store's kind marker ("
                      + marker
                      + ") and a PostgreSQL store's record of what it serves ("
                      + record
                      + ", "
                      + planted(plant)
                      + ")"),
          refused.getMessage());
      assertEquals(markerBefore, Files.readString(marker));
      assertEquals("{}", Files.readString(outside, StandardCharsets.UTF_8));
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void aMarkerPlantedBesideAPostgresStoresRecordIsNamedWithTheRecord() throws Exception {
    PgStores.counters(pool, PgStores.freshPrefix(), root, LEASE).close();
    Path record = root.resolve(".burrow").resolve("postgres.json");
    Path marker = Files.writeString(root.resolve(".burrow").resolve("store.json"), "{}");

    MisuseException refused =
        assertThrows(
            MisuseException.class,
            () -> PgStores.counters(pool, PgStores.freshPrefix(), root, LEASE).close());

    assertTrue(
        refused
            .getMessage()
            .contains(
                "holds both a PostgreSQL store's record of what it serves ("
                    + record
                    + ") and a filesystem store's kind marker ("
                    + marker
                    + ", a file of 2 bytes)"),
        refused.getMessage());
  }

  /** What a filesystem store opening {@link #root} throws, within {@link #NO_HANG}. */
  private MisuseException refusedByAFilesystemStore() {
    return assertTimeoutPreemptively(
        NO_HANG,
        () ->
            assertThrows(
                MisuseException.class, () -> Stores.counters(root, Durability.NONE).close()));
  }

  private static String planted(Plant plant) {
    return switch (plant) {
      case LINK -> "a symbolic link";
      case FIFO -> "a FIFO (named pipe)";
      case DIRECTORY -> "a directory";
      case HUGE_FILE -> "a file of " + (JsonFile.MAX_BYTES + 1L) + " bytes";
    };
  }

  private static void plant(Plant plant, Path record, Path outside) throws Exception {
    switch (plant) {
      case LINK -> Files.createSymbolicLink(record, outside);
      case FIFO -> {
        Process mkfifo = new ProcessBuilder("mkfifo", record.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo " + record);
      }
      case DIRECTORY -> Files.createDirectory(record);
      case HUGE_FILE -> {
        try (RandomAccessFile file = new RandomAccessFile(record.toFile(), "rw")) {
          file.setLength(JsonFile.MAX_BYTES + 1L);
        }
      }
    }
  }
}
