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
}
