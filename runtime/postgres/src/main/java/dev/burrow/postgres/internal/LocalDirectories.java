package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.filestore.CheckedPaths;
import dev.burrow.runtime.internal.filestore.Trash;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Instance directories on this host's disk, {@code <root>/instances/<id>/} with the declared
 * subdirectories, created owner-only on first use. They are not shared between hosts: the database
 * holds documents and locks, the disk holds each host's files. Deleting moves the directory into
 * the trash ({@link Trash}, as the filesystem backend does) first, so an interrupted removal never
 * leaves a half-deleted directory where a new instance could find it.
 *
 * <p>Every path below the root is checked right before it is made, moved, listed or removed ({@link
 * CheckedPaths}): {@code instances/}, an instance directory, {@code .burrow/} or the trash planted
 * as a link (before the store opened or after) is refused with an exception naming it, and nothing
 * outside the root is touched. Nothing here is flushed: the database is what survives a power cut.
 */
final class LocalDirectories {
  private final CheckedPaths paths;
  private final Path instances;
  private final Trash trash;
  private final List<String> subdirectories;

  LocalDirectories(Path root, List<String> subdirectories) {
    this.paths = new CheckedPaths(root);
    this.instances = paths.root().resolve("instances");
    this.trash = new Trash(paths);
    this.subdirectories = subdirectories;
  }

  /**
   * The directory of {@code id}, created with its subdirectories if missing.
   *
   * @throws BurrowException if a directory on the way is a link or not a directory
   * @throws StorageException if a directory cannot be made
   */
  Path open(String id) {
    Path directory = directoryOf(id);
    try {
      OwnerOnly.createDirectories(paths.root());
      paths.makeDirectories(directory, Durability.NONE);
      for (String subdirectory : subdirectories) {
        paths.makeDirectories(directory.resolve(PathSegments.check(subdirectory)), Durability.NONE);
      }
    } catch (IOException e) {
      throw new StorageException("cannot make " + directory + ": " + Failures.describe(e), e);
    }
    return directory;
  }

  /**
   * Checks, before {@code id} is deleted, that its directory could be moved into the trash: no
   * directory on the way to it or to the trash is a link or anything but a directory.
   *
   * @throws BurrowException naming the first planted path; nothing was changed
   * @throws StorageException if a directory on the way cannot be looked at
   */
  void checkRemovable(String id) {
    try {
      checkWayIfThere(directoryOf(id));
      checkWayIfThere(trash.graveFor(id));
    } catch (IOException e) {
      throw new StorageException(
          "cannot look at " + directoryOf(id) + ": " + Failures.describe(e), e);
    }
  }

  private void checkWayIfThere(Path path) throws IOException {
    try {
      paths.checkWay(path);
    } catch (NoSuchFileException e) {
      // made when needed, never through a link
    }
  }

  /**
   * Removes {@code id}'s directory on this host, if there is one: moved into the trash, then its
   * tree removed relative to directory handles (however deep); what cannot be removed now is left
   * in the trash for the next sweep.
   *
   * @throws BurrowException if a directory on the way is a link or not a directory; nothing was
   *     moved
   * @throws IOException if the directory cannot be moved into the trash
   */
  void remove(String id) throws IOException {
    Path grave = trash.graveFor(id);
    if (trash.moveAside(directoryOf(id), grave, Durability.NONE)) {
      paths.deleteQuietly(grave);
    }
  }

  /** Where {@code id}'s directory is on this host. */
  Path directoryOf(String id) {
    return instances.resolve(PathSegments.check(id));
  }

  /**
   * Finishes removals that a crash interrupted.
   *
   * @throws BurrowException if {@code .burrow/} or the trash is a link or not a directory
   * @throws StorageException if the trash cannot be listed
   */
  void sweepTrash() {
    trash.sweep();
  }
}
