package dev.burrow;

/**
 * Prepare once, create many. The factory runs an expensive preparation (load a model, clone a
 * repository, compile templates) the first time a session or the prepared value is needed, and
 * hands out cheap per-instance {@link Session}s that share its result. Obtain it from the generated
 * store's {@code sessions(preparation)}.
 *
 * <ul>
 *   <li><b>Once.</b> However many threads ask at the same time, the preparation runs once, in the
 *       thread of the first caller; the others wait for it. Afterwards its result costs one
 *       volatile read.
 *   <li><b>Failure.</b> If it throws, the caller that ran it and every caller waiting for that
 *       attempt get a {@link PreparationFailedException} with what it threw as the cause: an
 *       exception, checked or not, or an error (a {@code StackOverflowError}, say).
 *   <li><b>Retry.</b> A failure is not remembered: the next call runs the preparation again.
 * </ul>
 *
 * <p>The preparation must not call back into its own factory: that call throws {@link
 * MisuseException} rather than waiting for itself forever.
 *
 * <p>Once the store is closed, {@link #open} and {@link #create} throw {@link MisuseException}
 * naming the closed store before the preparation runs; {@link #prepared} and {@link #isPrepared}
 * concern the preparation alone and keep answering.
 *
 * @param <T> the instance type of the store
 * @param <P> the prepared value shared by all sessions
 */
public interface SessionFactory<T, P> {

  /**
   * The prepared value, running the preparation first if no attempt succeeded yet, or waiting for
   * the attempt in progress.
   *
   * @throws PreparationFailedException if the attempt this call ran or waited for failed
   * @throws MisuseException if called from within the preparation
   * @throws InterruptedOperationException if interrupted while waiting
   */
  P prepared();

  /** Whether a preparation has succeeded. */
  boolean isPrepared();

  /**
   * A session for the existing instance {@code id}, preparing first if needed. The ID and the
   * instance are checked before the preparation runs.
   *
   * @throws InvalidIdException if {@code id} breaks the ID rules; nothing is prepared
   * @throws InstanceNotFoundException if there is no such instance; nothing is prepared
   * @throws PreparationFailedException if the preparation failed
   * @throws MisuseException if called from within the preparation
   * @throws InterruptedOperationException if interrupted while waiting for the preparation
   */
  Session<T, P> open(String id);

  /**
   * Creates an instance with a new ID and fresh defaults and opens a session for it. The
   * preparation runs first, so a failed preparation creates nothing.
   *
   * @throws PreparationFailedException if the preparation failed
   * @throws MisuseException if called from within the preparation
   * @throws InterruptedOperationException if interrupted while waiting for the preparation
   * @throws StorageException if the create fails and nothing was stored
   * @throws OutcomeUnknownException if the create failed in a way that may have stored it
   */
  Session<T, P> create();
}
