package dev.burrow.cli.command;

import dev.burrow.cli.output.Counts;
import dev.burrow.cli.root.ReportedLocation;
import dev.burrow.spi.PathSegments;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        (findings.damaged().isEmpty() ? "nothing damaged" : problems(root, findings.damaged()))
            + (findings.unreadable().isEmpty()
                ? ""
                : ", "
                    + findings.unreadable().size()
                    + " unreadable (permission denied: not checked; not damage either, so"
                    + " --repair leaves it where it is)")
            + leftovers(findings.leftovers().size(), swept);
    return root
        + ": "
        + Counts.of(findings.instances(), "instance")
        + " checked, "
        + (failure == null ? found : found + " before the check stopped (why: on stderr)");
  }

  /** How many leftovers were found or swept, or nothing if there were none. */
  private static String leftovers(int count, boolean swept) {
    if (count == 0) {
      return "";
    }
    String counted = Counts.of(count, "leftover");
    return ", " + counted + (swept ? " swept" : " (not damage; fsck --repair removes them)");
  }

  /**
   * The damage found, counted as what it is: problems (each damaged file, or each damaged event
   * log), and how many instances they are in; those in no instance's directory (Burrow's own files,
   * the indexes, stray entries, also those named like an instance) are said to be outside them.
   */
  private static String problems(Path root, List<FsckFindings.Finding> damaged) {
    Path instancesDirectory = root.resolve("instances");
    Set<Path> inInstances = new HashSet<>();
    boolean outside = false;
    for (FsckFindings.Finding finding : damaged) {
      Path location = ReportedLocation.pathOf(finding.location()).orElse(root);
      Path instance =
          location.startsWith(instancesDirectory)
                  && instancesDirectory.relativize(location).getNameCount() >= 3
              ? instancesDirectory.resolve(instancesDirectory.relativize(location).subpath(0, 3))
              : null;
      if (!finding.stray()
          && instance != null
          && PathSegments.isValid(String.valueOf(instance.getFileName()))) {
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
}
