package dev.burrow;

/**
 * How hard a write works to survive a power cut or kernel crash. Both settings are atomic for
 * readers and for crashes of the process: a reader, or a process restarted after a crash of this
 * process, sees the old document or the new one, never a mix. They differ in what a power cut or
 * kernel crash can leave.
 */
public enum Durability {
  /**
   * The default. Before a write returns, the new file's data is flushed to the device ({@code
   * fsync}) and so is its directory entry (the directory is {@code fsync}ed after the rename).
   * After a power cut the last acknowledged write is there, whole. If the directory flush fails
   * after the rename, the write throws {@link OutcomeUnknownException}: the new document is visible
   * but may not survive a power cut. Cost: device flushes, each typically 0.1 to 10 ms depending on
   * the disk, which dominate small writes: two per update (the file and its directory; one more
   * when an {@code @Indexed} value changes), three per create (also the new instance's directory)
   * and one per delete, as counted in {@code docs/benchmarks.md}.
   */
  FSYNC,

  /**
   * No device flushes: a write is atomic for readers and survives a crash of the process (the
   * kernel still holds it), nothing more. A power cut or kernel crash can lose any write made since
   * the kernel last wrote its cache back (typically up to 30 seconds), and because the rename can
   * reach the device before the data it names, it can also leave a document empty, truncated or
   * filled with zeros, an instance created without its document, or a deleted instance back. Burrow
   * reports such documents as damaged ({@link CorruptInstanceException}; listings skip them) and
   * never repairs them by itself. Use it for tests, caches and data you can rebuild. How much
   * faster it is than {@link #FSYNC} depends on the disk's flush latency: in the store harness run
   * that {@code docs/benchmarks.md} records (with its command), on a 2-core virtual machine, one
   * thread made 6,669 creates and 5,397 updates per second with it, against 1,310 and 1,059 with
   * {@link #FSYNC}.
   */
  NONE
}
