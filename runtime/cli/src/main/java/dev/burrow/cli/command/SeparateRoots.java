package dev.burrow.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The check that {@code migrate}'s two roots are apart: the data root it copies from and the local
 * root where the stores on PostgreSQL keep instance directories. Were one the other, or inside it,
 * the copied files would land among the source's own (or the source among them).
 */
final class SeparateRoots {
  private SeparateRoots() {}

  /**
   * Refuses {@code localRoot} if it is {@code dataRoot}, lies inside it or contains it, comparing
   * real paths (symbolic links resolved, for a path not made yet those of its nearest existing
   * parent). Costs one real-path lookup per root; reads nothing else and writes nothing.
   *
   * @throws IllegalArgumentException naming both paths, as given and as resolved
   */
  static void require(Path dataRoot, Path localRoot) {
    Path data = real(dataRoot);
    Path local = real(localRoot);
    String relation =
        local.equals(data)
            ? "is"
            : local.startsWith(data) ? "lies inside" : data.startsWith(local) ? "contains" : null;
    if (relation != null) {
      throw new IllegalArgumentException(
          "--local-root "
              + shown(localRoot, local)
              + " "
              + relation
              + " the data root "
              + shown(dataRoot, data)
              + "; nothing was migrated. Give --local-root a directory outside the data root that"
              + " does not hold it either");
    }
  }

  private static String shown(Path given, Path real) {
    Path absolute = given.toAbsolutePath().normalize();
    return absolute.equals(real) ? absolute.toString() : absolute + " (" + real + ")";
  }

  /**
   * {@code path} with links resolved: the real path of its nearest existing parent (itself if it
   * exists), the rest of it appended; the path as given if none can be resolved.
   */
  private static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    for (Path existing = absolute; existing != null; existing = existing.getParent()) {
      @Nullable Path resolved = resolved(existing);
      if (resolved != null) {
        return resolved.resolve(existing.relativize(absolute)).normalize();
      }
    }
    return absolute;
  }

  private static @Nullable Path resolved(Path existing) {
    if (!Files.exists(existing)) {
      return null;
    }
    try {
      return existing.toRealPath();
    } catch (IOException e) {
      return null; // unreadable on the way: a parent's real path is the best known
    }
  }
}
