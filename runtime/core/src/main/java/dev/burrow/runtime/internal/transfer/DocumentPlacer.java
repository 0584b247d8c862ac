package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptInstanceException;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.StorageException;
import dev.burrow.VersionConflictException;
import java.util.Optional;

/**
 * Places an imported or copied document into the target: creates it, replaces an older version, or
 * keeps what the target holds, with one atomic write of the target at most, decided by the stored
 * version. So placing the same document again creates nothing twice and overwrites nothing newer,
 * which makes an import killed at any point safe to run again.
 */
final class DocumentPlacer {
  /** How often {@link #place} decides again for an instance that other writers keep changing. */
  static final int MAX_RACES = 100;

  private DocumentPlacer() {}

  /**
   * Creates, replaces or keeps {@code document}, counting which. An instance the target holds
   * damaged is left as it is, and counted as skipped and as damaged (the target lacks the source's
   * document), named with why ({@link ImportCounts#heldDamaged}). A write refused because the
   * instance was created, written or deleted meanwhile is decided again, up to {@value #MAX_RACES}
   * times; a create refused although no instance is there afterwards is no such race, and fails.
   *
   * @return false if the target holds the instance damaged, so that nothing of it is to be written
   *     over it, its files neither
   * @throws StorageException if a create is refused with no instance there, or the instance keeps
   *     changing under the import
   */
  static <T> boolean place(TransferView<T> target, RawDocument document, ImportCounts counts) {
    String id = document.id();
    for (int attempt = 1; ; attempt++) {
      RuntimeException raced;
      Optional<RawDocument> stored;
      try {
        stored = target.find(id);
      } catch (CorruptInstanceException damaged) {
        counts.heldDamaged(
            damaged,
            "the target holds this instance damaged ("
                + Reasons.reason(damaged)
                + "): the source's document is not written over it, so the target lacks it; move"
                + " it aside (in a data root, fsck --repair does) or delete it, then run again");
        return false;
      }
      if (stored.isEmpty()) {
        try {
          target.insert(document);
          counts.created++;
          return true;
        } catch (InstanceAlreadyExistsException refused) {
          if (target.find(id).isEmpty()) {
            throw new StorageException(
                "cannot create instance '"
                    + id
                    + "': the store refuses it as existing, yet no document of it can be found",
                refused);
          }
          raced = refused;
        }
      } else {
        long version = stored.get().version();
        if (version == document.version()) {
          counts.unchanged++;
          return true;
        }
        if (version > document.version()) {
          counts.keptNewer++;
          return true;
        }
        try {
          target.replace(id, version, document);
          counts.replaced++;
          return true;
        } catch (VersionConflictException | InstanceNotFoundException written) {
          raced = written; // written or deleted meanwhile: decide again
        }
      }
      if (attempt == MAX_RACES) {
        throw new StorageException(
            "instance '"
                + id
                + "' was changed by another writer each of the "
                + MAX_RACES
                + " times the import tried to write it; run the import again",
            raced);
      }
    }
  }
}
