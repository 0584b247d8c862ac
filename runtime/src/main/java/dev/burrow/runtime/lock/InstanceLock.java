package dev.burrow.runtime.lock;

/**
 * An exclusive lock on one instance (or on several, taken in one global order), held across
 * threads and processes until {@link #close()}.
 *
 * <p>The lock is reentrant for the thread that holds it, and must be closed by that thread,
 * typically with try-with-resources. Closing twice is harmless.
 */
public interface InstanceLock extends AutoCloseable {

  /** The locked instance's ID (for a multi-instance lock, the IDs joined by commas). */
  String instanceId();

  /** Releases the lock. */
  @Override
  void close();
}
