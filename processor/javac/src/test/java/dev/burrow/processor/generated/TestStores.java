package dev.burrow.processor.generated;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** Options and clocks for the tests of generated stores. */
final class TestStores {
  private TestStores() {}

  /** Options at {@code root} without fsync, creating the IDs {@code id-1}, {@code id-2}, ... */
  static StoreOptions options(Path root) {
    AtomicInteger ids = new AtomicInteger();
    return StoreOptions.defaults()
        .withDataRoot(root)
        .withDurability(Durability.NONE)
        .withIdGenerator(() -> "id-" + ids.incrementAndGet());
  }

  /** A clock one second further on at every reading, so creation order is listing order. */
  static Clock ticking() {
    AtomicInteger tick = new AtomicInteger();
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.EPOCH.plusSeconds(tick.incrementAndGet());
      }
    };
  }
}
