package dev.burrow.runtime.internal.index;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.burrow.Durability;
import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.JournalHolder;
import dev.burrow.runtime.testing.JournalReplayer;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index journal: the entries of durable writes whose directories were never flushed are made
 * again from the log of a process that is gone, a live process's log is left alone, hostile logs
 * lead nowhere, and a full log is removed once its entries are flushed in place, holding up only
 * the write that filled it.
 */
class IndexJournalTest {
  @TempDir Path root;
  @TempDir Path outside;

  private CounterStore open() {
    return Stores.counters(root, Durability.FSYNC, CounterSchema.indexing(STATUS));
  }

  private Path entry(String key, String id) {
    return FieldIndex.entry(
        root.resolve(".burrow/indexes")
            .resolve(IndexNames.of("status"))
            .resolve(IndexNames.of(key)),
        id);
  }

  private List<Path> logs() throws IOException {
    Path journal = root.resolve(".burrow/journal");
    if (!Files.isDirectory(journal)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(journal)) {
      return files.filter(f -> !Files.isSymbolicLink(f) && Files.isRegularFile(f)).toList();
    }
  }

  @Test
  void aDeadProcessesLogBringsBackEntriesItsWritesNeededAndALiveOnesLogIsLeftAlone()
      throws Exception {
    open().close();
    List<Path> before = logs();
    try (ChildJvm child = ChildJvm.start(JournalHolder.class, root.toString(), "a=NEW-VALUE")) {
      child.awaitLine("written");
      Path entry = entry("NEW-VALUE", "a");
      assertTrue(Files.exists(entry));
      List<Path> childLogs = logs().stream().filter(f -> !before.contains(f)).toList();
      assertEquals(1, childLogs.size(), "the child's log");
      Path childLog = childLogs.get(0);

      open().close();
      assertTrue(Files.exists(childLog), "a live process's log is left alone");

      child.kill();
      // What a power cut could leave: the document and the log, not the unflushed entry and value.
      Files.delete(entry);
      Files.delete(entry.getParent());

      try (CounterStore store = open()) {
        assertTrue(Files.exists(entry), "made again from the log");
        assertFalse(Files.exists(childLog), "the replayed log is removed");
        assertEquals(
            List.of("a"),
            store.where(STATUS.equalTo("NEW-VALUE")).list().stream().map(Counter::id).toList());
      }
    }
  }

  /**
   * A process makes its log before it locks it, and a store opening in another process meanwhile
   * replays the logs it finds unlocked: such a replay must never take the new log for an abandoned
   * one and remove it under its writer (whose lines would then go into a file no replay can find),
   * nor make the write fail. Here one process opens a new journal again and again (each write
   * making a log) while another replays without pause: every log a write was acknowledged in is
   * still there, locked, once the replaying process, stopped, has replayed the rest.
   */
  @Test
  void aNewLogIsNeverRemovedByAnotherProcessesReplayBeforeItsWriterLocksIt() throws Exception {
    Path entry = entry("X", "instance-1");
    List<IndexJournal> live = new ArrayList<>(); // held: an unreachable channel's lock goes with it
    try (ChildJvm child = ChildJvm.start(JournalReplayer.class, root.toString())) {
      child.awaitLine("replaying");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (live.size() < 1500 && System.nanoTime() < end) {
        IndexJournal journal = new IndexJournal(root, Long.MAX_VALUE);
        try (IndexJournal.Write write = journal.begin()) {
          write.made(entry);
          write.commit();
        }
        live.add(journal);
      }
      child.send("stop");
      child.awaitLine("done");
      child.awaitSuccess();
    }
    assertEquals(live.size(), logs().size(), "each acknowledged write's log, and no other");
  }

