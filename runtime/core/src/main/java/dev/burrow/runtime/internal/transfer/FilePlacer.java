package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptExportException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.spi.PathSegments;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Places one imported or copied file into an instance's directory: written atomically (and synced)
 * only where the target has none or an older one, never through a link, never outside the
 * directory, never over Burrow's own document, and only into the instance it came from (the same
 * creation time), held intact by the target. It holds the locks the application's writers take
 * while it decides and writes, so nothing they write to the instance meanwhile is lost.
 */
final class FilePlacer {
  /** The longest file name, in bytes, that Linux's filesystems (ext4, XFS, Btrfs, tmpfs) take. */
  static final int NAME_MAX = 255;

  private static final int CHUNK = 64 * 1024;

  private FilePlacer() {}

  /**
   * The file {@link #place} places: its size, its content, and a comparison with a file the target
   * holds, for when the times cannot tell which is newer.
   */
  interface Incoming extends AtomicFiles.Content {
    /** The content's size in bytes. */
    long size() throws IOException;

    /**
     * Whether the content is exactly the bytes {@code held} gives; the content is still written
     * whole by {@link #writeTo} afterwards.
     *
     * @throws IOException if reading the content fails (a failure to read {@code held} is a {@link
     *     HeldUnreadableException})
     */
    boolean sameAs(InputStream held) throws IOException;
  }

  /** The file the target holds could not be read to compare it: it is written over. */
  private static final class HeldUnreadableException extends IOException {
    private static final long serialVersionUID = 1L;

    HeldUnreadableException(IOException cause) {
      super(cause);
    }
  }

  /** Whether {@code one} and {@code other} give the same bytes, read to the end of either. */
  static boolean sameBytes(InputStream one, InputStream other) throws IOException {
    byte[] mine = new byte[CHUNK];
    byte[] theirs = new byte[CHUNK];
    while (true) {
      int read = one.readNBytes(mine, 0, CHUNK);
      int compared = other.readNBytes(theirs, 0, CHUNK);
      if (read != compared || !Arrays.equals(mine, 0, read, theirs, 0, compared)) {
        return false;
      }
      if (read < CHUNK) {
        return true;
      }
    }
  }

  /**
   * What {@link #place} did with a file: wrote it, kept the target's one at least as new, or
   * skipped it, for the reason given.
   */
  record Placed(boolean written, @Nullable String skipped) {
    static final Placed WRITTEN = new Placed(true, null);
    static final Placed KEPT = new Placed(false, null);

    static Placed skipped(String why) {
      return new Placed(false, why);
    }
  }

  /**
   * Writes one file of an instance's directory atomically, unless the target has one at least as
   * new ({@link #holdsAtLeastAsNew}); never through a link, never outside the directory, never
   * Burrow's own document, and never into another instance of the ID than the file's: one whose
   * creation time is not {@code createdAt} (unless either is not known). It holds the locks the
   * application's writers take while it decides and writes: the instance's lock and, for the event
   * log, the log's append lock, so an event appended meanwhile lands either before (and the log,
   * then newer, is kept) or after, in the written log, and is never lost with the file the rename
   * replaces. Cost: one lock and unlock per file (on PostgreSQL, a lease), one more for the event
   * log; a file waits while the application holds its instance's lock.
   *
   * @throws CorruptExportException if {@code relativePath} could leave the instance's directory or
   *     clash with Burrow's temporary files
   * @throws StorageException if the file cannot be written: the file it would replace is intact
   * @throws dev.burrow.LockTimeoutException if a lock is not free within the store's lock timeout
   */
  static <T> Placed place(
      TransferView<T> target,
      String id,
      String relativePath,
      ArchivedTime mtime,
      @Nullable Instant createdAt,
      Incoming content)
      throws IOException {
    // Ignoring case, as a case-insensitive file system (macOS, Windows) would open the document for
    // "Instance.json", and as the rest of the store tells its own files.
    if (relativePath.equalsIgnoreCase(ArchivedFiles.DOCUMENT_FILE)) {
      return Placed.skipped(
          "the instance's document, which an import takes from the export's lines only");
    }
    String tooLong = nameTooLong(relativePath);
    if (tooLong != null) {
      return Placed.skipped(tooLong);
    }
    InstanceLock instance = target.lock(id);
    try {
      InstanceLock log = target.lockIfEventLog(id, relativePath);
      try {
        return write(target, id, relativePath, mtime, createdAt, content);
      } finally {
        if (log != null) {
          log.close();
        }
      }
    } finally {
      instance.close();
    }
  }

