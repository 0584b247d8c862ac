package dev.burrow.cli.command;

import dev.burrow.cli.output.Counts;

/** Byte counts for people. */
final class Sizes {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

  private Sizes() {}

  /** Such as {@code 1.5 MiB (1572864 bytes)}, or {@code 512 bytes}, {@code 1 byte}. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return Counts.of(bytes, "byte");
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s (%d bytes)", value, UNITS[unit], bytes);
  }
}
