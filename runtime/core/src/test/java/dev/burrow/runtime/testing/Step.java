package dev.burrow.runtime.testing;

/** An event of runtime tests: which process wrote it, its number there, and some payload. */
public record Step(long pid, int seq, String note) {
  /** Step {@code seq} of this process, with a payload long enough that interleaving would show. */
  public static Step of(int seq) {
    return new Step(ProcessHandle.current().pid(), seq, "x".repeat(120) + " step " + seq);
  }
}
