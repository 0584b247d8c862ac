package dev.burrow.cli.command;

import dev.burrow.DamagedDataException;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.LeftOut;
import dev.burrow.cli.root.ReportedLocation;
import dev.burrow.runtime.internal.filestore.Bookkeeping;
import dev.burrow.runtime.internal.filestore.Leftover;
import dev.burrow.runtime.internal.store.StrayEntryException;
import dev.burrow.spi.PathSegments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@code fsck} found in a data root, in the order it found it: damage, what it may not read,
 * what is no damage but worth a note, the leftovers of crashes, and how many instances it checked.
 * The root is clean if nothing is damaged and nothing unreadable. The first {@link
 * LeftOut#MAX_NAMED} damaged or unreadable findings are kept to name, and as many of the notes and
 * of the leftovers; the others are counted, not held, so that a root with any amount of damage is
 * checked in bounded memory.
 */
final class FsckFindings {
  /**
   * Something found, where and why; {@code stray} if it is an entry of {@code instances/} that is
   * no instance ({@link StrayEntryException}), whatever its name.
   */
  record Finding(String location, String reason, boolean stray) {
    Finding(String location, String reason) {
      this(location, reason, false);
    }

    static Finding of(DamagedDataException e) {
      return new Finding(e.location(), Damage.reason(e), e instanceof StrayEntryException);
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
  private long damagedCount;
  private long unreadableCount;
  private final FirstNamed<Finding> notes = new FirstNamed<>();

  /**
   * What crashes (or processes exiting without closing their stores) left: found and left (plain
   * fsck), or swept ({@code --repair}).
   */
  private final FirstNamed<Leftover> leftovers = new FirstNamed<>();

  private long instances;

  /** The root's {@code instances/}, once the root is open: where damage is in an instance. */
  private @Nullable Path instancesDirectory;

  private @Nullable Path lastDamagedInstance;
  private long damagedInstances;
  private boolean damagedOutside;

  /** Tells where the instances of the root at {@code directory}, as opened, are. */
  void root(Path directory) {
    instancesDirectory = directory.resolve("instances");
  }

  /**
   * Records {@code problem} as damage, or, if this process may not read the data (permission
   * denied), as unreadable: not damaged, only unchecked, so a repair leaves it where it is.
   *
   * @return whether it is damage
   */
  boolean found(DamagedDataException problem) {
    boolean damage = !Damage.isUnreadable(problem);
    if (damage) {
      damaged(Finding.of(problem));
    } else {
      unreadable(Finding.of(problem));
    }
    return damage;
  }

  void damaged(Finding finding) {
    damagedCount++;
    countInstance(finding);
    name(damaged, finding);
  }

  /** Records what this process may not read (permission denied): unchecked, not damaged. */
  void unreadable(Finding finding) {
    unreadableCount++;
    name(unreadable, finding);
  }

  private void name(List<Finding> those, Finding finding) {
    if (damaged.size() + unreadable.size() < LeftOut.MAX_NAMED) {
      those.add(finding);
    }
  }

  /**
   * Counts the instance that {@code finding} is in, if any, once: a pass checks one instance at a
   * time, so an instance's damage comes together. Those in no instance's directory (Burrow's own
   * files, the indexes, stray entries, also those named like an instance) are outside them.
   */
  private void countInstance(Finding finding) {
    Path directory = instancesDirectory;
    Path location = ReportedLocation.pathOf(finding.location()).orElse(null);
    Path instance =
        directory != null
                && location != null
                && location.startsWith(directory)
                && directory.relativize(location).getNameCount() >= 3
            ? directory.resolve(directory.relativize(location).subpath(0, 3))
            : null;
    if (finding.stray()
        || instance == null
        || !PathSegments.isValid(String.valueOf(instance.getFileName()))) {
      damagedOutside = true;
    } else if (!Objects.equals(instance, lastDamagedInstance)) {
      lastDamagedInstance = instance;
      damagedInstances++;
    }
  }

  /** Records something that is no damage: the root is clean all the same. */
  void note(Finding finding) {
    notes.add(finding);
  }

  void leftovers(List<Leftover> found) {
    leftovers.addAll(found);
  }

  void instanceChecked() {
    instances++;
  }

  /** Whether nothing was found damaged or unreadable. */
  boolean clean() {
    return damagedCount == 0 && unreadableCount == 0;
  }

  /** The first damaged findings, to name. */
  List<Finding> damaged() {
    return damaged;
  }

  /** The first unreadable findings, to name. */
  List<Finding> unreadable() {
    return unreadable;
  }

  long damagedCount() {
    return damagedCount;
  }

  long unreadableCount() {
    return unreadableCount;
  }

  /** How many damaged or unreadable findings there were beyond those named. */
  long notShown() {
    return damagedCount + unreadableCount - damaged.size() - unreadable.size();
  }

  /** How many instances the damage is in, counted once each. */
  long damagedInstances() {
    return damagedInstances;
  }

  /** Whether some damage is in no instance's directory. */
  boolean damagedOutside() {
    return damagedOutside;
  }

  FirstNamed<Finding> notes() {
    return notes;
  }

  FirstNamed<Leftover> leftovers() {
    return leftovers;
  }

  long instances() {
    return instances;
  }
}
