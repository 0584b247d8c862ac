package dev.burrow.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Names that must never reach a path unchecked: the hostile-ID list of every hostile-input test.
 */
public final class HostileNames {
  private HostileNames() {}

  /**
   * Values that become keys of names, as indexed values do: the hostile-ID list, and what no ID
   * holds but a {@code String} can: NUL, unpaired surrogates, names differing only in case, the
   * marker names of an index, and values longer than a file name.
   */
  public static List<String> values() {
    List<String> values = new ArrayList<>(ids().toList());
    values.addAll(
        List.of(
            "RUNNING",
            "running",
            "Running",
            "\0",
            "\ud800",
            "a\udc00b",
            "a\ud800b",
            "\ufffd",
            "a\ufffdb",
            "\ud83d\ude00",
            "back\\slash",
            "\\u0000",
            "quote'",
            "=",
            "#",
            ".null",
            ".ready",
            ".durable",
            "x".repeat(255),
            "x".repeat(256),
            "\u00e9".repeat(200),
            "x".repeat(100_000)));
    return values.stream().distinct().toList();
  }

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
