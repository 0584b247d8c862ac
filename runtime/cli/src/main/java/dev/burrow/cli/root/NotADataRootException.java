package dev.burrow.cli.root;

/** The directory given is not a data root the command can open. */
public final class NotADataRootException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotADataRootException(String message) {
    super(message);
  }
}
