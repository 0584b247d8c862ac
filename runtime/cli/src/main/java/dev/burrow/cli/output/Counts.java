package dev.burrow.cli.output;

/** Counted things for people: {@code 1 instance}, {@code 3 instances}. */
public final class Counts {
  private Counts() {}

  /** {@code count} and {@code noun}, which takes an {@code s} unless there is one. */
  public static String of(long count, String noun) {
    return of(count, noun, noun + "s");
  }

  /** {@code count} and {@code noun}, or {@code plural} unless there is one. */
  public static String of(long count, String noun, String plural) {
    return count + " " + (count == 1 ? noun : plural);
  }

  /**
   * {@code "; skipped N entries that are not regular files (...)"} for the entries of instance
   * directories an export, import or migration left out by type, or nothing for none.
   */
  public static String skippedEntries(long skipped) {
    return skipped == 0
        ? ""
        : "; skipped "
            + of(skipped, "entry", "entries")
            + " of instance directories that "
            + (skipped == 1
                ? "is not a regular file (a link, FIFO, socket or device) or is an event log with a"
                    + " second name (a hard link)"
                : "are not regular files (links, FIFOs, sockets or devices) or are event logs with a"
                    + " second name (hard links)");
  }
}
