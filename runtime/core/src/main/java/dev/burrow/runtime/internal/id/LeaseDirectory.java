package dev.burrow.runtime.internal.id;

import dev.burrow.Durability;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The worker lease directory {@code <dataRoot>/.burrow/workers} of one registry, with the {@link
 * SafeFiles#identity identity} it had when the registry was made: every claim and every mark is
 * made in that directory or refused, never in another that its path leads to later (the data root
 * moved away and made again, or a link above it pointed elsewhere).
 *
 * @param dataRoot the data root as its store spells it
 * @param path the lease directory, spelled from {@code dataRoot}
 * @param identity what told the directory from every other when the registry was made
 */
record LeaseDirectory(Path dataRoot, Path path, SafeFiles.Identity identity) {

  /**
   * The lease directory of {@code dataRoot}, made owner-only where missing, each directory on the
   * way looked at before it is used.
   *
   * @throws SafeFiles.RefusedFileException if {@code .burrow} or the lease directory is a link or
   *     no directory
   * @throws IOException if it cannot be made
   */
  static LeaseDirectory make(Path dataRoot) throws IOException {
    Path path = dataRoot.resolve(".burrow").resolve("workers");
    OwnerOnly.createDirectories(dataRoot, Durability.FSYNC);
    SafeFiles.makeDirectories(dataRoot, path, Durability.FSYNC);
    return new LeaseDirectory(dataRoot, path, SafeFiles.identity(path));
  }

  /**
   * Whether the path still leads to this directory (not removed, nor another made in its place, nor
   * moved away with a directory above it).
   */
  boolean isStillThere() {
    try {
      return SafeFiles.identity(path).equals(identity);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Checks, right before a claim or a mark, that the way from the data root to the directory holds
   * no link or other file and that the path still leads to this directory.
   *
   * @throws SafeFiles.RefusedFileException naming the entry that is a link or no directory, or the
   *     directory if it is another one now
   * @throws java.nio.file.NoSuchFileException if a directory on the way is missing
   */
  void check() throws IOException {
    SafeFiles.checkDirectory(dataRoot, path);
    SafeFiles.checkIdentity(path, identity);
  }
}
