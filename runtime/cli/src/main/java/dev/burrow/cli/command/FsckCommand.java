package dev.burrow.cli.command;

import dev.burrow.CorruptJsonFileException;
import dev.burrow.EventLog;
import dev.burrow.StorageException;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.runtime.internal.filestore.DataRootOwners;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code burrow fsck}: checks every document and event log, naming each damaged file and why. */
@Command(
    name = "fsck",
    description = {
      "Checks every document and event log, each instance's declared subdirectories, the indexes"
          + " and Burrow's own files under .burrow/, the session leases in .burrow/tmp/ included"
          + " (a link, FIFO or other special file or a directory where a lease file belongs, or"
          + " anything but a directory in a session directory's place, is planted: no live"
          + " session's, never opened or followed), the workers' directory (only their leases and"
          + " marks belong there) and the index journal's"
          + " logs (one that is not a regular file of at most 16 MiB is never read); names each"
          + " damaged file and why. Names what crashes left under .burrow/ that the other"
          + " commands sweep as they open the root (abandoned staging directories, trash, the"
          + " temporary files of writers that are gone; not work in progress of a live process),"
          + " one 'leftover:' line each, and leaves it there: leftovers are no damage.",
      "Exits 1 if anything is damaged, a damaged .burrow/store.json included, or a link or"
          + " special file where Burrow's own directories or lock file belong, which no store opens"
          + " a root with (then nothing else can be checked), or if a document, shard or event log may not be read"
          + " (permission denied): that is named as unreadable, not damaged, since it could not be"
          + " checked. A torn last event line (left by a crash, skipped by readers) and a stale"
          + " index entry (removed by queries) are noted, not counted as damage. The damaged lines"
          + " of one event log are one finding: the first, with why and how many there are. The"
          + " first 1000 damaged or unreadable findings are named, then how many more there are,"
          + " and likewise the notes, the leftovers and the entries moved into the quarantine:"
          + " the rest are counted, not held (--repair still repairs them all).",
      "With --repair, first removes each planted lease and what is planted in a session"
          + " directory's place (the sweep never opens it; one that is a directory with entries is"
          + " moved into .burrow/quarantine/ instead), moves what does not belong in"
          + " .burrow/workers/ into .burrow/quarantine/, and sweeps"
          + " what crashes left behind (as opening a store does; one 'swept:' line each), then"
          + " moves each damaged instance (and each entry of instances/ that is not an instance)"
          + " into .burrow/quarantine/, under the instance's lock, deleting nothing (an unreadable"
          + " instance is not damaged and stays where it is; one refused for its ID or version by"
          + " the field names .burrow/store.json records only once another document confirms"
          + " them, else store.json is named as the suspect and nothing is moved for it); damaged"
          + " event"
          + " lines stay, since readers skip them, a link or file in place of a declared subdirectory"
          + " stays (only named: the instance's document and files are sound), and other damaged"
          + " files under .burrow/ are only named. Then, if an index has damage or stale entries,"
          + " rebuilds each complete index from the documents' JSON with the runtime's own rebuild, under the lock the"
          + " application's rebuilds take (safe beside running writers; a crash leaves the index"
          + " incomplete, for the application to rebuild), removes its stale entries under their"
          + " instances' locks, and removes links and files planted in the indexes, and entries or"
          + " ready markers that are no empty file (a link, never followed, a FIFO, a hard link's"
          + " name, never written through; a directory with entries or a file with content is"
          + " moved whole into .burrow/quarantine/, nothing in it followed or deleted), which the"
          + " rebuild makes again as files (a marker's name still names its default). An index"
          + " complete but for the .unmaintained mark of a store that does not declare it is"
          + " rebuilt too. One without a ready marker stays incomplete: documents written before"
          + " its component existed read"
          + " as the component's default, which only the application's classes know, so the"
          + " application rebuilds it before its next query on it. It exits as without --repair:"
          + " 1 if it found damage, the damage it repaired included (a planted lease removed, a"
          + " damaged instance moved); run fsck again to confirm the root is clean."
    })
