package dev.burrow.runtime.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/**
 * {@code dev.burrow.LeaseLost}: a write under an instance's PostgreSQL lease found the lease no
 * longer its own (it expired, or another holder took it), so the write was fenced off.
 */
@Name("dev.burrow.LeaseLost")
@Label("Burrow Lease Lost")
@Description("A write found its PostgreSQL lease expired or taken over, and was fenced off.")
@Category({"Burrow", "PostgreSQL"})
public final class LeaseLostEvent extends Event {
  @Label("Kind")
  @Nullable String kind;

  @Label("Instance")
  @Nullable String instance;

  @Label("Epoch")
  @Description("The fencing epoch the writer held")
  long epoch;

  @Label("Why")
  @Nullable String why;

  /** Records the loss if a recording takes the event. */
  public static void record(String kind, String instance, long epoch, String why) {
    LeaseLostEvent event = new LeaseLostEvent();
    if (event.shouldCommit()) {
      event.kind = kind;
      event.instance = instance;
      event.epoch = epoch;
      event.why = why;
      event.commit();
    }
  }
}
