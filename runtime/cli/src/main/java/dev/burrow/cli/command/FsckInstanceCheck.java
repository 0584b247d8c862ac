package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.EventLog;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.cli.root.DataRoot;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * What {@code fsck} checks of an instance besides its document, whether the document is sound or
 * damaged: its declared subdirectories and its event log. An instance a writer deleted since its
 * page was read has neither.
 */
final class FsckInstanceCheck {
  private final DataRoot data;
  private final FsckFindings findings;
  private final UnaryOperator<EventLog<JsonNode>> logs;

  /**
   * @param logs hands on each event log before it is read ({@link FsckCommand#logs})
   */
  FsckInstanceCheck(DataRoot data, FsckFindings findings, UnaryOperator<EventLog<JsonNode>> logs) {
    this.data = data;
    this.findings = findings;
    this.logs = logs;
  }

  /** Checks the instance {@code id}, recording what is wrong in the findings. */
  void check(String id) {
    data.places()
        .checkSubdirectories(id)
        .forEach(f -> findings.damaged(FsckFindings.Finding.of(f)));
    checkEvents(id);
  }

  /**
   * Reads the instance's event log. Its damaged lines are one finding, the first with how many
   * there were, so that a log of millions of damaged lines costs neither memory nor output; a torn
   * last line is a note.
   */
  private void checkEvents(String id) {
    Optional<EventLog<JsonNode>> log;
    LogDamage damage;
    try {
      log = data.events(id).map(logs);
      if (log.isEmpty()) {
        return;
      }
      damage = new LogDamage(log.get().file());
      EventReader.read(log.get(), 0, event -> {}, damage, damage);
    } catch (InstanceNotFoundException | IllegalArgumentException deletedMeanwhile) {
      // A writer deleted it since its page was read, before or while its log was read, or deleted
      // it and created it again, the new log shorter than where the read got to (an offset past
      // its end, the only one a read refuses): the log the check began with is gone.
      return;
    } catch (CorruptEventException refused) {
      findings.found(refused);
      return;
    }
    for (CorruptEventException problem : damage.reports()) {
      if (problem.tornTail()) {
        findings.note(FsckFindings.Finding.of(problem));
      } else {
        findings.found(problem);
      }
    }
  }
}
