package dev.burrow.runtime.internal.fs;

import dev.burrow.Durability;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The atomic, durable replace protocol, and nothing else.
 *
 * <p>{@link #write} puts new content at a path so that every reader, and every process started
 * after a crash, sees either the complete old file or the complete new one:
 *
 * <ol>
 *   <li>write the content to a uniquely named temporary file in the same directory (same file
 *       system, so the rename cannot degrade to a copy), created owner-only (0600);
 *   <li>{@code fsync} it, so its data is on the device before its name is;
 *   <li>rename it over the target with {@code ATOMIC_MOVE}; there is no non-atomic fallback: if the
 *       file system cannot rename atomically, the write fails;
 *   <li>{@code fsync} the directory, so the rename itself survives a power cut (skipped on Windows,
 *       where directories cannot be opened for it).
 * </ol>
 *
 * <p>Steps 2 and 4 are skipped under {@link Durability#NONE}. If a step up to the rename fails,
 * including the file's {@code fsync}, the write fails with a {@link StorageException} and the old
 * content is intact. If the directory's {@code fsync} fails after the rename, the new content is
 * already what every reader sees, but may or may not survive a power cut: that is an {@link
 * OutcomeUnknownException}, never reported as a failure (a caller who retried a "failed" write
 * would apply it twice). An {@code fsync} is never retried on the same file, because after a failed
 * flush the kernel may have dropped the dirty pages and a second flush would report success for
 * data that is gone. The temporary file is removed on every failure path, an interrupt or an {@code
 * Error} included; a temporary file left by a crash starts with {@code .} and ends with {@link
 * #TEMP_SUFFIX}, so it is never mistaken for data.
 */
public final class AtomicFiles {
  /** Suffix of every temporary file this class creates. */
  public static final String TEMP_SUFFIX = ".tmp";

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
  private static final Set<OpenOption> CREATE_TEMP =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  private AtomicFiles() {}

  /**
   * Atomically replaces (or creates) {@code target} with {@code content}.
   *
   * @throws StorageException naming the target and the failed step; the previous content of {@code
   *     target} is then intact
   * @throws OutcomeUnknownException naming the target (as its instance) if the new content is in
   *     place but flushing its directory failed: it may not survive a power cut
   */
  public static void write(Path target, byte[] content, Durability durability) {
    Path directory = Parents.of(target);
    Path temp = directory.resolve(tempName(target.getFileName().toString()));
    boolean renamed = false;
    try {
      writeNewFile(temp, content, durability);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      renamed = true;
      if (durability == Durability.FSYNC) {
        forceDirectory(directory);
      }
    } catch (IOException e) {
      if (renamed) {
        throw new OutcomeUnknownException(
            target.toString(),
            "atomic write of "
                + target
                + ": the new content is in place, but flushing its directory failed, so it may"
                + " not survive a power cut (outcome unknown): "
                + e,
            e);
      }
      throw new StorageException("atomic write of " + target + " failed: " + e, e);
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
    try (FileChannel channel =
        FileChannel.open(file, CREATE_TEMP, OwnerOnly.fileAttributes(file))) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (durability == Durability.FSYNC) {
        channel.force(true);
      }
    }
  }

  /**
   * Flushes a directory's entries (names created, renamed or removed in it) to the device. A no-op
   * on Windows, where a directory cannot be opened for it.
   *
   * @throws IOException if the directory cannot be opened or flushed
   */
  public static void forceDirectory(Path directory) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Whether {@code fileName} is a temporary file name this class could have created. */
  public static boolean isTempName(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX);
  }

  private static String tempName(String targetName) {
    return "."
        + targetName
        + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + TEMP_SUFFIX;
  }

  private static void deleteQuietly(Path temp) {
    boolean interrupted = Thread.interrupted();
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // Leaves a name that readers skip and the next sweep removes; the original failure matters
      // more.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
