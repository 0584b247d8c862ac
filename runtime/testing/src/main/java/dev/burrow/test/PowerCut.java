package dev.burrow.test;

/**
 * Where a {@link CrashTester} cut the power, as its invariant sees it.
 *
 * @param operationReturned whether the operation under test had returned before the power was cut:
 *     then everything it wrote was acknowledged and must have survived; otherwise it was running
 *     (or had not started), and the recovered store may show it done, not done, or, where the
 *     operation made several writes, any prefix of them
 * @param description what had been done and what the disk kept, in file-system operations on paths
 *     relative to the data root (for messages)
 */
public record PowerCut(boolean operationReturned, String description) {
  @Override
  public String toString() {
    return description;
  }
}
