package dev.burrow.cli.root;

import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.StorageException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.runtime.internal.filestore.Bookkeeping;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each instance's directory, event log and declared subdirectories are in a data root, and
 * what is wrong with their places (a link or a file planted in place of a directory, a special file
 * in the log's place), looked at without reading a document or an event and never followed.
 */
public final class InstancePlaces {
  private final Path root;
  private final KindDescription kind;
  private final StoreEngine<RawDocument> engine;

  InstancePlaces(Path root, KindDescription kind, StoreEngine<RawDocument> engine) {
    this.root = root;
    this.kind = kind;
    this.engine = engine;
  }

  /**
   * Where the instance's directory belongs, whatever is there (a directory, nothing, or a link or a
   * file planted in its place), without looking: for a listing that names what it finds there.
   */
  public Path directoryOf(String id) {
    return FileSystemBackend.instanceDirectory(root, id);
  }

  /**
   * The ID of the instance whose document {@code problem} names, or empty if it names no instance's
   * document (an entry of {@code instances/} that is no instance).
   */
  public Optional<String> instanceOf(CorruptInstanceException problem) {
    Optional<Path> location = ReportedLocation.pathOf(problem.location());
    if (location.isEmpty()) {
      return Optional.empty();
    }
    Path document = location.get().toAbsolutePath().normalize();
    Path directory = document.getParent();
    if (directory == null || !document.endsWith(StoreOwned.DOCUMENT)) {
      return Optional.empty();
    }
    String id = String.valueOf(directory.getFileName());
    return PathSegments.isValid(id) && directory.equals(directoryOf(id))
        ? Optional.of(id)
        : Optional.empty();
  }

  /**
   * What is planted in place of the instance's directory or of a directory on its way (a link or a
   * file), named as {@link DataRoot#find} names it, as damage of the document; empty if nothing is
   * (the directory is there, or gone). Looks without reading the document: one {@code lstat} per
   * entry from the root to the directory.
   */
  public Optional<CorruptInstanceException> plantedDirectory(String id) {
    try {
      checkedDirectory(id);
    } catch (InstanceNotFoundException | AccessDeniedException goneOrUnreadable) {
      return Optional.empty(); // what may not be looked at is no damage
    } catch (SafeFiles.RefusedFileException planted) {
      return Optional.of(planted(id, planted));
    }
    return Optional.empty();
  }

  /** The damage of the instance's document that {@code planted} on the way to it is. */
  CorruptInstanceException planted(String id, SafeFiles.RefusedFileException planted) {
    Path directory = directoryOf(id);
    return new CorruptInstanceException(
        directory.resolve(StoreOwned.DOCUMENT).toString(),
        planted.reasonAbout(
            planted.path().equals(directory)
                ? "its instance directory"
                : "the directory " + Printable.escaped(planted.path().toString()) + " on its way"),
        planted);
  }

  /**
   * Checks the place of the instance's event log without opening it: one {@code lstat} per entry
   * from the root to the log, and one more for the log's link count (a log with a second name, a
   * hard link, is refused as the library's appends and reads refuse it). Reads no event.
   *
   * @return whether there is a log to read: false if there is none, or a link or a file is planted
   *     in place of the instance's directory (damage of its document)
   * @throws CorruptEventException as {@link DataRoot#events} does, also if the instance's directory
   *     or a directory on its way may not be read
   */
  public boolean checkEventLogFile(String id) {
    Path file = directoryOf(id).resolve(FileEventLog.RELATIVE_PATH);
    try {
      if (unplantedDirectory(id).isEmpty()) {
        return false;
      }
      SafeFiles.checkWay(root, file);
      SafeFiles.requireSingleLink(file, false);
      if (!Files.isReadable(file)) {
        throw new AccessDeniedException(file.toString());
      }
    } catch (NoSuchFileException noLog) {
      return false;
    } catch (AccessDeniedException e) {
      throw new CorruptEventException(file, 0, "it cannot be read: permission denied", e);
    } catch (SafeFiles.RefusedFileException e) {
      String why = e.path().equals(file) ? e.reason() : e.reasonAbout("its directory " + e.path());
      throw new CorruptEventException(file, 0, why, e);
    } catch (IOException e) {
      throw new StorageException("cannot read event log " + file + ": " + e, e);
    }
    return true;
  }

  /**
   * What is wrong with the instance's declared subdirectories: each one that is there must be a
   * directory reached through directories, never a link, or the store refuses to use it ({@code
   * files()} throws {@code UnsafePathException}); one that is missing is not damage (it is made
   * when used). Empty if nothing is wrong, the instance is gone (a writer deleted it since it was
   * read) or a link or a file is planted in place of its directory (damage of its document, never
   * followed); nothing is changed. A subdirectory this process may not look at (its instance's
   * directory, or a directory on the way, may not be read) is not damage, only unchecked, and left
   * out: reading the instance names it unreadable (its document, or {@code show}'s listing of its
   * directory).
   *
   * @throws StorageException if a subdirectory cannot be looked at for another reason
   */
  public List<Bookkeeping.Finding> checkSubdirectories(String id) {
    Path directory;
    try {
      Optional<Path> unplanted = unplantedDirectory(id);
      if (unplanted.isEmpty()) {
        return List.of();
      }
      directory = unplanted.get();
    } catch (InstanceNotFoundException | AccessDeniedException deletedMeanwhileOrUnreadable) {
      return List.of();
    }
    List<Bookkeeping.Finding> findings = new ArrayList<>();
    for (String subdirectory : kind.subdirectories()) {
      Path at = directory.resolve(subdirectory);
      try {
        SafeFiles.checkDirectory(root, at);
      } catch (NoSuchFileException missing) {
        // made when the application uses it; a deleted instance has none
      } catch (AccessDeniedException unreadable) {
        // unchecked, not damage: named unreadable where the instance is read
      } catch (SafeFiles.RefusedFileException e) {
        findings.add(new Bookkeeping.Finding(e.path(), e.reason()));
      } catch (IOException e) {
        throw new StorageException("cannot check " + at + ": " + Failures.describe(e), e);
      }
    }
    return findings;
  }

  /**
   * The instance's directory, or empty if a link or a file is planted in its place or on its way:
   * reading the instance's document names that damage, and nothing is read through it.
   *
   * @throws AccessDeniedException if this process may not look at it (a directory on its way may
   *     not be read)
   * @throws InstanceNotFoundException if the instance is gone
   */
  private Optional<Path> unplantedDirectory(String id) throws AccessDeniedException {
    try {
      return Optional.of(checkedDirectory(id));
    } catch (SafeFiles.RefusedFileException planted) {
      return Optional.empty();
    }
  }

  /**
   * The instance's directory, checked from the root.
   *
   * @throws SafeFiles.RefusedFileException if a link or a file is planted in its place or on its
   *     way
   * @throws AccessDeniedException if this process may not look at it
   * @throws InstanceNotFoundException if the instance is gone
   */
  private Path checkedDirectory(String id)
      throws SafeFiles.RefusedFileException, AccessDeniedException {
    try {
      return engine.dirs(id).root();
    } catch (StorageException e) {
      if (e.getCause() instanceof SafeFiles.RefusedFileException planted) {
        throw planted;
      }
      if (e.getCause() instanceof AccessDeniedException denied) {
        throw denied;
      }
      throw e;
    }
  }
}
