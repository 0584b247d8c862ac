/**
 * Directories sharded by ID prefix ({@link dev.burrow.runtime.internal.shard.Shards}): where an
 * instance's directory, or an index entry, lives among thousands of others so that no directory
 * grows with their number, walked lazily in listing order.
 */
@NullMarked
package dev.burrow.runtime.internal.shard;

import org.jspecify.annotations.NullMarked;
