package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.CorruptJsonFileException;
import dev.burrow.DamagedDataException;
import dev.burrow.EventLog;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.filestore.Bookkeeping;
import dev.burrow.runtime.internal.filestore.Leftover;
import dev.burrow.runtime.internal.filestore.RootMaintenance;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.index.FileIndexes;
import dev.burrow.runtime.internal.index.IndexCheck;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.spi.PathSegments;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
          + " of one event log are one finding: the first, with why and how many there are.",
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
  private static final int PAGE = 500;

  @Option(
      names = "--repair",
      description =
          "Sweep crash leftovers, move damaged instances into .burrow/quarantine/ (nothing is"
              + " deleted; unreadable ones stay where they are) and rebuild damaged indexes.")
  boolean repair;

  /** Something found, where and why. */
  private record Finding(String location, String reason) {
    static Finding of(DamagedDataException e) {
      return new Finding(e.location(), Damage.reason(e));
    }

    static Finding of(Bookkeeping.Finding found) {
      return of(found.location(), found.reason());
    }

    static Finding of(Path location, String reason) {
      return new Finding(location.toString(), reason);
    }
  }

  private final List<Finding> damaged = new ArrayList<>();
  private final List<Finding> unreadable = new ArrayList<>();
  private final List<Finding> notes = new ArrayList<>();
  private final List<RootMaintenance.Quarantined> moved = new ArrayList<>();

  /** What {@code --repair} removed from {@code .burrow/tmp/} that no session made there. */
  private final List<TempFiles.PlantedEntry> removedFromTemporaryArea = new ArrayList<>();

  /**
   * What crashes (or processes exiting without closing their stores) left: found and left (plain
   * fsck), or swept ({@code --repair}).
   */
  private final List<Leftover> leftovers = new ArrayList<>();

  private FileIndexes.@Nullable Repair indexRepair;
  private long instances;
  private boolean swept;

  @Override
  public Integer call() {
    DataRoot opened;
    try {
      opened = openAndSweepOrList();
    } catch (CorruptJsonFileException damagedMarker) {
      damaged.add(Finding.of(damagedMarker));
      printUnchecked(
          "the instances were not checked: the kind marker says how to read them; Burrow never"
              + " rewrites it by itself, so restore it from a backup");
      return ExitCodes.DAMAGED;
    } catch (StorageException refused) {
      SafeFiles.RefusedFileException planted = plantedPath(refused);
      if (planted == null) {
        throw refused;
      }
      damaged.add(Finding.of(planted.path(), planted.reason()));
      printUnchecked(
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
        check(data, progress);
      } catch (RuntimeException | OutOfMemoryError e) {
        failure = e; // what was found and moved so far is printed all the same
      }
      print(data, failure);
    }
    if (failure instanceof RuntimeException stopped) {
      throw stopped;
    }
    if (failure instanceof OutOfMemoryError stopped) {
      throw stopped;
    }
    return damaged.isEmpty() && unreadable.isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGED;
  }

  /**
   * Opens the root without its sweep, then, with {@code --repair}, sweeps it (counting what it
   * removes), else lists the leftovers the sweep would remove, leaving them. Both come before the
   * checks, as the sweep comes first in every open, and a path of Burrow's planted where the sweep
   * looks is refused here, as an open refuses it.
   */
  private DataRoot openAndSweepOrList() {
    DataRoot data = DataRoot.openLeavingLeftovers(root, lockTimeout());
    try {
      if (repair) {
        RootMaintenance.RepairSweep done = data.sweep();
        swept = true;
        done.planted().forEach(this::removedPlanted);
        leftovers.addAll(done.swept());
      } else {
        leftovers.addAll(data.leftovers());
      }
      return data;
    } catch (RuntimeException e) {
      data.close();
      throw e;
    }
  }

  private void removedPlanted(TempFiles.PlantedEntry planted) {
    damaged.add(Finding.of(planted.path(), planted.reason()));
    Path keptAt = planted.keptAt();
    if (keptAt == null) {
      removedFromTemporaryArea.add(planted);
    } else {
      moved.add(new RootMaintenance.Quarantined(planted.path(), keptAt));
    }
  }

  private void check(DataRoot data, Progress progress) {
    data.checkBookkeeping().forEach(f -> damaged.add(Finding.of(f)));
    IndexCheck indexes = data.checkIndexes();
    DocumentRefusals refusals =
        new DocumentRefusals(repair ? location -> quarantine(data, location) : location -> {});
    for (PageRequest request = PageRequest.first(PAGE); request != null; ) {
      Page<RawDocument> page = data.page(request);
      for (CorruptInstanceException problem : page.problems()) {
        boolean damage = found(problem);
        if (damage) {
          data.instanceOf(problem)
              .ifPresent(
                  id -> {
                    instances++;
                    checkInstance(data, id);
                  });
        }
        progress.advance(1);
        if (damage) {
          refusals.damaged(problem);
        }
      }
      for (RawDocument document : page.items()) {
        instances++;
        refusals.read();
        checkEntriesOf(data, indexes, document, refusals);
        checkInstance(data, document.id());
        progress.advance(1);
      }
      request = page.next();
    }
    String suspicion = refusals.suspicion(data.kind().fields());
    if (suspicion != null) {
      damaged.add(Finding.of(data.kindMarker(), suspicion));
    }
    String shapeSuspicion = refusals.shapeSuspicion();
    if (shapeSuspicion != null) {
      notes.add(Finding.of(data.kindMarker(), shapeSuspicion));
    }
    checkEntries(data, indexes);
  }

  /**
   * Checks that the complete indexes hold {@code document}'s entries. A writer may have changed the
   * instance since its page was read, and then removed the entry of its old value, so a document
   * whose entries look missing is read again while holding the instance's lock, as its writers take
   * it, and checked as it is then: only an entry missing then is damage. An instance deleted
   * meanwhile has none to check; a lock not free within the lock timeout stops the check (exit 4),
   * as every lock the command waits for does.
   */
  private void checkEntriesOf(
      DataRoot data, IndexCheck indexes, RawDocument document, DocumentRefusals refusals) {
    if (indexes.holdsEntriesOf(document.id(), document.json())) {
      return;
    }
    InstanceLock lock = data.lock(document.id());
    try {
      data.find(document.id()).ifPresent(now -> indexes.document(now.id(), now.json()));
    } catch (CorruptInstanceException damagedMeanwhile) {
      if (found(damagedMeanwhile)) {
        refusals.damaged(damagedMeanwhile);
      }
    } finally {
      lock.close();
    }
  }

  /**
   * Checks what an instance holds besides its document, whether the document is sound or damaged:
   * its declared subdirectories and its event log.
   */
  private void checkInstance(DataRoot data, String id) {
    data.checkSubdirectories(id).forEach(f -> damaged.add(Finding.of(f)));
    checkEvents(data, id);
  }

  /**
   * Reads the instance's event log; an instance a writer deleted since its page was read has none.
   * Its damaged lines are one finding, the first with how many there were, so that a log of
   * millions of damaged lines costs neither memory nor output.
   */
  private void checkEvents(DataRoot data, String id) {
    Optional<EventLog<JsonNode>> log;
    try {
      log = data.events(id);
    } catch (InstanceNotFoundException deletedMeanwhile) {
      return;
    } catch (CorruptEventException refused) {
      found(refused);
      return;
    }
    log.ifPresent(
        events -> {
          LogDamage damage = new LogDamage(events.file());
          EventReader.read(events, 0, event -> {}, damage, damage);
          for (CorruptEventException problem : damage.reports()) {
            if (problem.tornTail()) {
              notes.add(Finding.of(problem));
            } else {
              found(problem);
            }
          }
        });
  }

  /**
   * Records {@code problem} as damage, or, if this process may not read the data (permission
   * denied), as unreadable: not damaged, only unchecked, so a repair leaves it where it is.
   *
   * @return whether it is damage
   */
  private boolean found(DamagedDataException problem) {
    boolean damage = !Damage.isUnreadable(problem);
    (damage ? damaged : unreadable).add(Finding.of(problem));
    return damage;
  }

  /**
   * Names the indexes' stale entries (notes) and damage; with {@code --repair}, rebuilds the
   * indexes if anything was found in them.
   */
  private void checkEntries(DataRoot data, IndexCheck indexes) {
    indexes.entries(id -> data.find(id).map(RawDocument::json));
    for (IndexCheck.Finding finding : indexes.findings()) {
      (finding.damage() ? damaged : notes).add(Finding.of(finding.location(), finding.reason()));
    }
    for (String component : indexes.incomplete()) {
      notes.add(
          new Finding(
              component,
              "the index of '"
                  + component
                  + "' is incomplete: the application rebuilds it before its next query on it"));
    }
    if (repair && !indexes.findings().isEmpty()) {
      FileIndexes.Repair done = data.repairIndexes();
      done.kept().forEach(k -> moved.add(new RootMaintenance.Quarantined(k.entry(), k.at())));
      indexRepair = done;
    }
  }

  private void quarantine(DataRoot data, String location) {
    RootMaintenance.Quarantined done = data.quarantine(Path.of(location));
    if (done != null) {
      moved.add(done);
    }
  }

  private void print(DataRoot data, @Nullable Throwable failure) {
    PrintWriter out = out();
    if (json) {
      out.println(Json.pretty(report(data.kind().kind(), data.path(), failure)));
      return;
    }
    damaged.forEach(f -> out.println(Damage.line(f.location(), f.reason())));
    unreadable.forEach(f -> out.println(Damage.unreadableLine(f.location(), f.reason())));
    notes.forEach(f -> out.println(Damage.note(f.location(), f.reason())));
    leftovers.forEach(
        leftover ->
            out.println(repair ? LeftoverReport.swept(leftover) : LeftoverReport.found(leftover)));
    removedFromTemporaryArea.forEach(
        planted ->
            out.println(
                Printable.escaped(
                    "removed: "
                        + planted.path()
                        + (planted.lease()
                            ? " (not a regular file, so no live session's lease; its session"
                                + " directory was swept)"
                            : " (not a directory, so no live session's; the entry itself was"
                                + " removed, never what a link points to)"))));
    moved.forEach(
        move ->
            out.println(
                Printable.escaped("quarantined: " + move.entry() + " -> " + move.target())));
    if (indexRepair != null) {
      printRepair(out, indexRepair);
    }
    String found =
        (damaged.isEmpty() ? "nothing damaged" : problems(data.path()))
            + (unreadable.isEmpty()
                ? ""
                : ", "
                    + unreadable.size()
                    + " unreadable (permission denied: not checked; not damage either, so"
                    + " --repair leaves it where it is)")
            + leftoverSummary();
    out.println(
        data.path()
            + ": "
            + Counts.of(instances, "instance")
            + " checked, "
            + (failure == null ? found : found + " before the check stopped (why: on stderr)"));
  }

  /** The {@code --json} report: every documented member, whatever could be checked. */
  private ObjectNode report(@Nullable String kind, Path at, @Nullable Throwable failure) {
    ObjectNode result = Json.object().put("kind", kind);
    result.put("root", at.toString()).put("instances", instances);
    ArrayNode problems = result.putArray("damaged");
    damaged.forEach(f -> problems.add(Damage.json(f.location(), f.reason())));
    ArrayNode unread = result.putArray("unreadable");
    unreadable.forEach(f -> unread.add(Damage.json(f.location(), f.reason())));
    ArrayNode quarantined = result.putArray("quarantined");
    moved.forEach(
        move ->
            quarantined.add(
                Json.object()
                    .put("entry", move.entry().toString())
                    .put("target", move.target().toString())));
    ArrayNode left = result.putArray("leftovers");
    leftovers.forEach(leftover -> left.add(LeftoverReport.json(leftover)));
    result.put("leftoverCount", leftovers.size()).put("leftoversSwept", swept);
    ArrayNode leases = result.putArray("leasesRemoved");
    removedFromTemporaryArea.forEach(planted -> leases.add(planted.path().toString()));
    if (indexRepair == null) {
      result.putNull("indexRepair");
    } else {
      ObjectNode indexes = result.putObject("indexRepair");
      indexRepair.rebuilt().forEach(indexes.putArray("rebuilt")::add);
      indexRepair.leftIncomplete().forEach(indexes.putArray("leftIncomplete")::add);
      ArrayNode removed = indexes.putArray("removed");
      indexRepair.removed().forEach(path -> removed.add(path.toString()));
      indexes.put("staleEntriesRemoved", indexRepair.staleRemoved());
    }
    ArrayNode noted = result.putArray("notes");
    notes.forEach(f -> noted.add(Damage.json(f.location(), f.reason())));
    result.put("failure", failure == null ? null : String.valueOf(failure.getMessage()));
    return result;
  }

  /** How many leftovers were found or swept, or nothing if there were none. */
  private String leftoverSummary() {
    if (leftovers.isEmpty()) {
      return "";
    }
    String counted = Counts.of(leftovers.size(), "leftover");
    return ", " + counted + (repair ? " swept" : " (not damage; fsck --repair removes them)");
  }

  /**
   * The damage found, counted as what it is: problems (each damaged file, or each damaged event
   * log), and how many instances they are in; those in no instance's directory (Burrow's own files,
   * the indexes, stray entries) are said to be outside them.
   */
  private String problems(Path root) {
    Path instancesDirectory = root.resolve("instances");
    Set<Path> inInstances = new HashSet<>();
    boolean outside = false;
    for (Finding finding : damaged) {
      Path location = Path.of(finding.location());
      Path instance =
          location.startsWith(instancesDirectory)
                  && instancesDirectory.relativize(location).getNameCount() >= 3
              ? instancesDirectory.resolve(instancesDirectory.relativize(location).subpath(0, 3))
              : null;
      if (instance != null && PathSegments.isValid(String.valueOf(instance.getFileName()))) {
        inInstances.add(instance);
      } else {
        outside = true;
      }
    }
    String found = Counts.of(damaged.size(), "problem") + " found";
    if (inInstances.isEmpty()) {
      return found + " outside the instances";
    }
    return found
        + " in "
        + Counts.of(inInstances.size(), "instance")
        + (outside ? " and outside them" : "");
  }

  private static void printRepair(PrintWriter out, FileIndexes.Repair done) {
    done.removed()
        .forEach(path -> out.println(Printable.escaped("removed from the indexes: " + path)));
    if (!done.rebuilt().isEmpty()) {
      out.println(
          "indexes rebuilt: "
              + String.join(", ", done.rebuilt().stream().map(Printable::escaped).toList())
              + "; "
              + Counts.of(done.staleRemoved(), "stale entry", "stale entries")
              + " removed");
    }
    done.leftIncomplete()
        .forEach(
            component ->
                out.println(
                    "index left incomplete: "
                        + Printable.escaped(component)
                        + " (the application rebuilds it before its next query on it)"));
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

  /**
   * The report when the root cannot be opened because of the damage found (the kind marker, or a
   * path of Burrow's own): nothing else could be checked, and {@code why}.
   */
  private void printUnchecked(String why) {
    Path at = root.toAbsolutePath().normalize();
    PrintWriter out = out();
    if (json) {
      notes.add(Finding.of(at, why));
      out.println(Json.pretty(report(null, at, null)));
      return;
    }
    damaged.forEach(f -> out.println(Damage.line(f.location(), f.reason())));
    out.println(Damage.located(at.toString(), why));
  }
}
