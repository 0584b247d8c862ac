package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.EventLog;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.cli.root.DataRoot;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
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
    LogDamage damage;
    try {
      damage = readEvents(id, 2);
    } catch (InstanceNotFoundException | IllegalArgumentException goneMeanwhile) {
      // A writer deleted it since its page was read, before or while its log was read, or deleted
      // it and created it again; or its log was replaced twice while read: the log the check
      // began with is gone.
      return;
    } catch (CorruptEventException refused) {
      findings.found(refused);
      return;
    }
    if (damage == null) {
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

  /**
   * Reads the instance's event log from its start, and again from its start if it was replaced
   * while read, up to {@code reads} reads in all: what the last read met, or null if there is no
   * log.
   */
  private @Nullable LogDamage readEvents(String id, int reads) {
    Optional<EventLog<JsonNode>> log = data.events(id).map(logs);
    if (log.isEmpty()) {
      return null;
    }
    LogDamage damage = new LogDamage(log.get().file());
    try {
      EventReader.read(log.get(), 0, event -> {}, damage, damage);
    } catch (IllegalArgumentException replacedMeanwhile) {
      // An import renamed another log over it, or it was cut shorter than where the read got to
      // (an offset in another file, or past its end, the only ones a read refuses): the log the
      // read began with is gone, not the instance, whose log as it is now is to be checked.
      if (reads > 1) {
        return readEvents(id, reads - 1);
      }
      throw replacedMeanwhile;
    }
    return damage;
  }
}
