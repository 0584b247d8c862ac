package dev.burrow.runtime.internal.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Removes directory trees without ever following a symbolic link out of them.
 *
 * <p>Where the platform offers directory handles ({@link SecureDirectoryStream}: Linux and the
 * BSDs), every entry is removed relative to the handle of its directory, by its name alone, so a
 * tree deeper than {@code PATH_MAX} (which a tree can become once it is moved under a longer path,
 * such as {@code .burrow/trash/}) is removed all the same, and an entry that cannot be removed does
 * not stop the removal of its siblings. Elsewhere the tree is walked by path. Cost: one unlink per
 * entry (and a {@code stat} for each directory), and one open file descriptor per level of the tree
 * while it is removed.
 */
public final class Trees {
  private Trees() {}

  /**
   * Deletes {@code root} and everything below it; links are removed, never followed. Entries that
   * vanish meanwhile (another process sweeping the same tree) are fine.
   *
   * @throws IOException naming the first entry that could not be removed and why, once every other
   *     entry that could be was (where the platform walks by path, the removal stops at it)
   */
  public static void delete(Path root) throws IOException {
    new Removal(root, false).run();
  }

  /**
   * Deletes {@code root} like {@link #delete}, as the owner of a tree only Burrow uses (an entry of
   * its trash or staging area, never a live instance): a directory whose entries this process may
   * not remove (a read-only directory, as Go's module cache makes them) is first made readable,
   * writable and searchable to its owner through its own open handle, never by path, so never
   * through a link, and the removal is tried once more. Where the platform walks by path, nothing
   * is made writable. Cost: as {@link #delete}, and one {@code fchmod} per such directory.
   *
   * @throws IOException naming the first entry that could not be removed even so (such as one owned
   *     by another user) and why, once every other entry that could be was
   */
  public static void deleteOwnTree(Path root) throws IOException {
    new Removal(root, true).run();
  }

  /** One removal of a tree, which goes on past the entries it cannot remove. */
  private static final class Removal {
    private static final Set<PosixFilePermission> OWNER_ALL =
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);

    private final Path root;
    private final boolean makeWritable;
    private @Nullable IOException firstFailure;

    Removal(Path root, boolean makeWritable) {
      this.root = root;
      this.makeWritable = makeWritable;
    }

    void run() throws IOException {
      Path parent = root.toAbsolutePath().getParent();
      Path name = root.getFileName();
      if (parent == null || name == null) {
        throw new IOException(root + " is a file system root; Burrow never removes one");
      }
      try (DirectoryStream<Path> directory = Files.newDirectoryStream(parent)) {
        if (directory instanceof SecureDirectoryStream<Path> handle) {
          removeTop(handle, name, root);
          if (firstFailure != null) {
            throw firstFailure;
          }
          return;
        }
      } catch (NoSuchFileException e) {
        return;
      }
      try {
        deleteByPath(root);
      } catch (IOException e) {
        throw failure(root, e);
      }
    }

    /**
     * Removes {@code root}, the entry {@code name} of {@code handle}, and its tree. The top of a
     * tree handed over for removal is nearly always a directory (an instance's, a staging or a
     * temporary one), so its type is looked at first ({@code lstat}) rather than learned from a
     * failed unlink, whose exception costs the removal more than the look (its message and its
     * stack).
     */
    private void removeTop(SecureDirectoryStream<Path> handle, Path name, Path root) {
      try {
        if (isDirectory(handle, name)) {
          removeDirectory(handle, name, root);
        } else {
          removeEntry(handle, name, root);
        }
      } catch (NoSuchFileException e) {
        // Removed meanwhile by another sweeper.
      } catch (IOException e) {
        failed(root, e);
      }
    }

    /**
     * Removes the entry {@code name} of the directory {@code handle} ({@code path}, for messages),
     * and its tree. An entry is unlinked straight away, which is what most entries need; only an
     * entry that cannot be unlinked is looked at, and removed as a directory if it is one.
     */
    private void removeEntry(SecureDirectoryStream<Path> handle, Path name, Path path)
        throws IOException {
      try {
        handle.deleteFile(name);
      } catch (NoSuchFileException e) {
        // Removed meanwhile by another sweeper.
      } catch (IOException e) {
        if (!isDirectory(handle, name)) {
          throw e;
        }
        removeDirectory(handle, name, path);
      }
    }

    /**
     * Removes the contents of the directory {@code name} of {@code handle}, each entry it can, then
     * the directory. The first entry it may not remove makes the directory writable to its owner
     * (if this removal may) and is tried once more; an entry that still cannot be removed is
     * recorded ({@link #failed}) and left, with the directories above it.
     */
    private void removeDirectory(SecureDirectoryStream<Path> handle, Path name, Path path)
        throws IOException {
      try (SecureDirectoryStream<Path> directory =
          handle.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
        boolean mayGrant = makeWritable;
        for (Path entry : directory) {
          Path entryName = entry.getFileName();
          if (entryName == null) {
            continue;
          }
          Path entryPath = path.resolve(entryName);
          try {
            removeEntry(directory, entryName, entryPath);
          } catch (AccessDeniedException e) {
            if (mayGrant && grantOwnerAll(directory)) {
              removeRecordingFailure(directory, entryName, entryPath);
            } else {
              failed(entryPath, e);
            }
            mayGrant = false;
          } catch (NoSuchFileException e) {
            // Removed meanwhile by another sweeper.
          } catch (IOException e) {
            failed(entryPath, e);
          }
        }
      } catch (DirectoryIteratorException e) {
        IOException cause = e.getCause();
        if (cause != null && !(cause instanceof NoSuchFileException)) {
          failed(path, cause);
        }
      }
      handle.deleteDirectory(name);
    }

    /** {@link #removeEntry}, recording a failure instead of throwing it. */
    private void removeRecordingFailure(
        SecureDirectoryStream<Path> directory, Path name, Path path) {
      try {
        removeEntry(directory, name, path);
      } catch (NoSuchFileException e) {
        // Removed meanwhile by another sweeper.
      } catch (IOException e) {
        failed(path, e);
      }
    }

    /**
     * Adds read, write and search for its owner to the open {@code directory} ({@code fchmod} on
     * its handle); false if that is refused (another user owns it).
     */
    private static boolean grantOwnerAll(SecureDirectoryStream<Path> directory) {
      PosixFileAttributeView view = directory.getFileAttributeView(PosixFileAttributeView.class);
      if (view == null) {
        return false;
      }
      try {
        Set<PosixFilePermission> permissions = EnumSet.copyOf(OWNER_ALL);
        permissions.addAll(view.readAttributes().permissions());
        view.setPermissions(permissions);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    private void failed(Path path, IOException e) {
      if (firstFailure == null) {
        firstFailure = failure(path, e);
      }
    }

    private static IOException failure(Path path, IOException e) {
      return new IOException("cannot remove " + path + ": " + Failures.describe(e), e);
    }
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
