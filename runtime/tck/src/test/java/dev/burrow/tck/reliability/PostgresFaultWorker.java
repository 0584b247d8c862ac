package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.EventLog;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.PageRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One thread of {@link PostgresFaultsTest}'s load: every round it does each kind of operation
 * ({@link Kind}) once, in their order, on instances of its own, keeping the books that say what the
 * store must hold afterwards: what was acknowledged is there, what was reported failed was not
 * done, what is unknown may be either. A read that shows less than this worker's acknowledged
 * writes is recorded as a violation. After the run, {@link #assertRecovered} and {@link
 * #assertBoundedAfter} check its timings and {@link #assertStored} its books against the store.
 */
final class PostgresFaultWorker implements Runnable {
  /** How soon after recovery each kind of operation must have succeeded again. */
  static final long RECOVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** How long any operation begun after recovery may take, whether it succeeds or fails. */
  static final long OPERATION_BOUND_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** Successes of each kind before the fault before a worker counts as loaded. */
  private static final int BEFORE_FAULT = 3;

  /**
   * Successes of each kind begun 2 s or more after recovery before a worker counts as recovered, so
   * that the rule that nothing begun then fails is put to the test.
   */
  private static final int LATE_SUCCESSES = 10;

  private static final Duration LOCK_WAIT = Duration.ofSeconds(1);
  private static final int PAGE_SIZE = 20;

  /** What a worker does, in the order it does them each round. */
  enum Kind {
    UPDATE,
    GET,
    LIST_PAGE,
    COMPARE_AND_SET,
    EVENT_APPEND,
    EVENT_READ,
    CREATE_WITH_ID,
    CREATE_WITH_GENERATED_ID,
    LOCK,
    LOCK_ALL,
    DELETE
  }

  /** How an operation ended. */
  enum Outcome {
    SUCCEEDED,
    UNKNOWN,
    FAILED
  }

  /** One operation: when it began and ended, and how it failed (null if it did not). */
  record Operation(Kind kind, long began, long ended, @Nullable String failure) {
    long nanos() {
      return ended - began;
    }
  }

  /** How many writes of one kind were acknowledged, left with their outcome unknown, failed. */
  static final class Tally {
    long acked;
    long unknown;
    long failed;

    void count(Outcome outcome) {
      switch (outcome) {
        case SUCCEEDED -> acked++;
        case UNKNOWN -> unknown++;
        case FAILED -> failed++;
      }
    }

    void add(Tally other) {
      acked += other.acked;
      unknown += other.unknown;
      failed += other.failed;
    }

    /**
     * Asserts that {@code stored} (how many of these writes took effect) counts every acknowledged
     * one and no failed one: at least the acknowledged, at most those plus the unknown.
     */
    void assertStored(long stored, String what) {
      assertTrue(
          stored >= acked && stored <= acked + unknown, what + ": stored " + stored + ", " + this);
    }

    @Override
    public String toString() {
      return "acknowledged " + acked + ", outcome unknown " + unknown + ", failed " + failed;
    }
  }

  final String id;
  final Thread thread;
  final Tally updates = new Tally();
  final Tally compareAndSets = new Tally();
  final Tally appends = new Tally();
  final Tally deletes = new Tally();
  final Tally creates = new Tally();
  final List<String> generatedIds = new ArrayList<>();
  long generatedUnknown;

  private final CounterStore store;
  private final String casId;
  private final CountDownLatch loaded;
  private final CountDownLatch recovered;
  private final AtomicLong recoveredAt;
  private final AtomicBoolean stop;
  private final List<Operation> ops = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();

  /** Acknowledged creates not yet deleted: they must be stored. */
  private final Queue<String> live = new ArrayDeque<>();

  private final List<String> failedCreates = new ArrayList<>();
  private final List<String> deleted = new ArrayList<>();
  private final List<String> failedDeletes = new ArrayList<>();

  /**
   * Creates and deletes whose outcome is unknown: each ID may be stored or not, as an unknown
   * update may have been counted or not.
   */
  private final List<String> unknownCreates = new ArrayList<>();

  private final List<String> unknownDeletes = new ArrayList<>();

  /** Successes of each kind, and of those begun 2 s or more after recovery. */
  private final Map<Kind, Integer> successes = new EnumMap<>(Kind.class);

  private final Map<Kind, Integer> lateSuccesses = new EnumMap<>(Kind.class);

  private volatile String inFlight = "nothing";
  private boolean countedLoaded;
  private boolean countedRecovered;

  /**
   * A worker on {@code store} with its counter {@code id} and the counter {@code <id>-cas} it
   * compares and sets; creates both.
   */
  PostgresFaultWorker(
      CounterStore store,
      String id,
      CountDownLatch loaded,
      CountDownLatch recovered,
      AtomicLong recoveredAt,
      AtomicBoolean stop) {
    this.store = store;
    this.id = id;
    this.casId = id + "-cas";
    this.loaded = loaded;
    this.recovered = recovered;
    this.recoveredAt = recoveredAt;
    this.stop = stop;
    this.thread = new Thread(this, "fault-worker-" + id);
    store.create(id);
    store.create(casId);
  }

  /** The operation in flight when the worker was last seen, for a hang's message. */
  String inFlight() {
    return inFlight;
  }

  @Override
  public void run() {
    for (int round = 0; !stop.get(); round++) {
      run(Kind.UPDATE, () -> store.update(id, Counter::increment));
      run(Kind.GET, this::get);
      run(Kind.LIST_PAGE, () -> store.list(PageRequest.first(PAGE_SIZE)));
      compareAndSets.count(
          run(Kind.COMPARE_AND_SET, () -> store.compareAndSet(store.get(casId).incremented())));
      appends.count(run(Kind.EVENT_APPEND, () -> events().append(new Tick(appends.acked + 1))));
      run(Kind.EVENT_READ, this::readEvents);
      create(id + "-" + round);
      run(Kind.CREATE_WITH_GENERATED_ID, () -> generatedIds.add(store.create().id()));
      run(Kind.LOCK, () -> store.lock(id, LOCK_WAIT).close());
      run(Kind.LOCK_ALL, () -> store.lockAll(List.of(id, casId), LOCK_WAIT).close());
      deleteOldest();
      countProgress();
    }
  }

  private void create(String newId) {
    Outcome outcome = run(Kind.CREATE_WITH_ID, () -> store.create(newId));
    creates.count(outcome);
    switch (outcome) {
      case SUCCEEDED -> live.add(newId);
      case UNKNOWN -> unknownCreates.add(newId);
      case FAILED -> failedCreates.add(newId);
    }
  }

  /** Reads its counter, which must show every acknowledged update and no failed one. */
  private void get() {
    long count = store.get(id).count();
    if (count < updates.acked || count > updates.acked + updates.unknown) {
      violations.add("get read count " + count + " with updates " + updates);
    }
  }

  /** Reads its event log, which must hold every acknowledged append and no failed one. */
  private void readEvents() {
    int read = events().read(0).values().size();
    if (read < appends.acked || read > appends.acked + appends.unknown) {
      violations.add("read " + read + " events with appends " + appends);
    }
  }

  private EventLog<Tick> events() {
    return store.events(id, Tick.class);
  }

  /**
   * Deletes its oldest acknowledged create, if there is one: deleted, it must be gone; reported
   * failed, it must still be there; not found, it was there all along, which is a violation.
   */
  private void deleteOldest() {
    String victim = live.poll();
    if (victim == null) {
      return;
    }
    AtomicBoolean found = new AtomicBoolean();
    Outcome outcome = run(Kind.DELETE, () -> found.set(store.delete(victim)));
    deletes.count(outcome);
    if (outcome == Outcome.SUCCEEDED && !found.get()) {
      violations.add("delete of acknowledged " + victim + " returned false");
    } else if (outcome == Outcome.SUCCEEDED) {
      deleted.add(victim);
    } else if (outcome == Outcome.FAILED) {
      failedDeletes.add(victim);
    } else {
      unknownDeletes.add(victim);
    }
  }

  /** Runs {@code operation}, records it and says how it ended. */
  private Outcome run(Kind kind, Runnable operation) {
    long began = System.nanoTime();
    long recovery = recoveredAt.get();
    long sinceRecovery = recovery == Long.MAX_VALUE ? -1 : began - recovery;
    inFlight = kind + " begun " + began;
    try {
      operation.run();
      ops.add(new Operation(kind, began, System.nanoTime(), null));
      if (kind == Kind.UPDATE) {
        updates.acked++;
      }
      successes.merge(kind, 1, Integer::sum);
      if (sinceRecovery >= RECOVERY_NANOS) {
        lateSuccesses.merge(kind, 1, Integer::sum);
      }
      return Outcome.SUCCEEDED;
    } catch (OutcomeUnknownException e) {
      ops.add(new Operation(kind, began, System.nanoTime(), e.toString()));
      if (kind == Kind.UPDATE) {
        updates.unknown++;
      } else if (kind == Kind.CREATE_WITH_GENERATED_ID) {
        generatedUnknown++;
      }
      return Outcome.UNKNOWN;
    } catch (RuntimeException e) {
      ops.add(new Operation(kind, began, System.nanoTime(), e.toString()));
      if (kind == Kind.UPDATE) {
        updates.failed++;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      return Outcome.FAILED;
    }
  }

  private void countProgress() {
    if (!countedLoaded && everyKind(successes, BEFORE_FAULT)) {
      countedLoaded = true;
      loaded.countDown();
    }
    if (!countedRecovered && everyKind(lateSuccesses, LATE_SUCCESSES)) {
      countedRecovered = true;
      recovered.countDown();
    }
  }

  private static boolean everyKind(Map<Kind, Integer> counts, int atLeast) {
    return Arrays.stream(Kind.values()).allMatch(kind -> counts.getOrDefault(kind, 0) >= atLeast);
  }

  /**
   * Asserts that the first success of each kind ending after {@code recovery} ended within {@link
   * #RECOVERY_NANOS} of it, and that nothing begun {@link #RECOVERY_NANOS} after it failed.
   *
   * @return for each kind, how long after {@code recovery} its first success ended
   */
  Map<Kind, Long> assertRecovered(long recovery) {
    Map<Kind, Long> firsts = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      Operation first =
          ops.stream()
              .filter(op -> op.kind() == kind && op.failure() == null)
              .filter(op -> op.ended() - recovery >= 0)
              .findFirst()
              .orElseThrow(() -> new AssertionError(id + ": no " + kind + " after recovery"));
      long after = first.ended() - recovery;
      assertTrue(
          after < RECOVERY_NANOS,
          id
              + ": first successful "
              + kind
              + " ended "
              + TimeUnit.NANOSECONDS.toMillis(after)
              + " ms after recovery: "
              + first
              + "; failures ended after recovery before it: "
              + failuresBetween(recovery, first.ended()));
      firsts.put(kind, after);
    }
    List<Operation> lateFailures =
        ops.stream()
            .filter(op -> op.began() - recovery >= RECOVERY_NANOS && op.failure() != null)
            .toList();
    assertEquals(List.of(), lateFailures, id + ": failures begun 2 s after recovery");
    return firsts;
  }

  /** The first few operations that failed ending between {@code from} and {@code to}. */
  private List<Operation> failuresBetween(long from, long to) {
    return ops.stream()
        .filter(op -> op.failure() != null && op.ended() - from >= 0 && to - op.ended() > 0)
        .limit(5)
        .toList();
  }

  /**
   * Asserts that every operation begun after {@code recovery} ended within {@link
   * #OPERATION_BOUND_NANOS}.
   *
   * @return the longest of them
   */
  long assertBoundedAfter(long recovery) {
    Operation slowest =
        ops.stream()
            .filter(op -> op.began() - recovery >= 0)
            .max(Comparator.comparingLong(Operation::nanos))
            .orElseThrow();
    assertTrue(
        slowest.nanos() < OPERATION_BOUND_NANOS,
        id
            + ": an operation begun after recovery took "
            + TimeUnit.NANOSECONDS.toMillis(slowest.nanos())
            + " ms: "
            + slowest);
    return slowest.nanos();
  }

  /**
   * Asserts that the store holds what this worker's books say: every acknowledged update,
   * compare-and-set and event append counted and no failed one, every acknowledged create not
   * deleted since stored, no create reported failed stored, every acknowledged delete gone, every
   * delete reported failed still there, no instance of this worker's creates stored but those and
   * the ones whose create or delete left the outcome unknown (which may be stored or not), and that
   * no read during the run showed less.
   */
  void assertStored() {
    assertEquals(List.of(), violations, id + ": reads and deletes that lied");
    updates.assertStored(store.get(id).count(), id + " updates");
    compareAndSets.assertStored(store.get(casId).count(), casId + " compare-and-sets");
    appends.assertStored(events().read(0).values().size(), id + " event appends");
    for (String created : live) {
      assertTrue(store.find(created).isPresent(), "acknowledged create of " + created + " lost");
    }
    for (String notCreated : failedCreates) {
      assertTrue(store.find(notCreated).isEmpty(), "create of " + notCreated + " failed, stored");
    }
    for (String gone : deleted) {
      assertTrue(store.find(gone).isEmpty(), "acknowledged delete of " + gone + " undone");
    }
    for (String kept : failedDeletes) {
      assertTrue(store.find(kept).isPresent(), "delete of " + kept + " reported failed, done");
    }
    Set<String> mayBeStored = new HashSet<>(live);
    mayBeStored.addAll(failedDeletes);
    mayBeStored.addAll(unknownCreates);
    mayBeStored.addAll(unknownDeletes);
    Set<String> stored;
    try (Stream<Counter> all = store.stream()) {
      stored =
          all.map(Counter::id)
              .filter(created -> created.startsWith(id + "-") && !created.equals(casId))
              .collect(Collectors.toSet());
    }
    stored.removeAll(mayBeStored);
    assertEquals(
        Set.of(),
        stored,
        id
            + ": stored, though neither acknowledged and not deleted since, nor of unknown outcome;"
            + " creates "
            + creates);
  }
}
