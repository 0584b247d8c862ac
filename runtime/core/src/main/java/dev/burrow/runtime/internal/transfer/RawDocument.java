package dev.burrow.runtime.internal.transfer;

import org.jspecify.annotations.Nullable;

/**
 * One stored document as bytes, with its managed fields read out: what an export line carries.
 * Immutable by convention: {@link #json()} is the document's own array, never changed once made.
 */
public final class RawDocument {
  private final String id;
  private final long version;
  private final @Nullable String createdAt;
  private final @Nullable String updatedAt;
  private final byte[] json;

  RawDocument(
      String id,
      long version,
      @Nullable String createdAt,
      @Nullable String updatedAt,
      byte[] json) {
    this.id = id;
    this.version = version;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.json = json;
  }

  public String id() {
    return id;
  }

  public long version() {
    return version;
  }

  /** The created-at field's JSON text, or null where the kind has none. */
  public @Nullable String createdAt() {
    return createdAt;
  }

  /** The updated-at field's JSON text, or null where the kind has none. */
  public @Nullable String updatedAt() {
    return updatedAt;
  }

  /** The document, UTF-8, as its store keeps it. */
  public byte[] json() {
    return json;
  }
}
