package dev.burrow.runtime.internal.fs;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for an asynchronous channel's read or write. Burrow uses asynchronous channels for the
 * files it keeps locked (leases, the index journal) because an interrupt closes a {@code
 * FileChannel}, and closing any channel of a file drops the process's locks on it.
 */
public final class AsyncResults {
  private AsyncResults() {}

  /**
   * The byte count {@code pending} completes with, waited for without giving up on an interrupt
   * (the thread's interrupt status is set again afterwards), so the operation is never left half
   * known.
   *
   * @throws IOException the operation's own, or one wrapping any other failure
   */
  public static int await(Future<Integer> pending) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return pending.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
