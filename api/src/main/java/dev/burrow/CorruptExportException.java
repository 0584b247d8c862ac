package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by an import when its export stream is damaged: a line that is not an export line, an
 * export of another kind, or a stream cut short (no closing line). Everything read before the
 * damaged line was imported, and importing again is safe: nothing is created twice and nothing
 * newer is overwritten. The location names the line.
 */
public class CorruptExportException extends DamagedDataException {
  private static final long serialVersionUID = 1L;

  /** The export is damaged at {@code location} (such as {@code "export line 7"}). */
  public CorruptExportException(String location, String reason, @Nullable Throwable cause) {
    super(location, reason, cause);
  }
}
