/**
 * Burrow's JDK Flight Recorder events, named {@code dev.burrow.*}: store operations with their
 * durations and bytes, lock waits, flushes, version conflicts and retries, and PostgreSQL lease
 * renewals and losses. They need nothing beyond the JDK; while no recording takes them, each costs
 * a check of one flag (see {@code docs/jfr.md} for the measured overhead).
 */
@NullMarked
package dev.burrow.runtime.internal.jfr;

import org.jspecify.annotations.NullMarked;
