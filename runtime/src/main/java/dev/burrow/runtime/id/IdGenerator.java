package dev.burrow.runtime.id;

/** Generates unique instance IDs. Implementations are thread-safe. */
public interface IdGenerator {
  /** A new ID, unique among all IDs this generator and its peers ever produce. */
  String nextId();
}
