package dev.burrow.runtime.codec;

import dev.burrow.BurrowException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by a generated codec when bytes are not a valid document of its type: malformed JSON, a
 * value of the wrong type, a missing required field, a {@code null} in a component that is not
 * {@code @Nullable}, or an unknown field under {@code UnknownFields.FAIL}. The message names the
 * field and the line and column. A store reports it as a {@link
 * dev.burrow.CorruptInstanceException} naming the file.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}.
 */
public class DocumentFormatException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the field and what was wrong with it. */
  public DocumentFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and its cause: what the parser said, detached from the
   * parser, never Jackson's exception itself, which holds the parser and with it the document.
   */
  public DocumentFormatException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
