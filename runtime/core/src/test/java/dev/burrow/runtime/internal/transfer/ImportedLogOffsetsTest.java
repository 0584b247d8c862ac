package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.EventLog;
import dev.burrow.ImportSummary;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Step;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE);
        CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      String id = source.create().id();
      EventLog<Step> exported = source.events(id, Step.class);
      exported.append(Step.of(1));
      exported.append(Step.of(2));
      target.create(id);
      EventLog<Step> log = target.events(id, Step.class);
      log.append(Step.of(8));
      long end = log.read(0).nextOffset();
      replaceByImport(target, id, log.file(), exported.file());

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
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE);
        CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      String id = source.create().id();
      EventLog<Step> exported = source.events(id, Step.class);
      exported.append(Step.of(1));
      exported.append(Step.of(2));
      target.create(id);
      EventLog<Step> appender = target.events(id, Step.class);
      appender.append(Step.of(8));
      long end = appender.read(0).nextOffset();
      EventLog<Step> obtainedBefore = target.events(id, Step.class);
      replaceByImport(target, id, obtainedBefore.file(), exported.file());

      IllegalArgumentException replaced =
          assertThrows(
              IllegalArgumentException.class,
              () -> obtainedBefore.read(end, 10),
              () -> "read in the imported log: " + obtainedBefore.read(end).values());
      assertTrue(replaced.getMessage().contains("replaced it (an import)"), replaced.getMessage());
      assertEquals(List.of(Step.of(1), Step.of(2)), obtainedBefore.read(0).values());
    }
  }

  /**
   * Imports the target's own export with {@code exported} archived as instance {@code id}'s log,
   * newer than the target's log {@code targetLog}, so that the import replaces that log.
   */
  private static void replaceByImport(CounterStore target, String id, Path targetLog, Path exported)
      throws IOException {
    Instant now = Instant.now();
    Files.setLastModifiedTime(targetLog, FileTime.from(now.minus(Duration.ofHours(2))));
    ByteArrayOutputStream documents = new ByteArrayOutputStream();
    target.engine().exportTo(documents, null);
    ImportSummary summary =
        target
            .engine()
            .importFrom(
                new ByteArrayInputStream(documents.toByteArray()),
                new ByteArrayInputStream(
                    ImportBesideAppendersTest.archive(
                        id, exported, now.minus(Duration.ofHours(1)))));
    assertEquals(1, summary.files(), "the older log was replaced");
  }
}
