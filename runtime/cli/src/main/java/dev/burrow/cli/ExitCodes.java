package dev.burrow.cli;

/** What the command's exit status means; {@code --help} lists them. */
public final class ExitCodes {
  /** Done; nothing damaged was found. */
  public static final int OK = 0;

  /**
   * Damage found: the command named each damaged file and why, and did the rest ({@code export} and
   * {@code migrate} left the damaged instances out; {@code import} skipped {@code --dirs} archive
   * entries it had no place for, each named; {@code fsck --repair} repaired what it could, and
   * counts what it repaired, a planted lease removed or an instance quarantined, as damage found:
   * run {@code fsck} again to confirm), or it may not read a document, file or event log
   * (permission denied: named unreadable; {@code export} leaves such a file out of its archive, and
   * {@code fsck --repair} leaves it where it is), or the root's kind marker {@code
   * .burrow/store.json} is damaged (any command), or {@code fsck} found a link or special file
   * where one of Burrow's own directories or its lock file belongs.
   */
  public static final int DAMAGED = 1;

  /**
   * The command line was wrong, or the input given to it: {@code import} was given something that
   * is not a whole export of the root's kind (not an export, another kind's, a damaged line, cut
   * short), or a damaged {@code --dirs} archive; {@code migrate} was given a {@code --local-root}
   * that is, lies inside or contains the data root, or tables that record the kind with another
   * shape (both refused before anything is written).
   */
  public static final int USAGE = 2;

  /** No data root, or no such instance. */
  public static final int NOT_FOUND = 3;

  /**
   * Reading or writing failed (the command's own output included: a full disk, a closed pipe), or
   * an instance lock was not free in time, or the root is in the layout of a newer Burrow (nothing
   * in it is changed), or a link or special file is where one of the directories or the lock file
   * that every open of a root uses belongs ({@code .burrow/tmp}, {@code .burrow/locks} and the
   * like, not {@code .burrow/quarantine}, which only {@code fsck --repair} uses; every command but
   * {@code fsck}, which names it as damage), or the heap was too small for what the command read
   * (out of memory).
   */
  public static final int FAILED = 4;

  private ExitCodes() {}
}
