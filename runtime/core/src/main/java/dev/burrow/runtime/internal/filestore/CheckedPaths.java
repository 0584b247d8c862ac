package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Burrow's own paths below one data root, each checked right before it is used ({@link SafeFiles}):
 * a symbolic link, or anything but a directory, where a directory on the way belongs is refused
 * with a {@link StorageException} naming it, so that nothing outside the root is ever made, moved,
 * listed or removed through a planted link, whether it was planted before the store opened or
 * after. Shared by the filesystem backend and the PostgreSQL backend's instance directories. Cost:
 * one {@code lstat} per directory between the root and the path, per use.
 */
public final class CheckedPaths {
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  private final Path root;

  /** The paths below {@code root}, which is trusted (links to it and above it are followed). */
  public CheckedPaths(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The data root, absolute and normalized. */
  public Path root() {
    return root;
  }

  /**
   * Checks that the directories between the root and {@code path} are real directories (see {@link
   * SafeFiles#checkWay}).
   *
   * @throws StorageException if one of them is a symbolic link or not a directory
   * @throws NoSuchFileException if one of them is missing
   */
  public void checkWay(Path path) throws IOException {
    try {
      SafeFiles.checkWay(root, path);
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e);
    }
  }

  /**
   * Checks that {@code directory} and the directories between the root and it are real directories
   * (see {@link SafeFiles#checkDirectory}).
   *
   * @throws StorageException if one of them is a symbolic link or not a directory
   * @throws NoSuchFileException if one of them is missing
   */
  public void checkDirectory(Path directory) throws IOException {
    try {
      SafeFiles.checkDirectory(root, directory);
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e);
    }
  }

  /**
   * Makes {@code directory} and the missing directories on the way to it, owner-only, never through
   * a link (see {@link SafeFiles#makeDirectories}).
   *
   * @throws StorageException if an entry on the way is a symbolic link or not a directory
   * @throws IOException if a directory cannot be made or flushed
   */
  public void makeDirectories(Path directory, Durability durability) throws IOException {
    try {
      SafeFiles.makeDirectories(root, directory, durability);
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e);
    }
  }

  /**
   * Renames {@code from} to {@code to} atomically, once no directory on the way to either is a
   * link.
   *
   * @throws StorageException if a directory on the way is a symbolic link or not a directory
   * @throws NoSuchFileException if {@code from}, or a directory on the way to {@code to}, is
   *     missing
   */
  public void move(Path from, Path to) throws IOException {
    checkWay(from);
    checkWay(to);
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The entries of {@code directory}; empty if it is missing.
   *
   * @throws StorageException if it cannot be listed, or it or a directory on the way is a symbolic
   *     link or not a directory
   */
  public List<Path> entries(Path directory) {
    try {
      return SafeFiles.entries(root, directory);
    } catch (SafeFiles.RefusedFileException e) {
      throw refused(e);
    } catch (IOException e) {
      throw new StorageException("cannot list " + directory + ": " + Failures.describe(e), e);
    }
  }

  /**
   * Removes the tree at {@code path}, an entry of Burrow's trash or staging area that no one else
   * uses, never following a link out of it and making its read-only directories writable to their
   * owner on the way ({@link Trees#deleteOwnTree}), unless a directory on its way is a link (then
   * it is left for a later sweep, which checks again). Never fails: what cannot be removed now is
   * left for a later sweep, and logged (one warning naming the first entry left and why), so a tree
   * planted in the trash cannot fail the sweep at open, nor the background removal. That holds for
   * an unexpected exception or error from the removal too (a defect, logged with its stack), except
   * a {@link VirtualMachineError} such as {@link OutOfMemoryError}: the JVM itself is failing then,
   * and its caller is told so, as by anything else it would have run next.
   */
  public void deleteQuietly(Path path) {
    try {
      checkWay(path);
    } catch (IOException | BurrowException e) {
      return;
    }
    try {
      Trees.deleteOwnTree(path);
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          Printable.line("left " + path + " for a later sweep: " + e.getMessage()));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      LOG.log(
          System.Logger.Level.WARNING,
          Printable.line("left " + path + " for a later sweep: " + e),
          e);
    }
  }

  /**
   * Burrow's refusal to use one of its own paths that was planted: the data root's storage is not
   * what Burrow made, as a failed disk is not, and no retry helps until someone removes the path.
   */
  public static StorageException refused(SafeFiles.RefusedFileException e) {
    return new StorageException(e.path() + ": " + e.plantedReason(), e);
  }
}
