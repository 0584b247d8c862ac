package dev.burrow.cli.command;

import dev.burrow.runtime.internal.store.DataRoots;
import java.nio.file.Path;

/**
 * The check that {@code migrate}'s two roots are apart: the data root it copies from and the local
 * root where the stores on PostgreSQL keep instance directories. Were one the other, or inside it,
 * the copied files would land among the source's own (or the source among them).
 */
final class SeparateRoots {
  private SeparateRoots() {}

  /**
   * Refuses {@code localRoot} if it is {@code dataRoot}, lies inside it or contains it, comparing
   * the directories a store opened on each would work in ({@link DataRoots#fixed}: symbolic links
   * resolved, for a path not made yet those of its nearest existing parent). Costs one real-path
   * lookup per root; reads nothing else and writes nothing.
   *
   * @throws IllegalArgumentException naming both paths, as given and as resolved
   */
  static void require(Path dataRoot, Path localRoot) {
    Path data = DataRoots.fixed(dataRoot);
    Path local = DataRoots.fixed(localRoot);
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
}
