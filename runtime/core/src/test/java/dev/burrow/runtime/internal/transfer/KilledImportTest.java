package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.ExportSummary;
import dev.burrow.ImportSummary;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Leftovers;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.Strace;
import dev.burrow.runtime.testing.UnderWay;
import dev.burrow.test.internal.Prerequisites;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill during an import into a data root, then run it again: nothing lost, nothing twice, no
 * leftovers. The child imports an export's documents and directory archive; once it has read a
 * given share of them it says so and goes on writing, and it is killed at once, wherever its writes
 * have come to: inside a document's create, a file's write or an fsync between them.
 */
class KilledImportTest {
  private static final int COUNT = 1_200;
  private static final Instant FILES_WRITTEN = Instant.parse("2026-03-04T05:06:07Z");

  @TempDir Path work;

  /**
   * Killed after a quarter, a half and three quarters of the export's bytes were read (the first
   * lands among the documents, the others among the files, which are imported after them), each
   * into a fresh root; the three run side by side, each killed as soon as it says it is under way.
   * After the kill, each instance and file is absent or whole; the rerun creates exactly the absent
   * instances and writes exactly the absent files, and the root then exports the source's documents
   * byte for byte and the same files with the same times.
   */
  @Test
  void anImportKilledWhileItWritesAndRunAgainLosesAndDuplicatesNothing() throws Exception {
    Path documents = work.resolve("export.jsonl");
    Path archive = work.resolve("export.tar");
    Map<String, Counter> source = new HashMap<>();
    ExportSummary exported;
    try (CounterStore store = Stores.counters(work.resolve("source"), Durability.NONE);
        OutputStream lines = Files.newOutputStream(documents);
        OutputStream tar = Files.newOutputStream(archive)) {
      fill(store);
      store.list().forEach(counter -> source.put(counter.id(), counter));
      exported = store.engine().exportTo(lines, tar);
    }
    assertEquals(COUNT, exported.instances());
    Map<String, String> files = entries(Files.readAllBytes(archive));
    assertEquals(exported.files(), files.size());
    long total = Files.size(documents) + Files.size(archive);
    assertTrue(Files.size(documents) > total / 4, "the first kill lands among the documents");
    assertTrue(Files.size(documents) < total / 2, "the others land among the files");

    List<ChildJvm> importers = new ArrayList<>();
    // A thread per child, so each is killed as soon as it says it is under way.
    ExecutorService killers = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> kills = new ArrayList<>();
      for (int quarters = 1; quarters <= 3; quarters++) {
        ChildJvm importer =
            ChildJvm.start(
                FileImporter.class,
                work.resolve("target-" + quarters).toString(),
                documents.toString(),
                archive.toString(),
                Long.toString(total * quarters / 4));
        importers.add(importer);
        kills.add(
            killers.submit(
                () -> {
                  importer.awaitLine(UnderWay.LINE);
                  return importer.kill();
                }));
      }
      for (Future<Integer> kill : kills) {
        assertEquals(137, kill.get(), "killed while it imported (SIGKILL)");
      }
    } finally {
      killers.shutdownNow();
      importers.forEach(ChildJvm::close);
    }

