/**
 * The typed instance store: create, read, update (with versions), compare-and-set, list, delete,
 * directories and locks for one instance kind, over a pluggable storage backend.
 */
@NullMarked
package dev.burrow.runtime.internal.store;

import org.jspecify.annotations.NullMarked;
