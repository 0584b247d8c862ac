package dev.burrow.postgres.internal;

import dev.burrow.runtime.internal.cache.KeptDocuments;

/**
 * What a store's own connections last committed to a row (created or wrote): its incarnation, the
 * version and the document text, byte for byte as stored. The pair of incarnation and version names
 * one content for good, since every write through Burrow makes a new version and every create a new
 * incarnation; a write outside Burrow that keeps the version is told by the text, which the
 * one-statement update compares too.
 */
record Written(long incarnation, long version, String document) implements KeptDocuments.Sized {
  @Override
  public long documentBytes() {
    return 2L * document.length(); // a string takes at most two bytes a character
  }
}
