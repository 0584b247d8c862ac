package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a stored document cannot be read as its type: empty, truncated, not JSON, wrong
 * types, missing required fields, too deep, or not a regular file. The message names the file (or,
 * on a database backend, the row) and what was wrong. Burrow never rewrites a damaged document by
 * itself; {@code list()} skips it and reports it instead.
 */
public class CorruptInstanceException extends DamagedDataException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param location the file path or database row that holds the damaged document
   * @param reason what is wrong with it
   * @param cause the parser's exception, if any
   */
  public CorruptInstanceException(String location, String reason, @Nullable Throwable cause) {
    super(location, reason, cause);
  }
}
