package dev.burrow.runtime.internal.filestore;

import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
   * Refuses {@code root} if its {@code .burrow/} {@linkplain #holds holds} {@code otherOwner}'s
   * file.
   *
   * @param otherOwner {@link #FILESYSTEM} or {@link #POSTGRES}
   * @param otherBackend the other backend, for the message
   * @param thisBackend this backend, for the message
   * @throws MisuseException if the file is there
   * @throws StorageException if it cannot be looked for
   */
  public static void refuseIfOwnedByOther(
      Path root, String otherOwner, String otherBackend, String thisBackend) {
    if (holds(root, otherOwner)) {
      throw new MisuseException(
          "data root "
              + root
              + " is a "
              + otherBackend
              + " store's (it holds "
              + file(root, otherOwner)
              + "); a "
              + thisBackend
              + " store needs a data root of its own: give it another one"
              + " (StoreOptions.withDataRoot)");
    }
  }
}
