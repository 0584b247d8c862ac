package dev.burrow.cli.output;

import dev.burrow.CorruptEventException;
import dev.burrow.DamagedDataException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.Failures;
import java.io.IOException;
import java.nio.file.FileSystemException;
import tools.jackson.databind.node.ObjectNode;

/**
 * A damaged document, file or line as the command reports it: where, and why. Every command says
 * {@code damaged} of what it read and found wrong, and {@code unreadable} of what it may not read
 * (permission denied): that is not damage, only unchecked, as {@code fsck} reports it. Lines for
 * people quote paths escaped ({@link Printable#escaped}): a name planted in the data root cannot
 * move the cursor, retitle the terminal, reorder text or forge a line.
 */
public final class Damage {
  private Damage() {}

  /**
   * Whether {@code e} is data this process may not read (permission denied): named {@code
   * unreadable}, not {@code damaged}.
   */
  public static boolean isUnreadable(DamagedDataException e) {
    return Failures.isPermissionDenied(e);
  }

  /** Why {@code e}'s data is damaged, without its location (escaped, as its message is). */
  public static String reason(DamagedDataException e) {
    String message = String.valueOf(e.getMessage());
    String prefix = Printable.escaped(e.location()) + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  /**
   * Why a file or directory could not be read, in plain words ({@code it cannot be read: permission
   * denied}), for a damage line.
   */
  public static String unreadable(IOException e) {
    return "it cannot be read: " + why(e);
  }

  /**
   * Why a file could not be used, in plain words ({@code permission denied}, {@code no such file or
   * directory}), without the file's name.
   */
  public static String why(IOException e) {
    return e instanceof FileSystemException named ? Failures.why(named) : Failures.describe(e);
  }

  /** {@code {"location": …, "reason": …}}. */
  public static ObjectNode json(DamagedDataException e) {
    return json(e.location(), reason(e));
  }

  /** {@code {"location": …, "reason": …}}. */
  public static ObjectNode json(String location, String reason) {
    return Json.object().put("location", location).put("reason", reason);
  }

  /** One line for people: {@code unreadable: …} if it may not be read, else {@code damaged: …}. */
  public static String line(DamagedDataException e) {
    return isUnreadable(e)
        ? unreadableLine(e.location(), reason(e))
        : line(e.location(), reason(e));
  }

  /** One line for people. */
  public static String line(String location, String reason) {
    return "damaged: " + located(location, reason);
  }

  /** One line for people about what the command may not read (permission denied). */
  public static String unreadableLine(String location, String reason) {
    return "unreadable: " + located(location, reason);
  }

  /**
   * {@code ... and N more damaged or unreadable entries not shown (the first NAMED are listed)}:
   * what a command met beyond the {@code named} it lists.
   */
  public static String notShown(long count, int named) {
    return "... and "
        + Counts.of(count, "more damaged or unreadable entry", "more damaged or unreadable entries")
        + " not shown (the first "
        + named
        + " are listed)";
  }

  /** One line for people about something that is not damage. */
  public static String note(String location, String reason) {
    return "note: " + located(location, reason);
  }

  /**
   * {@code LOCATION: REASON} for people: the location (a path, raw) escaped, the reason (a message,
   * whose quoted names are escaped already) made one safe line.
   */
  public static String located(String location, String reason) {
    return Printable.escaped(location) + ": " + Printable.line(reason);
  }

  /**
   * One line for people about an event log: a torn last line (what a crash mid-append leaves;
   * readers skip it and the next append removes it) is a note, anything else damage.
   */
  public static String eventLine(CorruptEventException e) {
    return e.tornTail() ? note(e.location(), reason(e)) : line(e);
  }

  /** {@code {"location", "reason", "tornTail"}}: a torn last line is a note, not damage. */
  public static ObjectNode eventJson(CorruptEventException e) {
    return json(e).put("tornTail", e.tornTail());
  }
}
