package dev.burrow.runtime.store;

import java.nio.file.Path;
import java.util.List;

/**
 * An instance's directory and its declared subdirectories. Everything in it belongs to the
 * instance: it is created with the instance and removed with it.
 */
public final class InstanceDirectory {
  private final String instanceId;
  private final Path root;
  private final List<String> subdirectories;

  InstanceDirectory(String instanceId, Path root, List<String> subdirectories) {
    this.instanceId = instanceId;
    this.root = root;
    this.subdirectories = subdirectories;
  }

  /** The instance's ID. */
  public String instanceId() {
    return instanceId;
  }

  /** The instance's directory. */
  public Path root() {
    return root;
  }

  /**
   * The declared subdirectory {@code name}.
   *
   * @throws IllegalArgumentException if {@code name} was not declared in {@code @Instance}
   */
  public Path subdirectory(String name) {
    if (!subdirectories.contains(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a declared subdirectory of"
          + " instance '" + instanceId + "'; declared: " + subdirectories);
    }
    return root.resolve(name);
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
