/**
 * Text for Burrow's messages: damaged JSON in plain words (Jackson's own wording without its source
 * descriptions, below the codecs, the event logs and the raw documents that report it), and
 * passwords masked in what Burrow quotes from drivers and pools.
 */
@NullMarked
package dev.burrow.runtime.internal.text;

import org.jspecify.annotations.NullMarked;
