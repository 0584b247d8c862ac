package dev.burrow.cli.command;

import dev.burrow.cli.root.DataRoot;
import dev.burrow.cli.root.ReportedLocation;
import dev.burrow.runtime.internal.filestore.RootMaintenance;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.index.FileIndexes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code fsck --repair} changes in a data root, made with the runtime's own maintenance, and
 * the record of it for the report: the sweep of crash leftovers and planted entries, the damaged
 * instances moved into {@code .burrow/quarantine/}, and the rebuild of damaged indexes. Plain
 * {@code fsck} makes none of these, and reports none.
 */
final class FsckRepairs {
  private final FirstNamed<RootMaintenance.Quarantined> moved = new FirstNamed<>();

  /** What the sweep removed from {@code .burrow/tmp/} that no session made there. */
  private final List<TempFiles.PlantedEntry> removedFromTemporaryArea = new ArrayList<>();

  private FileIndexes.@Nullable Repair indexRepair;
  private boolean swept;

  /**
   * Sweeps the root: removes or moves what is planted where the sweep looks, each one damage found
   * and repaired, then what crashes left (see {@link RootMaintenance#sweepForRepair}), recorded in
   * {@code findings} as the leftovers swept.
   */
  void sweep(DataRoot data, FsckFindings findings) {
    RootMaintenance.RepairSweep done = data.maintenance().sweepForRepair();
    swept = true;
    for (TempFiles.PlantedEntry planted : done.planted()) {
      findings.damaged(FsckFindings.Finding.of(planted.path(), planted.reason()));
      Path keptAt = planted.keptAt();
      if (keptAt == null) {
        removedFromTemporaryArea.add(planted);
      } else {
        moved.add(new RootMaintenance.Quarantined(planted.path(), keptAt));
      }
    }
    findings.leftovers(done.swept());
  }

  /**
   * Moves the damaged instance or stray entry at {@code location} into the quarantine, under the
   * instance's lock (see {@link RootMaintenance#quarantine}); nothing if it was repaired or deleted
   * meanwhile.
   */
  void quarantine(DataRoot data, String location) {
    ReportedLocation.find(location)
        .map(entry -> data.maintenance().quarantine(entry))
        .ifPresent(moved::add);
  }

  /**
   * Rebuilds each complete index and removes stale entries and what is planted in the indexes (see
   * {@link RootMaintenance#repairIndexes}); a planted directory with entries is moved into the
   * quarantine whole.
   */
  void rebuildIndexes(DataRoot data) {
    FileIndexes.Repair done = data.maintenance().repairIndexes();
    done.kept().forEach(k -> moved.add(new RootMaintenance.Quarantined(k.entry(), k.at())));
    indexRepair = done;
  }

  /**
   * What was moved into the quarantine, in the order it was moved: the first ones, and how many.
   */
  FirstNamed<RootMaintenance.Quarantined> moved() {
    return moved;
  }

  List<TempFiles.PlantedEntry> removedFromTemporaryArea() {
    return removedFromTemporaryArea;
  }

  /** The rebuild of the indexes, or null if none was needed or asked for. */
  FileIndexes.@Nullable Repair indexRepair() {
    return indexRepair;
  }

  /** Whether the leftovers found were swept, not only found. */
  boolean swept() {
    return swept;
  }
}
