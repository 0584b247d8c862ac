package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.EventLog;
import dev.burrow.ImportSummary;
import dev.burrow.runtime.testing.Step;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import that replaces a live instance's event log with the export's puts another file in its
 * place, in the same instance directory: an offset a log handed out before is in the replaced file,
 * and is refused rather than read in the imported log. Before, the read returned the imported log
 * from there, leaving out its first events without a word.
 */
class ImportedLogOffsetsTest {
  @TempDir Path work;

  @Test
  void anOffsetIntoALogAnImportReplacedIsNotReadInTheImportedLog() throws Exception {
    try (LogImport logs = new LogImport(work, Step.of(1), Step.of(2))) {
      EventLog<Step> log = logs.targetLog();
      log.append(Step.of(8));
      long end = log.read(0).nextOffset();
      replaceByImport(logs);

      IllegalArgumentException replaced =
          assertThrows(
              IllegalArgumentException.class,
              () -> log.read(end),
              () -> "read in the imported log: " + log.read(end).values());
      assertTrue(replaced.getMessage().contains("replaced it (an import)"), replaced.getMessage());
      assertThrows(IllegalArgumentException.class, () -> log.read(end, 10), "in pages too");
      assertEquals(List.of(Step.of(1), Step.of(2)), log.read(0).values(), "the imported log");
      assertEquals(List.of(Step.of(2)), log.read(log.read(0, 1).nextOffset()).values());
    }
  }

  /**
   * A log obtained before the import and not used until after it, given an offset another log
   * handed out before the import (as {@code events --follow} hands each poll's offset to a log it
   * obtains for that poll): the offset is in the replaced file, and is refused. Before, such a log
   * knew no file yet, and read the imported log from there, leaving out its first event.
   */
  @Test
  void anOffsetIntoTheReplacedLogIsRefusedByALogObtainedBeforeTheImport() throws Exception {
    try (LogImport logs = new LogImport(work, Step.of(1), Step.of(2))) {
      EventLog<Step> appender = logs.targetLog();
      appender.append(Step.of(8));
      long end = appender.read(0).nextOffset();
      EventLog<Step> obtainedBefore = logs.targetLog();
      replaceByImport(logs);

      IllegalArgumentException replaced =
          assertThrows(
              IllegalArgumentException.class,
              () -> obtainedBefore.read(end, 10),
              () -> "read in the imported log: " + obtainedBefore.read(end).values());
      assertTrue(replaced.getMessage().contains("replaced it (an import)"), replaced.getMessage());
      assertEquals(List.of(Step.of(1), Step.of(2)), obtainedBefore.read(0).values());
    }
  }

  /** Imports the source's log over the target's, which it replaces. */
  private static void replaceByImport(LogImport logs) throws IOException {
    ImportSummary summary =
        logs.target.engine().importFrom(logs.documents(), new ByteArrayInputStream(logs.archive()));
    assertEquals(1, summary.files(), "the older log was replaced");
  }
}
