package dev.burrow.runtime.internal.fs;

import java.nio.file.Path;

/** The directory a file Burrow writes lives in. */
public final class Parents {
  private Parents() {}

  /**
   * The directory containing {@code file}, made absolute first.
   *
   * @throws IllegalArgumentException if {@code file} is a file system root, which has none
   */
  public static Path of(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException(file + " is a file system root; it has no directory");
    }
    return parent;
  }
}
