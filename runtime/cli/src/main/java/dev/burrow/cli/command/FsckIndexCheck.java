package dev.burrow.cli.command;

import dev.burrow.CorruptInstanceException;
import dev.burrow.InstanceLock;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.runtime.internal.index.IndexCheck;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What {@code fsck} checks of the root's indexes: that the complete ones hold each document's
 * entries, then what they hold that is stale (a note) or damaged; with {@code --repair}, the
 * rebuild of the indexes if anything was found in them. Incomplete indexes are noted: the
 * application rebuilds them.
 */
final class FsckIndexCheck {
  private final DataRoot data;
  private final FsckFindings findings;
  private final IndexCheck indexes;

  /** Starts the check of {@code data}'s indexes; reads only. */
  FsckIndexCheck(DataRoot data, FsckFindings findings) {
    this.data = data;
    this.findings = findings;
    this.indexes = data.maintenance().checkIndexes();
  }

  /**
   * Checks that the complete indexes hold {@code document}'s entries. A writer may have changed the
   * instance since its page was read, and then removed the entry of its old value, so a document
   * whose entries look missing is read again while holding the instance's lock, as its writers take
   * it, and checked as it is then: only an entry missing then is damage. An instance deleted
   * meanwhile has none to check; one damaged meanwhile is recorded as such and handed to {@code
   * refusals}; a lock not free within the lock timeout stops the check (exit 4), as every lock the
   * command waits for does.
   */
  void entriesOf(RawDocument document, DocumentRefusals refusals) {
    if (indexes.holdsEntriesOf(document.id(), document.json())) {
      return;
    }
    InstanceLock lock = data.lock(document.id());
    try {
      data.find(document.id()).ifPresent(now -> indexes.document(now.id(), now.json()));
    } catch (CorruptInstanceException damagedMeanwhile) {
      if (findings.found(damagedMeanwhile)) {
        refusals.damaged(damagedMeanwhile);
      }
    } finally {
      lock.close();
    }
  }

  /**
   * Once every document is checked: names the indexes' stale entries (notes), damage, directories
   * it may not read (unreadable) and incomplete indexes; with {@code repairs} ({@code --repair}),
   * rebuilds the indexes if anything was found in them.
   */
  void finish(@Nullable FsckRepairs repairs) {
    indexes.entries(id -> data.find(id).map(RawDocument::json));
    for (IndexCheck.Finding finding : indexes.findings()) {
      FsckFindings.Finding found = FsckFindings.Finding.of(finding.location(), finding.reason());
      if (finding.damage()) {
        findings.damaged(found);
      } else {
        findings.note(found);
      }
    }
    for (Path directory : indexes.unreadable()) {
      findings.unreadable(
          FsckFindings.Finding.of(
              directory,
              "the index directory cannot be read (permission denied); the entries in it are not"
                  + " checked"));
    }
    for (String component : indexes.entriesInTopsUnrecorded()) {
      findings.damaged(
          FsckFindings.Finding.of(
              data.kindMarker(),
              "it records layout 2, but the index of '"
                  + component
                  + "' keeps entries directly in top-level shards, as only layout 3 does: a Burrow"
                  + " of layout 2 would remove them as strays, and its queries would miss those"
                  + " instances; open the root with a store of the application that declares"
                  + " indexes, under Durability.FSYNC, which records layout 3"));
    }
    for (String component : indexes.incomplete()) {
      findings.note(
          new FsckFindings.Finding(
              component,
              "the index of '"
                  + component
                  + "' is incomplete: the application rebuilds it before its next query on it"));
    }
    if (repairs != null && !indexes.findings().isEmpty()) {
      repairs.rebuildIndexes(data);
    }
  }
}
