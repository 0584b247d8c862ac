package dev.burrow.runtime.internal.index;

import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The index directories under a root that a schema does not declare: made by a process of another
 * schema of the kind (a newer release that indexes a component this one does not) after this store
 * opened. Such a process trusts its index once it is complete, so every document this store writes
 * must mark it {@linkplain FieldIndex#UNMAINTAINED unmaintained}.
 *
 * <p>Watching costs one {@code lstat} of the indexes' directory per call: it is listed again only
 * when its modification time or identity differs from the last listing's, or when that time was
 * within {@link #SETTLED_MILLIS} of the listing (a directory's time has the granularity of the
 * kernel's clock tick, so an entry made in the same tick as the listing leaves it unchanged). A
 * system clock set back by more than that could hide a new index until the directory changes again.
 */
final class ForeignIndexes {
  /** How old the directory's modification time must be to stand for its listing. */
  static final long SETTLED_MILLIS = 1_000;

  private final Path root;
  private final Set<String> declared;
  private volatile Listing last = new Listing(null, null, 0, List.of());

  /** What a listing found, with the directory's identity and time just before it. */
  private record Listing(
      @Nullable Object key, @Nullable FileTime time, long atMillis, List<Path> foreign) {
    boolean stands(BasicFileAttributes now) {
      return Objects.equals(now.fileKey(), key)
          && now.lastModifiedTime().equals(time)
          && now.lastModifiedTime().toMillis() < atMillis - SETTLED_MILLIS;
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
    BasicFileAttributes now = SafeFiles.lstat(root);
    if (now == null || !now.isDirectory()) {
      return List.of();
    }
    Listing listing = last;
    if (listing.stands(now)) {
      return listing.foreign();
    }
    long atMillis = System.currentTimeMillis();
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        if (!declared.contains(entry.getFileName().toString())
            && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          found.add(entry);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    Listing fresh =
        new Listing(now.fileKey(), now.lastModifiedTime(), atMillis, List.copyOf(found));
    last = fresh;
    return fresh.foreign();
  }
}
