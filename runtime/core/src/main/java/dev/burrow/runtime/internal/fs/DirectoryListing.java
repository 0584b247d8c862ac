package dev.burrow.runtime.internal.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lists a directory of the data root so that a FIFO put in its place cannot block the caller.
 *
 * <p>{@link Files#newDirectoryStream(Path)} opens the directory as a file ({@code open} for
 * reading, without {@code O_DIRECTORY}), which on a FIFO waits until a writer comes: a look at the
 * path before it ({@code lstat}) leaves the microseconds between the look and the open to a swap.
 * This class lists {@code <directory>/.} instead, which only a directory has, so the open of
 * anything else fails at once ({@link NotDirectoryException}), and names the entries, and any
 * failure, by {@code directory} as the caller gave it. A directory that may be read but not
 * searched, which refuses {@code <directory>/.}, is listed whole by {@code opendir}, which opens it
 * with {@code O_DIRECTORY} and so never waits on a FIFO either. Like {@link
 * Files#newDirectoryStream(Path)}, it follows a link at {@code directory} itself: callers look at
 * it first ({@link SafeFiles#checkDirectory}) where a link must be refused.
 */
public final class DirectoryListing {
  private DirectoryListing() {}

  /**
   * The entries of {@code directory}, as {@link Files#newDirectoryStream(Path)} gives them.
   *
   * @throws NotDirectoryException if {@code directory} is anything but a directory (or a link to
   *     one), a FIFO included
   * @throws NoSuchFileException if nothing is there
   * @throws IOException if it cannot be opened
   */
  public static DirectoryStream<Path> open(Path directory) throws IOException {
    return open(directory, "*");
  }

  /**
   * The entries of {@code directory} whose names match {@code glob}, as {@link
   * Files#newDirectoryStream(Path, String)} gives them.
   *
   * @throws NotDirectoryException if {@code directory} is anything but a directory (or a link to
   *     one), a FIFO included
   * @throws NoSuchFileException if nothing is there
   * @throws IOException if it cannot be opened
   */
  // The listing opened here is handed to the caller inside the stream returned, which closes it.
  @SuppressWarnings("StreamResourceLeak")
  public static DirectoryStream<Path> open(Path directory, String glob) throws IOException {
    try {
      return new Named(
          throughDot(directory, path -> Files.newDirectoryStream(path, glob)), directory);
    } catch (AccessDeniedException notSearchable) {
      return listedWhole(directory, glob, notSearchable);
    }
  }

  /**
   * The entries of {@code directory}, read whole: as {@link #entries(Path, String)} with {@code *}.
   *
   * @throws NotDirectoryException if {@code directory} is anything but a directory (or a link to
   *     one), a FIFO included
   * @throws NoSuchFileException if nothing is there
   * @throws IOException if it cannot be opened or read
   */
  public static List<Path> entries(Path directory) throws IOException {
    return entries(directory, "*");
  }

  /**
   * The entries of {@code directory} whose names match {@code glob}, read whole, as {@link #open}
   * lists them. A failure to read the directory part way is thrown as the {@link IOException} it
   * is: the iterator of a {@link DirectoryStream} throws it wrapped in the unchecked {@link
   * DirectoryIteratorException}, which no caller's {@code catch (IOException e)} meets. Memory: one
   * path per entry listed.
   *
   * @throws NotDirectoryException if {@code directory} is anything but a directory (or a link to
   *     one), a FIFO included
   * @throws NoSuchFileException if nothing is there
   * @throws IOException if it cannot be opened or read
   */
  public static List<Path> entries(Path directory, String glob) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> listing = open(directory, glob)) {
      listing.forEach(entries::add);
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
    return entries;
  }

  /**
   * The entries of {@code directory}, which may be read but not searched ({@code <directory>/.} was
   * refused), listed whole by {@code opendir}, which opens with {@code O_DIRECTORY} and so never
   * waits on a FIFO swapped in (on another file system than the default, a test's, by its path). A
   * name not valid in the file name encoding is listed with replacement characters.
   *
   * @throws AccessDeniedException {@code refused}, if it cannot be listed either
   */
  // A listing opened here is returned to the caller, who closes it.
  @SuppressWarnings("StreamResourceLeak")
  private static DirectoryStream<Path> listedWhole(
      Path directory, String glob, AccessDeniedException refused) throws IOException {
    if (directory.getFileSystem() != FileSystems.getDefault()) {
      return Files.newDirectoryStream(directory, glob);
    }
    String[] names = directory.toFile().list();
    if (names == null) {
      throw refused;
    }
    PathMatcher matching = directory.getFileSystem().getPathMatcher("glob:" + glob);
    List<Path> entries = new ArrayList<>();
    for (String name : names) {
      Path entry = directory.resolve(name);
      if (matching.matches(entry.getFileName())) {
        entries.add(entry);
      }
    }
    return new Listed(entries);
  }

  /** Entries listed already. */
  private record Listed(List<Path> entries) implements DirectoryStream<Path> {
    @Override
    public Iterator<Path> iterator() {
      return entries.iterator();
    }

    @Override
    public void close() {
      // nothing is open
    }
  }

  /** Opens what is at a path. */
  @FunctionalInterface
  interface Opener<T> {
    /** Opens what is at {@code path}. */
    T open(Path path) throws IOException;
  }

  /**
   * What {@code opener} opens at {@code <directory>/.}, which only a directory has: a FIFO (or
   * anything else) in the directory's place fails it at once ({@code ENOTDIR}) instead of blocking
   * it. A directory that may be read but not searched refuses it too ({@link
   * AccessDeniedException}). A failure names {@code directory}, never {@code <directory>/.}.
   *
   * @throws IOException as {@code opener} throws it
   */
  static <T> T throughDot(Path directory, Opener<T> opener) throws IOException {
    try {
      return opener.open(directory.resolve("."));
    } catch (FileSystemException e) {
      throw namedBy(e, directory);
    }
  }

  /**
   * {@link #throughDot}, but a directory that may be read but not searched ({@code chmod 644}),
   * which refuses {@code <directory>/.}, is opened by its own path, as before: for a handle that
   * can make such a directory searchable again. Someone who can write the data root can plant such
   * a directory, and a FIFO swapped in for it during the microseconds before that second open
   * blocks it until a writer comes (a residual race).
   *
   * @throws IOException as {@code opener} throws it
   */
  static <T> T throughDotOrByPath(Path directory, Opener<T> opener) throws IOException {
    try {
      return throughDot(directory, opener);
    } catch (AccessDeniedException notSearchable) {
      return opener.open(directory);
    }
  }

  /**
   * The entry of {@code directory} whose name, read in the platform's file name encoding, is {@code
   * name}, or null if none is: how to find an entry listed with replacement characters (bytes not
   * valid in that encoding), which resolving {@code name} would turn into another name or none.
   * Cost: a listing of {@code directory}.
   *
   * @throws IOException if {@code directory} cannot be listed, as {@link #open(Path)} throws
   */
  public static @Nullable Path entryReadAs(Path directory, String name) throws IOException {
    for (Path entry : entries(directory)) {
      if (name.equals(String.valueOf(entry.getFileName()))) {
        return entry;
      }
    }
    return null;
  }

  /** {@code e}, thrown for {@code <directory>/.}, as thrown for {@code directory}. */
  private static FileSystemException namedBy(FileSystemException e, Path directory) {
    String name = directory.toString();
    FileSystemException named;
    if (e instanceof NoSuchFileException) {
      named = new NoSuchFileException(name, null, e.getReason());
    } else if (e instanceof NotDirectoryException) {
      named = new NotDirectoryException(name);
    } else if (e instanceof AccessDeniedException) {
      named = new AccessDeniedException(name, null, e.getReason());
    } else {
      named = new FileSystemException(name, null, e.getReason());
    }
    named.initCause(e);
    return named;
  }

  /** A listing of {@code <directory>/.} whose entries are named under {@code directory}. */
  private static final class Named implements DirectoryStream<Path> {
    private final DirectoryStream<Path> listing;
    private final Path directory;

    Named(DirectoryStream<Path> listing, Path directory) {
      this.listing = listing;
      this.directory = directory;
    }

    @Override
    public Iterator<Path> iterator() {
      Iterator<Path> entries = listing.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          try {
            return entries.hasNext();
          } catch (DirectoryIteratorException e) {
            throw named(e);
          }
        }

        @Override
        public Path next() {
          try {
            return directory.resolve(entries.next().getFileName());
          } catch (DirectoryIteratorException e) {
            throw named(e);
          }
        }
      };
    }

    /** {@code e}, whose cause may name {@code <directory>/.}, naming {@code directory}. */
    private DirectoryIteratorException named(DirectoryIteratorException e) {
      return e.getCause() instanceof FileSystemException failure
          ? new DirectoryIteratorException(namedBy(failure, directory))
          : e;
    }

    /**
     * Closes the listing. JDK 17 throws a failure to close the directory's handle (EIO, ENOSPC) as
     * its internal {@code sun.nio.fs.UnixException}, a checked exception it does not declare: it is
     * thrown as an {@link IOException} naming the directory.
     */
    @Override
    public void close() throws IOException {
      UndeclaredFailures.run(listing::close, "cannot close the listing of " + directory);
    }
  }
}
