/**
 * The storage backend SPI: what a place that stores documents must do so that the typed
 * store above it keeps its guarantees. The filesystem backend is the embedded default; a
 * database backend plugs in here without changing the typed API.
 */
@NullMarked
package dev.burrow.runtime.backend;

import org.jspecify.annotations.NullMarked;
