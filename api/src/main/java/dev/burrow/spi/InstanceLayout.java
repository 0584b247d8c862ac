package dev.burrow.spi;

import dev.burrow.IdKind;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how instances of one kind are stored.
 *
 * @param name the kind's name, such as {@code "task-runs"}
 * @param subdirectories subdirectories created in every instance directory
 * @param dataRootEnv environment variable that overrides the default data root, or null
 * @param defaultDataRoot data root when neither a path nor the variable is given; a leading {@code
 *     ~} is the user's home
 * @param idKind the kind of ID {@code create()} generates
 */
public record InstanceLayout(
    String name,
    List<String> subdirectories,
    @Nullable String dataRootEnv,
    String defaultDataRoot,
    IdKind idKind) {

  /** Copies the subdirectory list so the layout is immutable. */
  public InstanceLayout {
    Objects.requireNonNull(name, "name");
    subdirectories = List.copyOf(subdirectories);
    Objects.requireNonNull(defaultDataRoot, "defaultDataRoot");
    Objects.requireNonNull(idKind, "idKind");
  }
}
