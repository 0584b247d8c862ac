package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.EventLog;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.cli.root.DataRoot;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What {@code fsck} checks of an instance besides its document, whether the document is sound or
 * damaged: its declared subdirectories and its event log. An instance a writer deleted since its
 * page was read has neither.
 */
final class FsckInstanceCheck {
  private final DataRoot data;
  private final FsckFindings findings;

  FsckInstanceCheck(DataRoot data, FsckFindings findings) {
    this.data = data;
    this.findings = findings;
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
    try {
      log = data.events(id);
    } catch (InstanceNotFoundException deletedMeanwhile) {
      return;
    } catch (CorruptEventException refused) {
      findings.found(refused);
      return;
    }
    log.ifPresent(
        events -> {
          LogDamage damage = new LogDamage(events.file());
          EventReader.read(events, 0, event -> {}, damage, damage);
          for (CorruptEventException problem : damage.reports()) {
            if (problem.tornTail()) {
              findings.note(FsckFindings.Finding.of(problem));
            } else {
              findings.found(problem);
            }
          }
        });
  }
}
