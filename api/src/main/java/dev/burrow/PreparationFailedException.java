package dev.burrow;

/**
 * Thrown to every caller of a {@link SessionFactory} that ran or waited for a preparation that
 * failed; the cause is what the preparation threw (the same object for every caller of that
 * attempt). The failure is not remembered: the next call runs the preparation again.
 */
public class PreparationFailedException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** The preparation of {@code factory} failed with {@code cause}. */
  public PreparationFailedException(String factory, Throwable cause) {
    super("preparation of " + factory + " failed (the next call retries it): " + cause, cause);
  }
}
