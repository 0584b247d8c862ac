package dev.burrow.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * How {@code ls} shortens a row's fields, and how sizes are counted. Before, a row was cut inside
 * an escape ({@code \u005cu00...}), whose rest then read as other text, and a 1-byte file was "1
 * bytes".
 */
class RowsTest {
  /** {@code {"note":"aaa…a\u005cu001b[2J"}}: 109 characters, then a six-character escape. */
  private static final String NOTE = "{\"note\":\"" + "a".repeat(100) + "\\u001b[2J\"}";

  @Test
  void aLongRowIsCutBeforeAnEscapeThatWouldNotFitWholeNeverInsideIt() {
    String before = "{\"note\":\"" + "a".repeat(100);
    assertEquals(before + "...", Rows.shortened(NOTE, 114));
    assertEquals(before + "\\u001b...", Rows.shortened(NOTE, 118));
    for (int max = 100; max < NOTE.length(); max++) {
      String kept = Rows.shortened(NOTE, max).replaceAll("\\.\\.\\.$", "");
      assertTrue(NOTE.startsWith(kept) && kept.length() <= max - 3, kept);
      assertTrue(
          kept.length() <= before.length() || kept.length() >= before.length() + 6,
          "cut inside the escape at " + max + ": " + kept);
    }
  }

  @Test
  void aLongRowIsCutBeforeASurrogatePairThatWouldNotFitWhole() {
    String json = "a".repeat(9) + "\uD83D\uDE00" + "b".repeat(10);
    assertEquals("a".repeat(9) + "...", Rows.shortened(json, 13));
  }

  @Test
  void oneByteIsOneByte() {
    assertEquals("1 byte", Sizes.human(1));
    assertEquals("512 bytes", Sizes.human(512));
  }
}
