package dev.burrow.runtime.internal.id;

import dev.burrow.MisuseException;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The worker-number allocators Burrow provides. */
public final class WorkerIds {
  private WorkerIds() {}

  /**
   * Leases worker numbers through lock files in {@code <dataRoot>/.burrow/workers/} (one file per
   * number, created owner-only), so every process using that data root on this machine gets a
   * different number. The operating system drops a dead process's lock, so a crashed holder's
   * number is free again at once. Each lease file records its holder's pid and host; a mark file
   * beside it ({@code worker-NNNN.mark}) records a high-water mark that the holder keeps about a
   * second ahead of the IDs it made; a new holder prefers numbers whose mark is already past and
   * never starts below the mark.
   *
   * <p>One registry per directory per JVM: calls with the same root share it, and each {@link
   * WorkerIdAllocator#acquire} takes a number of its own. Cost: claiming opens and try-locks files,
   * lowest number first; recording the mark is one atomic replace about once a second, the new file
   * and its directory flushed ({@code fsync}), so a power cut leaves the last recorded mark or an
   * earlier one, never an empty or torn one. File locks are per machine: a data root shared over
   * NFS needs a distributed allocator.
   */
  public static WorkerIdAllocator fileLeases(Path dataRoot) {
    return FileWorkerRegistry.forDataRoot(dataRoot);
  }

  /**
   * Whether {@code file} of {@code <dataRoot>/.burrow/workers/} is named as a file {@link
   * #fileLeases} makes there: a worker's lease or high-water mark. Nothing else belongs there.
   */
  public static boolean isLeaseFileName(Path file) {
    return LeaseFile.isFileName(String.valueOf(file.getFileName()));
  }

  /**
   * Refuses, without opening it, a file of {@code <dataRoot>/.burrow/workers/} for which {@link
   * #fileLeases} skips its worker number: a lease or a high-water mark that is not a regular file,
   * or a mark larger than it reads. Nothing there is not refused.
   *
   * @throws SafeFiles.RefusedFileException naming the file and why, in the words of the warning the
   *     claim logs when it skips the number
   * @throws IOException if the file cannot be looked at
   */
  public static void checkLeaseFile(Path file) throws IOException {
    LeaseFile.check(file);
  }

  /**
   * Always the number {@code workerId}. The caller guarantees that no other live generator uses it
   * with the same layout; nothing is recorded, so there is no high-water mark either. Acquiring
   * throws {@link MisuseException} if the number does not fit the layout: a set-up error that no
   * retry fixes.
   */
  public static WorkerIdAllocator fixed(int workerId) {
    if (workerId < 0) {
      throw new IllegalArgumentException("workerId must not be negative, was " + workerId);
    }
    return workerCount -> {
      if (workerId >= workerCount) {
        throw new MisuseException(
            "fixed worker number "
                + workerId
                + " does not fit a layout with "
                + workerCount
                + " workers");
      }
      return new UnrecordedLease(workerId);
    };
  }

  /**
   * <strong>Can collide.</strong> A number derived from a hash of the host name and the process ID,
   * as in the seeds: no coordination at all, but two processes get the same number (and so can make
   * the same IDs) with probability about {@code n² / (2 × workerCount)} for {@code n} processes,
   * e.g. 35% for 30 processes and 1024 numbers. Use only where duplicate IDs are acceptable; {@link
   * #fileLeases} costs one file lock and cannot collide.
   */
  public static WorkerIdAllocator unsafeHashOfHostAndPid() {
    return workerCount ->
        new UnrecordedLease(
            Math.floorMod(hash(hostName() + "/" + ProcessHandle.current().pid()), workerCount));
  }

  private static int hash(String identity) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return ((digest[0] & 0xff) << 24)
          | ((digest[1] & 0xff) << 16)
          | ((digest[2] & 0xff) << 8)
          | (digest[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /** A number nobody records: no high-water mark, nothing to release. */
  private record UnrecordedLease(int workerId) implements WorkerLease {
    @Override
    public long highWaterMillis() {
      return Long.MIN_VALUE;
    }

    @Override
    public void recordHighWater(long timestampMillis) {}

    @Override
    public void close() {}
  }
}
