package dev.burrow.test.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Removes a temporary tree; links inside it are removed, never followed. A directory in it that a
 * test made read-only or unreadable is given back to its owner first, as JUnit's {@code @TempDir}
 * does.
 */
public final class Trees {
  private static final Set<PosixFilePermission> OWNER_ALL =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private Trees() {}

  /**
   * Deletes {@code top} and everything below it; nothing if it does not exist.
   *
   * @throws IOException if an entry cannot be removed or a directory cannot be listed or closed
   */
  public static void delete(Path top) throws IOException {
    try {
      Files.walkFileTree(
          top,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              grantOwner(dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof AccessDeniedException
                  && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                  && grantOwner(file)) {
                delete(file);
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
                throws IOException {
              if (e != null) {
                throw e;
              }
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception undeclared) {
      // JDK 17's internal sun.nio.fs.UnixException, which it throws without declaring it when
      // closing a directory handle it opened for the walk fails (EIO, ENOSPC)
      throw new IOException("cannot remove " + top + ": " + undeclared.getMessage(), undeclared);
    }
  }

  /**
   * Deletes {@code top} as {@link #delete} does, after {@code failure} ended the work done in it:
   * what deleting throws is added to {@code failure} (suppressed), never thrown in its place.
   */
  public static void deleteAfter(Throwable failure, Path top) {
    try {
      delete(top);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Gives the owner of {@code directory} (a directory, not a link) reading, writing and searching
   * it, where the file system has POSIX permissions and the owner lacked one of them.
   *
   * @return whether the permissions were changed
   */
  private static boolean grantOwner(Path directory) throws IOException {
    // Following links: Linux changes a mode without following only through a descriptor, which an
    // unreadable directory does not give.
    PosixFileAttributeView view =
        Files.getFileAttributeView(directory, PosixFileAttributeView.class);
    if (view == null) {
      return false;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    if (permissions.containsAll(OWNER_ALL)) {
      return false;
    }
    permissions.addAll(OWNER_ALL);
    view.setPermissions(permissions);
    return true;
  }
}
