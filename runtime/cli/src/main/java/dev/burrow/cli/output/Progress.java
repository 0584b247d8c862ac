package dev.burrow.cli.output;

import java.io.Console;
import java.io.PrintWriter;

/**
 * A progress line on stderr for long commands, redrawn in place at most ten times a second, and
 * only where a person watches: when the command runs in a terminal and prints for people (not with
 * {@code --json}). Elsewhere it prints nothing.
 */
public final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR = 30;

  private final PrintWriter err;
  private final String label;
  private final long total;
  private final boolean shown;
  private long done;
  private long lastDrawn;
  private int lastWidth;

  private Progress(PrintWriter err, String label, long total, boolean shown) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.shown = shown;
    this.lastDrawn = System.nanoTime() - REDRAW_NANOS; // the first advance draws
  }

  /**
   * A progress line for {@code label}, out of {@code total} units (or -1 if unknown: then a count),
   * shown if {@code forPeople} and this process runs in a terminal.
   */
  public static Progress start(PrintWriter err, String label, long total, boolean forPeople) {
    return new Progress(err, label, total, forPeople && inTerminal());
  }

  /**
   * Whether this process runs in a terminal: {@code Console.isTerminal()} where the JDK has it (22
   * and newer, whose {@code System.console()} is never null), else whether there is a console at
   * all (older JDKs give one only to a process whose input and output are a terminal).
   */
  @SuppressWarnings("SystemConsoleNull") // the null check is for JDKs before 22; see above
  private static boolean inTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Counts {@code units} more done. */
  public void advance(long units) {
    done += units;
    long now = System.nanoTime();
    if (shown && now - lastDrawn >= REDRAW_NANOS) {
      lastDrawn = now;
      draw();
    }
  }

  private void draw() {
    String line;
    if (total > 0) {
      int filled = (int) Math.min(BAR, done * BAR / total);
      line =
          label
              + " ["
              + "#".repeat(filled)
              + ".".repeat(BAR - filled)
              + "] "
              + Math.min(100, done * 100 / total)
              + "%";
    } else {
      line = label + " " + done;
    }
    err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
    err.flush();
    lastWidth = line.length();
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
