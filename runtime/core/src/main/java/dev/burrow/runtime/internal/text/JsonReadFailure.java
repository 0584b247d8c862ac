package dev.burrow.runtime.internal.text;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;

/**
 * What Jackson said of JSON it could not read, kept without Jackson's exception: that holds the
 * parser that threw it, and the parser and its location hold the JSON's bytes and decoded text, so
 * a report of a damaged document kept as an example (a page's problems, a prune report's) would
 * keep its document several times over. This keeps the exception's type name, its message ({@link
 * JsonErrors#plain}), the line and column it stopped at, and its stack trace; its causes are
 * detached alike.
 */
public final class JsonReadFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalType;
  private final boolean databind;
  private final int line;
  private final int column;

  private JsonReadFailure(
      String originalType,
      boolean databind,
      String message,
      int line,
      int column,
      @Nullable Throwable cause) {
    super(message, cause);
    this.originalType = originalType;
    this.databind = databind;
    this.line = line;
    this.column = column;
  }

  /** {@code e} detached from its parser: its type name, message, line, column and stack trace. */
  public static JsonReadFailure of(JacksonException e) {
    return of(e, null);
  }

  /**
   * {@code e} detached from its parser, as {@link #of(JacksonException)}; where {@code e} says no
   * line (a limit of the parser's, say), the line and column {@code parser} is at.
   */
  public static JsonReadFailure of(JacksonException e, @Nullable JsonParser parser) {
    TokenStreamLocation at = e.getLocation();
    if ((at == null || at.getLineNr() <= 0) && parser != null) {
      try {
        at = parser.currentLocation();
      } catch (RuntimeException unknown) {
        // no line then
      }
    }
    int line = at == null || at.getLineNr() <= 0 ? -1 : at.getLineNr();
    int column = at == null || at.getColumnNr() <= 0 ? -1 : at.getColumnNr();
    JsonReadFailure detached =
        new JsonReadFailure(
            e.getClass().getName(),
            e instanceof DatabindException,
            JsonErrors.plain(e)
                + (line > 0 && column > 0 ? " at line " + line + ", column " + column : ""),
            line,
            column,
            detach(e.getCause()));
    detached.setStackTrace(e.getStackTrace());
    return detached;
  }

  /**
   * {@code failure} as it is if no Jackson exception is in its chain of causes; otherwise a copy of
   * the chain in which each Jackson exception and everything above it is detached ({@link #of}), so
   * that nothing kept refers to a parser. What a codec of the user's own lets out goes through
   * here.
   */
  public static @Nullable Throwable detach(@Nullable Throwable failure) {
    if (failure == null || !holdsJackson(failure)) {
      return failure;
    }
    if (failure instanceof JacksonException jackson) {
      return of(jackson);
    }
    JsonReadFailure detached =
        new JsonReadFailure(
            failure.getClass().getName(),
            false,
            String.valueOf(failure.getMessage()),
            -1,
            -1,
            detach(failure.getCause()));
    detached.setStackTrace(failure.getStackTrace());
    return detached;
  }

  private static boolean holdsJackson(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 64; t = t.getCause(), depth++) {
      if (t instanceof JacksonException) {
        return true;
      }
    }
    return false;
  }

  /** The class name of the exception this stands for: Jackson's, or one wrapping it. */
  public String originalType() {
    return originalType;
  }

  /**
   * Whether Jackson databind failed (no creator it can use, a value its type refuses), not its
   * parser (JSON it cannot parse, past a limit of its parser's).
   */
  public boolean databind() {
    return databind;
  }

  /** The line the parser stopped at, from 1; or -1 if it did not say. */
  public int line() {
    return line;
  }

  /** The column the parser stopped at, from 1; or -1 if it did not say. */
  public int column() {
    return column;
  }
}
