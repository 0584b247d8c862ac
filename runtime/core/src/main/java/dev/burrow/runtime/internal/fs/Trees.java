package dev.burrow.runtime.internal.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Removes directory trees without ever following a symbolic link out of them.
 *
 * <p>Where the platform offers directory handles ({@link SecureDirectoryStream}: Linux and the
 * BSDs), every entry is removed relative to the handle of its directory, by its name alone, so a
 * tree deeper than {@code PATH_MAX} (which a tree can become once it is moved under a longer path,
 * such as {@code .burrow/trash/}) is removed all the same, and an entry that cannot be removed does
 * not stop the removal of its siblings. However deep the tree (thousands of levels, as anyone who
 * may write into it can make it), neither the thread's stack nor the open file descriptors grow
 * with its depth: the walk keeps its own stack of open directories, at most {@code MAX_OPEN} (64)
 * deep, and a directory found below that is moved up to the top of the tree (a rename between
 * handles, under a fresh name {@code burrow-moved-up~<random hex>}) and removed from there.
 * Elsewhere the tree is walked by path. Cost: one unlink per entry (and a {@code stat} for each
 * directory), at most 65 open file descriptors, and one rename for each directory found 64
 * directories below the top (so one per 63 levels of a deep chain).
 */
public final class Trees {
  /** The most directories of a tree a removal holds open at once (one more, briefly). */
  private static final int MAX_OPEN = 64;

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

    /** What a directory moved up to the top of the tree is named, before a random suffix. */
    private static final String MOVED_UP = "burrow-moved-up~";

    private final Path root;
    private final boolean makeWritable;

    /** The names of the directories moved up to the top of the tree and not yet removed. */
    private final Deque<Path> movedUp = new ArrayDeque<>();

    private @Nullable IOException firstFailure;

    Removal(Path root, boolean makeWritable) {
      this.root = root;
      this.makeWritable = makeWritable;
    }

    /**
     * Runs the removal. JDK 17 throws a failure to close a directory handle (EIO, ENOSPC) as its
     * internal {@code sun.nio.fs.UnixException}, a checked exception it does not declare: that is a
     * failure of the removal like any other.
     */
    void run() throws IOException {
      UndeclaredFailures.run(this::remove, "cannot remove " + root);
    }

