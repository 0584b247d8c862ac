package dev.burrow.cli.output;

import dev.burrow.CorruptInstanceException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The damaged instances an export or a migration could not read and left out, named with why as the
 * library reports each to the store's corruption listener; the count is the library's own
 * summary's.
 */
public final class LeftOut implements Consumer<CorruptInstanceException> {
  private final List<CorruptInstanceException> damaged = new ArrayList<>();

  @Override
  public void accept(CorruptInstanceException problem) {
    damaged.add(problem);
  }

  /** {@code ; WHAT N damaged instance(s)}, or nothing if {@code count} is 0. */
  public static String counted(String what, long count) {
    return count == 0 ? "" : "; " + what + " " + Counts.of(count, "damaged instance");
  }

  /** One {@code damaged: FILE: why} line each. */
  public void print(PrintWriter out) {
    damaged.forEach(problem -> out.println(Damage.line(problem)));
  }

  /** Adds {@code "damagedInstances": [{"location", "reason"}]} to {@code result}. */
  public ObjectNode addTo(ObjectNode result) {
    ArrayNode named = result.putArray("damagedInstances");
    damaged.forEach(problem -> named.add(Damage.json(problem)));
    return result;
  }
}
