package dev.burrow;

/**
 * How hard a write works to survive a power cut or kernel crash. Both settings are atomic: a
 * reader, or a process restarted after a crash of this process, sees the old document or the new
 * one, never a mix.
 */
public enum Durability {
  /**
   * The default. Before a write returns, the new file's data is flushed to the device ({@code
   * fsync}) and so is its directory entry (the directory is {@code fsync}ed after the rename).
   * After a power cut the last acknowledged write is there. Cost: two device flushes per write,
   * typically 0.1 to 10 ms each depending on the disk; this dominates small writes.
   */
  FSYNC,

  /**
   * No device flushes. Writes are still atomic and survive a crash of the process, but a power cut
   * or kernel crash can lose recent writes (never tear them). Use it for tests, caches and data you
   * can rebuild; it is typically 10 to 100 times faster than {@link #FSYNC} for small documents.
   */
  NONE
}
