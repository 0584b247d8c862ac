package dev.burrow.runtime.internal.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptExportException;
import dev.burrow.Durability;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export line whose document the target's type cannot decode is a damaged line: refused naming
 * the line, as every damaged line is, after what came before it is imported, with the field and
 * why, but no line and column, which would be a position in the document as re-indented for
 * decoding, not in the export line.
 */
class UndecodableDocumentTest {
  @TempDir Path work;

  @Test
  void aDocumentTheTypeCannotDecodeIsRefusedNamingItsLine() {
    String text;
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE)) {
      source.create("c1", c -> c.withStatus("XX"));
      source.create("c2", c -> c.withStatus("XX"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      source.engine().exportTo(out, null);
      text = new String(out.toByteArray(), UTF_8);
    }
    String[] lines = text.split("\n");
    assertTrue(lines[2].contains("\"id\":\"c1\""), text); // newest first: c2, then c1
    lines[2] = lines[2].replace("\"status\":\"XX\"", "\"status\":42");
    byte[] changed = (String.join("\n", lines) + "\n").getBytes(UTF_8);

    try (CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      CorruptExportException refused =
          assertThrows(
              CorruptExportException.class,
              () -> target.engine().importFrom(new ByteArrayInputStream(changed), null));
      assertEquals("export line 3", refused.location());
      String message = refused.getMessage();
      assertTrue(message.contains("field 'status'"), message);
      assertTrue(message.contains("expected a string but found the number 42"), message);
      assertFalse(message.contains(" at line "), message);
      assertFalse(message.contains("column"), message);
      assertEquals(List.of("c2"), target.list().stream().map(Counter::id).toList());
    }
  }
}
