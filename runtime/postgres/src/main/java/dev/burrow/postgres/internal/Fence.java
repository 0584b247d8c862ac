package dev.burrow.postgres.internal;

/**
 * What a write made under a lease carries: the holder's token and the grant's epoch. The database
 * accepts the write only while the lease row still has both and has not expired.
 */
record Fence(String holder, long epoch) {}
