package dev.burrow.runtime.internal.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The modification times Burrow sets on the new files it renames over a document, so that a
 * document's successive files never share a modification time: each stamp is after the one of the
 * file it replaces, after every stamp this JVM gave before, and not before the clock. The kernel's
 * own times cannot promise that: they advance in clock ticks of a few milliseconds, and a file
 * system may give a freed inode number to the next new file, so two contents of one document in one
 * tick could look alike ({@code DocumentCache} in the file store relies on them not to).
 *
 * <p>Cost: setting a stamp looks at the new file and opens it again without following a link, sets
 * its times and closes it (four system calls), before the file is flushed, so under {@code FSYNC}
 * it adds no flush.
 */
public final class ModificationStamps {
  private static final AtomicLong LAST = new AtomicLong(Long.MIN_VALUE);
  private static final long PROBE_NANOS = 123_456_789L;

  private ModificationStamps() {}

  /**
   * A stamp after {@code previous} (the stamp of the file about to be replaced, null for a new
   * document) and after every stamp this JVM gave before, and the clock's time if that is later.
   */
  public static FileTime next(@Nullable FileTime previous) {
    long floor = previous == null ? Long.MIN_VALUE : nanos(previous) + 1;
    Instant now = Instant.now();
    long clock = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    long stamp = LAST.updateAndGet(last -> Math.max(Math.max(clock, last + 1), floor));
    return FileTime.from(stamp, TimeUnit.NANOSECONDS);
  }

  /** The modification time of {@code file} in nanoseconds, as compared with stamps. */
  public static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }

  /**
   * Sets {@code file}'s modification time to {@code stamp}, without following a link. Its access
   * time is set to the stamp too, which nothing reads: given only one of the two, the JDK reads the
   * file's attributes first to keep the other, one more system call per write.
   *
   * @throws IOException if the time cannot be set, also if closing the descriptor the JDK opened
   *     for it fails, which JDK 17 throws as its internal {@code sun.nio.fs.UnixException}, a
   *     checked exception it does not declare
   */
  public static void apply(Path file, FileTime stamp) throws IOException {
    UndeclaredFailures.run(
        () ->
            Files.getFileAttributeView(
                    file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(stamp, stamp, null),
        "cannot set the modification time of " + file);
  }

  /**
   * Whether the file system of {@code probe} (an existing file or directory of Burrow's own, whose
   * modification time nothing relies on) keeps a stamp to the nanosecond: {@code probe} is stamped
   * and looked at. False if either fails.
   */
  public static boolean keptExactly(Path probe) {
    FileTime stamp =
        FileTime.from(Instant.ofEpochSecond(Instant.now().getEpochSecond(), PROBE_NANOS));
    try {
      apply(probe, stamp);
      return Files.readAttributes(probe, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .lastModifiedTime()
          .equals(stamp);
    } catch (IOException e) {
      return false;
    }
  }
}
