package dev.burrow.runtime.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/**
 * {@code dev.burrow.LeaseRenewal}: one round of the PostgreSQL backend renewing the instance leases
 * this process holds; the event's duration is the round's. Leases held but not renewed had expired:
 * their holders lost them.
 */
@Name("dev.burrow.LeaseRenewal")
@Label("Burrow Lease Renewal")
@Description("A round renewing the PostgreSQL leases this process holds.")
@Category({"Burrow", "PostgreSQL"})
@StackTrace(false)
public final class LeaseRenewalEvent extends Event {
  @Label("Kind")
  @Nullable String kind;

  @Label("Held")
  @Description("Leases this process held at the start of the round and had not already found lost")
  int held;

  @Label("Renewed")
  int renewed;

  @Label("Failure")
  @Description("Why the round failed (the next one tries again), or null")
  @Nullable String failure;

  /** Ends the round and commits the event if a recording takes it. */
  public void finish(String kind, int held, int renewed, @Nullable String failure) {
    end();
    if (shouldCommit()) {
      this.kind = kind;
      this.held = held;
      this.renewed = renewed;
      this.failure = failure;
      commit();
    }
  }
}
