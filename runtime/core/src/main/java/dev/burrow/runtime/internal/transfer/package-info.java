/**
 * Export, import and migration of a store's documents: JSON Lines of raw documents (one per line,
 * with ID, version and timestamps), optionally a tar stream of instance directories, and the
 * idempotent import into either backend. Works on raw JSON and the kind's managed field names (from
 * the kind marker of a data root or the kind row of a database), so it needs none of the user's
 * classes; the typed stores call it through {@link dev.burrow.runtime.StoreEngine}.
 */
@NullMarked
package dev.burrow.runtime.internal.transfer;

import org.jspecify.annotations.NullMarked;
