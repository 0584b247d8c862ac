package dev.burrow.runtime.internal.store;

import dev.burrow.spi.InstanceLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the data root: an explicit path wins, then the environment variable the layout names,
 * then the layout's default; a leading {@code ~} means the user's home directory. With no default
 * declared, the root is {@code ~/.burrow/<kind name>}. A store keeps to the directory its root led
 * to when it opened ({@link #fixed}).
 */
public final class DataRoots {
  private DataRoots() {}

  /** The data root for {@code layout} in this process's environment. */
  public static Path resolve(InstanceLayout layout, @Nullable Path explicit) {
    return resolve(layout, explicit, System::getenv, System.getProperty("user.home"));
  }

  /**
   * The data root for {@code layout}, with the environment and home directory given.
   *
   * @param environment looks up an environment variable, null when unset
   */
  public static Path resolve(
      InstanceLayout layout,
      @Nullable Path explicit,
      UnaryOperator<@Nullable String> environment,
      String home) {
    if (explicit != null) {
      return explicit.toAbsolutePath().normalize();
    }
    String variable = layout.dataRootEnv();
    if (variable != null && !variable.isEmpty()) {
      String value = environment.apply(variable);
      if (value != null && !value.isBlank()) {
        return expandHome(value, home);
      }
    }
    String fallback =
        layout.defaultDataRoot().isEmpty()
            ? "~/.burrow/" + layout.name()
            : layout.defaultDataRoot();
    return expandHome(fallback, home);
  }

  private static Path expandHome(String path, String home) {
    if (path.equals("~")) {
      return Path.of(home);
    }
    if (path.startsWith("~/") || path.startsWith("~\\")) {
      return Path.of(home).resolve(path.substring(2)).normalize();
    }
    return Path.of(path).toAbsolutePath().normalize();
  }

  /**
   * The directory {@code root} leads to now, with every link on its way resolved (the root itself
   * and the directories above it), for a store to derive all its paths from: a link pointed
   * elsewhere after the store opened then changes nothing for it, so its documents, indexes, locks,
   * worker leases and temporary files stay in one directory for its whole life. The part of {@code
   * root} that cannot be resolved (it does not exist yet, or cannot be reached: a file on the way,
   * a directory that may not be searched) is kept as spelled below the real path of its nearest
   * directory that can; the store makes what is missing as real directories, or its open fails
   * naming what is in the way. Cost: one {@code realpath}, and one more per entry of the path that
   * cannot be resolved, at open only; nothing per operation.
   */
  public static Path fixed(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    for (Path existing = absolute; existing != null; existing = existing.getParent()) {
      try {
        return existing.toRealPath().resolve(existing.relativize(absolute));
      } catch (IOException unresolved) {
        // missing or out of reach: its nearest parent that resolves says where it would be
      }
    }
    return absolute;
  }
}
