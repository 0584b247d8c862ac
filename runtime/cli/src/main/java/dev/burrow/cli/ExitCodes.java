package dev.burrow.cli;

/** What the command's exit status means; {@code --help} lists them. */
public final class ExitCodes {
  /** Done; {@code fsck} found nothing damaged. */
  public static final int OK = 0;

  /**
   * {@code fsck} found damage (with {@code --repair}: damaged instances moved into the quarantine;
   * run it again to confirm).
   */
  public static final int DAMAGED = 1;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** No data root, or no such instance. */
  public static final int NOT_FOUND = 3;

  /** Reading or writing failed, or an instance lock was not free in time. */
  public static final int FAILED = 4;

  private ExitCodes() {}
}
