package dev.burrow.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Checks that what Burrow says can be written to a log as it is. */
public final class LogSafety {
  private LogSafety() {}

  /** Fails if {@code message} holds a control, bidi or other invisible formatting character. */
  public static void assertSafe(String message) {
    assertFalse(
        message
            .chars()
            .anyMatch(
                c ->
                    c < 0x20
                        || (c >= 0x7f && c < 0xa0)
                        || Character.getType(c) == Character.FORMAT
                        || c == 0x2028
                        || c == 0x2029),
        "the message must be safe to log: " + message);
  }
}
