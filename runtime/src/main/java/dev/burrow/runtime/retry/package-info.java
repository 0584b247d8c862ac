/** Retrying optimistic writes: exponential backoff with jitter, bounded in attempts and time. */
@NullMarked
package dev.burrow.runtime.retry;

import org.jspecify.annotations.NullMarked;
