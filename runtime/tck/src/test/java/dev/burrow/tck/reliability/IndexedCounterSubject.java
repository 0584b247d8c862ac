package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import dev.burrow.Listing;
import dev.burrow.runtime.testing.Leftovers;
import dev.burrow.test.internal.crash.CrashSimulation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generated indexed counter store as the crash simulation sees it: its instances, and below the
 * API a root whose complete indexes have every document's entries ({@link IndexInvariants}).
 */
final class IndexedCounterSubject
    implements CrashSimulation.Subject<IndexedCounterStore, Map<String, IndexedCounter>> {

  @Override
  public IndexedCounterStore open(Path dataRoot, Durability durability) {
    return IndexedCounterStore.open(Counters.options(dataRoot, durability));
  }

  @Override
  public Map<String, IndexedCounter> snapshot(IndexedCounterStore store) {
    Listing<IndexedCounter> listing = store.scan();
    if (!listing.problems().isEmpty()) {
      throw new AssertionError("corrupt after recovery: " + listing.problems());
    }
    Map<String, IndexedCounter> instances = new TreeMap<>();
    listing.items().forEach(counter -> instances.put(counter.id(), counter));
    return instances;
  }

  @Override
  public void checkRoot(Path dataRoot) throws IOException {
    RootChecks.completeInstanceDirectories(dataRoot, "recovered");
    Leftovers.assertNone(dataRoot, "recovered");
    IndexInvariants.assertNoMissingEntries(dataRoot, IndexedCounterSchema.INSTANCE);
  }
}
