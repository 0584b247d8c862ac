package dev.burrow.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BurrowException;
import dev.burrow.CorruptExportException;
import dev.burrow.CorruptJsonFileException;
import dev.burrow.Durability;
import dev.burrow.runtime.internal.text.JsonReadFailure;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;

/**
 * JSON Burrow cannot read (a file of an instance's, the kind marker, an export line) is reported
 * the same way everywhere: the message names the file and the problem with the line and column,
 * without Jackson's source descriptions, and the cause is a {@link JsonReadFailure}, not Jackson's
 * exception, which holds its parser and with it the bytes it read.
 */
class JsonDamageCauseTest {
  @TempDir Path root;

  record Note(String text) {}

  @Test
  void aDamagedJsonFileIsReportedWithoutJacksonsSourceOrParser() throws Exception {
    try (CounterStore store = Stores.counters(root, Durability.NONE)) {
      String id = store.create().id();
      store.files(id).write("note.json", new Note("fine"));
      Files.writeString(store.files(id).file("note.json"), "{\"text\": \"abc\"");

      assertReported(
          assertThrows(
              CorruptJsonFileException.class, () -> store.files(id).read("note.json", Note.class)),
          "note.json");
    }
  }

  @Test
  void aDamagedKindMarkerIsReportedWithoutJacksonsParser() throws Exception {
    Stores.counters(root, Durability.NONE).close();
    Files.writeString(root.resolve(".burrow/store.json"), "{\"layout\": ");

    assertReported(
        assertThrows(
            CorruptJsonFileException.class, () -> Stores.counters(root, Durability.NONE).close()),
        "store.json");
  }

  @Test
  void aDamagedExportLineIsReportedWithoutJacksonsParser() {
    byte[] export = "{\"burrow\":\"export\", oops\n".getBytes(UTF_8);
    try (CounterStore store = Stores.counters(root, Durability.NONE)) {
      assertReported(
          assertThrows(
              CorruptExportException.class,
              () -> store.engine().importFrom(new ByteArrayInputStream(export), null)),
          "line 1");
    }
  }

  private static void assertReported(BurrowException e, String where) {
    String message = e.getMessage();
    assertTrue(message.contains(where), message);
    assertFalse(message.contains("[Source"), message);
    assertFalse(message.contains("REDACTED"), message);
    assertTrue(e.getCause() instanceof JsonReadFailure, String.valueOf(e.getCause()));
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      assertFalse(cause instanceof JacksonException, cause.toString());
    }
  }
}