    for (int quarters = 1; quarters <= 3; quarters++) {
      String context = "killed after " + quarters + "/4 of the export was read";
      Path target = work.resolve("target-" + quarters);
      try (CounterStore store = Stores.counters(target, Durability.NONE)) {
        List<Counter> survived = store.list();
        long filesSurvived = 0;
        for (Counter counter : survived) {
          assertEquals(source.get(counter.id()), counter, context + ": an instance is whole");
          for (Path file : ArchivedFiles.of(store.dirs(counter.id()).root()).files()) {
            String name = counter.id() + "/" + store.dirs(counter.id()).root().relativize(file);
            assertEquals(
                content(files.get(name)),
                Files.readString(file),
                context + ": a file is absent or whole: " + name);
            filesSurvived++;
          }
        }

        ImportSummary rerun;
        try (InputStream lines = Files.newInputStream(documents);
            InputStream tar = Files.newInputStream(archive)) {
          rerun = store.engine().importFrom(lines, tar);
        }
        assertEquals(
            new ImportSummary(
                COUNT - survived.size(), 0, survived.size(), 0, files.size() - filesSurvived, 0),
            rerun,
            context + ": the rerun creates only what is absent and writes only the missing files");
        assertTrue(rerun.created() + rerun.files() > 0, context + ": the kill cut the import");

        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        store.engine().exportTo(lines, tar);
        assertArrayEquals(
            Files.readAllBytes(documents),
            lines.toByteArray(),
            context + ": the same documents, byte for byte");
        assertEquals(
            Map.of(),
            differences(files, entries(tar.toByteArray())),
            context
                + ": the same files, contents and times (each differing one, as exported then now)");
      }
      Leftovers.assertNone(target, context);
    }
  }

  /**
   * Nothing sets an imported file's time once the file is in place, so no kill can leave it there
   * with the time of its write (which a rerun would take for a file at least as new, and keep):
   * under strace, the child is killed (SIGKILL) at any {@code utimensat} on the file's final path,
   * and it ends without one.
   */
  @Test
  void anImportedFileIsInPlaceOnlyWithItsTime() throws Exception {
    Prerequisites.requireStrace("the check that an imported file's time is set before its rename");
    Path documents = work.resolve("one.jsonl");
    Path archive = work.resolve("one.tar");
    try (CounterStore store = Stores.counters(work.resolve("source"), Durability.NONE);
        OutputStream lines = Files.newOutputStream(documents);
        OutputStream tar = Files.newOutputStream(archive)) {
      String id = store.create("stamped").id();
      write(store.dirs(id).root().resolve("workspace").resolve("notes.txt"), "note", 1);
      store.engine().exportTo(lines, tar);
    }
    Path target = work.resolve("target").toAbsolutePath();
    Path file = Stores.instanceDirectory(target, "stamped").resolve("workspace/notes.txt");
    try (ChildJvm importer =
        ChildJvm.start(
            Strace.injecting(file, "utimensat", "inject=utimensat:signal=KILL"),
            System.getProperty("java.class.path"),
            FileImporter.class,
            target.toString(),
            documents.toString(),
            archive.toString(),
            Long.toString(Long.MAX_VALUE))) {
      importer.awaitSuccess();
    }
    assertEquals(FileTime.from(FILES_WRITTEN.plusSeconds(1)), Files.getLastModifiedTime(file));
  }

  /**
   * {@link #COUNT} counters, each with a parameter of its own length; every fifth with a file in
   * its workspace, every tenth with another deeper down, each file with a time of its own.
   */
  private static void fill(CounterStore store) throws IOException {
    for (int i = 0; i < COUNT; i++) {
      String value = "v".repeat(i % 100);
      String id = store.create(String.format("k%04d", i), c -> withParam(c, value)).id();
      Path workspace = store.dirs(id).root().resolve("workspace");
      if (i % 5 == 0) {
        write(workspace.resolve("notes.txt"), ("note " + i + "\n").repeat(i % 250), i);
      }
      if (i % 10 == 0) {
        write(workspace.resolve("deep").resolve("run.log"), "run " + i + "\n", i + 1);
      }
    }
  }

  private static Counter withParam(Counter c, String value) {
    return c.withParams(Map.of("p", value));
  }

  private static void write(Path file, String text, long seconds) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(FILES_WRITTEN.plusSeconds(seconds)));
  }

  /** The entries of a directory archive: each file's path, then its time and content. */
  private static Map<String, String> entries(byte[] archive) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    Tar.Reader reader = new Tar.Reader(new ByteArrayInputStream(archive), skipped -> {});
    for (Tar.Entry entry = reader.next(); entry != null; entry = reader.next()) {
      String content = new String(reader.content().readAllBytes(), StandardCharsets.UTF_8);
      entries.put(entry.path, entry.mtimeSeconds + " " + content);
    }
    return entries;
  }

  /** The entries that differ, each with what it is in {@code expected}, then in {@code actual}. */
  private static Map<String, List<String>> differences(
      Map<String, String> expected, Map<String, String> actual) {
    Map<String, List<String>> differences = new TreeMap<>();
    Set<String> paths = new TreeSet<>(expected.keySet());
    paths.addAll(actual.keySet());
    for (String path : paths) {
      String before = expected.getOrDefault(path, "(absent)");
      String after = actual.getOrDefault(path, "(absent)");
      if (!before.equals(after)) {
        differences.put(path, List.of(before, after));
      }
    }
    return differences;
  }

  /** The content of an {@link #entries} value. */
  private static String content(String entry) {
    return entry.substring(entry.indexOf(' ') + 1);
  }
}
