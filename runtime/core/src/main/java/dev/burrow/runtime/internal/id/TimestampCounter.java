package dev.burrow.runtime.internal.id;

import java.util.concurrent.atomic.AtomicLong;

/** The lock-free state of both generators: a millisecond offset and a counter in one long. */
final class TimestampCounter {
  private TimestampCounter() {}

  /**
   * Takes the next {@code offset << counterBits | counter} value of {@code state} for a caller
   * whose clock reads {@code now}: {@code fresh} (the first value of millisecond {@code now}) if
   * the state is behind the clock, else the state plus one, by an atomic increment that never fails
   * (a full counter carries into the next millisecond). Every value is handed out once, and the
   * state never decreases, so values are unique and never older than {@code now}.
   */
  static long claim(AtomicLong state, long now, int counterBits, long fresh) {
    while (true) {
      long previous = state.get();
      if (now <= previous >> counterBits) {
        return state.incrementAndGet();
      }
      if (state.compareAndSet(previous, fresh)) {
        return fresh;
      }
    }
  }
}
