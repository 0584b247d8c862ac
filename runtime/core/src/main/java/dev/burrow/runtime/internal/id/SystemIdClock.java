package dev.burrow.runtime.internal.id;

/** {@link IdClock#system()}. */
enum SystemIdClock implements IdClock {
  INSTANCE;

  @Override
  public long currentTimeMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
