package dev.burrow.runtime.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.internal.Printable;
import org.junit.jupiter.api.Test;

/**
 * Names from a data root are escaped once, where a message quotes them ({@link Printable#escaped}),
 * and the whole message is then made one safe line ({@link Printable#line}), which leaves what is
 * already safe as it is: a message passed on (a cause's message quoted in another, an exception's
 * message printed by the command) never has its escapes escaped again.
 */
class PrintableTest {
  private static final String HOSTILE = "x\ty\u202e, not \\u0009";

  @Test
  void aQuotedNameTellsItsOwnBackslashUFromAnEscape() {
    assertEquals("x\\u0009y\\u202e, not \\u005cu0009", Printable.escaped(HOSTILE));
  }

  @Test
  void aMessageOfEscapedNamesIsLeftAsItIsHoweverOftenItIsPassedOn() {
    String message = "cannot read '" + Printable.escaped(HOSTILE) + "': it is a FIFO";
    assertEquals(message, Printable.line(message));
    assertEquals(message, Printable.line(Printable.line(message)));
  }

  @Test
  void aLineEscapesWhatIsUnsafeInIt() {
    String line = Printable.line("a\nb\u001b[2J");
    assertEquals("a\\u000ab\\u001b[2J", line);
    assertTrue(line.chars().allMatch(Printable::isSafe), line);
  }

  @Test
  void aLongMessageIsCutOnceAndKeepsItsFullLength() {
    String message = "n".repeat(Printable.MAX_LINE_LENGTH + 100);
    String cut = Printable.line(message);
    assertEquals(
        "n".repeat(Printable.MAX_LINE_LENGTH) + "...(" + message.length() + " chars)", cut);
    assertEquals(cut, Printable.line(cut));
  }
}
