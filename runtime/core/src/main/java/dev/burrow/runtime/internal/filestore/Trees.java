package dev.burrow.runtime.internal.filestore;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removes directory trees without ever following a symbolic link out of them. */
final class Trees {
  private Trees() {}

  /**
   * Deletes {@code root} and everything below it; links are removed, never followed. Entries that
   * vanish meanwhile (another process sweeping the same tree) are fine.
   */
  static void delete(Path root) throws IOException {
    if (!FileLayout.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Like {@link #delete} but leaves whatever cannot be removed for the next sweep. */
  static void deleteQuietly(Path root) {
    try {
      delete(root);
    } catch (IOException e) {
      // Left under .burrow/, never read as data; the next sweep retries.
    }
  }
}
