package dev.burrow.runtime.internal.fs;

import dev.burrow.Durability;
import dev.burrow.StorageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Creates directories readable only by their owner (0700) and gives the attributes for files
 * readable only by their owner (0600), where the path's file system has POSIX permissions.
 * Elsewhere the platform's defaults apply.
 */
public final class OwnerOnly {
  private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];
  private static final FileAttribute<?>[] DIRECTORY = {
    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
  };
  private static final FileAttribute<?>[] FILE = {
    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
  };

  private OwnerOnly() {}

  /** Attributes that create {@code file} as 0600 where its file system has POSIX permissions. */
  public static FileAttribute<?>[] fileAttributes(Path file) {
    return isPosix(file) ? FILE.clone() : NONE;
  }

  /** Whether the default file system has POSIX permissions. */
  public static boolean isPosix() {
    return isPosix(java.nio.file.FileSystems.getDefault().getPath(""));
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates {@code dir} and any missing parents as 0700; an existing directory is left as it is.
   * Nothing is flushed: use {@link #createDirectories(Path, Durability)} for directories that must
   * survive a power cut.
   *
   * @throws StorageException naming the directory if it cannot be created
   */
  public static Path createDirectories(Path dir) {
    return createDirectories(dir, Durability.NONE);
  }

  /**
   * Creates {@code dir} and any missing parents as 0700, top down; an existing directory is left as
   * it is. Under {@link Durability#FSYNC} the parent of every directory that was missing is flushed
   * once the directory exists, because a new name is durable only once its directory is: without it
   * a power cut can lose a whole tree whose own writes were all flushed. Cost: one directory flush
   * per directory created, nothing when all exist.
   *
   * @throws StorageException naming the directory if it cannot be created or flushed
   */
  public static Path createDirectories(Path dir, Durability durability) {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    for (Path p : missing) {
      try {
        createDirectory(p, durability);
      } catch (FileAlreadyExistsException e) {
        throw new StorageException(p + " exists and is not a directory", e);
      } catch (IOException e) {
        throw new StorageException("cannot create directory " + p + ": " + e.getMessage(), e);
      }
    }
    return dir;
  }

  /**
   * Creates the single directory {@code dir} as 0700 unless it is one already, and under {@link
   * Durability#FSYNC} flushes its parent, so that its name survives a power cut (also when another
   * process created it a moment earlier). Cost: one directory flush.
   *
   * <p>If the flush fails, a directory this call made is removed again while it is empty: left in
   * place, it would pass for durable, and the next caller, finding it, would not flush its name
   * before writing into it.
   *
   * @throws FileAlreadyExistsException if something other than a directory is there
   * @throws IOException if it cannot be created or its parent cannot be flushed
   */
  public static Path createDirectory(Path dir, Durability durability) throws IOException {
    boolean made = false;
    try {
      createDirectory(dir);
      made = true;
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw e;
      }
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (durability == Durability.FSYNC && parent != null) {
      try {
        AtomicFiles.forceDirectory(parent);
      } catch (IOException e) {
        if (made) {
          removeUnflushed(dir, e);
        }
        throw e;
      }
    }
    return dir;
  }

  /**
   * Removes the empty directory {@code dir}, whose name {@code failure} kept from being flushed.
   */
  private static void removeUnflushed(Path dir, IOException failure) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException notRemoved) {
      failure.addSuppressed(notRemoved); // written into meanwhile, or not removable: left
    }
  }

  /**
   * Creates the single directory {@code dir} as 0700.
   *
   * @throws FileAlreadyExistsException if something is there already
   * @throws IOException if it cannot be created
   */
  public static Path createDirectory(Path dir) throws IOException {
    return Files.createDirectory(dir, isPosix(dir) ? DIRECTORY : NONE);
  }
}
