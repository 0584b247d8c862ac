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
 * instances ({@link StrayEntryException}), are named and counted apart.
 */
public final class LeftOut implements Consumer<CorruptInstanceException> {
  private final List<CorruptInstanceException> damaged = new ArrayList<>();
  private final List<CorruptInstanceException> unreadable = new ArrayList<>();
  private final List<CorruptInstanceException> strays = new ArrayList<>();

  @Override
  public void accept(CorruptInstanceException problem) {
    if (problem instanceof StrayEntryException) {
      strays.add(problem);
    } else {
      (Damage.isUnreadable(problem) ? unreadable : damaged).add(problem);
    }
  }

  /** Whether anything was named: a damaged or unreadable instance, or a stray entry. */
  public boolean any(long leftOut) {
    return leftOut > 0 || !strays.isEmpty();
  }

  /** {@code ; WHAT N damaged instance(s)}, or nothing if {@code count} is 0. */
  public static String counted(String what, long count) {
    return count == 0 ? "" : "; " + what + " " + Counts.of(count, "damaged instance");
  }

  /**
   * {@code ; WHAT N damaged instance(s) and M unreadable instance(s) and the instances of S
   * shard(s) that cannot be listed}, leaving out a count of 0, or nothing if none was left out;
   * {@code leftOut} is the library's count, unreadable ones included.
   */
  public String clause(String what, long leftOut) {
    List<String> counts = new ArrayList<>();
    if (damagedOf(leftOut) > 0) {
      counts.add(Counts.of(damagedOf(leftOut), "damaged instance"));
    }
    long shards = unreadable.stream().filter(UnreadableShardException.class::isInstance).count();
    if (unreadable.size() > shards) {
      counts.add(Counts.of(unreadable.size() - shards, "unreadable instance"));
    }
    if (shards > 0) {
      counts.add("the instances of " + Counts.of(shards, "shard") + " that cannot be listed");
    }
    return (counts.isEmpty() ? "" : "; " + what + " " + String.join(" and ", counts))
        + (strays.isEmpty() ? "" : "; found " + strays(strays.size()) + " (named)");
  }

  /** {@code N entr(y|ies) of instances/ that (is not an instance|are not instances)}. */
  public static String strays(long count) {
    return Counts.of(count, "entry", "entries")
        + " of instances/ that "
        + (count == 1 ? "is not an instance" : "are not instances");
  }

  /** One {@code damaged: FILE: why} or {@code unreadable: FILE: why} line each. */
  public void print(PrintWriter out) {
    damaged.forEach(problem -> out.println(Damage.line(problem)));
    unreadable.forEach(problem -> out.println(Damage.line(problem)));
    strays.forEach(problem -> out.println(Damage.line(problem)));
  }

  /**
   * Adds {@code "damaged": N, "damagedInstances": [{"location", "reason"}], "unreadable":
   * [{"location", "reason"}], "strays": [{"location", "reason"}]} to {@code result}; {@code
   * leftOut} is the library's count, unreadable ones included.
   */
  public ObjectNode addTo(ObjectNode result, long leftOut) {
    result.put("damaged", damagedOf(leftOut));
    named(result, "damagedInstances", damaged);
    named(result, "unreadable", unreadable);
    named(result, "strays", strays);
    return result;
  }

  private static void named(ObjectNode result, String field, List<CorruptInstanceException> those) {
    ArrayNode array = result.putArray(field);
    those.forEach(problem -> array.add(Damage.json(problem)));
  }

  private long damagedOf(long leftOut) {
    return leftOut - unreadable.size();
  }
}
