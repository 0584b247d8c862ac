package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptInstanceException;
import dev.burrow.ImportSummary;
import java.util.function.Consumer;

/**
 * What an import or a copy did, counted as it goes: the {@link ImportSummary} it returns. Each
 * entry of instance directories it does not write is counted and handed on, named with why; each
 * instance whose document it does not write because the target holds it damaged is counted as
 * damaged too (the target lacks the source's document), and handed on as such.
 */
final class ImportCounts {
  private final Consumer<Skipped> skips;
  private final Consumer<CorruptInstanceException> heldDamaged;
  long created;
  long replaced;
  long unchanged;
  long keptNewer;
  long files;
  long damaged;
  long skipped;

  ImportCounts(Consumer<Skipped> skips) {
    this(skips, damaged -> {});
  }

  /**
   * @param heldDamaged takes each instance the target holds damaged, whose document is therefore
   *     not written, with why
   */
  ImportCounts(Consumer<Skipped> skips, Consumer<CorruptInstanceException> heldDamaged) {
    this.skips = skips;
    this.heldDamaged = heldDamaged;
  }

  /**
   * Counts an instance the target holds damaged ({@code damaged}, as the target reported it) as
   * skipped and as damaged, since the target lacks the source's document, and hands it on, named
   * with {@code why}.
   */
  void heldDamaged(CorruptInstanceException damaged, String why) {
    this.damaged++;
    skipped++;
    skips.accept(new Skipped(damaged.location(), why, true));
    heldDamaged.accept(new CorruptInstanceException(damaged.location(), why, damaged));
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
