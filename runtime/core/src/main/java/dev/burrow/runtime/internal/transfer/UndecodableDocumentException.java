package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptInstanceException;

/**
 * A document the target's type cannot decode, refused before anything of it is stored. An import
 * reports it as the damaged export line it came from; a copy as the damaged document it is.
 */
final class UndecodableDocumentException extends CorruptInstanceException {
  private static final long serialVersionUID = 1L;

  /** The decoder's reason, without a position (see {@link TransferView#withoutPosition}). */
  private final String reason;

  UndecodableDocumentException(String location, String reason, Throwable cause) {
    super(location, reason, cause);
    this.reason = reason;
  }

  /** What the decoder found wrong: the field and why, without a line and column. */
  String reason() {
    return reason;
  }
}
