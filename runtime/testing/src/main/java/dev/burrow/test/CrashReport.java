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
 *     entries or more files were unflushed than the tester varies (10 entries, 2 files; the oldest
 *     ones are then taken as durable)
 */
public record CrashReport(
    int fileSystemOperations,
    int crashPoints,
    long statesChecked,
    int distinctStates,
    boolean complete) {
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
