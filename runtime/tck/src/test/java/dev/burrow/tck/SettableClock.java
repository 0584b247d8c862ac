package dev.burrow.tck;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A UTC clock that stands still until a test sets it, and can stage an action at its next read;
 * safe to read from any thread.
 */
public final class SettableClock extends Clock {
  private volatile Instant now;
  private final AtomicReference<@Nullable Runnable> atNextRead = new AtomicReference<>();

  public SettableClock(Instant now) {
    this.now = now;
  }

  /** From now on the clock reads {@code value}. */
  public void set(Instant value) {
    now = value;
  }

  /**
   * Runs {@code action} once, at the clock's next read, before that read answers (on the reading
   * thread; reads made by {@code action} itself do not run it again).
   */
  public void atNextRead(Runnable action) {
    atNextRead.set(action);
  }

  @Override
  public Instant instant() {
    Runnable action = atNextRead.getAndSet(null);
    if (action != null) {
      action.run();
    }
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
