package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source with a damaged instance: the import and copy summaries count what was left out, so a
 * caller learns from the library's result alone that the target lacks an instance.
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
}
