package dev.burrow.cli.command;

import dev.burrow.cli.output.Counts;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The last line of {@code fsck}'s report for people: how many instances were checked, and what was
 * found, counted as what it is: problems and the instances they are in, what may not be read, and
 * the leftovers found or swept.
 */
final class FsckSummary {
  private FsckSummary() {}

  /**
   * The summary of the check of {@code root}: {@code swept} if the leftovers found were swept, and
   * {@code failure} if the check stopped before its end.
   */
  static String line(Path root, FsckFindings findings, boolean swept, @Nullable Throwable failure) {
    String found =
        (findings.damagedCount() == 0 ? "nothing damaged" : problems(findings))
            + (findings.unreadableCount() == 0
                ? ""
                : ", "
                    + findings.unreadableCount()
                    + " unreadable (permission denied: not checked; not damage either, so"
                    + " --repair leaves it where it is)")
            + leftovers(findings.leftovers().count(), swept);
    return root
        + ": "
        + Counts.of(findings.instances(), "instance")
        + " checked, "
        + (failure == null ? found : found + " before the check stopped (why: on stderr)");
  }

  /** How many leftovers were found or swept, or nothing if there were none. */
  private static String leftovers(long count, boolean swept) {
    if (count == 0) {
      return "";
    }
    String counted = Counts.of(count, "leftover");
    return ", " + counted + (swept ? " swept" : " (not damage; fsck --repair removes them)");
  }

  /**
   * The damage found, counted as what it is: problems (each damaged file, or each damaged event
   * log), and how many instances they are in; those in no instance's directory are said to be
   * outside them.
   */
  private static String problems(FsckFindings findings) {
    String found = Counts.of(findings.damagedCount(), "problem") + " found";
    if (findings.damagedInstances() == 0) {
      return found + " outside the instances";
    }
    return found
        + " in "
        + Counts.of(findings.damagedInstances(), "instance")
        + (findings.damagedOutside() ? " and outside them" : "");
  }
}
