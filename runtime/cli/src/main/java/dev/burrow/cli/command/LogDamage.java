package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.cli.output.Damage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What reading one event log met, kept bounded whatever the log holds: its damaged lines as one
 * report, the first one's with how many there were (a log of a million garbage lines is one report,
 * not a million), and its torn last line (what a crash mid-append leaves) as it is.
 */
final class LogDamage implements Consumer<CorruptEventException> {
  private final Path file;
  private final long from;
  private final List<CorruptEventException> torn = new ArrayList<>();
  private @Nullable CorruptEventException first;
  private long damaged;

  /** For a read of the event log {@code file} from its start. */
  LogDamage(Path file) {
    this(file, 0);
  }

  /**
   * For a read of the event log {@code file} from byte {@code from} on (a follower's next read):
   * the count says so, as the lines before were reported before.
   */
  LogDamage(Path file, long from) {
    this.file = file;
    this.from = from;
  }

  @Override
  public void accept(CorruptEventException problem) {
    if (problem.tornTail()) {
      torn.add(problem);
      return;
    }
    if (first == null) {
      first = problem;
    }
    damaged++;
  }

  /**
   * The reports in the order of the log: the first damaged line, naming how many there were if more
   * than one, then the torn last line.
   */
  List<CorruptEventException> reports() {
    List<CorruptEventException> reports = new ArrayList<>();
    CorruptEventException damage = first;
    if (damage != null) {
      reports.add(
          damaged == 1
              ? damage
              : new CorruptEventException(
                  file,
                  damage.offset(),
                  false,
                  Damage.reason(damage)
                      + " (the first of "
                      + damaged
                      + " damaged lines in this log"
                      + (from == 0 ? "" : " from byte " + from + " on")
                      + ")",
                  damage));
    }
    reports.addAll(torn);
    return reports;
  }
}
