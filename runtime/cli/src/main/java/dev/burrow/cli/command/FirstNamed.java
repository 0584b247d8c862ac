package dev.burrow.cli.command;

import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.LeftOut;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The first {@link LeftOut#MAX_NAMED} things of one sort that {@code fsck} found or did, to name,
 * and how many there were in all: the others are counted, not held, so that a root with any amount
 * of them is checked in bounded memory.
 */
final class FirstNamed<T> {
  private final List<T> named = new ArrayList<>();
  private long count;

  void add(T found) {
    if (named.size() < LeftOut.MAX_NAMED) {
      named.add(found);
    }
    count++;
  }

  void addAll(List<? extends T> found) {
    found.forEach(this::add);
  }

  /** The first ones, in the order they came. */
  List<T> named() {
    return named;
  }

  /** How many there were, those named included. */
  long count() {
    return count;
  }

  /** How many there were beyond those named. */
  long notShown() {
    return count - named.size();
  }

  /**
   * Prints {@code ... and N more WHAT not shown (the first 1000 are listed)} if some are not named;
   * {@code what} and {@code plural} name one and several.
   */
  void printNotShown(PrintWriter out, String what, String plural) {
    if (notShown() > 0) {
      out.println(
          "... and "
              + Counts.of(notShown(), "more " + what, "more " + plural)
              + " not shown (the first "
              + LeftOut.MAX_NAMED
              + " are listed)");
    }
  }
}
