package dev.burrow.cli.root;

import dev.burrow.BurrowException;

/**
 * The directory given to a command is not a data root it can open (the command exits 3). A Burrow
 * exception, so that the path it quotes is printed safely: control and invisible formatting
 * characters of a hostile directory name are escaped, never sent to the terminal.
 */
public final class NotADataRootException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** The directory is no data root; {@code message} names it and what to give instead. */
  public NotADataRootException(String message) {
    super(message);
  }
}
