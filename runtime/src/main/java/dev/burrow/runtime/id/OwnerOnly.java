package dev.burrow.runtime.id;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Owner-only (0700 / 0600) creation where the file system has POSIX permissions. */
final class OwnerOnly {
  private OwnerOnly() {}

  /** Creates {@code dir} and missing parents, the ones it creates with mode 0700. */
  static Path createDirectories(Path dir) throws IOException {
    return isPosix(dir)
        ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")))
        : Files.createDirectories(dir);
  }

  /** Attributes that make a newly created file mode 0600; none where POSIX is missing. */
  static FileAttribute<?>[] fileAttributes(Path file) {
    return isPosix(file)
        ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
