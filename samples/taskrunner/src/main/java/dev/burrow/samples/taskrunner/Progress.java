package dev.burrow.samples.taskrunner;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows how far a run is: one line rewritten in place on a terminal, else a new line every few
 * seconds (for logs and CI).
 */
final class Progress {
  private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(2).toNanos();
  private static final int BAR = 30;
  private static final String ERASE_TO_END_OF_LINE = "\u001b[K";

  private final PrintStream out;
  private final boolean terminal;
  private long lastPrinted = Long.MIN_VALUE;

  Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** How often the caller should call {@link #show}. */
  long intervalMillis() {
    return terminal ? 100 : 250;
  }

  void show(Run run, Duration elapsed) {
    if (terminal) {
      out.print("\r" + line(run, elapsed) + ERASE_TO_END_OF_LINE);
      out.flush();
    } else if (lastPrinted == Long.MIN_VALUE
        || System.nanoTime() - lastPrinted >= LOG_INTERVAL_NANOS) {
      out.println(line(run, elapsed));
      lastPrinted = System.nanoTime();
    }
  }

  void done(Run run, Duration elapsed) {
    out.println(terminal ? "\r" + line(run, elapsed) + ERASE_TO_END_OF_LINE : line(run, elapsed));
  }

  static String line(Run run, Duration elapsed) {
    int filled = run.tasks() == 0 ? 0 : BAR * run.finished() / run.tasks();
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    return String.format(
        Locale.ROOT,
        "[%s%s] %d/%d tasks, %d failed, %d steps, %.1f tasks/s, %.1f s ",
        "#".repeat(filled),
        ".".repeat(BAR - filled),
        run.finished(),
        run.tasks(),
        run.failed(),
        run.steps(),
        run.finished() / seconds,
        seconds);
  }
}
