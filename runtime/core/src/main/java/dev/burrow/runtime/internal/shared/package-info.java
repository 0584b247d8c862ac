/**
 * Files shared by every instance and process on a data root, kept under {@code <root>/shared/}:
 * typed documents changed by read-modify-write under a cross-process lock (the seeds' {@code
 * locked_read_write}), and write-once files named by a fresh ID (their {@code create_unique}),
 * which need no lock.
 */
@NullMarked
package dev.burrow.runtime.internal.shared;

import org.jspecify.annotations.NullMarked;
