package dev.burrow.runtime.internal.filestore;

import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The files in a data root's {@code .burrow/} that say which backend's store it serves, so that
 * neither backend opens a root of the other: their instance directories are laid out differently,
 * and each would take the other's for damage or for the directories of deleted instances.
 */
public final class DataRootOwners {
  /** A filesystem store's kind marker ({@link KindMarker}). */
  public static final String FILESYSTEM = "store.json";

  /** What a PostgreSQL store's root serves: its tables and kind (the postgres module's record). */
  public static final String POSTGRES = "postgres.json";

  /**
   * The lock, among the root's instance locks, that either backend holds while it checks that the
   * root holds no file of the other's and writes its own, so that two stores of different backends
   * opening one new root at once never both claim it. The filesystem backend also holds it while it
   * rewrites its kind marker.
   */
  public static final String CLAIM_LOCK = ".kind-marker";

  private DataRootOwners() {}

  /** The file of {@code owner} ({@link #FILESYSTEM} or {@link #POSTGRES}) in {@code root}. */
  public static Path file(Path root, String owner) {
    return root.resolve(".burrow").resolve(owner);
  }

  /**
   * Whether {@code root}'s {@code .burrow/} holds {@code owner}'s file: anything by that name, a
   * link or a special file too, since such a root is no longer one the other backend may take for
   * its own. No link is followed, neither the file nor {@code .burrow}. Cost: two {@code lstat}s.
   *
   * @param owner {@link #FILESYSTEM} or {@link #POSTGRES}
   * @throws StorageException if it cannot be looked for, or {@code .burrow} is a link or no
   *     directory (a planted path, named)
   */
  public static boolean holds(Path root, String owner) {
    Path file = file(root, owner);
    try {
      SafeFiles.checkWay(root, file);
      return SafeFiles.lstat(file) != null;
    } catch (NoSuchFileException e) {
      return false;
    } catch (SafeFiles.RefusedFileException e) {
      throw CheckedPaths.refused(e);
    } catch (IOException e) {
      throw new StorageException("cannot look at " + file + ": " + Failures.describe(e), e);
    }
  }

  /**
   * Refuses {@code root} for a store of {@code owner}'s backend if its {@code .burrow/} {@linkplain
   * #holds holds} the other backend's file. If it holds its own as well, one of the two was put
   * there by something else, and the message names both and what the other's is (a link, a FIFO,
   * …), since the advice to give the store a root of its own would not fit. Cost: up to four {@code
   * lstat}s.
   *
   * @param owner {@link #FILESYSTEM} or {@link #POSTGRES}: the store's own
   * @throws MisuseException if the other's file is there
   * @throws StorageException if it cannot be looked for
   */
  public static void refuseIfOwnedByOther(Path root, String owner) {
    String other = owner.equals(FILESYSTEM) ? POSTGRES : FILESYSTEM;
    if (!holds(root, other)) {
      return;
    }
    if (holds(root, owner)) {
      throw new MisuseException(
          "data root "
              + root
              + " holds both "
              + whose(owner)
              + " ("
              + file(root, owner)
              + ") and "
              + whose(other)
              + " ("
              + file(root, other)
              + ", "
              + whatIs(file(root, other))
              + "): a data root serves the stores of one backend, so one of the two does not"
              + " belong there and no store opens the root while both are; move the one that"
              + " does not belong out of "
              + root.resolve(".burrow"));
    }
    throw new MisuseException(
        "data root "
            + root
            + " is a "
            + backend(other)
            + " store's (it holds "
            + file(root, other)
            + "); a "
            + backend(owner)
            + " store needs a data root of its own: give it another one"
            + " (StoreOptions.withDataRoot)");
  }

  private static String backend(String owner) {
    return owner.equals(FILESYSTEM) ? "filesystem" : "PostgreSQL";
  }

  private static String whose(String owner) {
    return owner.equals(FILESYSTEM)
        ? "a filesystem store's kind marker"
        : "a PostgreSQL store's record of what it serves";
  }

  private static String whatIs(Path file) {
    try {
      BasicFileAttributes attributes = SafeFiles.lstat(file);
      if (attributes == null) {
        return "since removed";
      }
      return attributes.isRegularFile()
          ? "a file of " + attributes.size() + " bytes"
          : SafeFiles.describe(file, attributes);
    } catch (IOException e) {
      return "which cannot be looked at: " + Failures.describe(e);
    }
  }
}
