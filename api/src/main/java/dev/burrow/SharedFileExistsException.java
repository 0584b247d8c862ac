package dev.burrow;

import java.nio.file.Path;

/**
 * Thrown when a create-unique file would overwrite an existing one: the ID generator gave an ID
 * that is already used in that folder. Nothing is changed; the existing file is intact.
 */
public class SharedFileExistsException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** {@code file} exists already. */
  public SharedFileExistsException(Path file) {
    super(file + " exists already; create-unique never overwrites (is the ID generator unique?)");
  }
}
