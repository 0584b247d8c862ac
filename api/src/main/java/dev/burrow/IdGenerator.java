package dev.burrow;

/**
 * Hands out unique, time-ordered IDs in their string form, ready to name a directory or to travel
 * in JSON. Implementations are thread-safe.
 */
public interface IdGenerator {

  /**
   * Returns a new ID, greater (in the generator's own order) than every ID this generator returned
   * before this call began. Never blocks except briefly when the generator is ahead of its clock.
   */
  String nextId();
}
