package dev.burrow.cli.command;

import dev.burrow.CorruptInstanceException;
import dev.burrow.EventLog;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One pass of {@code fsck} over an opened root: Burrow's own files under {@code .burrow/}, then
 * every instance a page at a time (its document, its index entries, its subdirectories and event
 * log), then what the documents say of the kind marker, then the indexes. With {@code --repair} it
 * moves each damaged instance into the quarantine as it meets it (or once the marker's field names
 * are confirmed, see {@link DocumentRefusals}) and rebuilds damaged indexes at the end.
 */
final class FsckPass {
  private static final int PAGE = 500;

  private final DataRoot data;
  private final FsckFindings findings;
  private final @Nullable FsckRepairs repairs;
  private final UnaryOperator<EventLog<JsonNode>> logs;

  /**
   * @param repairs what {@code --repair} changes, or null for plain {@code fsck}, which changes
   *     nothing
   * @param logs hands on each event log before it is read ({@link FsckCommand#logs})
   */
  FsckPass(
      DataRoot data,
      FsckFindings findings,
      @Nullable FsckRepairs repairs,
      UnaryOperator<EventLog<JsonNode>> logs) {
    this.data = data;
    this.findings = findings;
    this.repairs = repairs;
    this.logs = logs;
  }

  /** Checks the whole root, advancing {@code progress} by one for each instance. */
  void run(Progress progress) {
    data.maintenance()
        .checkBookkeeping()
        .forEach(f -> findings.damaged(FsckFindings.Finding.of(f)));
    FsckIndexCheck indexes = new FsckIndexCheck(data, findings);
    FsckInstanceCheck instances = new FsckInstanceCheck(data, findings, logs);
    DocumentRefusals refusals = new DocumentRefusals(this::quarantine);
    for (PageRequest request = PageRequest.first(PAGE); request != null; ) {
      Page<RawDocument> page = data.page(request);
      for (CorruptInstanceException problem : page.problems()) {
        boolean damage = findings.found(problem);
        if (damage) {
          data.places()
              .instanceOf(problem)
              .ifPresent(
                  id -> {
                    findings.instanceChecked();
                    instances.check(id);
                  });
        }
        progress.advance(1);
        if (damage) {
          refusals.damaged(problem);
        }
      }
      for (RawDocument document : page.items()) {
        findings.instanceChecked();
        refusals.read();
        indexes.entriesOf(document, refusals);
        instances.check(document.id());
        progress.advance(1);
      }
      request = page.next();
    }
    checkKindMarker(refusals);
    indexes.finish(repairs);
  }

  /**
   * Names the kind marker as the suspect, once every document is checked, if the documents'
   * refusals say it is: damage if its field names fit no document, a note if its shape reads none.
   */
  private void checkKindMarker(DocumentRefusals refusals) {
    String suspicion = refusals.suspicion(data.kind().fields());
    if (suspicion != null) {
      findings.damaged(FsckFindings.Finding.of(data.kindMarker(), suspicion));
    }
    String shapeSuspicion = refusals.shapeSuspicion();
    if (shapeSuspicion != null) {
      findings.note(FsckFindings.Finding.of(data.kindMarker(), shapeSuspicion));
    }
  }

  /** With {@code --repair}, moves the instance of the damaged document at {@code location}. */
  private void quarantine(String location) {
    if (repairs != null) {
      repairs.quarantine(data, location);
    }
  }
}
