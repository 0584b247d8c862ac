/**
 * Per-instance append-only event logs ({@code <instance>/events/events.jsonl}, one JSON object per
 * line): appends from any thread or process never interleave, and a line torn by a crash is skipped
 * and reported, never fatal.
 */
@NullMarked
package dev.burrow.runtime.internal.events;

import org.jspecify.annotations.NullMarked;
