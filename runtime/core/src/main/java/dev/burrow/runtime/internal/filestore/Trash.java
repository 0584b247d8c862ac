package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.Parents;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trash of a data root, {@code .burrow/trash/}: a deleted instance's directory is renamed into
 * it, so that it is gone from {@code instances/} at once and an interrupted removal never leaves
 * half an instance where a new one could find it; its tree is then removed from there ({@link
 * CheckedPaths#deleteQuietly}, relative to directory handles, so a tree whose paths outgrow
 * PATH_MAX once moved is removed all the same), and what a crash left is removed by {@link #sweep}.
 * Every path is checked right before use ({@link CheckedPaths}): the trash, a stripe or a directory
 * on the way swapped for a link is refused, never followed. Shared by the filesystem backend and
 * the PostgreSQL backend's instance directories.
 */
public final class Trash {
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  /** How many directories of the trash deleted instances are spread over ({@link #graveFor}). */
  private static final int STRIPES = 16;

  private static final String STRIPE_NAMES = "0123456789abcdef";

  private final CheckedPaths paths;
  private final Path directory;

  /** The trash of {@code paths}' root, {@code <root>/.burrow/trash}; nothing is made yet. */
  public Trash(CheckedPaths paths) {
    this.paths = paths;
    this.directory = paths.root().resolve(".burrow").resolve("trash");
  }

  /** {@code <root>/.burrow/trash}. */
  public Path directory() {
    return directory;
  }

  /**
   * Makes the stripes of the trash ({@link #graveFor}) where nothing is in their place, each
   * flushed into the trash under {@link Durability#FSYNC} (16 directory flushes, once per root), so
   * that a delete finds its stripe ({@link #moveAside} makes one again if it is gone). Something
   * else in a stripe's place is left for the sweep, which removes it, and for {@link #moveAside},
   * which refuses a link.
   *
   * @throws StorageException if a stripe cannot be made or the trash cannot be flushed
   */
  void makeStripes(Durability durability) {
    for (int i = 0; i < STRIPES; i++) {
      Path stripe = directory.resolve(STRIPE_NAMES.substring(i, i + 1));
      try {
        if (SafeFiles.lstat(stripe) == null) {
          OwnerOnly.createDirectory(stripe, durability);
        }
      } catch (FileAlreadyExistsException e) {
        // something else was put there meanwhile: the sweep removes it
      } catch (IOException e) {
        throw new StorageException("cannot make " + stripe + ": " + Failures.describe(e), e);
      }
    }
  }

  /**
   * A fresh place in the trash for the tree of {@code id}: {@code .burrow/trash/<s>/<id>~<random>},
   * in one of {@link #STRIPES} stripes picked at random. A rename into a directory and a removal
   * from it each hold that directory's lock in the kernel, so deletes on many threads (and the
   * removal of their trees behind them) spread over the stripes instead of all waiting for one
   * directory.
   */
  public Path graveFor(String id) {
    int stripe = ThreadLocalRandom.current().nextInt(STRIPES);
    return FileLayout.uniqueEntry(
        directory.resolve(STRIPE_NAMES.substring(stripe, stripe + 1)), id);
  }

  /**
   * Whether {@code entry} of the trash is named like one of its stripes (see {@link #graveFor}).
   */
  static boolean isStripeName(Path entry) {
    String name = entry.getFileName().toString();
    return name.length() == 1 && STRIPE_NAMES.indexOf(name.charAt(0)) >= 0;
  }

  /**
   * Renames {@code instance} (a directory below the root) to {@code grave} (from {@link
   * #graveFor}), once no directory on the way to either is a link; false if there is no such
   * directory. The rename is tried first, and only its failure costs a look at why: the trash or
   * the grave's stripe may have been removed by hand, and is made again (flushed under {@link
   * Durability#FSYNC}).
   *
   * @throws BurrowException if a directory on the way to either is a symbolic link or not a
   *     directory; nothing was moved
   * @throws IOException if the rename fails
   */
  public boolean moveAside(Path instance, Path grave, Durability durability) throws IOException {
    try {
      paths.move(instance, grave);
      return true;
    } catch (NoSuchFileException e) {
      if (!FileLayout.exists(instance)) {
        return false;
      }
      paths.makeDirectories(Parents.of(grave), durability);
      paths.move(instance, grave);
      return true;
    }
  }

  /**
   * Removes what interrupted removals left in the trash: the contents of every stripe, and anything
   * else found in the trash (a planted link is removed, never followed).
   *
   * @return the entries it found to remove; one that cannot be removed now, and a stripe this
   *     process may not list, is left for the next sweep
   * @throws BurrowException if the trash, or a directory on the way to it, is a symbolic link or
   *     not a directory; nothing was removed
   * @throws StorageException if the trash cannot be listed for another reason than a permission
   */
  public List<Path> sweep() {
    List<Path> removed = leftovers();
    removed.forEach(paths::deleteQuietly);
    return removed;
  }

  /**
   * What {@link #sweep} removes, removing nothing: the entries of every stripe, and every other
   * entry of the trash. The trash has no owner to ask: a tree a live process is still removing in
   * the background is among them too.
   *
   * @throws BurrowException as {@link #sweep} does
   * @throws StorageException if the trash cannot be listed
   */
  public List<Path> leftovers() {
    List<Path> found = new ArrayList<>();
    for (Path entry : entriesIfPermitted(directory)) {
      if (isStripeName(entry) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        found.addAll(entriesIfPermitted(entry));
      } else {
        found.add(entry);
      }
    }
    return found;
  }

  /**
   * The entries of {@code directory} (the trash or a stripe); none if this process may not list it:
   * it holds only deleted instances' leftovers, which are left for a later sweep, with one warning
   * naming the directory and why.
   *
   * @throws BurrowException if it, or a directory on the way, is a symbolic link or not a directory
   * @throws StorageException if it cannot be listed for another reason
   */
  private List<Path> entriesIfPermitted(Path directory) {
    try {
      return paths.entries(directory);
    } catch (StorageException e) {
      if (!(e.getCause() instanceof AccessDeniedException denied)) {
        throw e;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          Printable.line(
              "left " + directory + " for a later sweep: " + Failures.deniedAccess(denied)));
      return List.of();
    }
  }
}
