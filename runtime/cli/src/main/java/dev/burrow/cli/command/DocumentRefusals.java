package dev.burrow.cli.command;

import dev.burrow.CorruptInstanceException;
import dev.burrow.cli.output.Counts;
import dev.burrow.runtime.internal.transfer.ManagedFields;
import dev.burrow.runtime.internal.transfer.ManagedFieldsMismatchException;
import dev.burrow.runtime.internal.transfer.ShapeMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Which damaged documents {@code fsck --repair} moves into the quarantine, by where the refusal
 * comes from. One the document alone makes (not JSON, not UTF-8, no object) is moved. One only the
 * recorded shape refuses is left in place, as another application version may read it. One refused
 * for its ID or version by the field names the kind marker records (missing, or an ID naming
 * another instance) may be the marker's fault: such a document is moved only once another document
 * of the root, read by the same names, confirms them. If none does, the marker is the suspect and
 * none is moved for it: a single edited {@code .burrow/store.json} never moves the user's data.
 */
final class DocumentRefusals {
  private final Consumer<String> move;

  /**
   * Where each document awaiting confirmation is: its location alone, not the refusal, whose
   * message and stack are already reported, so a root of refused documents costs a path each.
   */
  private final List<String> awaiting = new ArrayList<>();

  private long refusedByShape;
  private boolean confirmed;

  /**
   * @param move moves the instance of the damaged document at a location into the quarantine
   *     ({@code --repair}), or does nothing (plain {@code fsck})
   */
  DocumentRefusals(Consumer<String> move) {
    this.move = move;
  }

  /** A document was read by the recorded names: they are confirmed, and what waited is moved. */
  void read() {
    if (!confirmed) {
      confirmed = true;
      awaiting.forEach(move);
      awaiting.clear();
    }
  }

  /** A damaged document ({@code problem}): moved now, once the names are confirmed, or never. */
  void damaged(CorruptInstanceException problem) {
    if (ShapeMismatchException.within(problem)) {
      refusedByShape++;
      return;
    }
    if (!confirmed && ManagedFieldsMismatchException.within(problem)) {
      awaiting.add(problem.location());
    } else {
      move.accept(problem.location());
    }
  }

  /**
   * Why the kind marker is the suspect, once every document is checked: no document was read by the
   * managed field names it records ({@code names}) and some were refused for them; null if it is
   * not.
   */
  @Nullable String suspicion(ManagedFields names) {
    if (awaiting.isEmpty()) {
      return null;
    }
    return "the managed fields it names (the ID in field '"
        + names.id()
        + "', the version in field '"
        + names.version()
        + "') fit no document: "
        + Counts.of(awaiting.size(), "document was", "documents were")
        + " refused for them and none was read by them, so it is the suspect, not the documents,"
        + " and fsck --repair moves none of them for it. If the application reads these"
        + " documents, open the root with it, which records its kind again (or restore"
        + " .burrow/store.json from a backup); if the marker is right, move the damaged instances"
        + " out by hand; then run fsck again";
  }

  /**
   * Why the document shape the kind marker records may be the suspect, once every document is
   * checked: no document was read by it and some were refused by it alone (an edit of the marker,
   * or an application version that reads none of them opened the root last); null if it is not.
   * Never damage of its own: the documents are named, and none is moved for its shape alone.
   */
  @Nullable String shapeSuspicion() {
    if (confirmed || refusedByShape == 0) {
      return null;
    }
    return "the document shape it records reads no document: "
        + Counts.of(refusedByShape, "document was", "documents were")
        + " refused by it alone and none was read, so it may be the suspect (an edit, or an"
        + " application version that reads none of them opened the root last); fsck --repair"
        + " moves no document for its shape alone. Open the root with the application version"
        + " that wrote them, which records its shape again, or restore .burrow/store.json from a"
        + " backup";
  }
}
