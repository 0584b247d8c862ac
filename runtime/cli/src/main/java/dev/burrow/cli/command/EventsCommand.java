package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.DamagedDataException;
import dev.burrow.EventLog;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.StorageException;
import dev.burrow.cli.Burrow;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code burrow events ID [--follow]}: an instance's event log, one event per line. */
@Command(
    name = "events",
    description = {
      "Prints an instance's events, one JSON object per line, oldest first.",
      "The damaged lines of the log are reported once on stderr, after the events, as fsck"
          + " reports them: the first (damaged: FILE at byte N: why), ending (the first of N"
          + " damaged lines in this log) when there are more; a torn last line (what a crash"
          + " mid-append leaves) as a note, a log or document it may not read as unreadable"
          + " (unreadable: FILE: why); exits 1 if a line, the log or the instance's document is"
          + " damaged or unreadable. With --follow, keeps printing events as they are appended"
          + " (Ctrl-C stops), reporting the damaged lines each poll reads the same way (one report"
          + " per poll that met any, counting them from byte N on) and each torn last line, or"
          + " unfinished one of 16 MiB or more (damage), once, going on at its start once an"
          + " append cuts it; a log replaced by another (the instance deleted and created again) is noted and"
          + " followed from its start; a link or a file swapped in for the instance's directory or a"
          + " directory on the log's way is named once (damaged: FILE: why), never followed, and"
          + " followed again once the directory is back; an instance deleted stops it (exit 3)."
    })
public final class EventsCommand extends RootCommand {
  private static final long FOLLOW_POLL_MILLIS = 200;

  /** How a follower waits between two polls. */
  @FunctionalInterface
  interface Pause {
    void await() throws InterruptedException;
  }

  /** Waits between polls; a test counts polls through it instead of timing them. */
  Pause pause = () -> Thread.sleep(FOLLOW_POLL_MILLIS);

  /** Hands on the log each poll reads; a test counts the reads through it. */
  UnaryOperator<EventLog<JsonNode>> logs = UnaryOperator.identity();

  @Parameters(paramLabel = "ID", description = "The instance.")
  String id = "";

  @Option(
      names = {"-f", "--follow"},
      description = "Wait for new events and print them as they come.")
  boolean follow;

  private boolean damaged;

  /** The line a follower stops at that was last reported ({@link #tailKey}), or "". */
  private String tailReported = "";

  /**
   * What kept the log from being read that was last reported (its look or its read refused it), or
   * "" once there is a log again that reads, or none: each refusal is reported once.
   */
  private String refusalReported = "";

  /** The offset after the last event or damaged line handed on: where a failed read had got to. */
  private long readTo;

  /** The log file as it was right before the last read, or null to read at the next poll. */
  private @Nullable LogStamp lastRead;

  /**
   * The file (device and inode) of the log the offset is in, or null while none was read or the
   * file system gives files no key.
   */
  private @Nullable Object followedFile;

  /**
   * The followed log, held open while it is followed: a file system hands a freed inode number to
   * the next file made (ext4 at once), so a log deleted with its instance and made again could
   * otherwise have the followed one's device and inode, and pass for it. Held, its inode is not
   * freed, and a new log is always another file.
   */
  private @Nullable FileChannel held;

  /** The file {@link #held} is, as {@link #followedFile} named it when it was opened. */
  private @Nullable Object heldFile;

