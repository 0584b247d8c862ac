package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptInstanceException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.Failures;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/**
 * Why something failed, in the plain words an export's or an import's messages use: never the
 * location the message names already, never a Java class name where the operating system gave a
 * reason.
 */
final class Reasons {
  private Reasons() {}

  /**
   * Why a file or directory could not be read or written, in plain words: the operating system's
   * ({@code permission denied}, {@code File too large}, {@code Input/output error}).
   */
  static String why(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException named && named.getReason() != null) {
      return named.getReason();
    }
    return e.getClass() == IOException.class && e.getMessage() != null
        ? e.getMessage()
        : Failures.describe(e);
  }

  /** What is wrong with the damaged document, without its location. */
  static String reason(CorruptInstanceException damaged) {
    String message = String.valueOf(damaged.getMessage());
    String location = Printable.escaped(damaged.location()) + ": ";
    return message.startsWith(location) ? message.substring(location.length()) : message;
  }
}