public final class FsckCommand extends RootCommand {
  @Option(
      names = "--repair",
      description =
          "Sweep crash leftovers, move damaged instances into .burrow/quarantine/ (nothing is"
              + " deleted; unreadable ones stay where they are) and rebuild damaged indexes.")
  boolean repair;

  /** Hands on each event log before it is read; a test deletes an instance through it. */
  UnaryOperator<EventLog<JsonNode>> logs = UnaryOperator.identity();

  private final FsckFindings findings = new FsckFindings();
  private final FsckRepairs repairs = new FsckRepairs();

  @Override
  public Integer call() {
    FsckReport report = new FsckReport(out(), json, findings, repairs);
    DataRoot opened;
    try {
      opened = openAndSweepOrList();
    } catch (CorruptJsonFileException damaged) {
      findings.damaged(FsckFindings.Finding.of(damaged));
      report.unchecked(
          absoluteRoot(),
          damaged.location().equals(kindMarker().toString())
              ? "the instances were not checked: the kind marker says how to read them; Burrow"
                  + " never rewrites it by itself, so restore it from a backup"
              : "the instances were not checked: no store opens the root as it is");
      return ExitCodes.DAMAGED;
    } catch (StorageException refused) {
      SafeFiles.RefusedFileException planted = plantedPath(refused);
      if (planted == null) {
        throw refused;
      }
      findings.damaged(FsckFindings.Finding.of(planted.path(), planted.reason()));
      report.unchecked(
          absoluteRoot(),
          "the instances were not checked: no store opens a root with a planted path where"
              + " Burrow's own belongs; Burrow never follows it and never removes it by itself:"
              + " put back what belongs there (the next open makes a missing one again, empty)");
      return ExitCodes.DAMAGED;
    }
    @Nullable Throwable failure = null;
    try (DataRoot data = opened) {
      try (Progress progress =
          Progress.start(
              err(), "checking instances", Progress.Unit.COUNT, data::countEntries, !json)) {
        new FsckPass(data, findings, repair ? repairs : null, logs).run(progress);
      } catch (RuntimeException | OutOfMemoryError e) {
        failure = e; // what was found and moved so far is printed all the same
      }
      report.checked(data.kind().kind(), data.directory(), failure);
    }
    if (failure instanceof RuntimeException stopped) {
      throw stopped;
    }
    if (failure instanceof OutOfMemoryError stopped) {
      throw stopped;
    }
    return findings.clean() ? ExitCodes.OK : ExitCodes.DAMAGED;
  }

  /**
   * Opens the root without its sweep, then, with {@code --repair}, sweeps it (counting what it
   * removes), else lists the leftovers the sweep would remove, leaving them. Both come before the
   * checks, as the sweep comes first in every open, and a path of Burrow's planted where the sweep
   * looks is refused here, as an open refuses it.
   */
  private DataRoot openAndSweepOrList() {
    DataRoot data = DataRoot.openLeavingLeftovers(root, lockTimeout());
    findings.root(data.directory());
    try {
      if (repair) {
        repairs.sweep(data, findings);
      } else {
        findings.leftovers(data.maintenance().leftovers());
      }
      return data;
    } catch (RuntimeException e) {
      data.close();
      throw e;
    }
  }

  private Path absoluteRoot() {
    return root.toAbsolutePath().normalize();
  }

  private Path kindMarker() {
    return DataRootOwners.file(absoluteRoot(), DataRootOwners.FILESYSTEM);
  }

  /**
   * The planted path (a link, a special file, a file in a directory's place) for which opening the
   * root refused it, or null if the open failed for another reason.
   */
  private static SafeFiles.@Nullable RefusedFileException plantedPath(StorageException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SafeFiles.RefusedFileException planted) {
        return planted;
      }
    }
    return null;
  }
}
