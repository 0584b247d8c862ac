package dev.burrow.cli.output;

import dev.burrow.runtime.internal.transfer.Skipped;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.node.ArrayNode;

/**
 * The entries of instance directories a transfer left out, named with why as the library hands them
 * over: the files an export could not read, or the archive entries an import did not write. Held
 * until the command reports them (one small record each).
 */
public final class SkippedFiles implements Consumer<Skipped> {
  private final String label;
  private final List<Skipped> entries = new ArrayList<>();

  /**
   * @param label what each line for people starts with: {@code unreadable} or {@code skipped}
   */
  public SkippedFiles(String label) {
    this.label = label;
  }

  @Override
  public void accept(Skipped entry) {
    entries.add(entry);
  }

  /** How many were left out. */
  public int count() {
    return entries.size();
  }

  /**
   * How many of them are instances the target holds damaged ({@link Skipped#heldDamaged}), which
   * the library's summary also counts as damaged.
   */
  public long heldDamaged() {
    return entries.stream().filter(Skipped::heldDamaged).count();
  }

  /** One {@code LABEL: ENTRY: why} line each, escaped for people. */
  public void print(PrintWriter out) {
    entries.forEach(
        entry -> out.println(label + ": " + Damage.located(entry.location(), entry.reason())));
  }

  /** {@code [{"location", "reason"}]}. */
  public ArrayNode json() {
    ArrayNode list = Json.array();
    entries.forEach(entry -> list.add(Damage.json(entry.location(), entry.reason())));
    return list;
  }
}
