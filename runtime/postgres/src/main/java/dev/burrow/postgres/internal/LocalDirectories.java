package dev.burrow.postgres.internal;

import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.filestore.CheckedPaths;
import dev.burrow.runtime.internal.filestore.Trash;
import dev.burrow.runtime.internal.fs.AtomicFiles;
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
 * outside the root is touched.
 *
 * <p>Under {@link Durability#FSYNC} the names are flushed as the filesystem backend flushes its
 * own: the parent of every directory made here, and {@code instances/} once a directory has left it
 * for the trash, so a directory handed out survives a power cut and a removed one does not come
 * back. Under {@link Durability#NONE} nothing is flushed.
 */
final class LocalDirectories {
  private final CheckedPaths paths;
  private final Path instances;
  private final Trash trash;
  private final List<String> subdirectories;
  private final Durability durability;

  LocalDirectories(Path root, List<String> subdirectories, Durability durability) {
    this.paths = new CheckedPaths(root);
    this.instances = paths.root().resolve("instances");
    this.trash = new Trash(paths);
    this.subdirectories = subdirectories;
    this.durability = durability;
  }

  /**
   * Makes this host's root where it is missing, its name flushed into its parent under {@link
   * Durability#FSYNC}: done when the store opens, before anything else makes it without a flush.
   *
   * @throws StorageException if it cannot be made
   */
  void makeRoot() {
    OwnerOnly.createDirectories(paths.root(), durability);
  }

  /**
   * The directory of {@code id}, created with its subdirectories if missing.
   *
   * @throws StorageException if a directory on the way is a link or not a directory, or a directory
   *     cannot be made
   */
  Path open(String id) {
    Path directory = directoryOf(id);
    makeRoot();
    try {
      paths.makeDirectories(directory, durability);
      for (String subdirectory : subdirectories) {
        paths.makeDirectories(directory.resolve(PathSegments.check(subdirectory)), durability);
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
   * @throws StorageException naming the first planted path, or if a directory on the way cannot be
   *     looked at; nothing was changed
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
   * Removes {@code id}'s directory on this host, if there is one: moved into the trash (and, under
   * {@link Durability#FSYNC}, {@code instances/} flushed, so the move survives a power cut), then
   * its tree removed relative to directory handles (however deep); what cannot be removed now is
   * left in the trash for the next sweep.
   *
   * @throws StorageException if a directory on the way is a link or not a directory; nothing was
   *     moved
   * @throws IOException if the directory cannot be moved into the trash, or the move flushed (then
   *     it is gone from {@code instances/}, but may be back after a power cut)
   */
  void remove(String id) throws IOException {
    Path grave = trash.graveFor(id);
    if (trash.moveAside(directoryOf(id), grave, durability)) {
      try {
        if (durability == Durability.FSYNC) {
          AtomicFiles.forceDirectory(instances);
        }
      } finally {
        paths.deleteQuietly(grave);
      }
    }
  }

  /** Where {@code id}'s directory is on this host. */
  Path directoryOf(String id) {
    return instances.resolve(PathSegments.check(id));
  }

  /**
   * Finishes removals that a crash interrupted.
   *
   * @throws StorageException if {@code .burrow/} or the trash is a link or not a directory, or the
   *     trash cannot be listed
   */
  void sweepTrash() {
    trash.sweep();
  }
}
