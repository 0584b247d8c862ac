package dev.burrow.runtime.json;

import dev.burrow.BurrowException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a JSON file exists but cannot be read as its type: not JSON, wrong types, too
 * large, or not a regular file (a symbolic link, a directory). The message names the file.
 * Burrow never rewrites a damaged file by itself.
 */
public class CorruptJsonFileException extends BurrowException {
  private static final long serialVersionUID = 1L;
  private final String file;

  /** The file at {@code file} is damaged for {@code reason}. */
  public CorruptJsonFileException(Path file, String reason, @Nullable Throwable cause) {
    super(file + ": " + reason, cause);
    this.file = file.toString();
  }

  /** The damaged file. */
  public Path file() {
    return Path.of(file);
  }
}
