package dev.burrow.runtime.testing;

import java.util.stream.Stream;

/**
 * Names that must never reach a path unchecked: the hostile-ID list of every hostile-input test.
 */
public final class HostileNames {
  private HostileNames() {}

  /** Traversal, separators, control and invisible characters, reserved and overlong names. */
  public static Stream<String> ids() {
    return Stream.of(
        "",
        "..",
        ".",
        "../escape",
        "a/../../b",
        "/etc/passwd",
        "a/b",
        "a\\b",
        "..\\..\\x",
        "C:\\Windows",
        "C:",
        "nul\0byte",
        "tab\there",
        "new\nline",
        "bell\u0007",
        "del\u007f",
        "esc\u001b[31m",
        "x".repeat(129),
        ".hidden",
        "-rf",
        "trailing.",
        "CON",
        "con.txt",
        "NUL",
        "aux",
        "COM1",
        "lpt9.log",
        "CONIN$",
        "space here",
        "star*",
        "question?",
        "pipe|",
        "quote\"",
        "less<",
        "colon:name",
        "unicode\u00e9",
        "rtl\u202eexe.txt",
        "zero\u200bwidth",
        "fullwidth\uff0e\uff0e",
        "percent%2e%2e",
        "~user",
        "semi;colon");
  }
}