    private void remove() throws IOException {
      Path parent = root.toAbsolutePath().getParent();
      Path name = root.getFileName();
      if (parent == null || name == null) {
        throw new IOException(root + " is a file system root; Burrow never removes one");
      }
      try (DirectoryStream<Path> directory =
          DirectoryListing.throughDot(parent, Files::newDirectoryStream)) {
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
          removeTree(handle, name, root);
        } else {
          handle.deleteFile(name);
        }
      } catch (NoSuchFileException e) {
        // Removed meanwhile by another sweeper.
      } catch (IOException e) {
        failed(root, e);
      }
    }

    /**
     * Removes the directory {@code name} of {@code parent} ({@code root}, for messages) and its
     * tree, depth first, keeping the directories it is in the middle of open on a stack of its own
     * (innermost first), so the thread's stack does not grow with the depth of the tree. Each
     * directory is removed once it is emptied; one that cannot be (an entry of it was left) is
     * recorded and left, with the directories above it.
     */
    private void removeTree(SecureDirectoryStream<Path> parent, Path name, Path root)
        throws IOException {
      Deque<Level> open = new ArrayDeque<>();
      try {
        open.push(new Level(openDirectory(parent, name), root));
        while (true) {
          Level level = open.element();
          Path entry = nextEntry(level, open.size() == 1);
          if (entry != null) {
            removeEntry(open, entry);
            continue;
          }
          open.pop().directory.close();
          Level above = open.peek();
          if (above == null) {
            parent.deleteDirectory(name);
            return;
          }
          Path emptied = level.path.getFileName();
          try {
            above.directory.deleteDirectory(emptied);
          } catch (IOException e) {
            entryFailed(open, emptied, e);
          }
        }
      } finally {
        closeAll(open);
      }
    }

    /**
     * The name of the next entry of {@code level} to remove: of its listing, then, at the top of
     * the tree, of the directories moved up to it ({@link #moveUp}); null once none is left. A
     * listing that fails ends there, recorded.
     */
    private @Nullable Path nextEntry(Level level, boolean top) {
      try {
        while (level.entries.hasNext()) {
          Path name = level.entries.next().getFileName();
          if (name != null) {
            return name;
          }
        }
      } catch (DirectoryIteratorException e) {
        IOException cause = e.getCause();
        if (cause != null && !(cause instanceof NoSuchFileException)) {
          failed(level.path, cause);
        }
        level.entries = Collections.emptyIterator();
      }
      return top ? movedUp.poll() : null;
    }

    /**
     * Removes the entry {@code name} of the innermost open directory. An entry is unlinked straight
     * away, which is what most entries need; only an entry that cannot be unlinked is looked at,
     * and if it is a directory it is opened as the innermost one, to be emptied and then removed
     * ({@link #removeTree}), or, with {@link #MAX_OPEN} directories open already, moved up to the
     * top of the tree ({@link #moveUp}).
     */
    private void removeEntry(Deque<Level> open, Path name) {
      Level level = open.element();
      try {
        if (unlinked(level.directory, name)) {
          return;
        }
        if (open.size() < MAX_OPEN) {
          open.push(new Level(openDirectory(level.directory, name), level.path.resolve(name)));
        } else {
          moveUp(level.directory, name, open.getLast().directory);
        }
      } catch (IOException e) {
        entryFailed(open, name, e);
      }
    }

    /**
     * Handles the failure {@code e} to remove the entry {@code name} of the innermost open
     * directory. An entry removed meanwhile (by another sweeper) is fine. The first entry this
     * removal may not remove makes the directory writable to its owner (if this removal may) and is
     * tried once more; an entry that still cannot be removed is recorded ({@link #failed}) and
     * left.
     */
    private void entryFailed(Deque<Level> open, Path name, IOException e) {
      if (e instanceof NoSuchFileException) {
        return;
      }
      Level level = open.element();
      if (e instanceof AccessDeniedException && level.mayGrant) {
        level.mayGrant = false;
        if (grantOwnerAll(level.directory)) {
          removeEntry(open, name);
          return;
        }
      }
      failed(level.path.resolve(name), e);
    }

    /**
     * Moves the directory {@code name} of {@code directory} up to {@code top}, the top of the tree,
     * under a fresh name, to be emptied and removed from there ({@link #nextEntry}) with only its
     * own tree's directories open. Moving a directory to another parent takes write permission on
     * it (to update its {@code ..}) and on the top: if that is refused, both are made writable to
     * their owner (if this removal may) through their own handles, and the move is tried once more
     * (the directory it leaves is made writable as for any entry, {@link #entryFailed}).
     */
    private void moveUp(
        SecureDirectoryStream<Path> directory, Path name, SecureDirectoryStream<Path> top)
        throws IOException {
      Path fresh =
          name.getFileSystem()
              .getPath(MOVED_UP + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      try {
        directory.move(name, top, fresh);
      } catch (AccessDeniedException e) {
        if (!makeWritable) {
          throw e;
        }
        grantOwnerAll(top);
        grantOwnerAll(directory, name);
        directory.move(name, top, fresh);
      }
      movedUp.add(fresh);
    }

    /**
     * {@link #grantOwnerAll(SecureDirectoryStream)} to the directory {@code name} of {@code in}.
     */
    private static boolean grantOwnerAll(SecureDirectoryStream<Path> in, Path name)
        throws IOException {
      try (SecureDirectoryStream<Path> directory = openDirectory(in, name)) {
        return grantOwnerAll(directory);
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

    /**
     * Closes the directories left open, which only an exception already on its way out leaves: that
     * exception is the one to report.
     */
    private static void closeAll(Deque<Level> open) {
      for (Level level : open) {
        try {
          level.directory.close();
        } catch (IOException e) {
          // The exception on its way out says more.
        }
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

    /** A directory of the tree, held open while it is emptied. */
    private final class Level {
      final SecureDirectoryStream<Path> directory;

      /** Its path, for messages; its last name is its name in the directory above. */
      final Path path;

      /** What is left of its listing. */
      Iterator<Path> entries;

      /**
       * Whether an entry this removal may not remove may still make it writable ({@link
       * #entryFailed}); only the first such entry may.
       */
      boolean mayGrant = makeWritable;

      Level(SecureDirectoryStream<Path> directory, Path path) {
        this.directory = directory;
        this.path = path;
        this.entries = directory.iterator();
      }
    }
  }

  /** Unlinks {@code name} of {@code directory}; false if it is a directory, which it leaves. */
  private static boolean unlinked(SecureDirectoryStream<Path> directory, Path name)
      throws IOException {
    try {
      directory.deleteFile(name);
      return true;
    } catch (IOException e) {
      if (e instanceof NoSuchFileException || !isDirectory(directory, name)) {
        throw e;
      }
      return false;
    }
  }

  /**
   * Opens the directory {@code name} of {@code parent} without following a link and without waiting
   * on a FIFO. Opening it by its name with {@code O_NOFOLLOW} would block on a FIFO put in its
   * place since it was looked at (or failed to be unlinked): it opens {@code <name>/.} instead
   * ({@link DirectoryListing#throughDotOrByPath}, which opens one that may not be searched by its
   * name, with the race), which only a directory has, and since that follows a link at {@code
   * name}, keeps the handle only if what it opened is the directory at {@code name} now, not a link
   * (its device and inode, {@code fstat} on the handle, are those of what is there, {@code lstat}).
   * Cost: one {@code fstat} and one {@code fstatat} more than the open.
   *
   * @throws NotDirectoryException if no directory is there, or what was opened is not the directory
   *     there now (a link or another entry was put in its place)
   */
  private static SecureDirectoryStream<Path> openDirectory(
      SecureDirectoryStream<Path> parent, Path name) throws IOException {
    SecureDirectoryStream<Path> opened =
        DirectoryListing.throughDotOrByPath(
            name, path -> parent.newDirectoryStream(path, LinkOption.NOFOLLOW_LINKS));
    try {
      Object openedKey =
          opened.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
      BasicFileAttributes there =
          parent
              .getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              .readAttributes();
      if (there.isDirectory() && openedKey != null && openedKey.equals(there.fileKey())) {
        return opened;
      }
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
    opened.close();
    throw new NotDirectoryException(name.toString());
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
    TreeWalk.walk(
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
