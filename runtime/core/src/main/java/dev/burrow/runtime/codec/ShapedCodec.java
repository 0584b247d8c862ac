package dev.burrow.runtime.codec;

import dev.burrow.spi.InstanceCodec;

/**
 * A codec that can say what it reads, so that the kind it stores is recorded with a {@link
 * DocumentShape} that tools check documents against. Generated codecs implement it; a hand-written
 * {@link InstanceCodec} need not, and its documents are then checked only for their managed fields.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}.
 *
 * @param <T> the instance type
 */
public interface ShapedCodec<T> extends InstanceCodec<T> {

  /** The fields this codec reads, with their codecs: an equal shape, built anew, on every call. */
  DocumentShape shape();
}
