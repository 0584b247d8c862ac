package dev.burrow;

import dev.burrow.internal.Printable;
import org.jspecify.annotations.Nullable;

/**
 * The branch of exceptions for stored data that cannot be read: a damaged instance document, a
 * damaged JSON file, a damaged event line. The message and {@link #location()} name the file or
 * row; Burrow never rewrites damaged data by itself, and listings skip it and report it instead of
 * failing. Retrying does not help: repair or remove the data.
 */
public abstract class DamagedDataException extends BurrowException {
  private static final long serialVersionUID = 1L;
  private final String location;

  /**
   * Creates the exception.
   *
   * @param location the file path or database row of the damaged data
   * @param reason what is wrong with it
   * @param cause the parser's exception, if any
   */
  protected DamagedDataException(String location, String reason, @Nullable Throwable cause) {
    super(Printable.escaped(location) + ": " + reason, cause);
    this.location = location;
  }

  /** The file path (or database row) of the damaged data. */
  public String location() {
    return location;
  }
}
