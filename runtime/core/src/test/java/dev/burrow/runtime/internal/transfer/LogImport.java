package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.EventLog;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Step;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Instance {@code id} in two stores, a source whose event log holds the events to import and a
 * target whose log an import of the source's log replaces; the import tests of event logs share it.
 */
final class LogImport implements AutoCloseable {
  final CounterStore target;
  final String id;
  private final CounterStore source;
  private final EventLog<Step> exported;

  /** Opens both stores under {@code work}; the source's log holds {@code exportedEvents}. */
  LogImport(Path work, Step... exportedEvents) {
    source = Stores.counters(work.resolve("source"), Durability.NONE);
    target = Stores.counters(work.resolve("target"), Durability.NONE);
    id = source.create().id();
    exported = source.events(id, Step.class);
    for (Step event : exportedEvents) {
      exported.append(event);
    }
    target.create(id);
  }

  /** A new handle on the target's log. */
  EventLog<Step> targetLog() {
    return target.events(id, Step.class);
  }

  /**
   * The target's own export, to import with {@link #archive()}: the target's log is made older than
   * the archived one first, so that the import replaces it.
   */
  InputStream documents() throws IOException {
    Files.setLastModifiedTime(
        targetLog().file(), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    ByteArrayOutputStream documents = new ByteArrayOutputStream();
    target.engine().exportTo(documents, null);
    return new ByteArrayInputStream(documents.toByteArray());
  }

  /** A tar archive of the source's log as the event log of instance {@code id}, an hour old. */
  byte[] archive() throws IOException {
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    Tar.Writer writer = new Tar.Writer(archive);
    long mtime = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
    assertTrue(writer.file(id + "/" + FileEventLog.RELATIVE_PATH, mtime, exported.file()));
    writer.finish();
    return archive.toByteArray();
  }

  @Override
  public void close() {
    try (source) {
      target.close();
    }
  }
}
