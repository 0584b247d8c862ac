package dev.burrow.runtime.internal.index;

import dev.burrow.runtime.internal.fs.DirectoryListing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The index directories under a root that a schema does not declare: made by a process of another
 * schema of the kind (a newer release that indexes a component this one does not) after this store
 * opened. Such a process trusts its index once it is complete, so every document this store writes
 * must mark it {@linkplain FieldIndex#UNMAINTAINED unmaintained}.
 *
 * <p>Watching costs one {@code lstat} of the indexes' directory per call: it is listed again only
 * when its identity, modification time or link count differs from the last listing's. A new index
 * is a new subdirectory, which adds one to the directory's link count even within the tick of the
 * kernel's clock that its modification time is taken from; only an index added and another removed
 * within one tick, right after a listing, could keep both and hide the new index until the
 * directory changes again. Without the POSIX attributes (no {@code unix} attribute view) every call
 * lists the directory.
 */
final class ForeignIndexes {
  private static final String WATCHED = "unix:ino,dev,nlink,lastModifiedTime,isDirectory";

  private final Path root;
  private final Set<String> declared;
  private volatile Listing last = new Listing(Map.of(), List.of());

  /** What a listing found, with the directory's attributes just before it (empty: unknown). */
  private record Listing(Map<String, Object> seen, List<Path> foreign) {
    boolean stands(Map<String, Object> now) {
      return !seen.isEmpty() && seen.equals(now);
    }
  }

  /**
   * The undeclared index directories under {@code root}, where {@code declared} are this schema's.
   */
  ForeignIndexes(Path root, Set<String> declared) {
    this.root = root;
    this.declared = declared;
  }

  /**
   * The index directories under the root that the schema does not declare, never following a link
   * (a link or file there is no index).
   *
   * @throws IOException if the directory cannot be read
   */
  List<Path> current() throws IOException {
    Map<String, Object> now = watched();
    if (now == null || Boolean.FALSE.equals(now.get("isDirectory"))) {
      return List.of();
    }
    Listing listing = last;
    if (listing.stands(now)) {
      return listing.foreign();
    }
    List<Path> found = new ArrayList<>();
    try {
      for (Path entry : DirectoryListing.entries(root)) {
        if (!declared.contains(entry.getFileName().toString())
            && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          found.add(entry);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    Listing fresh = new Listing(now, List.copyOf(found));
    last = fresh;
    return fresh.foreign();
  }

  /**
   * The directory's identity, time, link count and type, with one {@code lstat}; empty without the
   * {@code unix} view; null if it is missing.
   */
  private @Nullable Map<String, Object> watched() throws IOException {
    try {
      return Files.readAttributes(root, WATCHED, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      return Map.of();
    }
  }
}
