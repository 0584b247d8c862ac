package dev.burrow.runtime.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.ClockMovedBackwardsException;
import dev.burrow.IdGenerator;
import dev.burrow.IdKind;
import dev.burrow.MisuseException;
import dev.burrow.RetriableException;
import dev.burrow.SnowflakeLayout;
import dev.burrow.StorageException;
import dev.burrow.WorkerIdUnavailableException;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.testing.ChildJvm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWorkerLeaseTest {
  @TempDir Path root;

  @Test
  void fourJvmsMakeAMillionIdsWithoutADuplicate() throws IOException {
    int children = 4;
    int perChild = 250_000;
    List<ChildJvm> jvms = new ArrayList<>();
    try {
      for (int c = 0; c < children; c++) {
        jvms.add(
            ChildJvm.start(
                LeaseChild.class,
                "generate",
                root.toString(),
                Integer.toString(perChild),
                root.resolve("ids-" + c).toString()));
      }
      Set<Integer> workers = new HashSet<>();
      long[] all = new long[children * perChild];
      for (int c = 0; c < children; c++) {
        String line = lineFrom(jvms.get(c));
        jvms.get(c).awaitSuccess();
        int worker = Integer.parseInt(line.substring("worker ".length()));
        assertTrue(workers.add(worker), "worker " + worker + " leased twice");
        long[] ids = readLongs(root.resolve("ids-" + c));
        assertEquals(perChild, ids.length);
        SnowflakeGeneratorTest.assertStrictlyIncreasing(ids);
        for (long id : ids) {
          assertEquals(worker, SnowflakeLayout.defaults().parse(id).worker());
        }
        System.arraycopy(ids, 0, all, c * perChild, perChild);
      }
      Arrays.sort(all);
      SnowflakeGeneratorTest.assertStrictlyIncreasing(all); // no duplicates among 1,000,000
    } finally {
      jvms.forEach(ChildJvm::close);
    }
  }

  @Test
  void liveJvmsNeverShareANumberAndAKilledJvmsLeaseIsClaimableAgain() throws IOException {
    int workerBits = 2;
    Map<Integer, ChildJvm> holders = new HashMap<>();
    Map<Integer, Long> lastTimestamps = new HashMap<>();
    List<ChildJvm> jvms = new ArrayList<>();
    try {
      for (int c = 0; c < 4; c++) {
        jvms.add(
            ChildJvm.start(
                LeaseChild.class, "hold", root.toString(), Integer.toString(workerBits)));
      }
      for (ChildJvm jvm : jvms) {
        String[] ready = lineFrom(jvm).split(" ");
        assertEquals("ready", ready[0]);
        int worker = Integer.parseInt(ready[1]);
        assertTrue(holders.put(worker, jvm) == null, "worker " + worker + " leased twice");
        lastTimestamps.put(worker, Long.parseLong(ready[2]));
      }
      assertEquals(Set.of(0, 1, 2, 3), holders.keySet());
      WorkerIdAllocator leases = WorkerIds.fileLeases(root);
      WorkerIdUnavailableException full =
          assertThrows(WorkerIdUnavailableException.class, () -> leases.acquire(4));
      assertInstanceOf(RetriableException.class, full, "it passes when a holder goes");

      holders.get(2).kill(); // SIGKILL: no shutdown hook, no cleanup; the OS drops the lock
      try (WorkerLease lease = leases.acquire(4)) {
        assertEquals(2, lease.workerId());
        assertTrue(
            lease.highWaterMillis() >= lastTimestamps.get(2),
            "the dead holder's high-water mark covers the IDs it made");
      }
      for (ChildJvm jvm : jvms) {
        if (jvm.process().isAlive()) {
          jvm.send("release");
          jvm.awaitSuccess();
        }
      }
    } finally {
      jvms.forEach(ChildJvm::close);
    }
  }

  @Test
  void anInterruptedGeneratorKeepsItsLease() {
    ManualClock clock = new ManualClock(System.currentTimeMillis());
    try (SnowflakeGenerator generator =
        SnowflakeGenerator.builder(WorkerIds.fileLeases(root)).clock(clock).build()) {
      assertEquals(0, generator.workerId());
      Thread.currentThread().interrupt();
      clock.advanceMillis(5_000); // the next ID must first write a new high-water mark
      generator.next();
      assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
      assertEquals("unavailable", tryAcquireInChild(root, 1), "worker 0 is still leased");
    }
    assertEquals("acquired 0", tryAcquireInChild(root, 1), "closing released it");
  }

  @Test
  void leaseFileNamesItsHolderAndTheMarkIsBesideItBothOwnerOnly() throws IOException {
    long mark = System.currentTimeMillis() + 12_345;
    int worker;
    try (WorkerLease lease = WorkerIds.fileLeases(root).acquire(1024)) {
      worker = lease.workerId();
      lease.recordHighWater(mark);
    }
    Path directory = root.resolve(".burrow").resolve("workers");
    Path file = directory.resolve(String.format("worker-%04d.lease", worker));
    String text = Files.readString(file); // only after release: closing a reader drops locks
    assertTrue(text.contains("pid=" + ProcessHandle.current().pid() + "\n"), text);
    assertTrue(text.contains("host="), text);
    Path markFile = directory.resolve(String.format("worker-%04d.mark", worker));
    String markText = Files.readString(markFile);
    assertTrue(markText.contains("highWaterMillis=" + mark + "\n"), markText);
    if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(markFile)));
      assertEquals(
          "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
    }
  }

  /**
   * A mark file swapped for a link after the lease was taken is refused, never written through, and
   * the refusal names the mark file, once, and why (before, it named the lease file, which was
   * fine; then the mark file twice).
   */
  @Test
  void aMarkSwappedForALinkIsRefusedNamingTheMark() throws IOException {
    Path outside = Files.writeString(root.resolve("outside.txt"), "outside");
    long mark = System.currentTimeMillis() + 12_345;
    try (WorkerLease lease = WorkerIds.fileLeases(root.resolve("data")).acquire(1024)) {
      lease.recordHighWater(mark);
      Path markFile =
          root.resolve("data/.burrow/workers")
              .resolve(String.format("worker-%04d.mark", lease.workerId()));
      Files.delete(markFile);
      Files.createSymbolicLink(markFile, outside);

      StorageException e =
          assertThrows(StorageException.class, () -> lease.recordHighWater(mark + 1));

      assertEquals(
          "cannot record the high-water mark in "
              + markFile
              + ": it is a symbolic link but must be a regular file; Burrow never follows links"
              + " inside its data root",
          e.getMessage(),
          "names the mark file once");
    }
    assertEquals("outside", Files.readString(outside));
  }

  /**
   * A data root reached through a link above it (a home directory or temporary directory that is a
   * link, which the user chose and Burrow trusts) leases a number and records marks. Before, the
   * claim threw {@code IllegalArgumentException: <real path>/.burrow/workers is not below <data
   * root>}, so no store there could create an instance with a generated Snowflake ID.
   */
  @Test
  void aDataRootBelowALinkedDirectoryLeasesAndRecordsMarks() throws IOException {
    Path real = Files.createDirectory(root.resolve("real"));
    Path data = Files.createSymbolicLink(root.resolve("link"), real).resolve("data");
    long mark = System.currentTimeMillis() + 12_345;
    try (WorkerLease lease = WorkerIds.fileLeases(data).acquire(1024)) {
      lease.recordHighWater(mark);

      Path markFile =
          real.resolve("data/.burrow/workers")
              .resolve(String.format("worker-%04d.mark", lease.workerId()));
      assertTrue(Files.readString(markFile).contains("highWaterMillis=" + mark + "\n"));
    }
  }

  /**
   * The lease directory swapped for a link to a directory elsewhere after the lease was taken: the
   * next mark is refused, naming the link, and nothing is written there. Before, the mark was
   * renamed through the link into the other directory.
   */
  @Test
  void aLeaseDirectorySwappedForALinkAfterTheClaimIsNeverWrittenThrough() throws IOException {
    Path data = root.resolve("data");
    Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));
    long mark = System.currentTimeMillis() + 12_345;
    try (WorkerLease lease = WorkerIds.fileLeases(data).acquire(1024)) {
      lease.recordHighWater(mark);
      Path directory = data.resolve(".burrow/workers");
      Files.move(directory, root.resolve("moved"));
      Files.createSymbolicLink(directory, elsewhere);

      StorageException e =
          assertThrows(StorageException.class, () -> lease.recordHighWater(mark + 1));

      assertTrue(e.getMessage().contains(directory + ": it is a symbolic link"), e.getMessage());
    }
    try (Stream<Path> written = Files.list(elsewhere)) {
      assertEquals(List.of(), written.toList());
    }
  }

  /**
   * The lease directory swapped for a link after the allocator was made, before it claims a number:
   * the claim is refused, naming the link, and no lease file is made there. Before, the claim
   * created and locked {@code worker-0000.lease} in the other directory, then refused.
   */
  @Test
  void aLeaseDirectorySwappedForALinkBeforeAClaimIsNeverWrittenThrough() throws IOException {
    Path data = root.resolve("data");
    Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));
    WorkerIdAllocator leases = WorkerIds.fileLeases(data);
    Path directory = data.resolve(".burrow/workers");
    Files.move(directory, root.resolve("moved"));
    Files.createSymbolicLink(directory, elsewhere);

    StorageException e = assertThrows(StorageException.class, () -> leases.acquire(1024));

    try (Stream<Path> written = Files.list(elsewhere)) {
      assertEquals(List.of(), written.toList());
    }
    assertTrue(e.getMessage().contains(directory + ": it is a symbolic link"), e.getMessage());
  }

  /**
   * A data root given as a link that is pointed at another root after its allocator was made: the
   * allocator's next claim is refused, naming why, and the other root's worker 0, which this JVM
   * leased through that root's own path, stays leased. Before, the claim went through the link into
   * the other root, opened the lease file held there a second time, failed with {@code
   * OverlappingFileLockException} (no Burrow exception) and, closing that second channel, dropped
   * the held lock, so another process leased worker 0 of that root as well.
   */
  @Test
  void aRootLinkPointedElsewhereAfterOpenNeverSharesANumber() throws IOException {
    Path first = Files.createDirectory(root.resolve("first"));
    Path second = Files.createDirectory(root.resolve("second"));
    Path link = Files.createSymbolicLink(root.resolve("link"), first);
    WorkerIdAllocator throughLink = WorkerIds.fileLeases(link);
    Files.delete(link);
    Files.createSymbolicLink(link, second);

    try (WorkerLease inSecond = WorkerIds.fileLeases(second).acquire(1)) {
      StorageException e = assertThrows(StorageException.class, () -> throughLink.acquire(1));

      assertTrue(e.getMessage().contains("no longer the directory"), e.getMessage());
      assertEquals("unavailable", tryAcquireInChild(second, 1), "worker 0 of the root is leased");
    }
  }

  /**
   * A data root moved away while a lease is held, and a new root made at its path: the lease's next
   * mark is refused, and nothing is written into the new root, whose worker numbers this lease does
   * not hold (another process may hold that number there and keep its own mark). Before, the mark
   * was written into the new root's lease directory.
   */
  @Test
  void aMarkAfterTheRootMovedIsNeverWrittenIntoANewRootAtItsPath() throws IOException {
    Path data = root.resolve("data");
    long mark = System.currentTimeMillis() + 12_345;
    try (WorkerLease lease = WorkerIds.fileLeases(data).acquire(1024)) {
      lease.recordHighWater(mark);
      Files.move(data, root.resolve("moved"));
      Path newDirectory = Files.createDirectories(data.resolve(".burrow/workers"));

      StorageException e =
          assertThrows(StorageException.class, () -> lease.recordHighWater(mark + 1));

      assertTrue(e.getMessage().contains("no longer the directory"), e.getMessage());
      try (Stream<Path> written = Files.list(newDirectory)) {
        assertEquals(List.of(), written.toList());
      }
    }
  }

  /**
   * The shared generator of a data root moved away and made again at the same path leases a number
   * in the new root. Before, it was the moved root's generator, keyed by path, whose lease is in
   * the moved root: another process leased the same number in the new root.
   */
  @Test
  void theGeneratorOfARootMadeAgainAtItsPathLeasesInTheNewRoot() throws IOException {
    Path data = root.resolve("data");
    IdGenerators.snowflake(data);
    Files.move(data, root.resolve("moved"));
    Files.createDirectory(data);

    IdGenerators.snowflake(data);

    assertEquals("unavailable", tryAcquireInChild(data, 1), "worker 0 of the new root is leased");
  }

  /**
   * A worker's lease replaced by a hard link to a file elsewhere (a second name of that file) is
   * skipped, as a symbolic link there is, and named as the check fsck makes names it: the claim
   * writes who holds the lease into the lease file in place, which would have overwritten and cut
   * the other file. Before, the next claim did.
   */
  @Test
  void aLeaseHardLinkedToAFileElsewhereIsSkippedNeverWrittenThrough() throws IOException {
    Path data = root.resolve("data");
    int worker;
    try (WorkerLease lease = WorkerIds.fileLeases(data).acquire(1024)) {
      worker = lease.workerId();
    }
    Path leaseFile =
        data.resolve(".burrow/workers").resolve(String.format("worker-%04d.lease", worker));
    Path outside = Files.writeString(root.resolve("outside.txt"), "outside\n".repeat(100));
    Files.delete(leaseFile);
    Files.createLink(leaseFile, outside);

    try (WorkerLease lease = WorkerIds.fileLeases(data).acquire(1024)) {
      assertTrue(lease.workerId() != worker, "claimed the hard-linked lease " + worker);
    }
    assertEquals("outside\n".repeat(100), Files.readString(outside));
    SafeFiles.RefusedFileException named =
        assertThrows(
            SafeFiles.RefusedFileException.class, () -> WorkerIds.checkLeaseFile(leaseFile));
    assertTrue(named.reason().contains("hard link"), named.reason());
  }

  @Test
  void whenEveryNumberIsSkippedTheRefusalNamesTheFilesAndWhy() throws IOException {
    Path data = root.resolve("data");
    WorkerIdAllocator leases = WorkerIds.fileLeases(data);
    leases.acquire(2).close();
    Path workers = data.resolve(".burrow/workers");
    Path lease0 = workers.resolve("worker-0000.lease");
    Path lease1 = workers.resolve("worker-0001.lease");
    for (Path lease : List.of(lease0, lease1)) {
      Files.deleteIfExists(lease);
      Files.createSymbolicLink(lease, root.resolve("elsewhere"));
    }

    WorkerIdUnavailableException e =
        assertThrows(WorkerIdUnavailableException.class, () -> leases.acquire(2));

    assertTrue(e.getMessage().contains("2 of 2 skipped"), e.getMessage());
    assertTrue(
        e.getMessage().contains("worker 0: " + lease0 + ": it is a symbolic link"), e.getMessage());
    assertTrue(
        e.getMessage().contains("worker 1: " + lease1 + ": it is a symbolic link"), e.getMessage());
  }

  @Test
  void aCleanCloseLowersTheMarkFileButNeverRaisesItOrGoesBelowThePreviousHolders() {
    WorkerIdAllocator leases = WorkerIds.fileLeases(root);
    long now = System.currentTimeMillis();
    assertEquals(now + 5, nextHoldersMark(leases, now + 1_000, now + 5), "lowered");
    assertEquals(now + 2_000, nextHoldersMark(leases, now + 2_000, now + 3_000), "never raised");
    assertEquals(now + 2_000, nextHoldersMark(leases, now + 2_000, now + 1_000), "never below");
    try (WorkerLease crashing = leases.acquire(1)) {
      crashing.recordHighWater(now + 4_000);
    }
    try (WorkerLease next = leases.acquire(1)) {
      assertEquals(now + 4_000, next.highWaterMillis(), "a plain close keeps the mark");
    }
  }

  /**
   * Takes the only number, records a mark, closes cleanly; returns the mark the next holder finds.
   */
  private static long nextHoldersMark(WorkerIdAllocator leases, long mark, long lastIdMillis) {
    WorkerLease holder = leases.acquire(1);
    holder.recordHighWater(mark);
    holder.closeAfterLastId(lastIdMillis);
    try (WorkerLease next = leases.acquire(1)) {
      return next.highWaterMillis();
    }
  }

  @Test
  void aNumberWhoseMarkIsInTheFutureIsTakenOnlyWhenNothingElseIsFree() {
    WorkerIdAllocator leases = WorkerIds.fileLeases(root);
    long future = System.currentTimeMillis() + 3_600_000;
    try (WorkerLease first = leases.acquire(1024)) {
      assertEquals(0, first.workerId());
      first.recordHighWater(future);
    }
    try (WorkerLease next = leases.acquire(1024)) {
      assertEquals(1, next.workerId(), "worker 0 is free but its mark is an hour ahead");
    }
    try (WorkerLease only = leases.acquire(1)) {
      assertEquals(0, only.workerId());
      assertEquals(future, only.highWaterMillis());
    }
    try (WorkerLease only = leases.acquire(1)) {
      assertThrows(WorkerIdUnavailableException.class, () -> leases.acquire(1));
      only.close();
      assertThrows(MisuseException.class, () -> only.recordHighWater(future + 1));
    }
    try (WorkerLease worker1 = leases.acquire(2)) {
      assertEquals(1, worker1.workerId());
      SnowflakeGenerator.Builder twoWorkers =
          SnowflakeGenerator.builder(leases)
              .layout(SnowflakeLayout.of(52, 1, 10, SnowflakeLayout.DEFAULT_EPOCH));
      ClockMovedBackwardsException e =
          assertThrows(ClockMovedBackwardsException.class, twoWorkers::build);
      assertEquals(0, e.worker());
      assertEquals(future, e.highWaterMillis());
      try (WorkerLease worker0 = leases.acquire(1)) {
        assertEquals(0, worker0.workerId(), "the failed start gave worker 0 back");
      }
    }
  }

  @Test
  void storesShareOneGeneratorAndLeasePerDataRoot() throws IOException {
    IdGenerator first = IdGenerators.forKind(IdKind.SNOWFLAKE, root);
    Path link = Files.createSymbolicLink(root.resolve("link"), root);
    assertSame(first, IdGenerators.forKind(IdKind.SNOWFLAKE, link));
    assertSame(WorkerIds.fileLeases(root), WorkerIds.fileLeases(link));
    try (WorkerLease other = WorkerIds.fileLeases(root).acquire(1024)) {
      assertTrue(other.workerId() != IdGenerators.snowflake(root).workerId());
    }
    assertSame(
        IdGenerators.forKind(IdKind.UUID_V7, root),
        IdGenerators.forKind(IdKind.UUID_V7, root.resolve("elsewhere")));
    assertEquals(7, UUID.fromString(IdGenerators.forKind(IdKind.UUID_V7, root).nextId()).version());
  }

  /**
   * A bind mount of a directory above the data root is a second path to the lease directory that
   * {@code toRealPath} does not merge: it must find the same registry, or this JVM would open a
   * lease file it holds a second time, and closing that channel drops the lease's lock.
   */
  @Test
  void aSecondPathThatRealPathsDoNotMergeFindsTheSameRegistry() throws IOException {
    LeaseDirectory made = LeaseDirectory.make(root);
    FileWorkerRegistry registry = FileWorkerRegistry.of(made);
    LeaseDirectory mounted =
        new LeaseDirectory(
            root,
            made.path(),
            new SafeFiles.Identity(
                Path.of("/mnt/elsewhere/.burrow/workers"), made.identity().fileKey()));

    assertSame(registry, FileWorkerRegistry.of(mounted));
  }

  /**
   * A second path that real paths do not merge, made without privileges: the data root's parent
   * renamed while this JVM holds a lease. The registry was kept only while its own path still led
   * to the directory, so the new path got a second registry, which opened {@code worker-0000.lease}
   * again: an {@code OverlappingFileLockException}, and closing that channel dropped the held
   * lease's lock, so another process could take worker 0 while this JVM kept making IDs with it.
   */
  @Test
  void aRootReachedByANewPathAfterItsParentIsRenamedFindsTheSameLeases() throws IOException {
    Path before = root.resolve("a");
    FileWorkerRegistry first = FileWorkerRegistry.forDataRoot(before.resolve("root"));
    try (WorkerLease held = first.acquire(1)) {
      assertEquals(0, held.workerId());
      Path after = root.resolve("b");
      Files.move(before, after);
      Path moved = after.resolve("root");

      FileWorkerRegistry second = FileWorkerRegistry.forDataRoot(moved);
      assertSame(first, second);
      assertThrows(WorkerIdUnavailableException.class, () -> second.acquire(1));
      try (WorkerLease other = second.acquire(2)) {
        assertEquals(1, other.workerId());
      }
      assertEquals("unavailable", tryAcquireInChild(moved, 1));
      long mark = System.currentTimeMillis() + 60_000;
      held.recordHighWater(mark);
      assertTrue(
          Files.readString(moved.resolve(".burrow/workers/worker-0000.mark"))
              .contains("highWaterMillis=" + mark),
          "the held lease's mark is written through the path that leads to its directory now");
    }
    assertEquals("acquired 0", tryAcquireInChild(root.resolve("b/root"), 1));
  }

  /**
   * Should a lease file this JVM holds be claimed again all the same (a registry reaching it by a
   * way the first does not know), the claim met an {@code OverlappingFileLockException} that
   * escaped, and closing that channel dropped the held lease's lock. The number is now skipped and
   * the channel kept open, so no other process can take it.
   */
  @Test
  void claimingALeaseThisJvmHoldsSkipsItAndKeepsItsLock() throws IOException {
    LeaseDirectory directory = LeaseDirectory.make(root);
    LeaseFile held = Objects.requireNonNull(LeaseFile.tryClaim(directory, 0), "free at first");
    try {
      assertNull(LeaseFile.tryClaim(directory, 0));
      assertEquals("unavailable", tryAcquireInChild(root, 1));
    } finally {
      held.release();
    }
  }

  private static String tryAcquireInChild(Path dataRoot, int workerCount) {
    try (ChildJvm child =
        ChildJvm.start(
            LeaseChild.class, "try-acquire", dataRoot.toString(), Integer.toString(workerCount))) {
      String line = lineFrom(child);
      child.awaitSuccess();
      return line;
    }
  }

  private static String lineFrom(ChildJvm child) {
    String line = child.readLine();
    if (line == null) {
      throw new AssertionError("child printed nothing; stderr:\n" + child.stderrText());
    }
    return line;
  }

  private static long[] readLongs(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    long[] values = new long[bytes.remaining() / Long.BYTES];
    bytes.asLongBuffer().get(values);
    return values;
  }
}
