/**
 * Per-instance locks that hold across threads and processes, with bounded memory, and shared locks
 * ({@link dev.burrow.runtime.internal.lock.SharedLock}) on the same lock file.
 *
 * <p>A lock is taken in two steps: first an in-process {@link
 * java.util.concurrent.locks.ReentrantLock} (so two threads of one JVM never ask the OS for the
 * same file region, which would throw {@code OverlappingFileLockException}), then an exclusive OS
 * file lock on one byte of a shared lock file, at an offset derived from the instance ID. The lock
 * file is opened once per JVM, never closed and never deleted: closing any channel on a file drops
 * all of the process's locks on it, and deleting a lock file lets a newcomer lock a fresh inode
 * while a waiter holds the old one.
 */
@NullMarked
package dev.burrow.runtime.internal.lock;

import org.jspecify.annotations.NullMarked;
