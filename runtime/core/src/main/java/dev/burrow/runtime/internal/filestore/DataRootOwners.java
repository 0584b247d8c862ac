package dev.burrow.runtime.internal.filestore;

import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
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

  private DataRootOwners() {}

  /**
   * Refuses {@code root} if its {@code .burrow/} holds {@code otherOwner}'s file: anything by that
   * name, a link or a special file too, since such a root is no longer one this backend made. Cost:
   * one {@code lstat}.
   *
   * @param otherOwner {@link #FILESYSTEM} or {@link #POSTGRES}
   * @param otherBackend the other backend, for the message
   * @param thisBackend this backend, for the message
   * @throws MisuseException if the file is there
   * @throws StorageException if it cannot be looked for
   */
  public static void refuseIfOwnedByOther(
      Path root, String otherOwner, String otherBackend, String thisBackend) {
    Path file = root.resolve(".burrow").resolve(otherOwner);
    try {
      if (SafeFiles.lstat(file) != null) {
        throw new MisuseException(
            "data root "
                + root
                + " is a "
                + otherBackend
                + " store's (it holds "
                + file
                + "); a "
                + thisBackend
                + " store needs a data root of its own: give it another one"
                + " (StoreOptions.withDataRoot)");
      }
    } catch (IOException e) {
      throw new StorageException("cannot look at " + file + ": " + Failures.describe(e), e);
    }
  }
}
