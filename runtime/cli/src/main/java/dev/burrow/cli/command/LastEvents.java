package dev.burrow.cli.command;

import dev.burrow.EventLog;
import dev.burrow.InstanceNotFoundException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The last events of an instance's log and how many it holds, read up to the length the log had
 * when the instance's document was read, under its lock: the read itself goes on after the lock is
 * released, so that a log of gigabytes does not keep the instance's writers waiting; what they
 * append meanwhile is left out.
 */
final class LastEvents {
  private final Deque<JsonNode> last = new ArrayDeque<>();
  private long total;

  private LastEvents() {}

  /** Nothing read: no log. */
  static LastEvents none() {
    return new LastEvents();
  }

  /**
   * The last {@code keep} events of {@code log} up to {@code end}, the stamp of its file taken
   * under the lock (null if it had none), handing what the read meets to {@code problems}.
   *
   * @return the events, or empty if the log was replaced by another file since {@code end} was
   *     taken (the instance deleted and created again): its events may belong to another document
   */
  static Optional<LastEvents> read(
      EventLog<JsonNode> log, @Nullable LogStamp end, int keep, LogDamage problems) {
    LastEvents read = new LastEvents();
    if (end == null) {
      return Optional.of(read);
    }
    try {
      EventReader.read(
          log,
          0,
          end.size(),
          event -> {
            read.total++;
            read.last.addLast(event.event());
            if (read.last.size() > keep) {
              read.last.removeFirst();
            }
          },
          problems,
          problems);
    } catch (IllegalArgumentException | InstanceNotFoundException replaced) {
      // an offset past the end of another, shorter file, or into the deleted instance's log
      return Optional.empty();
    }
    return sameFile(log.file(), end) ? Optional.of(read) : Optional.empty();
  }

  /** Whether the file at {@code path} is still the one {@code end} stamped, and no shorter. */
  private static boolean sameFile(Path path, LogStamp end) {
    LogStamp now = LogStamp.of(path);
    return now != null && Objects.equals(now.file(), end.file()) && now.size() >= end.size();
  }

  /** The last events read, oldest first. */
  Deque<JsonNode> last() {
    return last;
  }

  /** How many events the log held up to where it was read. */
  long total() {
    return total;
  }
}
