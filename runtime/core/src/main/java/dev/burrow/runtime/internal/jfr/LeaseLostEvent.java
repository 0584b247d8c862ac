package dev.burrow.runtime.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/**
 * {@code dev.burrow.LeaseLost}: an instance's PostgreSQL lease held in this process is lost. A
 * write under it found it no longer its own (it expired, or another holder took it), so the write
 * was fenced off; or a renewal round found it already expired, before any write did.
 */
@Name("dev.burrow.LeaseLost")
@Label("Burrow Lease Lost")
@Description(
    "A PostgreSQL lease held here was lost: a write under it was fenced off, or a renewal round"
        + " found it expired.")
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
