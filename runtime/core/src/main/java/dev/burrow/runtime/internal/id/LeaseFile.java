package dev.burrow.runtime.internal.id;

import dev.burrow.Durability;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AsyncChannels;
import dev.burrow.runtime.internal.fs.AsyncResults;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One worker's lease file, opened and locked through a single {@link AsynchronousFileChannel} that
 * stays open for as long as the lock is held, and its high-water mark file beside it.
 *
 * <p>The mark ({@code worker-NNNN.mark}) is written with the atomic, durable replace protocol
 * ({@link AtomicFiles#write} at {@link Durability#FSYNC}): a power cut leaves the last recorded
 * mark or an older one that was also recorded, never an empty or torn one, so the next holder's
 * clock-backwards guard holds right after a reboot. The lease file itself only carries the lock
 * and, for people, who holds it; it is written in place and not flushed. Marks of Burrow versions
 * that kept them in the lease file are still read.
 *
 * <p>Why this channel type: closing any channel on a file drops this process's POSIX locks on it,
 * and an interrupt during I/O on a {@code FileChannel} closes that channel. An asynchronous file
 * channel is not interruptible, and its I/O is awaited here through a {@link CompletableFuture}
 * (parks, does not pin virtual threads, and an interrupt only ends the wait early, so the wait is
 * resumed). Only the owner of the lock reads or writes the file.
 */
final class LeaseFile {
  private static final String END = "end";
  private static final String HIGH_WATER_KEY = "highWaterMillis=";
  private static final int MAX_SIZE = 64 * 1024;
  private static final String MARK_SUFFIX = ".mark";
  private static final Pattern FILE_NAME = Pattern.compile("worker-([0-9]{4,9})\\.(lease|mark)");
  private static final CompletionHandler<Integer, CompletableFuture<Integer>> COMPLETE =
      new CompletionHandler<>() {
        @Override
        public void completed(Integer result, CompletableFuture<Integer> future) {
          future.complete(result);
        }

        @Override
        public void failed(Throwable failure, CompletableFuture<Integer> future) {
          future.completeExceptionally(failure);
        }
      };

  private final int worker;
  private final AsynchronousFileChannel channel;
  private final long highWaterMillis;

  /**
   * The lease file's file key (device and inode) when it was locked, or null where the file system
   * has none: while the channel is open, no other file has it.
   */
  private final @Nullable Object fileKey;

  private LeaseFile(
      int worker, AsynchronousFileChannel channel, long highWaterMillis, @Nullable Object fileKey) {
    this.worker = worker;
    this.channel = channel;
    this.highWaterMillis = highWaterMillis;
    this.fileKey = fileKey;
  }

  /**
   * Opens and locks the lease file of {@code worker}, creating it (mode 0600) if needed. Returns
   * {@code null} when another process holds it, or this JVM does through a channel of its own (a
   * registry that reached the file by a way this one does not know: that channel is then kept open,
   * see {@link AsyncChannels#tryLock}). The caller must not hold it already, and has checked {@code
   * directory} right before ({@link LeaseDirectory#check}).
   *
   * @throws SafeFiles.RefusedFileException if a link, FIFO or other non-regular file is there, or a
   *     regular file with more than one link ({@link SafeFiles#requireSingleLink}: its content is
   *     written in place); it is never opened or written through
   */
  static @Nullable LeaseFile tryClaim(LeaseDirectory directory, int worker) throws IOException {
    Path path = leasePath(directory, worker);
    SafeFiles.requireSingleLink(path, true);
    AsynchronousFileChannel channel =
        AsyncChannels.open(path, SafeFiles.readWriteCreate(), OwnerOnly.fileAttributes(path));
    try {
      switch (AsyncChannels.tryLock(channel)) {
        case HELD_BY_THIS_JVM -> {
          return null; // closing the channel would drop this JVM's lock: it is kept open
        }
        case HELD_BY_ANOTHER_PROCESS -> {
          channel.close();
          return null;
        }
        case LOCKED -> {
          // claimed: read below
        }
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    try {
      long highWater = Math.max(readMark(markPath(directory, worker)), readHighWater(channel));
      BasicFileAttributes attributes = SafeFiles.lstat(path);
      return new LeaseFile(
          worker, channel, highWater, attributes == null ? null : attributes.fileKey());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static Path leasePath(LeaseDirectory directory, int worker) {
    return directory.path().resolve(String.format(Locale.ROOT, "worker-%04d.lease", worker));
  }

  private static Path markPath(LeaseDirectory directory, int worker) {
    return directory
        .path()
        .resolve(String.format(Locale.ROOT, "worker-%04d" + MARK_SUFFIX, worker));
  }

  /**
   * Whether this lease's file is the lease file of its number in {@code directory}: the one it
   * locked, not another file by that name. False if that cannot be looked at, or the file system
   * gives no file keys.
   */
  boolean isIn(LeaseDirectory directory) {
    try {
      BasicFileAttributes attributes = SafeFiles.lstat(leasePath(directory, worker));
      return fileKey != null && attributes != null && fileKey.equals(attributes.fileKey());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether {@code name} is one a claim gives a file of the lease directory: a worker's lease or
   * its high-water mark ({@code worker-0007.lease}, {@code worker-0007.mark}).
   */
  static boolean isFileName(String name) {
    Matcher named = FILE_NAME.matcher(name);
    return named.matches()
        && name.equals(
            String.format(
                Locale.ROOT, "worker-%04d.%s", Integer.parseInt(named.group(1)), named.group(2)));
  }

  /**
   * Refuses, without opening it, a file of the lease directory whose worker a claim skips: a lease
   * or a mark that is not a regular file, a lease with more than one link, or a mark larger than a
   * claim reads; nothing there is not refused.
   *
   * @throws SafeFiles.RefusedFileException naming the file and why, as the claim would
   */
  static void check(Path file) throws IOException {
    if (file.getFileName().toString().endsWith(MARK_SUFFIX)) {
      SafeFiles.requireReadable(file, MAX_SIZE);
    } else {
      SafeFiles.requireSingleLink(file, true);
    }
  }

  int worker() {
    return worker;
  }

  /** The lease file, as {@code directory} (the lease's registry's directory now) reaches it. */
  Path path(LeaseDirectory directory) {
    return leasePath(directory, worker);
  }

  /** The high-water mark file beside the lease, as {@code directory} reaches it. */
  Path mark(LeaseDirectory directory) {
    return markPath(directory, worker);
  }

  /** The high-water mark found when the file was claimed; {@link Long#MIN_VALUE} if none. */
  long highWaterMillis() {
    return highWaterMillis;
  }

  /**
   * Stores {@code highWater} as the mark in {@code directory} (the lease's registry's directory, as
   * the registry reaches it now), durably and atomically; returns once a power cut can no longer
   * lose it.
   *
   * @throws SafeFiles.RefusedFileException if a directory on the way from the data root is a link
   *     or no directory, or the lease directory's path leads to another directory than the one the
   *     lease was claimed in, or the mark is no regular file; nothing is written
   * @throws IOException if it cannot be written (the previous mark is then intact), or it was
   *     written but flushing its directory failed (a power cut leaves the previous mark or this
   *     one)
   */
  void recordMark(LeaseDirectory directory, long highWater) throws IOException {
    directory.check();
    Path mark = mark(directory);
    SafeFiles.requireRegularFile(mark, true);
    String text =
        "# Burrow Snowflake worker "
            + worker
            + ": no ID of this worker number has a later time. Do not edit or delete.\n"
            + HIGH_WATER_KEY
            + highWater
            + "\n"
            + "highWater="
            + Instant.ofEpochMilli(highWater)
            + "\n"
            + END
            + "\n";
    // An interrupt closes a FileChannel in use; the mark must be written anyway, as the lease's
    // own channel is asynchronous for the same reason. A pending interrupt is kept for the caller.
    boolean interrupted = Thread.interrupted();
    try {
      AtomicFiles.write(
          mark,
          text.getBytes(StandardCharsets.UTF_8),
          Durability.FSYNC,
          TempFiles.forRoot(directory.dataRoot()));
    } catch (StorageException e) {
      throw new IOException(e.getMessage(), e);
    } catch (OutcomeUnknownException e) {
      // The new mark is in place but may be lost to a power cut: a mark not recorded. The caller
      // uses no timestamp it would cover, and a crash leaves this mark or the one before it.
      throw new IOException(e.getMessage(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Replaces the lease file's content with who holds it, for people; not flushed. */
  void describeHolder(Instant claimed) throws IOException {
    String text =
        "# Burrow Snowflake worker lease, held with a file lock. Do not edit or delete.\n"
            + "worker="
            + worker
            + "\n"
            + "pid="
            + Holder.PID
            + "\n"
            + "host="
            + Holder.HOST
            + "\n"
            + "claimed="
            + claimed
            + "\n"
            + END
            + "\n";
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      CompletableFuture<Integer> done = new CompletableFuture<>();
      channel.write(buffer, buffer.position(), done, COMPLETE);
      AsyncResults.await(done);
    }
    channel.truncate(buffer.limit());
  }

  /** Closes the channel, which releases the lock. */
  void release() throws IOException {
    channel.close();
  }

  /** The mark in the mark file, or {@link Long#MIN_VALUE} if there is none or it is damaged. */
  private static long readMark(Path mark) throws IOException {
    try {
      return parseHighWater(SafeFiles.read(mark, MAX_SIZE));
    } catch (NoSuchFileException e) {
      return Long.MIN_VALUE;
    }
  }

  /** The mark an older Burrow kept in the lease file itself, or {@link Long#MIN_VALUE}. */
  private static long readHighWater(AsynchronousFileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), MAX_SIZE));
    while (buffer.hasRemaining()) {
      CompletableFuture<Integer> done = new CompletableFuture<>();
      channel.read(buffer, buffer.position(), done, COMPLETE);
      if (AsyncResults.await(done) < 0) {
        break;
      }
    }
    return parseHighWater(Arrays.copyOf(buffer.array(), buffer.position()));
  }

  private static long parseHighWater(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    long highWater = Long.MIN_VALUE;
    for (String line : text.split("\n", -1)) {
      if (line.equals(END)) {
        return highWater;
      }
      if (line.startsWith(HIGH_WATER_KEY)) {
        try {
          highWater = Long.parseLong(line.substring(HIGH_WATER_KEY.length()));
        } catch (NumberFormatException e) {
          return Long.MIN_VALUE;
        }
      }
    }
    return Long.MIN_VALUE; // new, or torn by a power failure: nothing known
  }

  /** Who holds leases taken by this process, written into each lease file for people. */
  private static final class Holder {
    static final long PID = ProcessHandle.current().pid();
    static final String HOST = WorkerIds.hostName().replaceAll("\\s", "_");
  }
}
