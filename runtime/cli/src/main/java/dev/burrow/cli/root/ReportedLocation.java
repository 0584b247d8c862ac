package dev.burrow.cli.root;

import dev.burrow.runtime.internal.fs.DirectoryListing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The file a location of a report names. A report names a file by its path as text, decoded with
 * the platform's file name encoding; a name that is not valid in that encoding (bytes that are not
 * UTF-8, any byte above 127 under {@code LC_ALL=C}) is decoded with replacement characters, and its
 * text no longer makes the same path again: {@link Path#of} refuses it, or makes the path of
 * another file. Such a name is found by listing its directory for the entry whose name reads as the
 * report's text.
 */
public final class ReportedLocation {
  private ReportedLocation() {}

  /**
   * The file at {@code location}, or empty if there is none (gone meanwhile). Costs one {@code
   * lstat} when the text makes its path again; else one directory listing for each name on the way
   * that does not.
   */
  public static Optional<Path> find(String location) {
    Path direct = pathOrNull(location);
    if (direct != null && Files.exists(direct, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(direct);
    }
    Path found = Path.of(location.startsWith("/") ? "/" : "");
    for (String name : location.split("/")) {
      if (!name.isEmpty()) {
        Path next = entryNamed(found, name);
        if (next == null) {
          return Optional.empty();
        }
        found = next;
      }
    }
    return Optional.of(found);
  }

  /**
   * The path of {@code location} as the text says it, or, if the text makes no path, the path of
   * its directory's entry whose name reads as the text; empty if there is none. For looking at what
   * a location names without needing the file to be there.
   */
  public static Optional<Path> pathOf(String location) {
    Path direct = pathOrNull(location);
    return direct != null ? Optional.of(direct) : find(location);
  }

  private static @Nullable Path pathOrNull(String location) {
    try {
      return Path.of(location);
    } catch (InvalidPathException notInThisEncoding) {
      return null;
    }
  }

  /** The entry of {@code directory} whose name reads as {@code name}, or null if none does. */
  private static @Nullable Path entryNamed(Path directory, String name) {
    Path direct = pathOrNull(name);
    if (direct != null
        && (name.equals(".")
            || name.equals("..")
            || Files.exists(directory.resolve(direct), LinkOption.NOFOLLOW_LINKS))) {
      return directory.resolve(direct);
    }
    try {
      return DirectoryListing.entryReadAs(directory, name);
    } catch (IOException unlistable) {
      return null;
    }
  }
}