  /**
   * Why no file can be written at {@code relativePath}, if a name on it is longer than the {@value
   * #NAME_MAX} bytes a file name may have on Linux's filesystems; else null.
   */
  private static @Nullable String nameTooLong(String relativePath) {
    for (String segment : relativePath.split("/")) {
      int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > NAME_MAX) {
        return "a name of "
            + bytes
            + " bytes, longer than the "
            + NAME_MAX
            + " a file name may have, so it has no place in the instance's directory";
      }
    }
    return null;
  }

  /** {@link #place}'s decision and write, under its locks. */
  private static <T> Placed write(
      TransferView<T> target,
      String id,
      String relativePath,
      ArchivedTime mtime,
      @Nullable Instant createdAt,
      Incoming content)
      throws IOException {
    Optional<RawDocument> stored;
    try {
      stored = target.find(id);
    } catch (CorruptInstanceException damaged) {
      return Placed.skipped(
          "the root holds instance '"
              + id
              + "' damaged ("
              + Reasons.reason(damaged)
              + "): its files are not written");
    }
    if (stored.isEmpty()) {
      return Placed.skipped(
          "the root holds no instance '"
              + id
              + "': no line of the export names it (an instance deleted during the export, or"
              + " the archive of another export)");
    }
    Instant created = TransferView.createdAt(stored.get());
    if (createdAt != null && created != null && !createdAt.equals(created)) {
      return Placed.skipped(
          "the root's instance '"
              + id
              + "' is another one of that ID (created at "
              + created
              + ", the file's at "
              + createdAt
              + "): its files are not written");
    }
    Path directory = target.directory(id);
    Path file = checkedFile(directory, id, relativePath);
    String noPlace;
    try {
      noPlace = makeParents(directory, file);
    } catch (IOException e) {
      throw cannotWrite(id, relativePath, file, Reasons.why(e), e);
    }
    if (noPlace != null) {
      return Placed.skipped(noPlace);
    }
    BasicFileAttributes held = SafeFiles.lstat(file);
    if (held != null && holdsAtLeastAsNew(file, held, mtime, content)) {
      return Placed.KEPT;
    }
    // Stamped before the rename: a kill never leaves the content with a newer time, which a rerun
    // would take for a file at least as new and leave alone.
    try {
      AtomicFiles.write(file, content, Durability.FSYNC, target.temps(), mtime.time());
    } catch (StorageException e) {
      if (e.getCause() instanceof EventLogCheck.DamagedLogException damaged) {
        return Placed.skipped(
            "not an event log readers read whole: its "
                + damaged.getMessage()
                + "; the instance's log is left as it is");
      }
      throw cannotWrite(
          id,
          relativePath,
          file,
          e.getCause() instanceof IOException failure ? Reasons.why(failure) : e.getMessage(),
          e);
    }
    return Placed.WRITTEN;
  }

  /**
   * Whether the target's {@code file} (its attributes {@code held}) is at least as new as the one
   * placed, whose time is {@code mtime}. Where the times tell, they decide: a file later than every
   * time {@code mtime} may stand for (later than it, for a time to the nanosecond; from the next
   * second on, for one in whole seconds) is kept, one from before {@code mtime}'s second or of
   * another size is written, and one of the same size and the very time to the nanosecond is kept,
   * as rsync's quick check keeps it (so an import run again reads no file it wrote). Where the
   * times cannot tell (the held file's time within {@code mtime}'s second, before the end of what
   * it may stand for: a change within the second an archive in whole seconds cannot tell apart, a
   * file system that keeps coarser times than the archive), the contents decide: the held file is
   * kept if it has the same bytes, and written over if not (or if it cannot be read), so a change
   * is never silently left out. Cost: where the times cannot tell, the held file is read, and an
   * archive entry of the same size is read whole first ({@link WholeFile}).
   */
  private static boolean holdsAtLeastAsNew(
      Path file, BasicFileAttributes held, ArchivedTime mtime, Incoming content)
      throws IOException {
    FileTime heldTime = held.lastModifiedTime();
    if (mtime.isBefore(heldTime)) {
      return true;
    }
    if (held.size() != content.size() || mtime.isInASecondAfter(heldTime)) {
      return false;
    }
    if (mtime.isExactly(heldTime)) {
      return true;
    }
    FileChannel opened;
    try {
      opened = SafeFiles.openToRead(file);
    } catch (IOException e) {
      return false; // gone, or not readable: written over, as a different file would be
    }
    try (opened) {
      InputStream heldContent =
          new FilterInputStream(Channels.newInputStream(opened)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
              try {
                return super.read(buffer, offset, length);
              } catch (IOException e) {
                throw new HeldUnreadableException(e);
              }
            }
          };
      return content.sameAs(heldContent);
    } catch (HeldUnreadableException e) {
      return false;
    }
  }

  /**
   * The failure to write the file at {@code relativePath} of instance {@code id} (at {@code file}),
   * for {@code reason}: a failure of the root, not of the archive. The file it would replace is
   * intact.
   */
  private static StorageException cannotWrite(
      String id, String relativePath, Path file, @Nullable String reason, Exception failure) {
    return new StorageException(
        "cannot write the file "
            + PathSegments.printable(relativePath)
            + " of instance '"
            + id
            + "' ("
            + file
            + "): "
            + reason
            + "; the file it would replace is intact",
        failure);
  }

  /**
   * The file at {@code relativePath} in the instance's {@code directory}, once each segment is
   * checked: none may leave the directory or clash with Burrow's temporary files.
   *
   * @throws CorruptExportException naming the archive entry otherwise
   */
  private static Path checkedFile(Path directory, String id, String relativePath) {
    Path file = directory;
    for (String segment : relativePath.split("/")) {
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || segment.indexOf('\0') >= 0
          || AtomicFiles.isTempName(segment)) {
        throw new CorruptExportException(
            "directory archive entry '" + id + "/" + relativePath + "'",
            "a path segment that could leave the instance's directory or clash with Burrow's files",
            null);
      }
      file = file.resolve(segment);
    }
    return file;
  }

  /**
   * Makes the directories between the instance's {@code directory} and {@code file}, checking each
   * entry on the way (one {@code lstat} each) before anything is written.
   *
   * @return null if the file can be written, else why not, naming the entry in the instance's
   *     directory: a link anywhere on the way, the file's own place included (never written
   *     through), something other than a directory on the way, or something other than a regular
   *     file in the file's place (a file never replaces a directory)
   */
  private static @Nullable String makeParents(Path directory, Path file) throws IOException {
    Path way = directory;
    for (Path segment : directory.relativize(file)) {
      way = way.resolve(segment);
      BasicFileAttributes found = SafeFiles.lstat(way);
      String entry =
          "the instance's " + PathSegments.printable(ArchivedFiles.relativePath(directory, way));
      if (found != null && found.isSymbolicLink()) {
        return entry + " is a symbolic link, and an import never writes through one";
      }
      if (way.equals(file)) {
        if (found != null && !found.isRegularFile()) {
          return entry
              + (found.isDirectory() ? " is a directory" : " is not a regular file")
              + ", which a file never replaces";
        }
      } else if (found == null) {
        OwnerOnly.createDirectories(way, Durability.FSYNC);
      } else if (!found.isDirectory()) {
        return entry + " is a file, where this entry needs a directory";
      }
    }
    return null;
  }
}