  @Test
  void aDeadProcessesLogNeverBringsBackEntriesThatLaterWritesRemoved() throws Exception {
    open().close();
    List<Path> before = logs();
    try (ChildJvm child =
        ChildJvm.start(
            JournalHolder.class, root.toString(), "a=OLD", "a=NEW", "b=OLD", "c=OLD", "c=KEPT")) {
      child.awaitLine("written");
      List<Path> childLogs = logs().stream().filter(f -> !before.contains(f)).toList();
      assertEquals(1, childLogs.size(), "the child's log");
      try (CounterStore store = open()) {
        store.update("b", c -> c.withStatus("MOVED"));
        store.delete("c");
      }
      child.kill();
      // What a power cut could leave of the child's last write: its document, not its entry.
      Files.delete(entry("NEW", "a"));

      try (CounterStore store = open()) {
        assertTrue(Files.exists(entry("NEW", "a")), "still held: made again from the log");
        assertFalse(Files.exists(entry("OLD", "a")), "removed by the child's own update");
        assertFalse(Files.exists(entry("OLD", "b")), "removed by another process's update");
        assertTrue(Files.exists(entry("MOVED", "b")));
        assertFalse(Files.exists(entry("OLD", "c")), "its instance was deleted");
        assertFalse(Files.exists(entry("KEPT", "c")), "its instance was deleted");
        assertFalse(Files.exists(childLogs.get(0)), "the replayed log is removed");
        assertEquals(
            List.of("a"),
            store.where(STATUS.equalTo("NEW")).list().stream().map(Counter::id).toList());
      }
    }
  }

  /**
   * A tool's open (a raw schema, which cannot say which components are indexed) replays a dead
   * process's log by the values the documents' JSON holds: before, it made every missing entry the
   * log named again, so {@code burrow fsck} after a task runner's run brought back the old entry of
   * every update its workers made and then reported each as stale.
   */
  @Test
  void aToolsOpenNeverBringsBackEntriesThatLaterWritesRemoved() throws Exception {
    open().close();
    try (ChildJvm child = ChildJvm.start(JournalHolder.class, root.toString(), "a=OLD", "a=NEW")) {
      child.awaitLine("written");
      child.kill();
      // What a power cut could leave of the child's last write: its document, not its entry.
      Files.delete(entry("NEW", "a"));

      RawSchema raw = new RawSchema(Objects.requireNonNull(FileSystemBackend.describedKind(root)));
      try (FileSystemBackend<RawDocument> tool =
          FileSystemBackend.open(raw, root, StoreOptions.defaults())) {
        assertTrue(Files.exists(entry("NEW", "a")), "still held: made again from the log");
        assertFalse(Files.exists(entry("OLD", "a")), "removed by the child's own update");
      }
    }
  }

  @Test
  void aHostileLogLeadsNowhereAndAFifoIsNeverOpened() throws Exception {
    try (CounterStore store = open()) {
      store.create("a", c -> c.withStatus("RUNNING"));
      store.create("b", c -> c.withStatus("RUNNING"));
    }
    Files.delete(entry("RUNNING", "b"));
    Path status = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
    Path journal = root.resolve(".burrow/journal");
    Files.createDirectories(journal);
    String valid = IndexNames.of("status") + "/" + IndexNames.of("RUNNING") + "/";
    String lines =
        String.join(
                "\n",
                "../../../" + outside.getFileName() + "/x",
                "../" + outside + "/y",
                IndexNames.of("status") + "/../escaped",
                "missing-index/value/a",
                valid + "x".repeat(5_000),
                valid + "b")
            + "\n"
            + valid
            + "torn";
    Files.writeString(journal.resolve("evil.log"), lines, StandardCharsets.UTF_8);
    Path fifo = journal.resolve("fifo.log");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor());

    open().close();