  @Override
  public Integer call() throws InterruptedException {
    checkInstanceId(id);
    try (DataRoot data = open()) {
      checkDocument(data);
      PrintWriter out = out();
      long offset = 0;
      while (true) {
        Optional<EventLog<JsonNode>> log = log(data).map(logs);
        if (log.isPresent() && changed(log.get())) {
          if (isAnotherFile() && offset > 0) {
            reportReplaced(log.get());
            offset = 0;
          }
          hold(log.get().file());
          readTo = offset;
          try {
            offset = read(log.get(), offset, out);
          } catch (IllegalArgumentException replaced) {
            // Only an offset past what the log holds now is refused, and 0 never is: unless this
            // read got nowhere from the start, the log was replaced while it went on.
            if (readTo == 0) {
              throw replaced;
            }
            reportReplaced(log.get());
            offset = 0;
            lastRead = null;
            continue;
          } catch (InstanceNotFoundException deletedMeanwhile) {
            // The instance the offset was of is gone: the next poll stops if no instance has its
            // ID, or follows the log of one created again, another file, from its start.
            offset = readTo;
            lastRead = null;
            continue;
          }
        }
        out.flush();
        err().flush();
        if (follow && out.checkError()) {
          throw new StorageException(Burrow.OUTPUT_FAILED, null); // nobody reads what follows
        }
        if (!follow) {
          return damaged ? ExitCodes.DAMAGED : ExitCodes.OK;
        }
        // Following polls, as tail -f does: the log is appended by other processes.
        pause.await();
      }
    } finally {
      release();
    }
  }

  /**
   * Holds the log at {@code file} open if it is not the one held already ({@link #held}); a log
   * that cannot be opened as a regular file is not held (the read reports it).
   */
  private void hold(Path file) {
    if (!follow || followedFile == null || followedFile.equals(heldFile)) {
      return;
    }
    release();
    try {
      held = SafeFiles.openToRead(file);
      heldFile = followedFile;
    } catch (IOException e) {
      // Nothing to hold: the read that follows reports what is there instead of a log.
    }
  }

