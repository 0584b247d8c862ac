package dev.burrow.runtime.internal.lock;

import java.nio.charset.StandardCharsets;

/**
 * Maps a lock name to the byte of the lock file that represents it: a 62-bit hash, so that distinct
 * names collide with negligible probability (about 1 in 2^62 per pair). A collision would only make
 * two instances share a lock, never break exclusion.
 */
final class LockRegions {
  private static final long MASK = (1L << 62) - 1;

  private LockRegions() {}

  static long of(String name) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash & MASK;
  }
}
