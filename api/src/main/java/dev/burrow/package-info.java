/**
 * Burrow's public API: the annotations a user puts on a record, and the unchecked exceptions every
 * Burrow store throws.
 *
 * <p>Every exception here extends {@link dev.burrow.BurrowException}, so one {@code catch} covers
 * them all; each names what was wrong and where (the instance ID, the file, the rule).
 */
@NullMarked
package dev.burrow;

import org.jspecify.annotations.NullMarked;
