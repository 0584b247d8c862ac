package dev.burrow.cli.root;

import dev.burrow.CorruptJsonFileException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.filestore.DataRootOwners;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.fs.DirectoryListing;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.transfer.KindDescription;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The directory a command is given as its data root, looked at before any store opens it: whether
 * it can be one (it is, or would lie under, directories only), what kind its marker describes, and
 * whether a new root may be made there.
 */
final class RootDirectory {
  private RootDirectory() {}

  /**
   * {@code root} made absolute and normal, refused if it is, or would lie under, something other
   * than a directory (a mistyped {@code --root} naming an export's file): the nearest of it and its
   * parents that exists must be a directory, links followed, as the command line's own path is.
   *
   * @throws NotADataRootException naming what is not a directory
   */
  static Path checked(Path root) {
    return checked(root, false);
  }

  /**
   * {@link #checked(Path)}, and refused also if it does not exist (a root to open, not to make),
   * naming the first directory on its way that is missing: the root itself, or a parent of it (a
   * mistyped parent of a root that exists elsewhere).
   *
   * @throws NotADataRootException naming what is not a directory or does not exist
   */
  static Path existing(Path root) {
    return checked(root, true);
  }

  private static Path checked(Path root, boolean mustExist) {
    Path absolute = root.toAbsolutePath().normalize();
    Path missing = null;
    for (Path at = absolute; at != null; at = at.getParent()) {
      if (Files.exists(at)) {
        if (!Files.isDirectory(at)) {
          throw new NotADataRootException(
              at
                  + " is not a directory, so "
                  + absolute
                  + " is no Burrow data root: give the directory a store was opened on (the one"
                  + " holding instances/ and .burrow/)");
        }
        break;
      }
      // Not known missing if it cannot be looked at (permission denied): opening it says why.
      missing = Files.notExists(at) ? at : null;
    }
    if (mustExist && missing != null) {
      throw new NotADataRootException(
          missing
              + (Files.isSymbolicLink(missing)
                  ? " is a symbolic link to nothing that exists"
                  : " does not exist")
              + (missing.equals(absolute) ? "" : ", so " + absolute + " does not either")
              + ": give the directory a store was opened on (the one holding instances/ and"
              + " .burrow/)");
    }
    return absolute;
  }

  /**
   * The kind the root's marker describes, as {@link FileSystemBackend#describedKind} reads it, or
   * null if there is no data root whose kind is described.
   *
   * @throws CorruptJsonFileException also if the marker may not be read (permission denied): no
   *     command reads the root without it, and the command says which file and why
   */
  static @Nullable KindDescription describedKind(Path root) {
    try {
      return FileSystemBackend.describedKind(root);
    } catch (StorageException e) {
      if (!Failures.isPermissionDenied(e)) {
        throw e;
      }
      throw new CorruptJsonFileException(
          kindMarker(root),
          "it cannot be read: permission denied; no command reads the root without it, so run it"
              + " as a user who may read it",
          e);
    }
  }

  /** The root's kind marker, {@code .burrow/store.json}, which describes its kind. */
  static Path kindMarker(Path root) {
    return DataRootOwners.file(root, DataRootOwners.FILESYSTEM);
  }

  /**
   * Refuses {@code root} if it is a PostgreSQL store's local root (it holds {@code
   * .burrow/postgres.json}): only that host's instance directories are there, the documents are in
   * the database, and the tool reads filesystem stores' roots ({@link DataRootOwners#holds}).
   *
   * @throws NotADataRootException if it is one
   * @throws StorageException if that cannot be looked at
   */
  static void refusePostgresRoot(Path root) {
    if (DataRootOwners.holds(root, DataRootOwners.POSTGRES)) {
      throw new NotADataRootException(
          root
              + " is a PostgreSQL store's local root (it holds "
              + DataRootOwners.file(root, DataRootOwners.POSTGRES)
              + "): only this host's instance directories are there, the documents are in the"
              + " database; give the data root of a filesystem store (burrow migrate copies one"
              + " into PostgreSQL)");
    }
  }

  /**
   * Refuses {@code root}, whose kind marker describes a filesystem store's kind, if it also holds a
   * PostgreSQL store's record ({@code .burrow/postgres.json}): no store opens it then, each backend
   * refusing a root that holds the other's file, so the commands name the record as damage of the
   * root instead of passing on the store's refusal, whose advice is for applications ({@link
   * DataRootOwners#holds}).
   *
   * @throws CorruptJsonFileException naming the record
   * @throws StorageException if it cannot be looked for
   */
  static void refusePostgresRecord(Path root) {
    if (DataRootOwners.holds(root, DataRootOwners.POSTGRES)) {
      throw new CorruptJsonFileException(
          DataRootOwners.file(root, DataRootOwners.POSTGRES),
          "a PostgreSQL store's record in the data root of a filesystem store (the root holds "
              + kindMarker(root)
              + " too): no store opens the root while both are there; remove the record if no"
              + " PostgreSQL store uses this directory as its local root",
          null);
    }
  }

  /**
   * Whether {@code directory} is missing or empty: where a new data root may be made.
   *
   * @throws IOException if it cannot be opened or read
   */
  static boolean missingOrEmpty(Path directory) throws IOException {
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    try (DirectoryStream<Path> entries = DirectoryListing.open(directory)) {
      return !entries.iterator().hasNext();
    } catch (DirectoryIteratorException e) {
      throw e.getCause(); // the directory could not be read
    }
  }
}
