package dev.burrow.runtime.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * {@code dev.burrow.Retry}: an optimistic write lost a race and is tried again after a backoff, as
 * the store's retry policy says.
 */
@Name("dev.burrow.Retry")
@Label("Burrow Retry")
@Description("A write lost a race and is tried again after the retry policy's backoff.")
@Category({"Burrow", "Store"})
public final class RetryEvent extends Event {
  @Label("Instance")
  @Nullable String instance;

  @Label("Attempt")
  @Description("The attempt that failed (1 for the first)")
  int attempt;

  @Label("Backoff")
  @Timespan
  long backoffNanos;

  /** Records the backoff after failed attempt {@code attempt}, before it is waited. */
  public static void record(String instance, int attempt, long backoffNanos) {
    RetryEvent event = new RetryEvent();
    if (event.shouldCommit()) {
      event.instance = instance;
      event.attempt = attempt;
      event.backoffNanos = backoffNanos;
      event.commit();
    }
  }
}
