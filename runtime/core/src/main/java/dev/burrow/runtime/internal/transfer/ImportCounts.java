package dev.burrow.runtime.internal.transfer;

import dev.burrow.ImportSummary;
import java.util.function.Consumer;

/**
 * What an import or a copy did, counted as it goes: the {@link ImportSummary} it returns. Each
 * entry of instance directories it does not write is counted and handed on, named with why.
 */
final class ImportCounts {
  private final Consumer<Skipped> skips;
  long created;
  long replaced;
  long unchanged;
  long keptNewer;
  long files;
  long damaged;
  long skipped;

  ImportCounts(Consumer<Skipped> skips) {
    this.skips = skips;
  }

  /** Counts an entry of instance directories not written, and hands it on. */
  void skip(Skipped entry) {
    skipped++;
    skips.accept(entry);
  }

  /**
   * Counts what {@link FilePlacer#place} did with the file at {@code relativePath} of {@code id}.
   */
  void count(FilePlacer.Placed placed, String id, String relativePath) {
    String why = placed.skipped();
    if (placed.written()) {
      files++;
    } else if (why != null) {
      skip(new Skipped(id + "/" + relativePath, why));
    }
  }

  ImportSummary summary() {
    return new ImportSummary(created, replaced, unchanged, keptNewer, files, damaged, skipped);
  }
}
