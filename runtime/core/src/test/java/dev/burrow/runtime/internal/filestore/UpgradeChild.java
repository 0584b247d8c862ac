package dev.burrow.runtime.internal.filestore;

import dev.burrow.Durability;
import dev.burrow.runtime.testing.CounterSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main: opens the counter root {@code args[0]}, which upgrades it, and stops once the upgrade
 * has moved {@code args[1]} instances: prints {@code midway <count>} and waits there until it is
 * killed.
 */
public final class UpgradeChild {
  private UpgradeChild() {}

  public static void main(String[] args) {
    int stopAfter = Integer.parseInt(args[1]);
    FileSystemBackend.open(
        CounterSchema.INSTANCE,
        Path.of(args[0]),
        Durability.NONE,
        Duration.ofSeconds(10),
        moved -> {
          if (moved == stopAfter) {
            System.out.println("midway " + moved);
            System.out.flush();
            waitForever();
          }
        });
    System.out.println("finished");
  }

  private static void waitForever() {
    try {
      while (System.in.read() >= 0) {
        // the parent kills this process here
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
