package dev.burrow;

/**
 * Thrown when the calling thread was interrupted while Burrow waited (for a lock, a lease, a retry
 * backoff or a preparation), wrote a file's new content (before the rename that would have put it
 * in place) or read a file: on the filesystem, a read that opens a file or an event append on a
 * thread whose interrupt status is set throws it, since the interrupt closes the file's channel (a
 * {@code get} the store's document cache answers opens no file and returns as usual). The
 * interrupted step changed nothing (a call of many steps, such as an import, keeps the ones it
 * finished: run it again), and the thread's interrupt status is set again before this is thrown.
 */
public class InterruptedOperationException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception, naming what the thread was waiting for. */
  public InterruptedOperationException(String message, InterruptedException cause) {
    super(message, cause);
  }
}
