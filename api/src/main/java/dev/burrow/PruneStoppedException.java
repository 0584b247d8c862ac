package dev.burrow;

/**
 * Thrown when a prune ({@code XStore.prune}, {@code XStore.deleteOlderThan}) stops before it has
 * walked every instance, because of a failure that concerns the whole store rather than one
 * instance: the listing could not be read, the backend could not be reached ({@link
 * BackendUnavailableException}), the thread was interrupted ({@link InterruptedOperationException};
 * the interrupt status is set again), or the store was closed meanwhile ({@link MisuseException}).
 * The cause is that failure; {@link #report()} says what the prune did before it stopped: the
 * instances it deleted stay deleted, and running the prune again goes on with the rest.
 *
 * <p>A failure to delete one instance never stops a prune: it is counted in the report instead
 * ({@link PruneReport#failures()}).
 */
public class PruneStoppedException extends BurrowException {
  private static final long serialVersionUID = 1L;
  private final PruneReport report;

  /**
   * Creates the exception.
   *
   * @param report what the prune did before it stopped
   * @param cause why it stopped
   */
  public PruneStoppedException(PruneReport report, BurrowException cause) {
    super(
        "the prune stopped after reading "
            + report.examined()
            + " instances and deleting "
            + report.deleted()
            + " of them (they stay deleted; run it again to go on): "
            + cause.getMessage(),
        cause);
    this.report = report;
  }

  /** What the prune did before it stopped. */
  public PruneReport report() {
    return report;
  }
}
