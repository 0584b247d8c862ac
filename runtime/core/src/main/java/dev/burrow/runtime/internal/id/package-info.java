/**
 * Unique, time-ordered IDs: 64-bit Snowflake IDs and RFC 9562 UUIDv7.
 *
 * <p>{@link dev.burrow.runtime.internal.id.IdGenerators#forKind} is what a store uses. Snowflake
 * IDs need a worker number that no other live generator shares; {@link
 * dev.burrow.runtime.internal.id.WorkerIds} allocates them (file leases under the data root, a
 * fixed number, or an opt-in hash that can collide). Both generators read time from a logical clock
 * that is anchored on the wall clock and advanced by {@link System#nanoTime()}, so IDs never go
 * backwards when the wall clock does, and neither takes a lock on its hot path.
 */
@NullMarked
package dev.burrow.runtime.internal.id;

import org.jspecify.annotations.NullMarked;