  private void release() {
    FileChannel channel = held;
    held = null;
    heldFile = null;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // A channel opened only to read: nothing of it is lost.
      }
    }
  }

  /**
   * Whether the log may hold something the last read did not see: its file, size or modification
   * time differ from what they were right before that read (always true for the first read, and
   * after a read that stopped short of the log's end at no tail: while the log's lock was held, by
   * an append or another reader, which may let it go leaving the log as it was). A follower stopped
   * at a tail (a torn or an oversized unfinished line) so reads it again only once the file
   * changes, not at every poll: an unfinished line of 16 MiB costs one {@code lstat} per poll, not
   * a 16 MiB read. Taken before the read, the stamp misses nothing appended during it. Cost: one
   * {@code lstat} per poll.
   */
  private boolean changed(EventLog<JsonNode> log) {
    LogStamp now = LogStamp.of(log.file());
    if (now != null && now.equals(lastRead)) {
      return false;
    }
    lastRead = now;
    return true;
  }

  /**
   * Whether the log about to be read is another regular file than the one the offset is in, as when
   * the instance was deleted and created again between two polls: the new log's lines may start
   * where the old one's did, so an offset past its end or amid a line does not always tell. The
   * regular file about to be read is the one followed from then on; a link or special file in its
   * place is refused by the read and changes nothing here.
   */
  private boolean isAnotherFile() {
    LogStamp stamp = lastRead;
    Object file = stamp == null || !stamp.regularFile() ? null : stamp.file();
    if (file == null) {
      return false;
    }
    boolean another = followedFile != null && !followedFile.equals(file);
    followedFile = file;
    return another;
  }

  /**
   * Prints the events of {@code log} from {@code offset} to its end, then reports what the read met
   * as {@code fsck} does, once, also if the read fails midway: the damaged lines as one report (the
   * first, with how many there are), so that a log of a million garbage lines is one line on
   * stderr, not a million; then the line the read stopped at (a torn last line, or an unfinished
   * one over the line limit), unless the poll before reported it already: a follower reads it again
   * at every poll until an append cuts it, and resumes at its start, where that append writes. A
   * log the read refuses as a whole (a link or special file, or a second name, swapped in after the
   * poll looked at it) is reported as the look reports it, once for both.
   *
   * @return the offset after the last complete line
   */
  private long read(EventLog<JsonNode> log, long offset, PrintWriter out) {
    LogDamage damage = new LogDamage(log.file(), offset);
    List<CorruptEventException> tail = new ArrayList<>(1);
    try {
      long next =
          EventReader.read(
              log,
              offset,
              event -> {
                out.println(Json.compact(event.event()));
                readTo = event.nextOffset();
              },
              problem -> {
                readTo = Math.max(readTo, problem.offset() + 1);
                damage.accept(problem);
              },
              tail::add);
      LogStamp stamp = lastRead;
      if (tail.isEmpty() && stamp != null && next < stamp.size()) {
        // Stopped short of the log, at no tail: the lines left out waited for an append's lock
        // that may be released without the log changing, so the next poll reads again.
        lastRead = null;
      }
      return next;
    } finally {
      damage.reports().forEach(this::report);
      boolean logRefused = false;
      for (CorruptEventException problem : tail) {
        if (problem.location().equals(log.file().toString())) {
          logRefused = true;
          refused(problem);
          continue;
        }
        String key = tailKey(problem);
        if (!key.equals(tailReported)) {
          tailReported = key;
          report(problem);
        }
      }
      if (!logRefused) {
        refusalReported = "";
      }
    }
  }

  /**
   * What tells a tail's report from the last one: its offset (a torn line's length changes while
   * its writer goes on, and is no news), and for damage what it is too (a torn line that grows into
   * an oversized one at one offset is news).
   */
  private static String tailKey(CorruptEventException problem) {
    return problem.offset() + (problem.tornTail() ? "" : ": " + problem.getMessage());
  }

  /**
   * Reports that the log a follower read is no longer there as it was (another file, shorter, or
   * its lines no longer where they were: the instance deleted and created again), as tail -F does;
   * the new log is then followed from its start.
   */
  private void reportReplaced(EventLog<JsonNode> log) {
    String location = log.file().toString();
    String reason =
        "the log was replaced (the instance deleted and created again, or an import?); following the"
            + " new log"
            + " from its start";
    tailReported = "";
    err()
        .println(
            json
                ? Json.compact(Damage.json(location, reason).put("tornTail", false))
                : Damage.note(location, reason));
  }

  /** Reports a damaged document; the events are printed all the same. */
  private void checkDocument(DataRoot data) {
    try {
      if (data.find(id).isEmpty()) {
        throw new InstanceNotFoundException(id);
      }
    } catch (CorruptInstanceException e) {
      refused(e);
    }
  }

  /**
   * The log, or none: none there, or a link or special file in its place or on its way to it, or a
   * link or a file in place of the instance's directory or of a directory on its way, which a
   * follower looks for at every poll (each reported once, as {@link #checkDocument} reports it).
   */
  private Optional<EventLog<JsonNode>> log(DataRoot data) {
    try {
      Optional<EventLog<JsonNode>> log = data.events(id);
      Optional<CorruptInstanceException> planted =
          log.isPresent() ? Optional.empty() : data.places().plantedDirectory(id);
      if (planted.isPresent()) {
        refused(planted.get());
      } else if (log.isEmpty()) {
        refusalReported = "";
      }
      return log;
    } catch (CorruptEventException refused) {
      refused(refused);
      return Optional.empty();
    }
  }

  /**
   * Reports what keeps the log from being read, unless the poll before reported it already; the log
   * that comes back in its place is read, even if it looks the same.
   */
  private void refused(DamagedDataException refusal) {
    damaged = true;
    lastRead = null;
    String key = String.valueOf(refusal.getMessage());
    if (refusalReported.equals(key)) {
      return;
    }
    refusalReported = key;
    if (refusal instanceof CorruptEventException ofTheLog) {
      report(ofTheLog);
    } else {
      err().println(json ? Json.compact(Damage.json(refusal)) : Damage.line(refusal));
    }
  }

  /** Reports damaged lines (one report of a read), a refused log or a torn last line. */
  private void report(CorruptEventException problem) {
    if (!problem.tornTail()) {
      damaged = true;
    }
    err().println(json ? Json.compact(Damage.eventJson(problem)) : Damage.eventLine(problem));
  }
}
