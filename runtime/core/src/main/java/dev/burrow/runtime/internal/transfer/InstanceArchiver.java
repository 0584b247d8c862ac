package dev.burrow.runtime.internal.transfer;

import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes an export's second, optional stream: a tar archive of the regular files under each
 * exported instance's directory ({@link ArchivedFiles}), named {@code <id>/<path>}, counting the
 * files archived and the entries skipped for not being regular files.
 *
 * <p>Each file is read whole before its archive entry is written ({@link WholeFile}: up to 1 MiB in
 * memory, a larger one spooled to {@code java.io.tmpdir} and read twice), so a file that shrinks,
 * grows or fails while it is read never leaves a corrupt entry; a file removed before it is reached
 * is left out. A file or directory that cannot be read (permission denied), or a file that fails
 * while it is read, is handed to {@code unreadable}, named with why, and left out; without {@code
 * unreadable}, it stops the export with a {@link StorageException} naming it. An interrupt of the
 * calling thread stops it with a {@link dev.burrow.InterruptedOperationException}.
 */
final class InstanceArchiver {
  private final Tar.Writer tar;
  private final @Nullable Consumer<Skipped> unreadable;
  private long files;
  private long skipped;

  InstanceArchiver(OutputStream directories, @Nullable Consumer<Skipped> unreadable) {
    this.tar = new Tar.Writer(directories);
    this.unreadable = unreadable;
  }

  /**
   * Archives the files under instance {@code id}'s {@code directory}, as they are now, each marked
   * with the instance's creation time {@code createdAt} unless null.
   *
   * @throws StorageException without {@code unreadable}, naming what cannot be read
   * @throws IOException if the archive or a spool file cannot be written
   */
  void archive(String id, @Nullable Instant createdAt, Path directory) throws IOException {
    ArchivedFiles.Contents contents =
        ArchivedFiles.of(directory, (path, failure) -> leaveOut(id, path, failure));
    files += writeFiles(id, createdAt, directory, contents.files());
    skipped += contents.skipped();
  }

  /** Ends the archive. */
  void finish() throws IOException {
    tar.finish();
  }

  /** The files archived so far. */
  long files() {
    return files;
  }

  /** The entries left out so far for not being regular files: links, FIFOs, sockets, devices. */
  long skipped() {
    return skipped;
  }

  /**
   * Hands {@code path}, under instance {@code id}'s directory, which the export cannot read, to
   * {@code unreadable}; without one, stops the export naming it. An interrupt of the calling thread
   * that closed the channel reading it stops the export either way.
   *
   * @throws StorageException without {@code unreadable}
   * @throws dev.burrow.InterruptedOperationException if the thread was interrupted
   */
  private void leaveOut(String id, Path path, IOException failure) {
    if (failure instanceof ClosedByInterruptException) {
      throw Failures.ofStep("cannot archive the files of instance '" + id + "'", path, failure);
    }
    String reason = "it cannot be read: " + Reasons.why(failure);
    if (unreadable == null) {
      throw new StorageException(
          "cannot archive the files of instance '"
              + id
              + "': "
              + path
              + ": "
              + reason
              + "; the export stops without its closing line, so no import takes it for complete",
          failure);
    }
    unreadable.accept(new Skipped(path.toString(), reason));
  }

  /**
   * Archives {@code files} of an instance's directory, each read whole before its entry is written;
   * a file removed before it is reached is left out, and one that cannot be opened or fails while
   * it is read is left out as {@link #leaveOut} says.
   *
   * @return how many it archived
   * @throws IOException if the archive or a spool file cannot be written
   */
  private long writeFiles(String id, @Nullable Instant createdAt, Path directory, List<Path> files)
      throws IOException {
    long written = 0;
    for (Path file : files) {
      BasicFileAttributes attributes = SafeFiles.lstat(file);
      if (attributes == null) {
        continue; // removed since it was listed
      }
      FileChannel opened;
      try {
        opened = SafeFiles.openToRead(file);
      } catch (NoSuchFileException removed) {
        continue;
      } catch (IOException e) {
        leaveOut(id, file, e);
        continue;
      }
      WholeFile content;
      try (opened) {
        content = WholeFile.read(opened);
      } catch (WholeFile.UnreadableException e) {
        leaveOut(id, file, e.reason());
        continue;
      }
      try (content) {
        tar.file(
            id + "/" + ArchivedFiles.relativePath(directory, file),
            attributes.lastModifiedTime(),
            createdAt,
            content);
      }
      written++;
    }
    return written;
  }
}
