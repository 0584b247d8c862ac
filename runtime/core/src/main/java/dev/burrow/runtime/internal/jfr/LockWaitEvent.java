package dev.burrow.runtime.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Threshold;
import org.jspecify.annotations.Nullable;

/**
 * {@code dev.burrow.LockWait}: a thread waited for a lock (an instance's, or one of Burrow's own),
 * in this JVM and across processes; the event's duration is the time waited. Recorded from 1 ms on
 * by default, since an uncontended lock takes microseconds.
 */
@Name("dev.burrow.LockWait")
@Label("Burrow Lock Wait")
@Description("A thread waited for an instance's lock (in this JVM and across processes).")
@Category({"Burrow", "Locks"})
@Threshold("1 ms")
public final class LockWaitEvent extends Event {
  @Label("Lock")
  @Description("The instance ID, or the name of one of Burrow's own locks")
  @Nullable String lock;

  @Label("Lock File")
  @Description("The lock file, or on PostgreSQL the lease row")
  @Nullable String lockFile;

  @Label("Acquired")
  @Description("False if the wait timed out, was interrupted or failed")
  boolean acquired;

  /** Ends the wait and commits the event if a recording takes it (and it lasted long enough). */
  public void finish(String lock, String lockFile, boolean acquired) {
    end();
    if (shouldCommit()) {
      this.lock = lock;
      this.lockFile = lockFile;
      this.acquired = acquired;
      commit();
    }
  }
}
