package dev.burrow;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An instance's directory on this host and its declared subdirectories. Everything in it belongs to
 * the instance: it is created with the instance and removed with it.
 *
 * @param instanceId the instance's ID
 * @param root the instance's directory
 * @param subdirectories the subdirectory names declared in {@code @Instance}
 */
public record InstanceDirectory(String instanceId, Path root, List<String> subdirectories) {

  /** Copies the list so the value is immutable. */
  public InstanceDirectory {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(root, "root");
    subdirectories = List.copyOf(subdirectories);
  }

  /**
   * The declared subdirectory {@code name}.
   *
   * @throws IllegalArgumentException if {@code name} was not declared in {@code @Instance}
   */
  public Path subdirectory(String name) {
    if (!subdirectories.contains(name)) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a declared subdirectory of"
              + " instance '"
              + instanceId
              + "'; declared: "
              + subdirectories);
    }
    return root.resolve(name);
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
