package dev.burrow.postgres.internal;

import dev.burrow.runtime.internal.cache.KeptDocuments;
import org.jspecify.annotations.Nullable;

/**
 * What one view of a store knows its backend's own connections last committed to each row ({@link
 * Written}), kept in the cache every view of the backend shares. Only a committed write on the
 * backend's own connections is kept: a view in a caller's transaction forgets the row instead,
 * since the caller may yet roll back.
 */
final class KnownWrites {
  private final KeptDocuments<Written> written;
  private final boolean joined;

  KnownWrites(KeptDocuments<Written> written, boolean joined) {
    this.written = written;
    this.joined = joined;
  }

  /** Keeps what a committed write stored, if it is known; else forgets the row. */
  void keep(String id, @Nullable Written stored) {
    if (stored == null || joined) {
      written.forget(id);
    } else {
      written.keep(id, stored);
    }
  }

  /** Takes what is kept for the row, leaving nothing kept; null if nothing is. */
  @Nullable Written take(String id) {
    return written.take(id);
  }

  void forget(String id) {
    written.forget(id);
  }

  /** Forgets every row. */
  void clear() {
    written.clear();
  }
}
