/**
 * Strict UTF-8 checking of the bytes Burrow reads (documents, event lines, JSON files, its own
 * markers): the one place that decides what well-formed UTF-8 is, below both the codecs and the
 * JSON files so neither depends on the other for it.
 */
@NullMarked
package dev.burrow.runtime.internal.utf8;

import org.jspecify.annotations.NullMarked;
