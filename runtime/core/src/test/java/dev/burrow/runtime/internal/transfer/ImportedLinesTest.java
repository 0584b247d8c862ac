package dev.burrow.runtime.internal.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptExportException;
import dev.burrow.Durability;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export line that would import as something other than what it says is refused, naming the
 * line, and nothing of it is stored: bytes that are no valid UTF-8 (an overlong sequence a lenient
 * parser reads as another character), a version no store can read, a member the import would drop,
 * and a member given twice (of which a parser keeps one).
 */
class ImportedLinesTest {
  @TempDir Path work;

  /** An export of counter {@code c1}, whose status is {@code XX}. */
  private byte[] export() {
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE)) {
      source.create("c1", c -> c.withStatus("XX"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      source.engine().exportTo(out, null);
      return out.toByteArray();
    }
  }

  private CorruptExportException refused(byte[] export) {
    try (CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      CorruptExportException refused =
          assertThrows(
              CorruptExportException.class,
              () -> target.engine().importFrom(new ByteArrayInputStream(export), null),
              new String(export, UTF_8));
      assertEquals(List.of(), target.list(), "nothing of the line is stored");
      return refused;
    }
  }

  @Test
  void anOverlongSequenceIsRefusedNotReadAsTheCharacterItSpells() {
    byte[] export = export();
    int at = new String(export, UTF_8).indexOf("XX"); // all ASCII: a character is a byte
    export[at] = (byte) 0xC0; // C0 AF spells '/' in two bytes, which UTF-8 forbids
    export[at + 1] = (byte) 0xAF;

    String message = refused(export).getMessage();
    assertTrue(message.contains("line 2"), message);
    assertTrue(message.contains("not valid UTF-8: a malformed or overlong sequence"), message);
  }

  @Test
  void aVersionNoStoreCanReadIsRefused() {
    String text = new String(export(), UTF_8);
    String highest = Long.toString(Long.MAX_VALUE);
    String changed = text.replaceAll("\"version\":(\"?)1(\"?)", "\"version\":$1" + highest + "$2");
    assertEquals(2, (changed.length() - text.length()) / (highest.length() - 1), text);

    String message = refused(changed.getBytes(UTF_8)).getMessage();
    assertTrue(message.contains("line 2"), message);
    assertTrue(message.contains("version " + highest + " is out of range"), message);
  }

  @Test
  void aMemberTheImportWouldDropIsRefused() {
    String text = new String(export(), UTF_8);
    String changed = text.replaceFirst("\n\\{\"id\":", "\n{\"owner\":\"ops\",\"id\":");
    assertEquals(text.length() + "\"owner\":\"ops\",".length(), changed.length(), text);

    String message = refused(changed.getBytes(UTF_8)).getMessage();
    assertTrue(message.contains("line 2"), message);
    assertTrue(message.contains("this line also has [owner]"), message);
  }

  @Test
  void aMemberGivenTwiceIsRefused() {
    String text = new String(export(), UTF_8);
    String changed = text.replaceFirst("\n\\{\"id\":", "\n{\"id\":\"c2\",\"id\":");
    assertEquals(text.length() + "\"id\":\"c2\",".length(), changed.length(), text);

    String message = refused(changed.getBytes(UTF_8)).getMessage();
    assertTrue(message.contains("line 2"), message);
    assertTrue(message.contains("Duplicate Object property \"id\""), message);
  }

  @Test
  void textAfterALinesObjectIsRefused() {
    String text = new String(export(), UTF_8);
    int lineStart = text.indexOf("\n{\"id\"") + 1;
    int documentEnd = text.lastIndexOf('}', text.indexOf("{\"end\"")) + 1;
    String before = text.substring(0, documentEnd);
    String after = text.substring(documentEnd);

    String joined = refused((before + " {\"id\":\"c9\"}" + after).getBytes(UTF_8)).getMessage();
    assertTrue(joined.contains("line 2"), joined);
    int column = documentEnd - lineStart + 2;
    assertTrue(joined.contains("text after the JSON object, at column " + column), joined);

    String garbage = refused((before + " garbage" + after).getBytes(UTF_8)).getMessage();
    assertTrue(garbage.contains("line 2: not valid JSON"), garbage);

    byte[] closingCut = (text.stripTrailing() + "garbage\n").getBytes(UTF_8);
    try (CounterStore target = Stores.counters(work.resolve("closing"), Durability.NONE)) {
      String closing =
          assertThrows(
                  CorruptExportException.class,
                  () -> target.engine().importFrom(new ByteArrayInputStream(closingCut), null))
              .getMessage();
      assertTrue(closing.contains("line 3: not valid JSON"), closing);
    }
  }
}
