/**
 * The filesystem backend's indexes of {@code @Indexed} components: one empty entry file per
 * instance, named by its ID, in one directory per indexed value, written before the document and
 * removed after it, so an entry may be stale but is never missing. Queries treat entries as hints
 * and verify every hit against its document.
 */
@NullMarked
package dev.burrow.runtime.internal.index;

import org.jspecify.annotations.NullMarked;
