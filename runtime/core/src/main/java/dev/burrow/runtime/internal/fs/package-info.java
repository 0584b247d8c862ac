/**
 * Crash-safe files: the atomic, durable replace protocol, owner-only permissions and the durability
 * setting. This is Burrow's own code because it is Burrow's own job: every step of the protocol is
 * visible here and checked by tests (including an {@code strace} test).
 */
@NullMarked
package dev.burrow.runtime.internal.fs;

import org.jspecify.annotations.NullMarked;
