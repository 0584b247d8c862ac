package dev.burrow.cli;

/**
 * What the command's exit status means, in short. The whole statement of each, which users read, is
 * the exit code list of {@code burrow --help} ({@link Burrow}'s {@code exitCodeList}), with the
 * table of {@code docs/cli.md}; keep those two in step.
 */
public final class ExitCodes {
  /** Done; nothing damaged was found. */
  public static final int OK = 0;

  /** Damage found and named, the rest done; or a file Burrow may not read, named unreadable. */
  public static final int DAMAGED = 1;

  /** The command line or the input given to it was wrong; the message names where. */
  public static final int USAGE = 2;

  /** No data root, or no such instance. */
  public static final int NOT_FOUND = 3;

  /**
   * Reading or writing failed, a lock was not free in time, the root is in a newer layout, a link
   * or special file is where a directory every open uses belongs, or the heap ran out.
   */
  public static final int FAILED = 4;

  private ExitCodes() {}
}
