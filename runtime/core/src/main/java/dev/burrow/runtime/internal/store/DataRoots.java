package dev.burrow.runtime.internal.store;

import dev.burrow.spi.InstanceLayout;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the data root: an explicit path wins, then the environment variable the layout names,
 * then the layout's default; a leading {@code ~} means the user's home directory. With no default
 * declared, the root is {@code ~/.burrow/<kind name>}.
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
}
