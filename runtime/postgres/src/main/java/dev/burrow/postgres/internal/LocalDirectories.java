package dev.burrow.postgres.internal;

import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Instance directories on this host's disk, {@code <root>/instances/<id>/} with the declared
 * subdirectories, created owner-only on first use. They are not shared between hosts: the database
 * holds documents and locks, the disk holds each host's files. Deleting moves the directory into
 * {@code <root>/.burrow/trash/} first, so an interrupted removal never leaves a half-deleted
 * directory where a new instance could find it.
 */
final class LocalDirectories {
  private final Path root;
  private final Path instances;
  private final Path trash;
  private final List<String> subdirectories;

  LocalDirectories(Path root, List<String> subdirectories) {
    this.root = root;
    this.instances = root.resolve("instances");
    this.trash = root.resolve(".burrow").resolve("trash");
    this.subdirectories = subdirectories;
  }

  /** This host's root. */
  Path root() {
    return root;
  }

  /** The lock file of this host's locks on local files, where the filesystem backend has it. */
  Path lockFile() {
    return root.resolve(".burrow").resolve("locks").resolve("instances.lock");
  }

  /** The directory of {@code id}, created with its subdirectories if missing. */
  Path open(String id) {
    Path directory = instances.resolve(PathSegments.check(id));
    refuseLink(root);
    refuseLink(instances);
    refuseLink(directory);
    OwnerOnly.createDirectories(directory);
    for (String subdirectory : subdirectories) {
      Path sub = directory.resolve(PathSegments.check(subdirectory));
      refuseLink(sub);
      OwnerOnly.createDirectories(sub);
    }
    return directory;
  }

  /** Removes {@code id}'s directory on this host, if there is one. */
  void remove(String id) {
    Path directory = instances.resolve(PathSegments.check(id));
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path grave = trash.resolve(id + "~" + UUID.randomUUID());
    try {
      OwnerOnly.createDirectories(trash);
      Files.move(directory, grave, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException("cannot remove " + directory + ": " + e, e);
    }
    deleteTree(grave);
  }

  /** Finishes removals that a crash interrupted. */
  void sweepTrash() {
    if (!Files.isDirectory(trash, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> graves = Files.list(trash)) {
      graves.forEach(LocalDirectories::deleteTree);
    } catch (IOException e) {
      throw new StorageException("cannot list " + trash + ": " + e, e);
    }
  }

  /** Deletes a tree without following links; what cannot be deleted now waits for a sweep. */
  private static void deleteTree(Path top) {
    try (Stream<Path> all = Files.walk(top)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // left in the trash; the next sweep retries
    }
  }

  private static void refuseLink(Path path) {
    if (Files.isSymbolicLink(path)) {
      throw new StorageException(
          path
              + " is a symbolic link; Burrow never follows links"
              + " where its own directories belong",
          null);
    }
  }
}
