package dev.burrow.cli.output;

import dev.burrow.CorruptInstanceException;
import dev.burrow.runtime.internal.store.StrayEntryException;
import dev.burrow.runtime.internal.store.UnreadableShardException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The instances an export or a migration could not read and left out, named with why as the library
 * reports each to the store's corruption listener: damaged ones, and unreadable ones (which this
 * process may not read, {@link Damage#isUnreadable}); the total is the library's own summary's.
 * Stray entries of {@code instances/}, which the library reports with them but which are no
 * instances ({@link StrayEntryException}), are named and counted apart, as are shards that cannot
 * be listed ({@link UnreadableShardException}: may not be listed, or something other than a
 * directory in a shard's place), each of which the library counts as one. The first {@link
 * #MAX_NAMED} reports are named, the others only counted, so that a root with any amount of damage
 * is exported in bounded memory.
 */
public final class LeftOut implements Consumer<CorruptInstanceException> {
  /** The most reports named; the others are counted. */
  public static final int MAX_NAMED = 1000;

  private final List<CorruptInstanceException> damaged = new ArrayList<>();
  private final List<CorruptInstanceException> unreadable = new ArrayList<>();
  private final List<CorruptInstanceException> strays = new ArrayList<>();
  private long unreadableCount;
  private long shardCount;
  private long strayCount;
  private long notShown;

  @Override
  public void accept(CorruptInstanceException problem) {
    List<CorruptInstanceException> kept;
    if (problem instanceof StrayEntryException) {
      strayCount++;
      kept = strays;
    } else {
      if (problem instanceof UnreadableShardException) {
        shardCount++;
      } else if (Damage.isUnreadable(problem)) {
        unreadableCount++;
      }
      kept = Damage.isUnreadable(problem) ? unreadable : damaged;
    }
    if (damaged.size() + unreadable.size() + strays.size() < MAX_NAMED) {
      kept.add(problem);
    } else {
      notShown++;
    }
  }

  /** Whether anything was named: a damaged or unreadable instance, or a stray entry. */
  public boolean any(long leftOut) {
    return leftOut > 0 || strayCount > 0;
  }

  /** {@code ; WHAT N damaged instance(s)}, or nothing if {@code count} is 0. */
  public static String counted(String what, long count) {
    return count == 0 ? "" : "; " + what + " " + Counts.of(count, "damaged instance");
  }

  /**
   * {@code ; WHAT N damaged instance(s) and M unreadable instance(s) and the instances of S
   * shard(s) that cannot be listed}, leaving out a count of 0, or nothing if none was left out;
   * {@code leftOut} is the library's count, unreadable instances and shards that cannot be listed
   * included.
   */
  public String clause(String what, long leftOut) {
    List<String> counts = new ArrayList<>();
    if (damagedOf(leftOut) > 0) {
      counts.add(Counts.of(damagedOf(leftOut), "damaged instance"));
    }
    if (unreadableCount > 0) {
      counts.add(Counts.of(unreadableCount, "unreadable instance"));
    }
    if (shardCount > 0) {
      counts.add("the instances of " + Counts.of(shardCount, "shard") + " that cannot be listed");
    }
    return (counts.isEmpty() ? "" : "; " + what + " " + String.join(" and ", counts))
        + (strayCount == 0 ? "" : "; found " + strays(strayCount) + " (named)");
  }

  /** {@code N entr(y|ies) of instances/ that (is not an instance|are not instances)}. */
  public static String strays(long count) {
    return Counts.of(count, "entry", "entries")
        + " of instances/ that "
        + (count == 1 ? "is not an instance" : "are not instances");
  }

  /**
   * One {@code damaged: FILE: why} or {@code unreadable: FILE: why} line each of those named, then
   * how many more there were.
   */
  public void print(PrintWriter out) {
    damaged.forEach(problem -> out.println(Damage.line(problem)));
    unreadable.forEach(problem -> out.println(Damage.line(problem)));
    strays.forEach(problem -> out.println(Damage.line(problem)));
    if (notShown > 0) {
      out.println(Damage.notShown(notShown, MAX_NAMED));
    }
  }

  /**
   * Adds {@code "damaged": N, "damagedInstances": [{"location", "reason"}], "unreadable":
   * [{"location", "reason"}], "strays": [{"location", "reason"}], "damagedNotShown": N} to {@code
   * result}; {@code leftOut} is the library's count, unreadable instances and shards that cannot be
   * listed included.
   */
  public ObjectNode addTo(ObjectNode result, long leftOut) {
    result.put("damaged", damagedOf(leftOut));
    named(result, "damagedInstances", damaged);
    named(result, "unreadable", unreadable);
    named(result, "strays", strays);
    return result.put("damagedNotShown", notShown);
  }

  private static void named(ObjectNode result, String field, List<CorruptInstanceException> those) {
    ArrayNode array = result.putArray(field);
    those.forEach(problem -> array.add(Damage.json(problem)));
  }

  private long damagedOf(long leftOut) {
    return leftOut - unreadableCount - shardCount;
  }
}
