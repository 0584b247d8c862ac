package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptExportException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.ExportSummary;
import dev.burrow.ImportSummary;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source or a target with a damaged instance: the import and copy summaries count what was left
 * out, so a caller learns from the library's result alone that the target lacks an instance.
 */
class DamagedSourceTest {
  @TempDir Path work;

  private final List<CorruptInstanceException> reported = new ArrayList<>();

  private CounterStore damagedSource() throws Exception {
    CounterStore source =
        new CounterStore(
            StoreEngine.open(
                CounterSchema.INSTANCE,
                StoreOptions.defaults()
                    .withDataRoot(work.resolve("source"))
                    .withDurability(Durability.NONE)
                    .withCorruptionListener(reported::add)));
    source.create("kept-1");
    source.create("broken");
    source.create("kept-2");
    Files.writeString(
        Stores.instanceDirectory(work.resolve("source"), "broken").resolve("instance.json"), "[]");
    return source;
  }

  @Test
  void aCopyCountsTheDamagedInstancesItLeftBehind() throws Exception {
    try (CounterStore source = damagedSource();
        CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      ImportSummary copied = source.engine().copyTo(target.engine());

      assertEquals(new ImportSummary(2, 0, 0, 0, 0, 1), copied);
      assertEquals(1, reported.size(), "and the listener named it");
      assertEquals(2, target.list().size());
    }
  }

  @Test
  void anImportCountsTheDamagedInstancesTheExportLeftOut() throws Exception {
    try (CounterStore source = damagedSource();
        CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      ByteArrayOutputStream export = new ByteArrayOutputStream();
      ExportSummary exported = source.engine().exportTo(export, null);
      assertEquals(new ExportSummary(2, 1, 0), exported);

      ImportSummary imported =
          target.engine().importFrom(new ByteArrayInputStream(export.toByteArray()), null);

      assertEquals(new ImportSummary(2, 0, 0, 0, 0, 1), imported);
    }
  }

  /** A store at {@code root} reporting to {@link #reported}, holding job-1. */
  private CounterStore listenedWithJob(Path root) throws Exception {
    CounterStore store =
        new CounterStore(
            StoreEngine.open(
                CounterSchema.INSTANCE,
                StoreOptions.defaults()
                    .withDataRoot(root)
                    .withDurability(Durability.NONE)
                    .withCorruptionListener(reported::add)));
    store.create("job-1");
    return store;
  }

  /** A target holding job-1 damaged. */
  private CounterStore damagedTarget() throws Exception {
    CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE);
    target.create("job-1");
    Files.writeString(
        Stores.instanceDirectory(work.resolve("target"), "job-1").resolve("instance.json"), "[]");
    return target;
  }

  /**
   * An instance the target holds damaged is one the copy did not write, so the target lacks the
   * source's: the summary counts it in damaged, where the docs tell a caller to look before
   * retiring the source, and the source's corruption listener names it. Before, it was counted in
   * skipped only, and damaged() == 0 said the target had every instance.
   */
  @Test
  void aCopyCountsAnInstanceTheTargetHoldsDamagedAsOneTheTargetLacks() throws Exception {
    try (CounterStore source = listenedWithJob(work.resolve("source"));
        CounterStore target = damagedTarget()) {
      ImportSummary copied = source.engine().copyTo(target.engine());

      assertEquals(new ImportSummary(0, 0, 0, 0, 0, 1, 1), copied);
      assertEquals(1, reported.size(), "and the listener named it: " + reported);
      assertTrue(reported.get(0).location().contains("job-1"), String.valueOf(reported.get(0)));
    }
  }

  @Test
  void anImportCountsAnInstanceTheTargetHoldsDamagedAsOneTheTargetLacks() throws Exception {
    try (CounterStore source = listenedWithJob(work.resolve("source"));
        CounterStore target = damagedTarget()) {
      ByteArrayOutputStream export = new ByteArrayOutputStream();
      source.engine().exportTo(export, null);

      ImportSummary imported =
          target.engine().importFrom(new ByteArrayInputStream(export.toByteArray()), null);

      assertEquals(new ImportSummary(0, 0, 0, 0, 0, 1, 1), imported);
    }
  }

  /**
   * An export cut short after a document the import skipped (the target holds its instance damaged)
   * is not said to be all imported. Before, the message said "all imported".
   */
  @Test
  void aCutShortExportDoesNotSayASkippedDocumentWasImported() throws Exception {
    try (CounterStore source = listenedWithJob(work.resolve("source"));
        CounterStore target = damagedTarget()) {
      ByteArrayOutputStream export = new ByteArrayOutputStream();
      source.engine().exportTo(export, null);
      byte[] whole = export.toByteArray();
      int lastLine = whole.length - 2;
      while (whole[lastLine] != '\n') {
        lastLine--;
      }
      byte[] cut = Arrays.copyOf(whole, lastLine + 1); // without the closing line

      CorruptExportException refused =
          assertThrows(
              CorruptExportException.class,
              () -> target.engine().importFrom(new ByteArrayInputStream(cut), null));

      assertFalse(refused.getMessage().contains("all imported"), refused.getMessage());
      assertTrue(
          refused.getMessage().contains("cut short after 1 documents (imported, or skipped as"),
          refused.getMessage());
    }
  }
}
