/**
 * The filesystem backend, Burrow's embedded default: one directory per instance under {@code
 * <root>/instances/}, its document in {@code instance.json}, Burrow's own bookkeeping (lock file,
 * staging, trash) under {@code <root>/.burrow/}.
 */
@NullMarked
package dev.burrow.runtime.internal.filestore;

import org.jspecify.annotations.NullMarked;
