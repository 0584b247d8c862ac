package dev.burrow.runtime.internal.transfer;

import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TreeWalk;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The files of an instance's directory that belong to its application: every regular file under it,
 * links not followed, except the filesystem backend's own document ({@value #DOCUMENT_FILE} at the
 * top) and the temporary files of an atomic write in progress. What an export archives, an import
 * writes, and {@code burrow stats} counts.
 */
public final class ArchivedFiles {
  /** The filesystem backend's document, at the top of each instance's directory. */
  static final String DOCUMENT_FILE = StoreOwned.DOCUMENT;

  private ArchivedFiles() {}

  /**
   * The application's files under {@code directory}, sorted, and the number of its entries left out
   * because they are neither regular files nor directories; walks the whole tree. An entry removed
   * while it is walked is left out, and a missing directory (its instance deleted) has none.
   *
   * @throws IOException if an entry cannot be read (permission denied, for one)
   */
  public static Contents of(Path directory) throws IOException {
    List<IOException> failures = new ArrayList<>();
    Contents contents = of(directory, (path, failure) -> failures.add(failure));
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    return contents;
  }

  /**
   * {@link #of(Path)}, handing each entry that cannot be read to {@code unreadable} and going on
   * past it (the files under a directory that cannot be read are not listed).
   */
  public static Contents of(Path directory, BiConsumer<Path, IOException> unreadable) {
    Collector collector = new Collector(unreadable);
    visit(directory, collector);
    collector.files.sort(null);
    return new Contents(collector.files, collector.skipped);
  }

  /**
   * What {@link #of} found under an instance's directory.
   *
   * @param files the application's regular files, sorted
   * @param skipped entries that are neither regular files nor directories: symbolic links (not
   *     followed), FIFOs, sockets and devices
   */
  public record Contents(List<Path> files, long skipped) {}

  /** What {@link #of} gathers as it walks. */
  private static final class Collector implements Visitor {
    final List<Path> files = new ArrayList<>();
    final BiConsumer<Path, IOException> unreadable;
    long skipped;

    Collector(BiConsumer<Path, IOException> unreadable) {
      this.unreadable = unreadable;
    }

    @Override
    public void file(Path file, BasicFileAttributes attributes) {
      files.add(file);
    }

    @Override
    public void skipped(Path entry, BasicFileAttributes attributes) {
      skipped++;
    }

    @Override
    public void unreadable(Path path, IOException failure) {
      unreadable.accept(path, failure);
    }
  }

  /** What a walk of an instance's directory meets. */
  public interface Visitor {
    /** One of the application's files, with its attributes (read without following a link). */
    void file(Path file, BasicFileAttributes attributes);

    /**
     * An entry that is neither a regular file nor a directory (a symbolic link, not followed, a
     * FIFO, a socket or a device), with its attributes; never opened.
     */
    default void skipped(Path entry, BasicFileAttributes attributes) {}

    /**
     * A file or directory that could not be read (its files, if a directory, are not visited); the
     * walk goes on past it.
     */
    void unreadable(Path path, IOException failure);
  }

  /**
   * Visits the application's files under {@code directory}, as {@link #of} lists them, in no set
   * order, going on past what cannot be read; an entry removed while walked (the directory itself
   * included) is skipped.
   */
  public static void visit(Path directory, Visitor visitor) {
    try {
      TreeWalk.walk(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (!isArchived(directory, file)) {
                return FileVisitResult.CONTINUE;
              }
              if (attributes.isRegularFile() && !isLinkedEventLog(directory, file)) {
                visitor.file(file, attributes);
              } else if (!attributes.isDirectory()) {
                visitor.skipped(file, attributes);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
              if (!(failure instanceof NoSuchFileException)) {
                visitor.unreadable(file, failure);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException failure) {
              if (failure != null && !(failure instanceof NoSuchFileException)) {
                visitor.unreadable(dir, failure);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      visitor.unreadable(directory, e); // not thrown: the visitor takes every failure itself
    }
  }

  /**
   * Whether {@code file} is the instance's event log with a second name (a hard link), which every
   * reader of the log refuses as damage: its bytes may be another file's, so it is skipped as a
   * link is.
   */
  private static boolean isLinkedEventLog(Path directory, Path file) {
    if (!file.equals(directory.resolve(StoreOwned.EVENT_LOG))) {
      return false;
    }
    try {
      SafeFiles.requireSingleLink(file, true);
      return false;
    } catch (SafeFiles.RefusedFileException linked) {
      return true;
    } catch (IOException unknown) {
      return false; // opened as any other file, which names what is wrong
    }
  }

  /**
   * The path of {@code file} under {@code directory}, with {@code /} between its segments whatever
   * the platform: how an archive entry and a message name a file of an instance's directory.
   */
  static String relativePath(Path directory, Path file) {
    return directory.relativize(file).toString().replace(File.separatorChar, '/');
  }

  private static boolean isArchived(Path directory, Path file) {
    return !isDocument(directory, file) && !AtomicFiles.isTempName(file.getFileName().toString());
  }

  private static boolean isDocument(Path directory, Path path) {
    return directory.equals(path.getParent())
        && path.getFileName().toString().equals(DOCUMENT_FILE);
  }
}
