package dev.burrow.cli.output;

/** Counted things for people: {@code 1 instance}, {@code 3 instances}. */
public final class Counts {
  private Counts() {}

  /** {@code count} and {@code noun}, which takes an {@code s} unless there is one. */
  public static String of(long count, String noun) {
    return count + " " + (count == 1 ? noun : noun + "s");
  }
}
