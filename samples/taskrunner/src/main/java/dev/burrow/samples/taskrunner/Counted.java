package dev.burrow.samples.taskrunner;

/** A count with its noun, singular or plural: {@code 1 task}, {@code 2 tasks}. */
final class Counted {
  private Counted() {}

  static String of(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
