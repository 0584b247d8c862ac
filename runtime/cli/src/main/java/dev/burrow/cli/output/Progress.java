package dev.burrow.cli.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for long commands, redrawn in place at most ten times a second, and
 * only where a person watches: when stderr is a terminal and the command prints for people (not
 * with {@code --json}). Elsewhere it prints nothing and costs nothing.
 *
 * <p>With a total it draws a bar, the share done, done of total and the rate ({@code exported
 * instances [#########.....................] 30% 3000 of 10000, 1520/s}); without one, the count
 * and the rate.
 */
public final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR = 30;
  private static final String[] BYTE_UNITS = {"KiB", "MiB", "GiB", "TiB"};

  /** What is counted, for the numbers beside the bar. */
  public enum Unit {
    /** Whole things: instances, lines. */
    COUNT,
    /** Bytes, shown in KiB, MiB, GiB or TiB. */
    BYTES
  }

  private final PrintWriter err;
  private final String label;
  private final Unit unit;
  private final long total;
  private final boolean shown;
  private final long started = System.nanoTime();
  private long done;
  private long lastDrawn;
  private int lastWidth;

  private Progress(PrintWriter err, String label, Unit unit, long total, boolean shown) {
    this.err = err;
    this.label = label;
    this.unit = unit;
    this.total = total;
    this.shown = shown;
    this.lastDrawn = started - REDRAW_NANOS; // the first advance draws
  }

  /**
   * A progress line for {@code label}, shown if {@code forPeople} and stderr is a terminal, out of
   * the total {@code total} gives (-1 if unknown: then a count): it is asked only if the line is
   * shown, so a total that costs a pass over the root costs nothing elsewhere.
   */
  public static Progress start(
      PrintWriter err, String label, Unit unit, LongSupplier total, boolean forPeople) {
    boolean shown = forPeople && stderrIsTerminal();
    return new Progress(err, label, unit, shown ? total.getAsLong() : -1, shown);
  }

  /**
   * Whether this process's stderr, where the line is drawn, is a terminal. Java 17 can tell only
   * for stdin and stdout together ({@code System.console()}), so this asks Linux which file
   * descriptor 2 is ({@code /proc/self/fd/2}): a pseudo-terminal ({@code /dev/pts/N}) or a terminal
   * device ({@code /dev/ttyN}, {@code /dev/console}). Elsewhere (no {@code /proc}) it says no, and
   * no line is drawn.
   */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** Counts {@code units} more done. */
  public void advance(long units) {
    done += units;
    long now = System.nanoTime();
    if (shown && now - lastDrawn >= REDRAW_NANOS) {
      lastDrawn = now;
      draw(now);
    }
  }

  private void draw(long now) {
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    String rate = rate(done / seconds);
    String line;
    if (total > 0) {
      long shownDone = Math.min(done, total);
      int filled = (int) (shownDone * BAR / total);
      line =
          label
              + " ["
              + "#".repeat(filled)
              + ".".repeat(BAR - filled)
              + "] "
              + shownDone * 100 / total
              + "% "
              + amounts(shownDone, total)
              + ", "
              + rate;
    } else {
      line = label + " " + amount(done) + ", " + rate;
    }
    err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
    err.flush();
    lastWidth = line.length();
  }

  private String amounts(long part, long whole) {
    if (unit == Unit.COUNT) {
      return part + " of " + whole;
    }
    int scale = scale(whole);
    return bytes(part, scale) + " of " + bytes(whole, scale) + " " + BYTE_UNITS[scale];
  }

  private String amount(long units) {
    if (unit == Unit.COUNT) {
      return Long.toString(units);
    }
    int scale = scale(units);
    return bytes(units, scale) + " " + BYTE_UNITS[scale];
  }

  private String rate(double perSecond) {
    return unit == Unit.COUNT ? Math.round(perSecond) + "/s" : amount((long) perSecond) + "/s";
  }

  /** The index in {@link #BYTE_UNITS} that shows {@code bytes} with one to four digits. */
  private static int scale(long bytes) {
    int scale = 0;
    for (long rest = bytes / 1024; rest >= 1024 && scale < BYTE_UNITS.length - 1; rest /= 1024) {
      scale++;
    }
    return scale;
  }

  private static String bytes(long bytes, int scale) {
    return String.format(Locale.ROOT, "%.1f", bytes / Math.pow(1024, scale + 1));
  }

  /** Clears the line. */
  @Override
  public void close() {
    if (shown && lastWidth > 0) {
      err.print("\r" + " ".repeat(lastWidth) + "\r");
      err.flush();
    }
  }
}
