package dev.burrow.runtime.fs;

import dev.burrow.StorageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates directories readable only by their owner (0700) and gives the attributes for files
 * readable only by their owner (0600), where the file system has POSIX permissions. Elsewhere
 * the platform's defaults apply.
 */
public final class OwnerOnly {
  private static final boolean POSIX =
      java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];
  private static final FileAttribute<?>[] DIRECTORY =
      POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------"))} : NONE;
  private static final FileAttribute<?>[] FILE =
      POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------"))} : NONE;

  private OwnerOnly() {}

  /** Attributes that create a file as 0600 where POSIX permissions exist. */
  public static FileAttribute<?>[] fileAttributes() {
    return FILE.clone();
  }

  /** The 0600 permission set, for {@code Files.newByteChannel} and friends. */
  public static Set<PosixFilePermission> filePermissions() {
    return PosixFilePermissions.fromString("rw-------");
  }

  /** Whether the default file system has POSIX permissions. */
  public static boolean isPosix() {
    return POSIX;
  }

  /**
   * Creates {@code dir} and any missing parents as 0700; an existing directory is left as it
   * is.
   *
   * @throws StorageException naming the directory if it cannot be created
   */
  public static Path createDirectories(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        return dir;
      }
      return Files.createDirectories(dir, DIRECTORY);
    } catch (FileAlreadyExistsException e) {
      throw new StorageException(dir + " exists and is not a directory", e);
    } catch (IOException e) {
      throw new StorageException("cannot create directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates the single directory {@code dir} as 0700.
   *
   * @throws FileAlreadyExistsException if something is there already
   * @throws IOException if it cannot be created
   */
  public static Path createDirectory(Path dir) throws IOException {
    return Files.createDirectory(dir, DIRECTORY);
  }
}
