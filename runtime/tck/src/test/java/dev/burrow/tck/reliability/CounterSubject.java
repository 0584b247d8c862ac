package dev.burrow.tck.reliability;

import dev.burrow.CorruptEventException;
import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.Listing;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.testing.Leftovers;
import dev.burrow.test.internal.crash.CrashSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generated counter store as the crash simulation sees it: opened on a root, read as its
 * instances and their events, and checked below the API ({@link RootChecks}).
 */
final class CounterSubject
    implements CrashSimulation.Subject<CounterStore, CounterSubject.Snapshot> {
  /** The instances and their events, as a reader sees them. */
  record Snapshot(Map<String, Counter> instances, Map<String, List<Tick>> events) {}

  @Override
  public CounterStore open(Path dataRoot, Durability durability) {
    return Counters.open(dataRoot, durability);
  }

  /**
   * What a reader sees. Event logs are read only where the file exists, so that reading creates no
   * directory; a torn last line is skipped (contract line 12), any other damage fails.
   */
  @Override
  public Snapshot snapshot(CounterStore store) {
    Listing<Counter> listing = store.scan();
    if (!listing.problems().isEmpty()) {
      throw new AssertionError("corrupt after recovery: " + listing.problems());
    }
    Map<String, Counter> instances = new TreeMap<>();
    Map<String, List<Tick>> events = new TreeMap<>();
    for (Counter counter : listing.items()) {
      if (instances.put(counter.id(), counter) != null) {
        throw new AssertionError("listed twice after recovery: " + counter.id());
      }
      if (Files.exists(store.dirs(counter.id()).root().resolve(FileEventLog.RELATIVE_PATH))) {
        EventBatch<Tick> batch = store.events(counter.id(), Tick.class).read(0);
        if (!batch.problems().stream().allMatch(CorruptEventException::tornTail)) {
          throw new AssertionError("damaged event log: " + batch.problems());
        }
        if (!batch.values().isEmpty()) {
          events.put(counter.id(), batch.values());
        }
      }
    }
    return new Snapshot(instances, events);
  }

  @Override
  public void checkRoot(Path dataRoot) throws IOException {
    RootChecks.completeInstanceDirectories(dataRoot, "recovered");
    Leftovers.assertNone(dataRoot, "recovered");
    RootChecks.assertUpgraded(dataRoot, "recovered");
  }
}
