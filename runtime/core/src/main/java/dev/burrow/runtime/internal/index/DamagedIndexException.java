package dev.burrow.runtime.internal.index;

import java.nio.file.Path;

/** A value directory of an index that is not a directory; the index is rebuilt. */
final class DamagedIndexException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  DamagedIndexException(Path path) {
    super(path + " is not a directory");
    this.path = path;
  }

  Path path() {
    return path;
  }
}
