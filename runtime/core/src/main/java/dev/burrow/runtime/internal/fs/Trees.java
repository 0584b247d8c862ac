package dev.burrow.runtime.internal.fs;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Removes directory trees without ever following a symbolic link out of them.
 *
 * <p>Where the platform offers directory handles ({@link SecureDirectoryStream}: Linux and the
 * BSDs), every entry is removed relative to the handle of its directory, by its name alone, so a
 * tree deeper than {@code PATH_MAX} (which a tree can become once it is moved under a longer path,
 * such as {@code .burrow/trash/}) is removed all the same. Elsewhere the tree is walked by path.
 * Cost: one unlink per entry (and a {@code stat} for each directory), and one open file descriptor
 * per level of the tree while it is removed.
 */
public final class Trees {
  private Trees() {}

  /**
   * Deletes {@code root} and everything below it; links are removed, never followed. Entries that
   * vanish meanwhile (another process sweeping the same tree) are fine.
   */
  public static void delete(Path root) throws IOException {
    Path parent = root.toAbsolutePath().getParent();
    Path name = root.getFileName();
    if (parent == null || name == null) {
      throw new IOException(root + " is a file system root; Burrow never removes one");
    }
    try (DirectoryStream<Path> directory = Files.newDirectoryStream(parent)) {
      if (directory instanceof SecureDirectoryStream<Path> handle) {
        deleteEntry(handle, name);
        return;
      }
    } catch (NoSuchFileException e) {
      return;
    }
    deleteByPath(root);
  }

  /** Removes the entry {@code name} of the directory {@code handle}, and its tree. */
  private static void deleteEntry(SecureDirectoryStream<Path> handle, Path name)
      throws IOException {
    try {
      if (isDirectory(handle, name)) {
        deleteDirectory(handle, name);
      } else {
        handle.deleteFile(name);
      }
    } catch (NoSuchFileException e) {
      // Removed meanwhile by another sweeper.
    }
  }

  /**
   * Removes the contents of the directory {@code name} of {@code handle}, then the directory. An
   * entry is unlinked straight away, which is what most entries need; only an entry that cannot be
   * unlinked is looked at, and removed as a directory if it is one.
   */
  private static void deleteDirectory(SecureDirectoryStream<Path> handle, Path name)
      throws IOException {
    try (SecureDirectoryStream<Path> child =
        handle.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
      for (Path entry : child) {
        Path entryName = entry.getFileName();
        if (entryName == null) {
          continue;
        }
        try {
          child.deleteFile(entryName);
        } catch (NoSuchFileException e) {
          // Removed meanwhile by another sweeper.
        } catch (IOException e) {
          if (!isDirectory(child, entryName)) {
            throw e;
          }
          deleteDirectory(child, entryName);
        }
      }
    } catch (DirectoryIteratorException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e.getCause();
      }
    }
    handle.deleteDirectory(name);
  }

  private static boolean isDirectory(SecureDirectoryStream<Path> handle, Path name)
      throws IOException {
    return handle
        .getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .readAttributes()
        .isDirectory();
  }

  private static void deleteByPath(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
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
  public static void deleteQuietly(Path root) {
    try {
      delete(root);
    } catch (IOException e) {
      // Left under .burrow/, never read as data; the next sweep retries.
    }
  }
}
