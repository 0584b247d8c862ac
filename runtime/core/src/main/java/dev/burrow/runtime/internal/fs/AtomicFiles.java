package dev.burrow.runtime.internal.fs;

import dev.burrow.Durability;
import dev.burrow.InterruptedOperationException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.jfr.FlushEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The atomic, durable replace protocol, and nothing else.
 *
 * <p>{@link #write} puts new content at a path so that every reader, and every process started
 * after a crash, sees either the complete old file or the complete new one:
 *
 * <ol>
 *   <li>write the content to a uniquely named temporary file in this process's session directory of
 *       the data root ({@link TempFiles}), on the same file system as the target, created
 *       owner-only (0600);
 *   <li>{@code fsync} it, so its data is on the device before its name is;
 *   <li>rename it over the target with {@code ATOMIC_MOVE}; there is no non-atomic fallback: if the
 *       file system cannot rename atomically, the write fails;
 *   <li>{@code fsync} the target's directory, so the rename itself survives a power cut (skipped on
 *       Windows, where directories cannot be opened for it).
 * </ol>
 *
 * <p>Steps 2 and 4 are skipped under {@link Durability#NONE}. If a step up to the rename fails,
 * including the file's {@code fsync}, the write fails with a {@link StorageException} (an {@link
 * InterruptedOperationException} if the thread was interrupted) and the old content is intact. If
 * the directory's {@code fsync} fails after the rename, the new content is already what every
 * reader sees, but may or may not survive a power cut: that is an {@link OutcomeUnknownException},
 * never reported as a failure (a caller who retried a "failed" write would apply it twice). An
 * {@code fsync} is never retried on the same file, because after a failed flush the kernel may have
 * dropped the dirty pages and a second flush would report success for data that is gone. The
 * temporary file is removed on every failure path, an interrupt or an {@code Error} included; one
 * left by a crash is in a dead process's session, which the next sweep removes without looking into
 * any instance directory.
 *
 * <p>Only where the target's directory is on another file system than the data root (a mount point
 * inside an instance) is the temporary file written beside the target instead, named {@code
 * .~burrow-<random hex>.tmp} ({@link #isTempName}): {@code ~} is refused in every name that reaches
 * Burrow through its API, so no file a user writes through Burrow can have such a name. Such a file
 * left by a crash is never read as data, and no sweep removes it.
 */
public final class AtomicFiles {
  private static final String BESIDE_PREFIX = ".~burrow-";
  private static final String BESIDE_SUFFIX = ".tmp";

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
  private static final Set<OpenOption> CREATE_TEMP =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  private AtomicFiles() {}

  /** Writes a new file's content; called once per atomic write, with the temporary file open. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the whole content to {@code channel}.
     *
     * @throws IOException if writing fails; the atomic write then fails and leaves the target
     *     intact
     */
    void writeTo(FileChannel channel) throws IOException;
  }

  /**
   * Atomically replaces (or creates) {@code target} with {@code content}, through a temporary file
   * of {@code temps}, the data root's temporary area.
   *
   * @throws InterruptedOperationException if the thread was interrupted before the rename; the
   *     previous content of {@code target} is intact
   * @throws StorageException naming the target and the failed step; the previous content of {@code
   *     target} is then intact
   * @throws OutcomeUnknownException naming the target (as its instance) if the new content is in
   *     place but flushing its directory failed: it may not survive a power cut
   */
  public static void write(Path target, byte[] content, Durability durability, TempFiles temps) {
    atomicWrite(target, channel -> writeAll(channel, content), durability, temps, null);
  }

  /**
   * {@link #write(Path, byte[], Durability, TempFiles)}, with the new file's modification time set
   * to {@code stamp} before it is flushed and renamed ({@link ModificationStamps}).
   *
   * @return the new file's attributes, looked at (without following a link) right before it was
   *     renamed over the target: what a look at the target shows until it is replaced again
   * @throws InterruptedOperationException if the thread was interrupted before the rename; the
   *     previous content of {@code target} is intact
   * @throws StorageException naming the target and the failed step; the previous content of {@code
   *     target} is then intact
   * @throws OutcomeUnknownException naming the target (as its instance) if the new content is in
   *     place but flushing its directory failed: it may not survive a power cut
   */
  public static BasicFileAttributes write(
      Path target, byte[] content, Durability durability, TempFiles temps, FileTime stamp) {
    return write(target, channel -> writeAll(channel, content), durability, temps, stamp);
  }

  /**
   * Atomically replaces (or creates) {@code target} with what {@code content} writes, as {@link
   * #write(Path, byte[], Durability, TempFiles)} does: memory stays bounded by what {@code content}
   * holds, whatever the file's size. {@code content} is called once.
   *
   * @throws InterruptedOperationException if the thread was interrupted before the rename; the
   *     previous content of {@code target} is intact
   * @throws StorageException naming the target and the failed step; the previous content of {@code
   *     target} is then intact
   * @throws OutcomeUnknownException naming the target (as its instance) if the new content is in
   *     place but flushing its directory failed: it may not survive a power cut
   */
  public static void write(Path target, Content content, Durability durability, TempFiles temps) {
    atomicWrite(target, content, durability, temps, null);
  }

  /**
   * {@link #write(Path, Content, Durability, TempFiles)}, with the new file's modification time set
   * to {@code stamp} before it is flushed and renamed: a crash never leaves the new content in
   * place without its time.
   *
   * @return the new file's attributes, looked at (without following a link) right before it was
   *     renamed over the target
   * @throws InterruptedOperationException if the thread was interrupted before the rename; the
   *     previous content of {@code target} is intact
   * @throws StorageException naming the target and the failed step; the previous content of {@code
   *     target} is then intact
   * @throws OutcomeUnknownException naming the target (as its instance) if the new content is in
   *     place but flushing its directory failed: it may not survive a power cut
   */
  public static BasicFileAttributes write(
      Path target, Content content, Durability durability, TempFiles temps, FileTime stamp) {
    return Objects.requireNonNull(
        atomicWrite(target, content, durability, temps, stamp), "a stamped file is looked at");
  }

  /** The atomic write; returns the new file's attributes if it was stamped, null otherwise. */
  private static @Nullable BasicFileAttributes atomicWrite(
      Path target,
      Content content,
      Durability durability,
      TempFiles temps,
      @Nullable FileTime stamp) {
    Path directory = Parents.of(target);
    Path temp;
    try {
      temp = temps.newPath(target);
    } catch (IOException e) {
      throw new StorageException(
          "atomic write of " + target + " failed: " + Failures.describe(e), e);
    }
    boolean renamed = false;
    try {
      BasicFileAttributes written = writeNewFile(temp, content, durability, stamp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Path first = temp;
        temp = directory.resolve(besideName());
        try {
          written = writeNewFile(temp, copyOf(first), durability, stamp);
        } finally {
          deleteQuietly(first);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      renamed = true;
      if (durability == Durability.FSYNC) {
        forceDirectory(directory);
      }
      return written;
    } catch (IOException e) {
      if (renamed) {
        throw new OutcomeUnknownException(
            target.toString(),
            "atomic write of "
                + target
                + ": the new content is in place, but flushing its directory failed, so it may"
                + " not survive a power cut (outcome unknown): "
                + Failures.describe(e),
            e);
      }
      if (e instanceof ClosedByInterruptException) {
        InterruptedException interrupted = new InterruptedException("interrupted while writing");
        interrupted.initCause(e);
        throw new InterruptedOperationException(
            "atomic write of " + target + " was interrupted before its rename; nothing was changed",
            interrupted);
      }
      throw new StorageException(
          "atomic write of " + target + " failed: " + Failures.describe(e), e);
    } finally {
      if (!renamed) {
        deleteQuietly(temp);
      }
    }
  }

  /**
   * Creates {@code file}, which must not exist, with {@code content}, owner-only, and {@code
   * fsync}s it under {@link Durability#FSYNC}. The caller makes its name durable.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
   * @throws IOException if a write or the flush fails
   */
  public static void writeNewFile(Path file, byte[] content, Durability durability)
      throws IOException {
    writeNewFile(file, channel -> writeAll(channel, content), durability, null);
  }

  /**
   * {@link #writeNewFile(Path, byte[], Durability)}, with the file's modification time set to
   * {@code stamp} before it is flushed ({@link ModificationStamps}).
   *
   * @return the file's attributes once written, looked at without following a link
   * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
   * @throws IOException if a write, the stamp or the flush fails
   */
  public static BasicFileAttributes writeNewFile(
      Path file, byte[] content, Durability durability, FileTime stamp) throws IOException {
    return Objects.requireNonNull(
        writeNewFile(file, channel -> writeAll(channel, content), durability, stamp),
        "a stamped file is looked at");
  }

  /** The new file's attributes once written if it was stamped, null otherwise. */
  private static @Nullable BasicFileAttributes writeNewFile(
      Path file, Content content, Durability durability, @Nullable FileTime stamp)
      throws IOException {
    fill(create(file), file, content, durability, stamp);
    return stamp == null
        ? null
        : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static FileChannel create(Path file) throws IOException {
    return FileChannel.open(file, CREATE_TEMP, OwnerOnly.fileAttributes(file));
  }

  /**
   * Writes {@code content} into the new {@code file} open as {@code channel}, stamps it if {@code
   * stamp} is given, flushes it under {@link Durability#FSYNC}, and closes it.
   */
  private static void fill(
      FileChannel channel,
      Path file,
      Content content,
      Durability durability,
      @Nullable FileTime stamp)
      throws IOException {
    try (channel) {
      content.writeTo(channel);
      if (stamp != null) {
        ModificationStamps.apply(file, stamp);
      }
      if (durability == Durability.FSYNC) {
        FlushEvent.force(channel, true, file, false);
      }
    }
  }

  /**
   * Flushes a directory's entries (names created, renamed or removed in it) to the device. A no-op
   * on Windows, where a directory cannot be opened for it. It opens {@code <directory>/.} ({@link
   * DirectoryListing#throughDot}), which only a directory has, so a FIFO put in the directory's
   * place fails the open ({@code ENOTDIR}) instead of blocking it until a writer comes.
   *
   * @throws IOException if the directory cannot be opened or flushed
   */
  public static void forceDirectory(Path directory) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel channel =
        DirectoryListing.throughDot(
            directory, path -> FileChannel.open(path, StandardOpenOption.READ))) {
      FlushEvent.force(channel, true, directory, true);
    }
  }

  /**
   * Whether {@code fileName} is the name of a temporary file this class writes beside its target
   * (only where the target is on another file system than the data root).
   */
  public static boolean isTempName(String fileName) {
    return fileName.startsWith(BESIDE_PREFIX) && fileName.endsWith(BESIDE_SUFFIX);
  }

  private static void writeAll(FileChannel channel, byte[] content) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(content);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /**
   * The content of the file {@code source} as it is when written, copied by the kernel where it
   * can, in bounded memory.
   */
  public static Content copyOf(Path source) {
    return channel -> {
      try (FileChannel from = SafeFiles.openToRead(source)) {
        SafeFiles.copy(from, from.size(), channel, source);
      }
    };
  }

  private static String besideName() {
    return BESIDE_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()) + BESIDE_SUFFIX;
  }

  private static void deleteQuietly(Path temp) {
    boolean interrupted = Thread.interrupted();
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // Leaves a name no reader takes for data (see the class comment for which sweep, if any,
      // removes it); the original failure matters more.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