    assertFalse(Files.exists(journal.resolve("evil.log")), "replayed and removed");
    assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS), "never opened, left alone");
    assertTrue(Files.exists(entry("RUNNING", "b")), "the one valid line is made");
    assertFalse(Files.exists(entry("RUNNING", "torn")), "an unfinished line is not");
    assertFalse(Files.exists(root.resolve(".burrow/indexes/missing-index")));
    assertFalse(Files.exists(status.resolve("escaped")));
    assertFalse(Files.exists(status.getParent().resolve("escaped")));
    try (Stream<Path> found = Files.list(outside)) {
      assertEquals(List.of(), found.toList(), "nothing written outside the root");
    }
  }

  /**
   * A tool's replay (a raw schema, which takes an entry of an index with no ready marker as still
   * held) of a planted log naming a marker or a shard as a value makes nothing: only names that
   * keys get are values. It made a directory named as the index's unmaintained mark, which then
   * could not be removed, so the index was rebuilt at every query.
   */
  @Test
  void aToolsReplayOfAPlantedLogNeverMakesAMarkerOrAShardOfAnIndex() throws Exception {
    try (CounterStore store = open()) {
      store.create("a", c -> c.withStatus("RUNNING"));
    }
    Path status = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
    try (Stream<Path> markers = Files.list(status)) {
      for (Path marker :
          markers.filter(p -> p.getFileName().toString().startsWith(".ready")).toList()) {
        Files.delete(marker);
      }
    }
    String index = IndexNames.of("status") + "/";
    Files.writeString(
        root.resolve(".burrow/journal/planted.log"),
        String.join(
                "\n",
                index + FieldIndex.UNMAINTAINED + "/a",
                index + FieldIndex.READY + "=.r.u.n.n.i.n.g/a",
                index + "3881@18/a",
                FieldIndex.UNMAINTAINED + "/" + IndexNames.of("RUNNING") + "/a")
            + "\n",
        StandardCharsets.UTF_8);

    RawSchema raw = new RawSchema(Objects.requireNonNull(FileSystemBackend.describedKind(root)));
    FileSystemBackend.open(raw, root, StoreOptions.defaults()).close();

    assertFalse(Files.exists(root.resolve(".burrow/journal/planted.log")), "replayed");
    assertFalse(Files.exists(status.resolve(FieldIndex.UNMAINTAINED)), "no mark made");
    assertFalse(Files.exists(status.resolve(FieldIndex.READY + "=.r.u.n.n.i.n.g")));
    assertFalse(Files.exists(status.resolve("3881@18")));
    assertFalse(Files.exists(root.resolve(".burrow/indexes").resolve(FieldIndex.UNMAINTAINED)));
  }

  /**
   * A log far larger than any Burrow writes (each is emptied at 256 KiB), a sparse file that costs
   * the attacker no disk, is left alone unread: an open does not read a terabyte of holes, which at
   * the replay's pace takes hours, before it returns.
   */
  @Test
  void aLogLargerThanAnyProcessWritesIsLeftAloneUnread() throws Exception {
    open().close();
    Path journal = root.resolve(".burrow/journal");
    Files.createDirectories(journal);
    Path huge = journal.resolve("huge.log");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(1L << 40);
    }

    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> open().close());

    assertEquals(1L << 40, Files.size(huge), "left alone, as a link or a FIFO is");
  }

  /**
   * A file planted in the place of a shard that a dead process's log names an entry in does not
   * stop the replay: the entries the log names elsewhere are made again, and the index whose shard
   * was taken is rebuilt before it answers, so neither value misses its instance.
   */
  @Test
  void aFilePlantedInAShardsPlaceLeavesTheRestOfTheLogReplayed() throws Exception {
    try (CounterStore store = open()) {
      store.create("a", c -> c.withStatus("RUNNING"));
      store.create("b", c -> c.withStatus("DONE"));
    }
    // What a power cut could leave: both documents, neither unflushed entry; then a file is planted
    // where a's top-level shard goes.
    Path top = entry("RUNNING", "a").getParent().getParent();
    Files.delete(entry("RUNNING", "a"));
    Files.delete(entry("RUNNING", "a").getParent());
    Files.delete(top);
    Files.writeString(top, "planted");
    Files.delete(entry("DONE", "b"));
    Path journal = root.resolve(".burrow/journal");
    Files.createDirectories(journal);
    String status = IndexNames.of("status") + "/";
    Files.writeString(
        journal.resolve("dead.log"),
        status + IndexNames.of("RUNNING") + "/a\n" + status + IndexNames.of("DONE") + "/b\n",
        StandardCharsets.UTF_8);

    try (CounterStore store = open()) {
      assertFalse(Files.exists(journal.resolve("dead.log")), "replayed and removed");
      assertTrue(Files.exists(entry("DONE", "b")), "the line after the planted shard's is made");
      assertEquals(
          List.of("b"),
          store.where(STATUS.equalTo("DONE")).list().stream().map(Counter::id).toList());
      assertEquals(
          List.of("a"),
          store.where(STATUS.equalTo("RUNNING")).list().stream().map(Counter::id).toList());
    }
  }

  /**
   * A link planted in the place of the journal's directory stops the store from opening, with a
   * refusal that names it once (before, "cannot replay the index journal in J: J: it is ..."), and
   * nothing is read or made through it.
   */
  @Test
  void aLinkPlantedInThePlaceOfTheJournalIsRefusedNamingItOnce() throws IOException {
    try (CounterStore store = open()) {
      store.create("a", c -> c.withStatus("RUNNING"));
    }
    Path journal = root.resolve(".burrow/journal");
    try (Stream<Path> tree = Files.walk(journal)) {
      for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Files.createSymbolicLink(journal, outside);

    StorageException refused = assertThrows(StorageException.class, this::open);

    assertEquals(
        "cannot replay the index journal in "
            + journal
            + ": it is a symbolic link but must be a directory; Burrow never follows links inside"
            + " its data root",
        refused.getMessage());
    try (Stream<Path> found = Files.list(outside)) {
      assertEquals(List.of(), found.toList(), "nothing made through the link");
    }
  }

  /**
   * A link planted in the place of an index's directory does not stop the replay of a dead
   * process's log either: the other indexes' entries it names are made again, nothing is made
   * through the link, and opening the store rebuilds the index whose directory it took.
   */
  @Test
  void aLinkPlantedInAnIndexsPlaceLeavesTheOtherIndexesEntriesReplayed() throws Exception {
    CounterSchema schema = CounterSchema.indexing(STATUS, CounterSchema.COUNT);
    try (CounterStore store = Stores.counters(root, Durability.FSYNC, schema)) {
      store.create("a", c -> c.withStatus("RUNNING"));
      store.create("b", c -> c.incremented());
    }
    Path indexes = root.resolve(".burrow/indexes");
    Path count = indexes.resolve(IndexNames.of("count")).resolve(IndexNames.of("1"));
    Files.delete(FieldIndex.entry(count, "b"));
    Path status = indexes.resolve(IndexNames.of("status"));
    try (Stream<Path> tree = Files.walk(status)) {
      for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Files.createSymbolicLink(status, outside);
    Path journal = root.resolve(".burrow/journal");
    Files.createDirectories(journal);
    Files.writeString(
        journal.resolve("dead.log"),
        IndexNames.of("status")
            + "/"
            + IndexNames.of("RUNNING")
            + "/a\n"
            + IndexNames.of("count")
            + "/"
            + IndexNames.of("1")
            + "/b\n",
        StandardCharsets.UTF_8);

    try (CounterStore store = Stores.counters(root, Durability.FSYNC, schema)) {
      assertFalse(Files.exists(journal.resolve("dead.log")), "replayed and removed");
      assertTrue(Files.exists(FieldIndex.entry(count, "b")), "the other index's entry is made");
      assertEquals(
          List.of("b"),
          store.where(CounterSchema.COUNT.equalTo(1L)).list().stream().map(Counter::id).toList());
      assertEquals(
          List.of("a"),
          store.where(STATUS.equalTo("RUNNING")).list().stream().map(Counter::id).toList());
    }
    try (Stream<Path> found = Files.list(outside)) {
      assertEquals(List.of(), found.toList(), "nothing made through the link");
    }
  }

  @Test
  void aFullLogIsRemovedOnlyOnceTheDirectoriesOfItsEntriesAreFlushed() throws Exception {
    Path dataRoot = root.toAbsolutePath().normalize();
    Path values = dataRoot.resolve(".burrow/indexes/status/running");
    Files.createDirectories(values);
    Set<Path> flushed = ConcurrentHashMap.newKeySet();
    IndexJournal journal =
        new IndexJournal(
            dataRoot,
            200,
            directory -> {
              assertTrue(
                  largestLog(dataRoot) >= 200, "a full log is removed only after its flushes");
              flushed.add(directory);
            });
    long largest = 0;
    for (int i = 0; i < 20; i++) {
      Path entry =
          Files.createFile(FileIndexTest.inShards(FieldIndex.entry(values, "instance-" + i)));
      try (IndexJournal.Write write = journal.begin()) {
        write.made(entry);
        write.commit();
      }
      largest = Math.max(largest, sizeOfTheLog(dataRoot));
      String logged = loggedLines(dataRoot);
      for (int made = 0; made <= i; made++) {
        String line = "status/running/instance-" + made + "\n";
        Path leaf = FieldIndex.entry(values, "instance-" + made).getParent();
        assertTrue(
            logged.contains(line) || flushed.containsAll(List.of(leaf, leaf.getParent(), values)),
            "entry " + made + " is in a log or its directories were flushed, after write " + i);
      }
    }
    assertTrue(largest < 200 + 64, "retired once past 200 bytes; largest seen " + largest);
    assertTrue(sizeOfTheLog(dataRoot) < 200);
    assertTrue(flushed.contains(values), "a checkpoint ran");
    assertEquals(1, logs().size(), "the retired logs are removed: " + logs());
  }

  @Test
  void aCheckpointHoldsUpOnlyTheWriteThatRunsIt() throws Exception {
    Path dataRoot = root.toAbsolutePath().normalize();
    Path values = dataRoot.resolve(".burrow/indexes/status/running");
    Files.createDirectories(values);
    CountDownLatch flushing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean firstFlush = new AtomicBoolean(true);
    IndexJournal journal =
        new IndexJournal(
            dataRoot,
            1,
            directory -> {
              if (!firstFlush.compareAndSet(true, false)) {
                return;
              }
              flushing.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
              }
            });
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      Future<?> filling = writers.submit(() -> write(journal, values, "filling"));
      assertTrue(flushing.await(30, TimeUnit.SECONDS), "the checkpoint started flushing");
      Future<?> other = writers.submit(() -> write(journal, values, "other"));
      try {
        // Before the fix every other write waited for the checkpoint's flushes.
        other.get(30, TimeUnit.SECONDS);
      } finally {
        release.countDown();
      }
      filling.get(30, TimeUnit.SECONDS);
      assertFalse(loggedLines(dataRoot).contains("filling"), "the filled log is removed");
    } finally {
      release.countDown();
      writers.shutdownNow();
    }
  }

  @Test
  void aCheckpointWhoseFlushFailsLeavesItsLogForAReplayAndFailsNoWrite() throws Exception {
    Path dataRoot = root.toAbsolutePath().normalize();
    String valueDirectory = IndexNames.of("status") + "/" + IndexNames.of("running");
    Path values = dataRoot.resolve(".burrow/indexes").resolve(valueDirectory);
    IndexJournal failing =
        new IndexJournal(
            dataRoot,
            1,
            directory -> {
              throw new IOException("injected: cannot flush " + directory);
            });
    write(failing, values, "kept");
    assertTrue(
        loggedLines(dataRoot).contains(valueDirectory + "/kept\n"), "the log is left in place");

    Set<Path> flushed = ConcurrentHashMap.newKeySet();
    new IndexJournal(dataRoot, IndexJournal.CHECKPOINT_BYTES, flushed::add)
        .replayAbandoned(entry -> true);
    Path leaf = FieldIndex.entry(values, "kept").getParent();
    assertTrue(flushed.contains(leaf), "a replay, even in this process, flushed it: " + flushed);
    assertEquals(List.of(), logs(), "and removed it");
  }

  private static long largestLog(Path dataRoot) {
    try (Stream<Path> files = Files.list(dataRoot.resolve(".burrow/journal"))) {
      return files.mapToLong(f -> f.toFile().length()).max().orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writers of one log that wait for it at once share one flush, and its failure: the kernel
   * reports a failed write-back to one flush of the log only, so a flush of its own beside the one
   * that failed could return success for lines the failure dropped, and its writer would go on to
   * write its document without its entries on the device. Here the second writer appends while the
   * first one's flush is under way; that flush fails, and so does the second write, which never
   * flushed on its own.
   */
  @Test
  void aWriteWaitingForAFlushOfItsLogThatFailsFailsToo() throws Exception {
    Path dataRoot = root.toAbsolutePath().normalize();
    Path values =
        dataRoot
            .resolve(".burrow/indexes")
            .resolve(IndexNames.of("status"))
            .resolve(IndexNames.of("running"));
    CountDownLatch flushing = new CountDownLatch(1);
    CountDownLatch fail = new CountDownLatch(1);
    AtomicInteger flushes = new AtomicInteger();
    IndexJournal journal =
        new IndexJournal(
            dataRoot,
            IndexJournal.CHECKPOINT_BYTES,
            AtomicFiles::forceDirectory,
            log -> {
              if (flushes.incrementAndGet() == 1) {
                flushing.countDown();
                try {
                  fail.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                throw new IOException("injected: a write-back of the log failed");
              }
              log.force(false);
            });
    ExecutorService first = Executors.newSingleThreadExecutor();
    try {
      Future<Void> failing = first.submit(() -> write(journal, values, "first"));
      flushing.await();
      FutureTask<Void> waiting = new FutureTask<>(() -> write(journal, values, "second"));
      Thread second = new Thread(waiting);
      second.start();
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            while (second.getState() != Thread.State.WAITING) {
              Thread.onSpinWait(); // until it waits for the flush under way
            }
          });
      fail.countDown();

      ExecutionException firstFailed = assertThrows(ExecutionException.class, failing::get);
      assertTrue(firstFailed.getCause() instanceof IOException, firstFailed.toString());
      ExecutionException secondFailed = assertThrows(ExecutionException.class, waiting::get);
      assertTrue(
          secondFailed.getCause().getMessage().contains("may not be on the device"),
          secondFailed.toString());
      assertEquals(1, flushes.get(), "the second write shared the first one's flush");
      assertEquals(
          firstFailed.getCause(), secondFailed.getCause().getCause(), "naming what failed");
    } finally {
      fail.countDown();
      first.shutdownNow();
    }
  }

  private static Void write(IndexJournal journal, Path values, String id) throws IOException {
    Path entry = Files.createFile(FileIndexTest.inShards(FieldIndex.entry(values, id)));
    try (IndexJournal.Write write = journal.begin()) {
      write.made(entry);
      write.commit();
    }
    return null;
  }

  private static String loggedLines(Path dataRoot) throws IOException {
    StringBuilder lines = new StringBuilder();
    try (Stream<Path> files = Files.list(dataRoot.resolve(".burrow/journal"))) {
      for (Path file : files.toList()) {
        lines.append(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return lines.toString();
  }

  private static long sizeOfTheLog(Path dataRoot) throws IOException {
    try (Stream<Path> files = Files.list(dataRoot.resolve(".burrow/journal"))) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /**
   * A log is this JVM's own by its directory's file key and its name, the same through any path to
   * the directory, also one real paths do not merge (a bind mount above the data root): a replay
   * through that second path must not open this JVM's log, whose lock closing it would drop.
   */
  @Test
  void aLogIsOwnedByItsDirectorysFileKeyWhateverPathLeadsThere() throws IOException {
    Path journal = Files.createDirectories(root.resolve("journal"));
    SafeFiles.Identity identity = SafeFiles.identity(journal);
    SafeFiles.Identity mounted =
        new SafeFiles.Identity(Path.of("/mnt/elsewhere/journal"), identity.fileKey());
    Path log = journal.resolve("0123abcd.log");

    assertEquals(
        IndexJournal.OwnName.of(identity, log),
        IndexJournal.OwnName.of(mounted, Path.of("/mnt/elsewhere/journal/0123abcd.log")));
  }

  /**
   * The journal a JVM uses for a data root is that root's, not the one of a root that was at its
   * path before: after the root's parent is renamed and a root made again at the old path, a write
   * to the new root must name its entries in the new root's journal. Before the fix, the journal
   * kept by path went on appending to the moved root's log, and a crash then left the new root's
   * entry missing with no log to bring it back.
   */
  @Test
  void aRootMadeAgainWhereAMovedOneWasLogsItsEntriesInItsOwnJournal() throws IOException {
    Path parent = root.resolve("parent");
    Path dataRoot = Files.createDirectories(parent.resolve("data"));
    String values = IndexNames.of("status") + "/" + IndexNames.of("running");
    IndexJournal first = IndexJournal.acquire(dataRoot); // its store still open
    try {
      write(first, dataRoot.resolve(".burrow/indexes").resolve(values), "before-the-move");

      Path moved = root.resolve("moved");
      Files.move(parent, moved);
      Files.createDirectories(dataRoot);
      IndexJournal second = IndexJournal.acquire(dataRoot);
      try {
        write(second, dataRoot.resolve(".burrow/indexes").resolve(values), "after-the-move");

        assertTrue(
            Files.isDirectory(dataRoot.resolve(".burrow/journal"))
                && loggedLines(dataRoot).contains(values + "/after-the-move\n"),
            "the new root's journal names its entry");
        assertFalse(
            loggedLines(moved.resolve("data")).contains("after-the-move"),
            "the moved root's log names none of the new root's entries");
      } finally {
        second.release();
      }
    } finally {
      first.release();
    }
  }

  /**
   * The same through stores: one closed on a root before its parent is renamed, and one opened on a
   * root made again at the old path. Before the fix the second store's write was named in the moved
   * root's log, which the first store's journal, kept by path, still held open.
   */
  @Test
  void aStoreOpenedWhereAMovedRootWasNamesItsEntriesInItsOwnJournal() throws IOException {
    Path parent = root.resolve("parent");
    Path dataRoot = parent.resolve("data");
    try (CounterStore store =
        Stores.counters(dataRoot, Durability.FSYNC, CounterSchema.indexing(STATUS))) {
      store.create("before", c -> c.withStatus("RUNNING"));
    }
    Path moved = root.resolve("moved");
    Files.move(parent, moved);

    try (CounterStore store =
        Stores.counters(dataRoot, Durability.FSYNC, CounterSchema.indexing(STATUS))) {
      store.create("after", c -> c.withStatus("RUNNING"));

      assertTrue(
          Files.isDirectory(dataRoot.resolve(".burrow/journal"))
              && loggedLines(dataRoot).contains("/after\n"),
          "the new root's journal names its entry");
      assertFalse(
          loggedLines(moved.resolve("data")).contains("after"),
          "the moved root's log names none of the new root's entries");
    }
  }

  /**
   * A write still under way when its store closed (past the store's open check) appends after the
   * journal was given back: it retires the log it made itself, which before stayed in the journal,
   * open and locked, for the JVM's life.
   */
  @Test
  void aWriteAfterTheLastReleaseLeavesNoLogBehind() throws IOException {
    Path dataRoot = Files.createDirectories(root.resolve("late"));
    String values = IndexNames.of("status") + "/" + IndexNames.of("running");
    IndexJournal journal = IndexJournal.acquire(dataRoot);
    journal.release();

    write(journal, dataRoot.resolve(".burrow/indexes").resolve(values), "late");

    assertEquals(List.of(), logs(dataRoot), "the late write's log");
    IndexJournal.acquire(dataRoot).release();
    assertEquals(List.of(), logs(dataRoot));
  }

  /**
   * A journal is held only while a store holds it: a closed store's log is retired (its entries
   * flushed in place, the log removed and its file closed) and its journal forgotten, so opening
   * and closing stores on ever new roots neither grows the journals held nor the files open.
   */
  @Test
  void journalsOfClosedStoresAreForgottenAndKeepNoFileOpen() throws IOException {
    String values = IndexNames.of("status") + "/" + IndexNames.of("running");
    int heldBefore = IndexJournal.held();
    long openBefore = openFiles();
    for (int i = 0; i < 2000; i++) {
      Path dataRoot = Files.createDirectories(root.resolve("roots").resolve("r" + i));
      IndexJournal journal = IndexJournal.acquire(dataRoot);
      IndexJournal again = IndexJournal.acquire(dataRoot); // a second store on the root
      assertTrue(journal == again, "stores on one root share its journal");
      if (i % 20 == 0) { // a log open (its flushes cost time)
        write(journal, dataRoot.resolve(".burrow/indexes").resolve(values), "instance-" + i);
      }
      journal.release();
      again.release();
      assertEquals(List.of(), logs(dataRoot), "the last store's close retires the log");
    }
    assertEquals(heldBefore, IndexJournal.held(), "no journal is kept for a closed root");
    assertTrue(
        openFiles() < openBefore + 50, "files open: " + openBefore + " before, " + openFiles());

    Path dataRoot = root.resolve("roots").resolve("r0");
    IndexJournal journal = IndexJournal.acquire(dataRoot);
    journal.release();
    assertThrows(IllegalStateException.class, journal::release, "given back once only");
  }

  /**
   * Stores give their journal back when they close, and an open that fails after taking it (here:
   * the root is another kind's) gives it back too: neither keeps a journal for the root.
   */
  @Test
  void storesOpenedAndClosedOnManyRootsKeepNoJournal() throws IOException {
    int heldBefore = IndexJournal.held();
    for (int i = 0; i < 50; i++) {
      Path dataRoot = root.resolve("roots").resolve("r" + i);
      try (CounterStore store =
              Stores.counters(dataRoot, Durability.NONE, CounterSchema.indexing(STATUS));
          CounterStore second =
              Stores.counters(dataRoot, Durability.NONE, CounterSchema.indexing(STATUS))) {
        assertEquals(heldBefore + 1, IndexJournal.held(), "two stores of a root share one");
      }
    }
    assertEquals(heldBefore, IndexJournal.held(), "no journal is kept for a closed store");

    Path marker = root.resolve("roots/r0/.burrow/store.json");
    Files.writeString(marker, Files.readString(marker).replace("counters", "sessions"));
    assertThrows(
        MisuseException.class,
        () -> Stores.counters(root.resolve("roots/r0"), Durability.NONE).close());
    assertEquals(heldBefore, IndexJournal.held(), "nor for a store whose open failed");
  }

  /** How many files this process has open, on Linux; skips the test elsewhere. */
  private static long openFiles() throws IOException {
    Path descriptors = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(descriptors), "no " + descriptors);
    try (Stream<Path> open = Files.list(descriptors)) {
      return open.count();
    }
  }

  private static List<Path> logs(Path dataRoot) throws IOException {
    Path journal = dataRoot.resolve(".burrow/journal");
    if (!Files.isDirectory(journal)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(journal)) {
      return files.toList();
    }
  }
}
