package dev.burrow.test;

/**
 * What a {@link CrashTester} run checked.
 *
 * @param fileSystemOperations the file-system operations recorded from the store's opening to its
 *     closing, set-up included
 * @param crashPoints the points (after set-up) at which the power was cut
 * @param statesChecked the crash states enumerated at those points
 * @param distinctStates the distinct recovered roots among them, on each of which a store was
 *     opened and the invariant run
 * @param complete whether every crash state was enumerated: false if at some point more directory
 *     entries or more files were unflushed than the tester varies (as many entries as leave 4,096
 *     choices, 12 independent ones; 2 files; the oldest ones are then taken as durable), so a run
 *     that passed checked fewer states than a power cut can leave; {@link #requireComplete} fails a
 *     test then
 */
public record CrashReport(
    int fileSystemOperations,
    int crashPoints,
    long statesChecked,
    int distinctStates,
    boolean complete) {
  /**
   * This report, if every crash state was enumerated; for a test that must not pass on a bounded
   * enumeration: {@code tester.run(operation, invariant).requireComplete()}.
   *
   * @throws AssertionError saying what was checked and that the enumeration was bounded, if it was
   *     (a test failure, as the tester's {@link CrashInvariantError} is): fewer unflushed writes at
   *     once (a flush, or durable writes, between them) or a smaller operation make it complete
   */
  public CrashReport requireComplete() {
    if (!complete) {
      throw new AssertionError(
          "the crash tester did not check every crash state: "
              + this
              + " (more writes were unflushed at once than it varies: flush between them, or test"
              + " a smaller operation)");
    }
    return this;
  }

  @Override
  public String toString() {
    return fileSystemOperations
        + " file-system operations recorded, "
        + crashPoints
        + " crash points, "
        + statesChecked
        + " crash states ("
        + distinctStates
        + " distinct) recovered and checked"
        + (complete ? "" : "; the enumeration was bounded, so not every state was checked");
  }
}
