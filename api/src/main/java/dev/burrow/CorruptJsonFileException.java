package dev.burrow;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a JSON file exists but cannot be read as its type: not JSON, wrong types, too large,
 * or not a regular file (a symbolic link, a directory). The message names the file. Burrow never
 * rewrites a damaged file by itself.
 */
public class CorruptJsonFileException extends DamagedDataException {
  private static final long serialVersionUID = 1L;

  /** The file at {@code file} is damaged for {@code reason}. */
  public CorruptJsonFileException(Path file, String reason, @Nullable Throwable cause) {
    super(file.toString(), reason, cause);
  }
}
