package dev.burrow.cli.output;

import dev.burrow.CorruptInstanceException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The damaged instances an export or a migration could not read and left out. */
public final class LeftOut implements Consumer<CorruptInstanceException> {
  private final List<CorruptInstanceException> damaged = new ArrayList<>();

  @Override
  public void accept(CorruptInstanceException problem) {
    damaged.add(problem);
  }

  public boolean isEmpty() {
    return damaged.isEmpty();
  }

  /** {@code ; WHAT N damaged instance(s)}, or nothing if there were none. */
  public String counted(String what) {
    return damaged.isEmpty()
        ? ""
        : "; " + what + " " + Counts.of(damaged.size(), "damaged instance");
  }

  /** One {@code damaged: FILE: why} line each. */
  public void print(PrintWriter out) {
    damaged.forEach(problem -> out.println(Damage.line(problem)));
  }

  /** Adds {@code "damaged": N, "damagedInstances": [{"location", "reason"}]} to {@code result}. */
  public ObjectNode addTo(ObjectNode result) {
    ArrayNode named = result.put("damaged", damaged.size()).putArray("damagedInstances");
    damaged.forEach(problem -> named.add(Damage.json(problem)));
    return result;
  }
}
