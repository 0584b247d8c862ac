package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.CorruptExportException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.ExportSummary;
import dev.burrow.ImportSummary;
import dev.burrow.MisuseException;
import dev.burrow.NewerFormatException;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.store.HostContext;
import dev.burrow.runtime.internal.transfer.ArchivedFiles;
import dev.burrow.runtime.internal.transfer.Exporter;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.ManagedFields;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.runtime.internal.transfer.TransferView;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.UnderWay;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Export, import and migration from the filesystem to PostgreSQL (issue 15, item 5). */
@ExtendWith(PostgresExtension.class)
class PostgresTransferTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static LocalPostgres server;
  private static DataSource pool;

  @TempDir Path work;

  @BeforeAll
  static void connect(LocalPostgres postgres) {
    server = postgres;
    pool = postgres.sharedPool();
  }

  private CounterStore files(String name) {
    return Stores.counters(work.resolve(name), Durability.NONE);
  }

  private CounterStore postgres(String prefix) {
    return PgStores.counters(pool, prefix, work.resolve("pg-" + prefix), LEASE);
  }

  private static byte[] export(CounterStore store) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.engine().exportTo(out, null);
    return out.toByteArray();
  }

  @Test
  void aFilesystemRootMigratesToPostgresKeepingIdsVersionsTimestampsAndFiles() throws Exception {
    try (CounterStore source = files("files");
        CounterStore target = postgres(PgStores.freshPrefix())) {
      for (int i = 0; i < 40; i++) {
        source.create("run-" + i);
        for (int v = 0; v < i % 4; v++) {
          source.update("run-" + i, Counter::incremented);
        }
      }
      Path log = source.dirs("run-7").root().resolve("logs").resolve("build.log");
      Files.createDirectories(log.getParent());
      Files.writeString(log, "line one\n");
      Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));

      ImportSummary copied = source.engine().copyTo(target.engine());

      assertEquals(new ImportSummary(40, 0, 0, 0, 1, 0), copied);
      assertEquals(source.list(), target.list(), "same IDs, versions, timestamps and values");
      Path moved = target.dirs("run-7").root().resolve("logs").resolve("build.log");
      assertEquals("line one\n", Files.readString(moved));
      assertEquals(Files.getLastModifiedTime(log), Files.getLastModifiedTime(moved));
      assertArrayEquals(export(source), export(target));

      assertEquals(
          new ImportSummary(0, 0, 40, 0, 0, 0),
          source.engine().copyTo(target.engine()),
          "a second run creates and replaces nothing");
    }
  }

  /**
   * An instance directory on PostgreSQL is made on this host's first use ({@code dirs(id)}): a copy
   * makes one only for an instance whose files it writes there. Before, it made an empty directory
   * for every instance it copied (asking the target where the files would go, to compare with the
   * source's), a directory and an incarnation record per instance on the migrating host.
   */
  @Test
  void aCopyIntoPostgresMakesADirectoryOnlyForAnInstanceWithFiles() throws Exception {
    Path local = work.resolve("pg-local");
    try (CounterStore source = files("files");
        CounterStore target = PgStores.counters(pool, PgStores.freshPrefix(), local, LEASE)) {
      source.create("bare");
      source.create("with-files");
      Files.writeString(source.dirs("with-files").root().resolve("notes.txt"), "kept\n");

      assertEquals(new ImportSummary(2, 0, 0, 0, 1, 0), source.engine().copyTo(target.engine()));

      try (var made = Files.list(local.resolve("instances"))) {
        assertEquals(List.of("with-files"), made.map(dir -> dir.getFileName().toString()).toList());
      }
    }
  }

  /**
   * A source directory holding only entries a copy does not copy (here a link) makes no directory
   * on PostgreSQL either; the entry is counted as skipped. Before, the copy asked the target for
   * the instance's directory to compare with the source's, making an empty one there.
   */
  @Test
  void aCopyIntoPostgresMakesNoDirectoryForAnInstanceWithOnlySkippedEntries() throws Exception {
    Path local = work.resolve("pg-local");
    try (CounterStore source = files("files");
        CounterStore target = PgStores.counters(pool, PgStores.freshPrefix(), local, LEASE)) {
      source.create("links-only");
      source.create("with-files");
      Files.createSymbolicLink(
          source.dirs("links-only").root().resolve("elsewhere"), work.resolve("nowhere"));
      Files.writeString(source.dirs("with-files").root().resolve("notes.txt"), "kept\n");

      assertEquals(new ImportSummary(2, 0, 0, 0, 1, 0, 1), source.engine().copyTo(target.engine()));

      try (var made = Files.list(local.resolve("instances"))) {
        assertEquals(List.of("with-files"), made.map(dir -> dir.getFileName().toString()).toList());
      }
    }
  }

  /**
   * Exporting with a directory stream and copying from PostgreSQL read the files of the directories
   * this host has, and make none. Before, both asked for each instance's directory as {@code
   * dirs(id)} does, making an empty one (and its incarnation record) for every instance on the
   * exporting host.
   */
  @Test
  void anExportOrCopyFromPostgresMakesNoDirectory() throws Exception {
    Path local = work.resolve("pg-local");
    try (CounterStore source = PgStores.counters(pool, PgStores.freshPrefix(), local, LEASE);
        CounterStore target = files("files")) {
      source.create("bare");
      source.create("with-files");
      Files.writeString(source.dirs("with-files").root().resolve("notes.txt"), "kept\n");

      ExportSummary exported =
          source.engine().exportTo(new ByteArrayOutputStream(), new ByteArrayOutputStream());
      assertEquals(new ExportSummary(2, 0, 1, 0, 0), exported);
      assertEquals(new ImportSummary(2, 0, 0, 0, 1, 0), source.engine().copyTo(target.engine()));

      try (var made = Files.list(local.resolve("instances"))) {
        assertEquals(List.of("with-files"), made.map(dir -> dir.getFileName().toString()).toList());
      }
    }
  }

  @Test
  void importIsIdempotentAndOverwritesNothingNewer() {
    try (CounterStore source = files("files");
        CounterStore target = postgres(PgStores.freshPrefix())) {
      source.create("a");
      source.create("b");
      source.create("c");
      byte[] first = export(source);
      assertEquals(new ImportSummary(3, 0, 0, 0, 0, 0), importInto(target, first));
      assertEquals(new ImportSummary(0, 0, 3, 0, 0, 0), importInto(target, first));

      target.update("a", Counter::incremented); // newer in the target
      source.update("b", Counter::incremented); // newer in the source
      source.update("b", Counter::incremented);
      ImportSummary again = importInto(target, export(source));
      assertEquals(new ImportSummary(0, 1, 1, 1, 0, 0), again);
      assertEquals(2, target.get("a").version());
      assertEquals(source.get("b"), target.get("b"));
    }
  }

  /**
   * An instance the database holds damaged is not written over by a copy (as {@code burrow migrate}
   * runs it): the source's corruption listener names it, and the message says the target holds it
   * damaged and how to get it out of the way. Before, it said that the root held it and that {@code
   * fsck --repair} would move it aside, which fsck, reading data roots only, cannot do to a row of
   * the database.
   */
  @Test
  void anInstanceTheDatabaseHoldsDamagedIsNamedAsTheTargetsNotTheRoots() {
    String prefix = PgStores.freshPrefix();
    List<CorruptInstanceException> reported = new CopyOnWriteArrayList<>();
    StoreOptions listened =
        StoreOptions.defaults()
            .withDataRoot(work.resolve("files"))
            .withDurability(Durability.NONE)
            .withCorruptionListener(reported::add);
    try (CounterStore source =
            new CounterStore(StoreEngine.open(CounterSchema.INSTANCE, listened));
        CounterStore target = postgres(prefix)) {
      source.create("job-1");
      target.create("job-1");
      Sql.update(pool, "UPDATE " + prefix + "instances SET document = '[]' WHERE id = 'job-1'");

      assertEquals(1, source.engine().copyTo(target.engine()).damaged());

      assertEquals(1, reported.size(), String.valueOf(reported));
      String message = reported.get(0).getMessage();
      assertTrue(message.contains(prefix + "instances row"), message);
      assertTrue(message.contains("the target holds this instance damaged"), message);
      assertFalse(message.contains("the root"), message);
      assertFalse(message.contains("fsck --repair moves it aside"), message);
    }
  }

  /**
   * An instance the database holds damaged gets neither the source's document nor its files, and is
   * counted once among the skipped entries, as documented. Before, the copy went on to the
   * instance's files, each refused and counted as a skipped entry too, so that migrate reported a
   * regular file as an entry that is not a regular file.
   */
  @Test
  void anInstanceTheDatabaseHoldsDamagedGetsNoneOfTheSourcesFiles() throws Exception {
    String prefix = PgStores.freshPrefix();
    try (CounterStore source = files("files");
        CounterStore target = postgres(prefix)) {
      source.create("job-1");
      Files.writeString(source.dirs("job-1").root().resolve("notes.txt"), "source\n");
      target.create("job-1");
      Sql.update(pool, "UPDATE " + prefix + "instances SET document = '[]' WHERE id = 'job-1'");

      ImportSummary summary = source.engine().copyTo(target.engine());

      assertEquals(1, summary.damaged());
      assertEquals(0, summary.files(), summary.toString());
      assertEquals(1, summary.skipped(), "the damaged instance alone: " + summary);
    }
  }

  private static ImportSummary importInto(CounterStore store, byte[] export) {
    return store.engine().importFrom(new ByteArrayInputStream(export), null);
  }

  @Test
  void instanceDirectoriesTravelAsATarStream() throws Exception {
    try (CounterStore source = postgres(PgStores.freshPrefix());
        CounterStore target = files("files")) {
      source.create("with-files");
      Path workspace = source.dirs("with-files").root().resolve("workspace");
      Files.createDirectories(workspace.resolve("deep"));
      String longName = "n".repeat(120) + ".txt";
      Files.writeString(workspace.resolve("deep").resolve(longName), "long path");
      Files.writeString(workspace.resolve("a.txt"), "A");
      ByteArrayOutputStream documents = new ByteArrayOutputStream();
      ByteArrayOutputStream directories = new ByteArrayOutputStream();
      ExportSummary exported = source.engine().exportTo(documents, directories);
      assertEquals(new ExportSummary(1, 0, 2), exported);
      Path archive = work.resolve("directories.tar");
      Files.write(archive, directories.toByteArray());
      Process tar = new ProcessBuilder("tar", "-tf", archive.toString()).start();
      String listed = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, tar.waitFor(), "GNU tar reads the archive");
      assertEquals(
          List.of("with-files/workspace/a.txt", "with-files/workspace/deep/" + longName),
          listed.lines().toList());

      ImportSummary imported =
          target
              .engine()
              .importFrom(
                  new ByteArrayInputStream(documents.toByteArray()),
                  new ByteArrayInputStream(directories.toByteArray()));
      assertEquals(new ImportSummary(1, 0, 0, 0, 2, 0), imported);
      Path copied = target.dirs("with-files").root().resolve("workspace");
      assertEquals("A", Files.readString(copied.resolve("a.txt")));
      assertEquals("long path", Files.readString(copied.resolve("deep").resolve(longName)));
      assertEquals(
          0,
          target
              .engine()
              .importFrom(
                  new ByteArrayInputStream(documents.toByteArray()),
                  new ByteArrayInputStream(directories.toByteArray()))
              .files(),
          "files at least as new are left alone");
    }
  }

  @Test
  void aCutOrForeignExportIsRefusedNamingTheLineAfterImportingWhatCameBefore() {
    try (CounterStore source = files("files");
        CounterStore target = postgres(PgStores.freshPrefix())) {
      source.create("x");
      source.create("y");
      byte[] whole = export(source);
      String text = new String(whole, StandardCharsets.UTF_8);
      byte[] cut = text.substring(0, text.lastIndexOf("{\"end\"")).getBytes(StandardCharsets.UTF_8);
      CorruptExportException cutShort =
          assertThrows(CorruptExportException.class, () -> importInto(target, cut));
      assertTrue(
          cutShort.getMessage().contains("cut short after 2 documents"), cutShort.getMessage());
      assertEquals(2, target.list().size());

      byte[] foreign =
          text.replace("\"kind\":\"counters\"", "\"kind\":\"orders\"")
              .getBytes(StandardCharsets.UTF_8);
      CorruptExportException refused =
          assertThrows(CorruptExportException.class, () -> importInto(target, foreign));
      assertTrue(refused.getMessage().contains("export line 1"), refused.getMessage());
      assertTrue(refused.getMessage().contains("kind 'orders'"), refused.getMessage());
    }
  }

  /**
   * A tool's store (a raw schema, without the user's classes) records its kind's description only
   * where none is recorded or it matches: tables recording the kind with another shape are refused
   * with each difference named, and the recorded description stands. The application's typed store
   * records its own on every open, as before.
   */
  @Test
  void aToolsStoreRefusesTablesRecordingItsKindWithAnotherShape() {
    String prefix = PgStores.freshPrefix();
    StorageSettings settings = PgStores.options(prefix, LEASE);
    try (CounterStore typed = postgres(prefix)) {
      typed.create("p");
    }
    KindDescription recorded = KindDescription.of(CounterSchema.INSTANCE);
    assertEquals(recorded, PostgresStorage.describedKind(pool, settings, "counters"));
    KindDescription other = withCreatedAtIn(recorded, "born");

    MisuseException refused =
        assertThrows(MisuseException.class, () -> rawStore(other, settings).close());
    assertTrue(refused.getMessage().contains("kind 'counters'"), refused.getMessage());
    assertTrue(
        refused.getMessage().contains("the creation time is in field 'born', not"),
        refused.getMessage());
    assertEquals(recorded, PostgresStorage.describedKind(pool, settings, "counters"));
    rawStore(recorded, settings).close();

    String fresh = PgStores.freshPrefix();
    StorageSettings freshSettings = PgStores.options(fresh, LEASE);
    rawStore(other, freshSettings, "raw-fresh").close();
    assertEquals(other, PostgresStorage.describedKind(pool, freshSettings, "counters"));
    postgres(fresh).close();
    assertEquals(recorded, PostgresStorage.describedKind(pool, freshSettings, "counters"));
  }

  /**
   * A tool's store refused for tables recording its kind with another shape writes nothing of the
   * kind's, as its message says: a lease row left free stays. Before, the open pruned the kind's
   * free lease rows before it compared the shapes.
   */
  @Test
  void aToolsStoreRefusedForAnotherShapeLeavesTheKindsLeaseRows() {
    String prefix = PgStores.freshPrefix();
    StorageSettings settings = PgStores.options(prefix, LEASE);
    try (CounterStore typed = postgres(prefix)) {
      typed.create("p");
      typed.lock("p").close();
    }
    KindDescription other = withCreatedAtIn(KindDescription.of(CounterSchema.INSTANCE), "born");

    MisuseException refused =
        assertThrows(MisuseException.class, () -> rawStore(other, settings).close());
    assertEquals(List.of("p"), Sql.column(pool, "SELECT id FROM " + prefix + "leases"));
    assertTrue(
        refused.getMessage().contains("Nothing was written but the tables' upgrade"),
        refused.getMessage());
  }

  /** {@code description} with its creation time in the field {@code name}. */
  private static KindDescription withCreatedAtIn(KindDescription description, String name) {
    ManagedFields fields = description.fields();
    return new KindDescription(
        description.kind(),
        new ManagedFields(fields.id(), fields.version(), name, fields.updatedAt()),
        description.subdirectories(),
        description.idKind(),
        description.shape());
  }

  private PostgresStorage<RawDocument> rawStore(
      KindDescription description, StorageSettings settings) {
    return rawStore(description, settings, "raw");
  }

  /**
   * A tool's store on the tables of {@code settings}, with the data root {@code root} of its own.
   */
  private PostgresStorage<RawDocument> rawStore(
      KindDescription description, StorageSettings settings, String root) {
    return PostgresStorage.open(
        new RawSchema(description), pool, work.resolve(root), Durability.NONE, LEASE, settings);
  }

  /**
   * Without the user's classes: the kind marker of a data root and the kind row of a database say
   * enough to export either, byte for byte as the typed store does.
   */
  @Test
  void rootsAndDatabasesExportWithoutTheUsersClasses() {
    String prefix = PgStores.freshPrefix();
    Path root = work.resolve("files");
    try (CounterStore onFiles = files("files");
        CounterStore onPostgres = postgres(prefix)) {
      onFiles.create("p");
      onFiles.update("p", Counter::incremented);
      onFiles.engine().copyTo(onPostgres.engine());

      KindDescription fromMarker = FileSystemBackend.describedKind(root);
      KindDescription fromRow =
          PostgresStorage.describedKind(pool, PgStores.options(prefix, LEASE), "counters");
      assertEquals(KindDescription.of(CounterSchema.INSTANCE), fromMarker);
      assertEquals(fromMarker, fromRow);

      RawSchema raw = new RawSchema(fromMarker);
      try (FileSystemBackend<RawDocument> rawFiles =
              FileSystemBackend.open(raw, root, StoreOptions.defaults());
          PostgresStorage<RawDocument> rawRows =
              PostgresStorage.open(
                  raw,
                  pool,
                  work.resolve("raw"),
                  Durability.NONE,
                  LEASE,
                  PgStores.options(prefix, LEASE))) {
        assertArrayEquals(export(onFiles), rawExport(raw, rawFiles));
        assertArrayEquals(export(onPostgres), rawExport(raw, rawRows));
      }
    }
  }

  @Test
  void aKindRowNamingAnIdKindThisBurrowDoesNotKnowIsANewerFormat() throws Exception {
    String prefix = PgStores.freshPrefix();
    try (CounterStore onPostgres = postgres(prefix)) {
      onPostgres.create("p");
    }
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE " + prefix + "kinds SET description = replace(description, 'SNOWFLAKE', 'ULID')");
    }

    NewerFormatException refused =
        assertThrows(
            NewerFormatException.class,
            () -> PostgresStorage.describedKind(pool, PgStores.options(prefix, LEASE), "counters"));
    assertTrue(
        refused
            .getMessage()
            .contains(
                "the description of kind 'counters' in "
                    + prefix
                    + "kinds is not one this version of Burrow reads (its 'idKind' is 'ULID')"),
        refused.getMessage());
  }

  /**
   * A kind row whose description is not JSON (edited by hand) is named as damaged, with the table,
   * the kind and what to do, in a Burrow exception; before, the JSON parser's exception escaped,
   * naming neither.
   */
  @Test
  void aKindRowThatIsNotJsonIsNamedAsDamaged() throws Exception {
    String prefix = PgStores.freshPrefix();
    try (CounterStore onPostgres = postgres(prefix)) {
      onPostgres.create("p");
    }
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE " + prefix + "kinds SET description = '{\"kind\": '");
    }

    StorageException refused =
        assertThrows(
            StorageException.class,
            () -> PostgresStorage.describedKind(pool, PgStores.options(prefix, LEASE), "counters"));
    assertTrue(
        refused
            .getMessage()
            .startsWith(
                "the description of kind 'counters' in " + prefix + "kinds is damaged: not JSON ("),
        refused.getMessage());
    postgres(prefix).close(); // the application's store records it again
    assertEquals(
        KindDescription.of(CounterSchema.INSTANCE),
        PostgresStorage.describedKind(pool, PgStores.options(prefix, LEASE), "counters"));
  }

  private byte[] rawExport(RawSchema raw, dev.burrow.spi.StorageBackend<RawDocument> backend) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Exporter.export(
        new TransferView<>(
            raw,
            backend,
            new HostContext(
                work,
                TempFiles.forRoot(work),
                InstanceLocks.forRoot(work),
                Durability.NONE,
                Duration.ofSeconds(10))),
        out,
        null,
        problem -> {},
        null);
    return out.toByteArray();
  }

  /**
   * A child JVM running {@code importer} on the tables of {@code target} with {@code exportFile},
   * and {@code stop}, where it tells the parent it has got to.
   */
  private ChildJvm importerOf(Class<?> importer, String target, Path exportFile, String stop) {
    return ChildJvm.start(
        importer,
        server.jdbcUrl(),
        target,
        work.resolve("child").toString(),
        exportFile.toString(),
        stop);
  }

  /**
   * Kill during an import into PostgreSQL, run it again: nothing lost, nothing twice. The child
   * imports a tenth of the documents, says so, and waits to be killed.
   */
  @Test
  void anImportKilledMidwayAndRunAgainLosesAndDuplicatesNothing() throws Exception {
    int count = 3_000;
    int beforeKill = count / 10;
    Path exportFile = exportOfFilled(count);
    String target = PgStores.freshPrefix();
    try (CounterStore store = postgres(target)) {
      try (ChildJvm importer =
          importerOf(PgImporter.class, target, exportFile, Integer.toString(beforeKill))) {
        importer.awaitLine("midway");
        assertEquals(137, importer.kill(), "killed while it waited (SIGKILL)");
      }
      assertEquals(beforeKill, rows(target), "killed mid-import");
      assertRerunCompletes(store, target, exportFile, count);
    }
  }

  /**
   * Kill during an import into PostgreSQL while it writes, run it again: nothing lost, nothing
   * twice. The child says when it has read a third of the export and goes on importing; it is
   * killed at once, wherever its inserts and commits have come to.
   */
  @Test
  void anImportKilledWhileItWritesAndRunAgainLosesAndDuplicatesNothing() throws Exception {
    int count = 3_000;
    Path exportFile = exportOfFilled(count);
    String target = PgStores.freshPrefix();
    try (CounterStore store = postgres(target)) {
      try (ChildJvm importer =
          importerOf(
              PgUnderWayImporter.class,
              target,
              exportFile,
              Long.toString(Files.size(exportFile) / 3))) {
        importer.awaitLine(UnderWay.LINE);
        assertEquals(137, importer.kill(), "killed while it imported (SIGKILL)");
      }
      long before = rows(target);
      assertTrue(before > 0 && before < count, "killed midway, with " + before + " rows");
      assertRerunCompletes(store, target, exportFile, count);
    }
  }

  /**
   * Kill during a copy from a data root into PostgreSQL (what {@code burrow migrate} runs), then
   * run it again: nothing lost, nothing twice. The child says when it has copied a third of the
   * instances and goes on; it is killed at once, wherever its inserts and file writes have come to.
   */
  @Test
  void aCopyKilledWhileItWritesAndRunAgainLosesAndDuplicatesNothing() throws Exception {
    int count = 600;
    long filesInSource = 0;
    try (CounterStore source = files("files")) {
      for (int i = 0; i < count; i++) {
        String id = source.create(String.format("m%04d", i)).id();
        if (i % 3 == 0) {
          Path notes = source.dirs(id).root().resolve("workspace").resolve("notes.txt");
          Files.writeString(notes, ("note " + i + "\n").repeat(1 + i % 100));
          filesInSource++;
        }
      }
    }
    String target = PgStores.freshPrefix();
    Path localRoot = work.resolve("child");
    try (ChildJvm copier =
        ChildJvm.start(
            PgCopier.class,
            server.jdbcUrl(),
            target,
            localRoot.toString(),
            work.resolve("files").toString(),
            Integer.toString(count / 3))) {
      copier.awaitLine(UnderWay.LINE);
      assertEquals(137, copier.kill(), "killed while it copied (SIGKILL)");
    }
    try (CounterStore source = files("files");
        CounterStore copy = PgStores.counters(pool, target, localRoot, LEASE)) {
      long before = rows(target);
      assertTrue(before > 0 && before < count, "killed midway, with " + before + " rows");
      long filesBefore = 0;
      for (Counter counter : copy.list()) {
        filesBefore += ArchivedFiles.of(copy.dirs(counter.id()).root()).files().size();
      }

      ImportSummary rerun = source.engine().copyTo(copy.engine());
      assertEquals(
          new ImportSummary(count - before, 0, before, 0, filesInSource - filesBefore, 0),
          rerun,
          "the rerun creates only the absent rows and writes only the missing files");
      assertEquals(count, rows(target), "nothing lost");
      assertArrayEquals(export(source), export(copy), "the same documents, byte for byte");
      assertArrayEquals(archive(source), archive(copy), "the same files, byte for byte");
    }
  }

  /** The directory archive of an export of {@code store}. */
  private static byte[] archive(CounterStore store) {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    store.engine().exportTo(OutputStream.nullOutputStream(), tar);
    return tar.toByteArray();
  }

  /** An export file of a fresh table {@link #fill filled} with {@code count} counters. */
  private Path exportOfFilled(int count) throws IOException {
    String source = PgStores.freshPrefix();
    fill(source, count);
    Path exportFile = work.resolve("export.jsonl");
    try (CounterStore store = postgres(source);
        OutputStream out = Files.newOutputStream(exportFile)) {
      store.engine().exportTo(out, null);
    }
    return exportFile;
  }

  /**
   * Imports {@code exportFile} of {@code count} documents again into {@code store} (table prefix
   * {@code prefix}), after a killed import: it creates exactly the rows that were absent and leaves
   * the others alone, and the table then exports the same bytes as the file.
   */
  private static void assertRerunCompletes(
      CounterStore store, String prefix, Path exportFile, int count) throws IOException {
    long before = rows(prefix);
    byte[] exported = Files.readAllBytes(exportFile);
    ImportSummary rerun = importInto(store, exported);
    assertEquals(
        new ImportSummary(count - before, 0, before, 0, 0, 0),
        rerun,
        "the rerun creates only the " + (count - before) + " absent rows: nothing created twice");
    assertEquals(count, rows(prefix), "nothing lost");
    assertArrayEquals(exported, export(store), "the same documents, byte for byte");
  }

  /** 100k instances through export and import, compared by count and checksum. */
  @Test
  void aHundredThousandInstancesExportAndImportWithEqualCountsAndChecksums() throws Exception {
    int count = 100_000;
    String source = PgStores.freshPrefix();
    fill(source, count);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setMaximumPoolSize(2);
    // Counts and checksums are the point here, not durability: commits need not wait for the disk.
    config.setConnectionInitSql("SET synchronous_commit = off");
    String target = PgStores.freshPrefix();
    try (HikariDataSource fast = new HikariDataSource(config);
        CounterStore from = postgres(source);
        CounterStore into = PgStores.counters(fast, target, work.resolve("into"), LEASE)) {
      Path exportFile = work.resolve("export.jsonl");
      ExportSummary exported;
      byte[] exportedDigest;
      try (DigestOutputStream out =
          new DigestOutputStream(Files.newOutputStream(exportFile), sha256())) {
        exported = from.engine().exportTo(out, null);
        exportedDigest = out.getMessageDigest().digest();
      }
      assertEquals(count, exported.instances());

      ImportSummary imported;
      try (var in = Files.newInputStream(exportFile)) {
        imported = into.engine().importFrom(in, null);
      }
      assertEquals(new ImportSummary(count, 0, 0, 0, 0, 0), imported);
      assertEquals(count, rows(target));
      DigestOutputStream again = new DigestOutputStream(OutputStream.nullOutputStream(), sha256());
      assertEquals(count, into.engine().exportTo(again, null).instances());
      assertTrue(
          Arrays.equals(exportedDigest, again.getMessageDigest().digest()),
          "the target exports the same bytes");
      assertEquals(checksum(source), checksum(target), "the same rows, compared by the database");
    }
  }

  private static List<String> checksum(String prefix) {
    return Sql.column(
        pool,
        "SELECT count(*) || ' ' || md5(string_agg(id || ':' || version || ':'"
            + " || document::jsonb::text, ',' ORDER BY id)) FROM "
            + prefix
            + "instances");
  }

  private static MessageDigest sha256() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256");
  }

  /** {@code count} counters written straight into the tables, as Burrow would store them. */
  private void fill(String prefix, int count) {
    postgres(prefix).close(); // creates the tables
    Sql.update(
        pool,
        "INSERT INTO "
            + prefix
            + "instances (kind, id, version, id_rank, document)"
            + " SELECT 'counters', (400000000000000000 + g)::text, 1 + g % 5, 18,"
            + " json_build_object('id', (400000000000000000 + g)::text, 'version', (1 + g % 5)::text,"
            + " 'createdAt', '2026-01-01T00:00:00Z', 'updatedAt', '2026-01-02T00:00:00.000001Z',"
            + " 'status', 'PENDING', 'count', g % 5, 'params', json_build_object('k', 'v' || g))::text"
            + " FROM generate_series(1, ?) g",
        count);
  }

  private static long rows(String prefix) {
    return Long.parseLong(Sql.column(pool, "SELECT count(*) FROM " + prefix + "instances").get(0));
  }
}
