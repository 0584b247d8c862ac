package dev.burrow;

/**
 * Thrown at open when the data was written by a newer Burrow: a data root in a layout, or
 * PostgreSQL tables at a schema version, that this Burrow does not know. The data is not damaged,
 * and nothing was read or changed: run the newer Burrow on this host (or the version that wrote the
 * data). Retrying does not help.
 */
public class NewerFormatException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the data, its version and the versions known. */
  public NewerFormatException(String message) {
    super(message);
  }
}
