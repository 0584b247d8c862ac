package dev.burrow.cli.command;

import dev.burrow.DamagedDataException;
import dev.burrow.cli.output.Damage;
import dev.burrow.runtime.internal.filestore.Bookkeeping;
import dev.burrow.runtime.internal.filestore.Leftover;
import dev.burrow.runtime.internal.store.StrayEntryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code fsck} found in a data root, in the order it found it: damage, what it may not read,
 * what is no damage but worth a note, the leftovers of crashes, and how many instances it checked.
 * The root is clean if nothing is damaged and nothing unreadable.
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
  private final List<Finding> notes = new ArrayList<>();

  /**
   * What crashes (or processes exiting without closing their stores) left: found and left (plain
   * fsck), or swept ({@code --repair}).
   */
  private final List<Leftover> leftovers = new ArrayList<>();

  private long instances;

  /**
   * Records {@code problem} as damage, or, if this process may not read the data (permission
   * denied), as unreadable: not damaged, only unchecked, so a repair leaves it where it is.
   *
   * @return whether it is damage
   */
  boolean found(DamagedDataException problem) {
    boolean damage = !Damage.isUnreadable(problem);
    (damage ? damaged : unreadable).add(Finding.of(problem));
    return damage;
  }

  void damaged(Finding finding) {
    damaged.add(finding);
  }

  /** Records what this process may not read (permission denied): unchecked, not damaged. */
  void unreadable(Finding finding) {
    unreadable.add(finding);
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
    return damaged.isEmpty() && unreadable.isEmpty();
  }

  List<Finding> damaged() {
    return damaged;
  }

  List<Finding> unreadable() {
    return unreadable;
  }

  List<Finding> notes() {
    return notes;
  }

  List<Leftover> leftovers() {
    return leftovers;
  }

  long instances() {
    return instances;
  }
}
