package dev.burrow.runtime.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.ClockMovedBackwardsException;
import dev.burrow.MisuseException;
import dev.burrow.SnowflakeId;
import dev.burrow.SnowflakeLayout;
import dev.burrow.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnowflakeGeneratorTest {
  private static final long START = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();
  private static final SnowflakeLayout LAYOUT = SnowflakeLayout.defaults();

  private final ManualClock clock = new ManualClock(START);

  private SnowflakeGenerator generator(TestLeases leases) {
    return SnowflakeGenerator.builder(leases).clock(clock).build();
  }

  @Test
  void idsCarryTheWorkerAndTheClockAndIncrease() {
    try (SnowflakeGenerator generator = generator(new TestLeases(77, Long.MIN_VALUE))) {
      long previous = -1;
      for (int i = 0; i < 10_000; i++) {
        if (i % 100 == 0) {
          clock.advanceNanos(137_000);
        }
        long id = generator.next();
        assertTrue(id > previous);
        previous = id;
        SnowflakeId parsed = LAYOUT.parse(id);
        assertEquals(77, parsed.worker());
        assertEquals(clock.currentTimeMillis(), parsed.timestampMillis());
      }
      String text = generator.nextId();
      assertEquals(Long.parseLong(text), LAYOUT.parse(text).value());
      assertEquals(77, generator.workerId());
    }
  }

  @Test
  void wallClockSteppedBack5MillisOr10SecondsWhileRunningChangesNothing() {
    try (SnowflakeGenerator generator = generator(new TestLeases(1, Long.MIN_VALUE))) {
      long before = generator.next();
      for (long step : new long[] {-5, -10_000}) {
        clock.stepWallMillis(step);
        for (int i = 0; i < 3_000; i++) {
          clock.advanceNanos(400_000);
          long id = generator.next();
          assertTrue(id > before, "IDs keep increasing after a step of " + step + " ms");
          before = id;
        }
      }
      // 2.4 s of monotonic time passed since start; the wall clock's steps did not count
      assertEquals(START + 2_400, LAYOUT.parse(before).timestampMillis());
    }
  }

  @Test
  void logicalClockFollowsTheWallClockForwardButNeverBack() {
    try (SnowflakeGenerator generator = generator(new TestLeases(1, Long.MIN_VALUE))) {
      generator.next();
      clock.stepWallMillis(60_000);
      clock.advanceMillis(1_000); // the logical clock looks at the wall clock about once a second
      assertEquals(START + 61_000, LAYOUT.parse(generator.next()).timestampMillis());
      clock.stepWallMillis(-120_000);
      clock.advanceMillis(1_000);
      assertEquals(START + 62_000, LAYOUT.parse(generator.next()).timestampMillis());
    }
  }

  @Test
  void startUpWaitsWhenTheClockIsSlightlyBehindTheLeaseHighWaterMark() {
    long highWater = START + 5; // the clock stepped back 5 ms since the previous holder
    try (SnowflakeGenerator generator = generator(new TestLeases(3, highWater))) {
      assertTrue(clock.parks() > 0, "start-up parked until the clock passed the mark");
      assertTrue(clock.currentTimeMillis() > highWater);
      assertEquals(highWater + 1, LAYOUT.parse(generator.next()).timestampMillis());
    }
  }

  /**
   * A worker number given back by a holder that just recorded its mark (about a second ahead of its
   * clock), taken at once by a host whose clock is 3 ms behind the first's: the start waits the
   * mark out, instead of taking the reserved second for a clock that moved backwards.
   */
  @Test
  void startUpWaitsOutTheMarkAHolderThatJustStoppedLeftAhead() {
    TestLeases first = new TestLeases(3, Long.MIN_VALUE);
    long lastId = oneIdThenClose(first);
    long mark = first.lastRecorded();
    clock.stepWallMillis(-3);
    try (SnowflakeGenerator next = generator(new TestLeases(3, mark))) {
      long id = next.next();
      assertTrue(LAYOUT.parse(id).timestampMillis() > mark);
      assertTrue(id > lastId);
    }
  }

  /**
   * A generator closed cleanly lowers its mark to its last ID's time, so one taking the number
   * right after it (a quick restart) starts without waiting out the second the mark was recorded
   * ahead.
   */
  @Test
  void aSuccessorAfterACleanCloseStartsWithoutWaiting() {
    TestLeases first = new TestLeases(3, Long.MIN_VALUE);
    long lastId = oneIdThenClose(first);
    assertEquals(LAYOUT.parse(lastId).timestampMillis(), first.markLeft());
    clock.advanceMillis(1);
    int parksBefore = clock.parks();
    try (SnowflakeGenerator next = generator(new TestLeases(3, first.markLeft()))) {
      assertEquals(parksBefore, clock.parks(), "the successor waited");
      assertTrue(next.next() > lastId);
    }
  }

  private long oneIdThenClose(TestLeases leases) {
    try (SnowflakeGenerator stopping = generator(leases)) {
      return stopping.next();
    }
  }

  /** The lowered mark covers IDs a burst borrowed from milliseconds ahead of the clock. */
  @Test
  void aCleanCloseAfterABurstLowersTheMarkOnlyToTheLastBorrowedMillisecond() {
    TestLeases first = new TestLeases(3, Long.MIN_VALUE);
    long lastId = 0;
    try (SnowflakeGenerator bursting = generator(first)) {
      for (int i = 0; i < 3 * LAYOUT.sequencesPerMillisecond(); i++) {
        lastId = bursting.next();
      }
    }
    assertEquals(START + 2, LAYOUT.parse(lastId).timestampMillis());
    assertEquals(START + 2, first.markLeft());
  }

  /** A generator that failed to record a mark may have lost its lease: its mark is left as is. */
  @Test
  void aGeneratorThatFailedToRecordAMarkNeverLowersIt() {
    TestLeases leases = new TestLeases(3, Long.MIN_VALUE);
    try (SnowflakeGenerator failing = generator(leases)) {
      failing.next();
      leases.failRecords = true;
      clock.advanceMillis(600);
      assertThrows(StorageException.class, failing::next);
    }
    assertTrue(leases.closed);
    assertEquals(Long.MIN_VALUE, leases.loweredTo);
  }

  @Test
  void startUpFailsClearlyWhenTheClockIsFarBehindTheLeaseHighWaterMark() {
    long highWater = START + 10_000; // the clock stepped back 10 s
    TestLeases leases = new TestLeases(3, highWater);
    ClockMovedBackwardsException e =
        assertThrows(ClockMovedBackwardsException.class, () -> generator(leases));
    assertEquals(3, e.worker());
    assertEquals(highWater, e.highWaterMillis());
    assertEquals(START, e.clockMillis());
    assertTrue(e.getMessage().contains("10000 ms behind"), e.getMessage());
    assertEquals(0, clock.parks(), "no point waiting for a gap larger than allowed");
    assertTrue(leases.closed, "the lease is given back");

    try (SnowflakeGenerator patient =
        SnowflakeGenerator.builder(new TestLeases(3, highWater))
            .clock(clock)
            .maxStartupWait(Duration.ofSeconds(11))
            .build()) {
      assertTrue(LAYOUT.parse(patient.next()).timestampMillis() > highWater);
    }
  }

  @Test
  void highWaterMarkIsRecordedBeforeAnyIdCanPassIt() {
    TestLeases leases = new TestLeases(5, Long.MIN_VALUE);
    try (SnowflakeGenerator generator = generator(leases)) {
      assertEquals(1, leases.recorded.size(), "the first mark is recorded at start");
      for (int i = 0; i < 50; i++) {
        clock.advanceMillis(97);
        long timestamp = LAYOUT.parse(generator.next()).timestampMillis();
        assertTrue(timestamp <= leases.lastRecorded());
        assertTrue(leases.lastRecorded() <= timestamp + 1_000, "the mark stays near the IDs");
      }
      assertTrue(
          leases.recorded.size() >= 8 && leases.recorded.size() <= 12,
          "about two marks a second, not one per ID: " + leases.recorded.size());
    }
  }

  @Test
  void sequenceOverflowBorrowsTheNextMillisecondThenParks() {
    try (SnowflakeGenerator generator =
        SnowflakeGenerator.builder(new TestLeases(9, 0))
            .clock(clock)
            .maxLead(Duration.ofMillis(1))
            .build()) {
      long[] ids = new long[4096 * 3];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = generator.next();
        long timestamp = LAYOUT.parse(ids[i]).timestampMillis();
        assertTrue(timestamp - clock.currentTimeMillis() <= 1, "lead stays within 1 ms");
      }
      assertStrictlyIncreasing(ids);
      SnowflakeId lastOfFirst = LAYOUT.parse(ids[4095]);
      assertEquals(START, lastOfFirst.timestampMillis());
      assertEquals(4095, lastOfFirst.sequence());
      assertEquals(new SnowflakeId(ids[4096], START + 1, 9, 0), LAYOUT.parse(ids[4096]));
      assertEquals(START + 2, LAYOUT.parse(ids[ids.length - 1]).timestampMillis());
      assertEquals(1, clock.parks(), "two milliseconds' worth needed one wait, not a spin");
      assertEquals(START + 1, clock.currentTimeMillis());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, -1})
  void leadIsConfigurableAndFourMillisecondsByDefault(int lead) {
    SnowflakeGenerator.Builder builder =
        SnowflakeGenerator.builder(new TestLeases(1, Long.MIN_VALUE)).clock(clock);
    if (lead >= 0) {
      builder.maxLead(Duration.ofMillis(lead));
    }
    int expectedLead = lead >= 0 ? lead : 4;
    try (SnowflakeGenerator generator = builder.build()) {
      for (int i = 0; i < 4096 * (expectedLead + 1); i++) {
        generator.next();
      }
      assertEquals(0, clock.parks(), "borrowing " + expectedLead + " ms needs no wait");
      assertEquals(START + expectedLead + 1, LAYOUT.parse(generator.next()).timestampMillis());
      assertEquals(1, clock.parks());
      assertEquals(START + 1, clock.currentTimeMillis(), "waited just one millisecond");
    }
  }

  @Test
  void threadsNeverShareAnIdAndEachSeesItsOwnIdsIncrease() throws Exception {
    int threads = 4;
    int perThread = 50_000;
    try (SnowflakeGenerator generator = SnowflakeGenerator.builder(WorkerIds.fixed(12)).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<long[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  long[] ids = new long[perThread];
                  for (int i = 0; i < perThread; i++) {
                    ids[i] = generator.next();
                  }
                  return ids;
                }));
      }
      long[] all = new long[threads * perThread];
      for (int t = 0; t < threads; t++) {
        long[] ids = results.get(t).get();
        assertStrictlyIncreasing(ids);
        System.arraycopy(ids, 0, all, t * perThread, perThread);
      }
      pool.shutdown();
      Arrays.sort(all);
      assertStrictlyIncreasing(all);
    }
  }

  @Test
  void closedGeneratorReleasesItsLeaseAndRefusesToContinue() {
    TestLeases leases = new TestLeases(2, Long.MIN_VALUE);
    SnowflakeGenerator generator = generator(leases);
    generator.next();
    generator.close();
    assertTrue(leases.closed);
    assertThrows(MisuseException.class, generator::next);
    generator.close();
  }

  @Test
  void runningOutOfTimestampBitsIsAnErrorNotAWrapAround() {
    Instant epoch = Instant.ofEpochMilli(START).minus(Duration.ofDays(20));
    SnowflakeLayout small = SnowflakeLayout.of(31, 10, 22, epoch, Instant.ofEpochMilli(START));
    ManualClock nearEnd = new ManualClock(small.lastMillis() - 1);
    try (SnowflakeGenerator generator =
        SnowflakeGenerator.builder(new TestLeases(0, 0)).layout(small).clock(nearEnd).build()) {
      assertEquals(small.lastMillis() - 1, small.parse(generator.next()).timestampMillis());
      nearEnd.advanceMillis(1);
      assertEquals(small.lastMillis(), small.parse(generator.next()).timestampMillis());
      nearEnd.advanceMillis(1);
      MisuseException e = assertThrows(MisuseException.class, generator::next);
      assertTrue(e.getMessage().contains("run out"), e.getMessage());
      assertTrue(e.getMessage().contains("Set this host's clock right"), e.getMessage());
    }
  }

  /** A clock before the layout's epoch makes no ID: a misuse naming the clock and the epoch. */
  @Test
  void aClockBeforeTheEpochIsAMisuseNamingBoth() {
    SnowflakeLayout layout =
        SnowflakeLayout.of(41, 10, 12, Instant.ofEpochMilli(START), Instant.ofEpochMilli(START));
    ManualClock early = new ManualClock(START - Duration.ofDays(1).toMillis());
    MisuseException e =
        assertThrows(
            MisuseException.class,
            () ->
                SnowflakeGenerator.builder(new TestLeases(0, 0))
                    .layout(layout)
                    .clock(early)
                    .build());
    assertTrue(e.getMessage().contains("before the epoch " + layout.epoch()), e.getMessage());
  }

  @Test
  void fixedWorkerMustFitTheLayout() {
    MisuseException e =
        assertThrows(
            MisuseException.class, () -> SnowflakeGenerator.builder(WorkerIds.fixed(1024)).build());
    assertTrue(e.getMessage().contains("1024"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WorkerIds.fixed(-1));
  }

  @Test
  void hashDerivedWorkerIsOptInAndDeterministicForThisProcess() {
    int first = WorkerIds.unsafeHashOfHostAndPid().acquire(1024).workerId();
    assertEquals(
        first,
        WorkerIds.unsafeHashOfHostAndPid().acquire(1024).workerId(),
        "the same process always hashes to the same number, so two generators would collide");
    assertTrue(first >= 0 && first < 1024);
  }

  static void assertStrictlyIncreasing(long[] ids) {
    for (int i = 1; i < ids.length; i++) {
      if (ids[i] <= ids[i - 1]) {
        throw new AssertionError(
            "not strictly increasing at " + i + ": " + ids[i - 1] + " then " + ids[i]);
      }
    }
  }
}
