package dev.burrow.runtime.internal.fs;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * Walks a directory tree of the data root as {@link Files#walkFileTree(Path, FileVisitor)} does
 * (depth first, links not followed, every depth), but opens each directory through {@link
 * DirectoryListing}, so that a FIFO put in a directory's place between the look at it and its
 * listing fails that listing at once instead of blocking the walk until a writer comes.
 *
 * <p>The visitor is called as by {@link Files#walkFileTree}: {@code preVisitDirectory} and {@code
 * postVisitDirectory} around a directory's entries (the latter with the exception that ended its
 * listing, if any), {@code visitFile} for anything else with its attributes (links, FIFOs, sockets
 * and devices included, never opened), and {@code visitFileFailed} for an entry that could not be
 * looked at or a directory that could not be opened. {@link FileVisitResult#SKIP_SUBTREE} skips a
 * directory's entries, {@link FileVisitResult#SKIP_SIBLINGS} the rest of its directory, {@link
 * FileVisitResult#TERMINATE} the walk. Cost: one {@code lstat} per entry and one open per
 * directory; as many directories open at once as the tree is deep.
 */
public final class TreeWalk {
  private TreeWalk() {}

  /** A directory being listed, with the entries it has left. */
  private record Level(Path directory, DirectoryStream<Path> listing, Iterator<Path> entries) {}

  /**
   * Walks the tree at {@code start} with {@code visitor}.
   *
   * @throws IOException if the visitor throws one
   */
  public static void walk(Path start, FileVisitor<Path> visitor) throws IOException {
    Deque<Level> open = new ArrayDeque<>();
    try {
      if (enter(start, visitor, open) == FileVisitResult.TERMINATE) {
        return;
      }
      while (!open.isEmpty()) {
        Level level = open.element();
        Path next = null;
        IOException failure = null;
        try {
          if (level.entries().hasNext()) {
            next = level.entries().next();
          }
        } catch (DirectoryIteratorException e) {
          failure = e.getCause();
        }
        FileVisitResult result =
            next == null ? leave(open, visitor, failure) : enter(next, visitor, open);
        // Only a visit that entered nothing answers this: its directory is the innermost one.
        if (result == FileVisitResult.SKIP_SIBLINGS && !open.isEmpty()) {
          result = leave(open, visitor, null);
        }
        if (result == FileVisitResult.TERMINATE) {
          return;
        }
      }
    } finally {
      for (Level level : open) {
        closeQuietly(level.listing());
      }
    }
  }

  /** Closes a listing the walk stops in; a failure to close it is no news to the caller. */
  private static void closeQuietly(DirectoryStream<Path> listing) {
    try {
      listing.close();
    } catch (IOException ignored) {
      // the walk ends here: as Files.walkFileTree, nothing reports it
    }
  }

  /**
   * Visits {@code path}: a file is visited, a directory is opened and pushed on {@code open} once
   * the visitor's {@code preVisitDirectory} lets it.
   */
  private static FileVisitResult enter(Path path, FileVisitor<Path> visitor, Deque<Level> open)
      throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return visitor.visitFileFailed(path, e);
    }
    if (!attributes.isDirectory()) {
      return visitor.visitFile(path, attributes);
    }
    DirectoryStream<Path> listing;
    try {
      listing = DirectoryListing.open(path);
    } catch (IOException e) {
      return visitor.visitFileFailed(path, e);
    }
    FileVisitResult result;
    try {
      result = visitor.preVisitDirectory(path, attributes);
    } catch (IOException | RuntimeException e) {
      listing.close();
      throw e;
    }
    if (result != FileVisitResult.CONTINUE) {
      listing.close();
      return result == FileVisitResult.SKIP_SUBTREE ? FileVisitResult.CONTINUE : result;
    }
    open.push(new Level(path, listing, listing.iterator()));
    return FileVisitResult.CONTINUE;
  }

  /**
   * Closes the innermost open directory and calls {@code postVisitDirectory} for it, with the
   * failure that ended its listing or, failing that, its close. Its {@link
   * FileVisitResult#SKIP_SIBLINGS} is taken as {@link FileVisitResult#CONTINUE}, as {@link
   * Files#walkFileTree} takes it.
   */
  private static FileVisitResult leave(
      Deque<Level> open, FileVisitor<Path> visitor, @Nullable IOException failure)
      throws IOException {
    Level level = open.pop();
    IOException ended = failure;
    try {
      level.listing().close();
    } catch (IOException e) {
      if (ended == null) {
        ended = e;
      } else {
        ended.addSuppressed(e);
      }
    }
    FileVisitResult result = visitor.postVisitDirectory(level.directory(), ended);
    return result == FileVisitResult.SKIP_SIBLINGS ? FileVisitResult.CONTINUE : result;
  }
}
