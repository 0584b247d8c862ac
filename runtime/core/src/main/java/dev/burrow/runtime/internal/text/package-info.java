/**
 * Plain-words messages about damaged JSON: Jackson's own wording without its source descriptions,
 * below the codecs, the event logs and the raw documents that report it.
 */
@NullMarked
package dev.burrow.runtime.internal.text;

import org.jspecify.annotations.NullMarked;
