package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InstanceLock;
import dev.burrow.LockLostException;
import dev.burrow.LockTimeoutException;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL backend's flight-recorder events: lock waits, lease renewals and lost leases. */
@ExtendWith(PostgresExtension.class)
class PostgresJfrEventsTest {
  private static final Duration SHORT_LEASE = Duration.ofMillis(300);

  private static final Duration LEASE = Duration.ofSeconds(15);

  /** Renewed every second, so a renewal round comes soon after a test makes the lease expire. */
  private static final Duration RENEWED_LEASE = Duration.ofSeconds(3);

  /** The thread that waits for the lease, named for the recorded events. */
  private static ExecutorService waiter;

  private static DataSource pool;

  @TempDir Path localRoot;

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
    waiter = Executors.newSingleThreadExecutor(task -> new Thread(task, "waiter"));
  }

  @AfterAll
  static void stopWaiter() {
    waiter.shutdownNow();
  }

  /** A started stream that puts each {@code event} it records into {@code into}. */
  private static RecordingStream streaming(String event, BlockingQueue<RecordedEvent> into) {
    RecordingStream stream = new RecordingStream();
    stream.enable(event);
    stream.onEvent(event, into::add);
    stream.startAsync();
    return stream;
  }

  /**
   * Two holders of one instance's lease (two stores, as on two hosts): the second waits until the
   * first releases, to lock and to update, then until its own timeout; each wait is a {@code
   * LockWait} naming the instance and the lease row, with the time waited.
   */
  @Test
  void aWaitForAnotherHoldersLeaseIsRecordedWithTheInstanceAndTheTimeWaited() throws Exception {
    BlockingQueue<RecordedEvent> waits = new LinkedBlockingQueue<>();
    String prefix = PgStores.freshPrefix();
    Tap tap = Tap.of(pool);
    try (RecordingStream stream = new RecordingStream();
        CounterStore first = PgStores.counters(pool, prefix, localRoot, LEASE);
        CounterStore second = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE)) {
      stream.enable("dev.burrow.LockWait").withThreshold(Duration.ZERO);
      stream.onEvent(
          "dev.burrow.LockWait",
          event -> {
            if (event.getThread().getJavaName().equals("waiter")) {
              waits.add(event);
            }
          });
      stream.startAsync();
      first.create("shared");
      String leaseRow = prefix + "leases row (kind 'counters', id 'shared')";
      RecordedEvent granted =
          waitedWhileHeld(
              first, tap, waits, 2, () -> second.lock("shared", Duration.ofMinutes(2)).close());
      assertEquals(leaseRow, granted.getString("lockFile"));
      assertTrue(granted.getDuration().toNanos() > 0, granted.toString());

      RecordedEvent updated =
          waitedWhileHeld(
              first, tap, waits, 3, () -> second.update("shared", Counter::incremented));
      assertEquals(leaseRow, updated.getString("lockFile"));
      assertEquals(2, first.get("shared").version());

      Duration timeout = Duration.ofMillis(300);
      try (InstanceLock again = first.lock("shared")) {
        Future<?> timedOutWait = waiter.submit(() -> second.lock("shared", timeout));
        ExecutionException failed = assertThrows(ExecutionException.class, timedOutWait::get);
        assertTrue(failed.getCause() instanceof LockTimeoutException, failed.toString());
      }
      RecordedEvent timedOut = waits.poll(2, TimeUnit.MINUTES);
      assertTrue(timedOut != null, "the wait that timed out was recorded");
      assertEquals("shared", timedOut.getString("lock"));
      assertTrue(!timedOut.getBoolean("acquired"));
      assertTrue(timedOut.getDuration().compareTo(timeout) >= 0, timedOut.toString());
    }
  }

  /**
   * Runs {@code waiting} on the waiter thread while {@code first} holds the lease on {@code
   * shared}, releases it once {@code waiting} has sent {@code statements} statements through {@code
   * tap} (so it found the lease held and is polling), and returns the recorded wait, after checking
   * that it names the instance and ended with the lease.
   */
  private static RecordedEvent waitedWhileHeld(
      CounterStore first,
      Tap tap,
      BlockingQueue<RecordedEvent> waits,
      int statements,
      Runnable waiting)
      throws Exception {
    InstanceLock held = first.lock("shared");
    tap.executed.drainPermits();
    Future<?> done = waiter.submit(waiting);
    assertTrue(
        tap.executed.tryAcquire(statements, 2, TimeUnit.MINUTES),
        "it found the lease held: it is polling for it");
    held.close();
    done.get();
    RecordedEvent wait = waits.poll(2, TimeUnit.MINUTES);
    assertTrue(wait != null, "the wait was recorded");
    assertEquals("shared", wait.getString("lock"));
    assertTrue(wait.getBoolean("acquired"));
    return wait;
  }

  /**
   * A round records how many leases it held and renewed. The test runs the round itself, on its own
   * thread, while it holds a lease that cannot expire meanwhile, and takes the event that thread
   * recorded: waiting for the renewer's own round would make the result depend on the renewer being
   * scheduled before the lease expires (on a loaded machine it once was not, and renewed 0), and on
   * no earlier round overlapping the lock.
   */
  @Test
  void aRenewalRoundIsRecordedWithTheLeasesItRenewed() throws Exception {
    BlockingQueue<RecordedEvent> rounds = new LinkedBlockingQueue<>();
    Database database = new Database(pool);
    Tables tables = new Tables(PgStores.freshPrefix());
    Migrations.apply(database, tables, Duration.ofSeconds(30));
    Leases leases = new Leases(database, tables, "counters", LEASE);
    long self = Thread.currentThread().getId();
    try (RecordingStream stream = streaming("dev.burrow.LeaseRenewal", rounds);
        LeaseLock lock = leases.acquire("held", LEASE)) {
      leases.renew();
      RecordedEvent round = rounds.poll(2, TimeUnit.MINUTES);
      while (round != null && round.getThread().getJavaThreadId() != self) {
        round = rounds.poll(2, TimeUnit.MINUTES); // the renewer's own round, not the one run here
      }
      assertTrue(round != null, "the round run while the lease was held was recorded");
      assertEquals("counters", round.getString("kind"));
      assertEquals(1, round.getInt("held"));
      assertEquals(1, round.getInt("renewed"));
      assertEquals(null, round.getString("failure"));
      assertTrue(lock.fencingToken().isPresent());
    } finally {
      leases.close();
    }
  }

  /**
   * A round that fails with an {@link Error} (here from the pool, as an unexpected failure in the
   * round would) is recorded as failed, naming it. Before, only a {@code RuntimeException} was
   * written into the event, so the round read as one that ran and renewed none of its leases: as if
   * every one had expired.
   */
  @Test
  void aRoundFailingWithAnErrorIsRecordedAsFailed() throws Exception {
    BlockingQueue<RecordedEvent> rounds = new LinkedBlockingQueue<>();
    AtomicBoolean failing = new AtomicBoolean();
    DataSource source =
        (DataSource)
            Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (self, called, args) -> {
                  if (failing.get() && called.getName().equals("getConnection")) {
                    throw new StackOverflowError("planted");
                  }
                  try {
                    return called.invoke(pool, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    Database database = new Database(source);
    Tables tables = new Tables(PgStores.freshPrefix());
    Migrations.apply(database, tables, Duration.ofSeconds(30));
    Leases leases = new Leases(database, tables, "counters", LEASE);
    long self = Thread.currentThread().getId();
    try (RecordingStream stream = streaming("dev.burrow.LeaseRenewal", rounds);
        LeaseLock lock = leases.acquire("held", LEASE)) {
      failing.set(true);
      assertThrows(StackOverflowError.class, leases::renew);
      failing.set(false);
      RecordedEvent round = rounds.poll(2, TimeUnit.MINUTES);
      while (round != null && round.getThread().getJavaThreadId() != self) {
        round = rounds.poll(2, TimeUnit.MINUTES); // the renewer's own round, not the one run here
      }
      assertTrue(round != null, "the failed round was recorded");
      assertEquals(1, round.getInt("held"));
      assertEquals(0, round.getInt("renewed"));
      String failure = round.getString("failure");
      assertTrue(failure != null && failure.contains("planted"), String.valueOf(failure));
    } finally {
      leases.close();
    }
  }

  /**
   * A held lease that runs out before a renewal round reaches it (here: its expiry moved into the
   * past in the database, as a renewer stalled past the lease would find it) is lost: the round
   * renews 0 of 1 and records a {@code LeaseLost} naming the instance and the epoch, before any
   * write is fenced off.
   */
  @Test
  void aLeaseARenewalRoundFindsExpiredIsRecordedAsLost() throws Exception {
    BlockingQueue<RecordedEvent> rounds = new LinkedBlockingQueue<>();
    BlockingQueue<RecordedEvent> losses = new LinkedBlockingQueue<>();
    String prefix = PgStores.freshPrefix();
    try (RecordingStream stream = new RecordingStream();
        CounterStore store = PgStores.counters(pool, prefix, localRoot, RENEWED_LEASE)) {
      stream.enable("dev.burrow.LeaseRenewal");
      stream.enable("dev.burrow.LeaseLost");
      stream.onEvent("dev.burrow.LeaseRenewal", rounds::add);
      stream.onEvent("dev.burrow.LeaseLost", losses::add);
      stream.startAsync();
      store.create("expired");
      try (InstanceLock lock = store.lock("expired")) {
        long epoch = lock.fencingToken().getAsLong();
        try (java.sql.Connection connection = pool.getConnection();
            java.sql.Statement statement = connection.createStatement()) {
          assertEquals(
              1,
              statement.executeUpdate(
                  "UPDATE "
                      + prefix
                      + "leases SET expires_at = clock_timestamp() - interval '1 second'"
                      + " WHERE id = 'expired'"));
        }
        RecordedEvent lost = losses.poll(2, TimeUnit.MINUTES);
        assertTrue(lost != null, "the loss was recorded by a renewal round");
        assertEquals("counters", lost.getString("kind"));
        assertEquals("expired", lost.getString("instance"));
        assertEquals(epoch, lost.getLong("epoch"));
        assertTrue(lost.getString("why").contains("renewal round"), lost.getString("why"));
        RecordedEvent round = rounds.poll(2, TimeUnit.MINUTES);
        while (round != null && round.getInt("renewed") != 0) {
          round = rounds.poll(2, TimeUnit.MINUTES);
        }
        assertTrue(round != null, "the round that found it expired");
        assertEquals(1, round.getInt("held"));
        assertThrows(LockLostException.class, () -> store.update("expired", Counter::incremented));
      }
    }
  }

  /**
   * One lost lease is one {@code LeaseLost}, however many renewal rounds follow: the round that
   * finds it expired records it, and the later ones (kept running by another lease the store holds)
   * neither record it again nor count it as held, also once another store took the instance over
   * and released it. The holder's next write is still fenced off. The test waits for the rounds
   * themselves, as the stream records them, not for time to pass.
   */
  @Test
  void aLostLeaseIsRecordedOnceHoweverManyRenewalRoundsFollow() throws Exception {
    BlockingQueue<RecordedEvent> rounds = new LinkedBlockingQueue<>();
    BlockingQueue<RecordedEvent> losses = new LinkedBlockingQueue<>();
    String prefix = PgStores.freshPrefix();
    try (RecordingStream stream = new RecordingStream();
        CounterStore store = PgStores.counters(pool, prefix, localRoot, RENEWED_LEASE);
        CounterStore other = PgStores.counters(pool, prefix, localRoot, RENEWED_LEASE)) {
      stream.enable("dev.burrow.LeaseRenewal");
      stream.enable("dev.burrow.LeaseLost");
      stream.onEvent("dev.burrow.LeaseRenewal", rounds::add);
      stream.onEvent("dev.burrow.LeaseLost", losses::add);
      stream.startAsync();
      store.create("lost");
      store.create("kept");
      try (InstanceLock kept = store.lock("kept");
          InstanceLock lock = store.lock("lost")) {
        long epoch = lock.fencingToken().getAsLong();
        assertEquals(
            1,
            Sql.update(
                pool,
                "UPDATE "
                    + prefix
                    + "leases SET expires_at = clock_timestamp() - interval '1 second'"
                    + " WHERE id = 'lost'"));
        // until now only this store held leases, so every round is its renewer's
        RecordedEvent found = rounds.poll(2, TimeUnit.MINUTES);
        while (found != null && found.getInt("renewed") == found.getInt("held")) {
          found = rounds.poll(2, TimeUnit.MINUTES);
        }
        assertTrue(found != null, "a round found the lease expired");
        assertEquals(2, found.getInt("held"));
        assertEquals(1, found.getInt("renewed"));
        long renewer = found.getThread().getJavaThreadId();

        try (InstanceLock taken = other.lock("lost", Duration.ofMinutes(2))) {
          assertTrue(taken.fencingToken().getAsLong() > epoch);
          other.update("lost", Counter::incremented);
        }
        List<RecordedEvent> later = roundsOf(renewer, 3, rounds);

        List<RecordedEvent> recorded = new ArrayList<>();
        losses.drainTo(recorded); // each came before the next round of the thread that found it
        assertEquals(1, lossesOf(epoch, recorded).size(), "LeaseLost events of the lease");
        for (RecordedEvent round : later) {
          assertEquals(1, round.getInt("held"), round.toString());
          assertEquals(1, round.getInt("renewed"), round.toString());
          assertEquals(null, round.getString("failure"));
        }
        assertTrue(kept.fencingToken().isPresent());
        assertThrows(LockLostException.class, () -> store.update("lost", Counter::incremented));
        roundsOf(renewer, 1, rounds);
        losses.drainTo(recorded);
        assertEquals(
            1, lossesOf(epoch, recorded).size(), "the fenced write found the loss already known");
      }
      assertEquals(2, store.get("lost").version());
    }
  }

  /** The next {@code count} renewal rounds of thread {@code renewer}, waited for. */
  private static List<RecordedEvent> roundsOf(
      long renewer, int count, BlockingQueue<RecordedEvent> rounds) throws InterruptedException {
    List<RecordedEvent> found = new ArrayList<>();
    while (found.size() < count) {
      RecordedEvent round = rounds.poll(2, TimeUnit.MINUTES);
      assertTrue(round != null, "renewal rounds go on after the loss: " + found);
      if (round.getThread().getJavaThreadId() == renewer) {
        found.add(round);
      }
    }
    return found;
  }

  /** The LeaseLost events among {@code recorded} of instance 'lost' at {@code epoch}, described. */
  private static List<String> lossesOf(long epoch, List<RecordedEvent> recorded) {
    List<String> ofTheLease = new ArrayList<>();
    for (RecordedEvent loss : recorded) {
      if ("lost".equals(loss.getString("instance")) && loss.getLong("epoch") == epoch) {
        ofTheLease.add(loss.getStartTime() + " " + loss.getString("why"));
      }
    }
    return ofTheLease;
  }

  /**
   * An update whose lease stops being its holder's between the row lock and the write (here its
   * epoch moves on in the database while the change runs: renewal rounds, which renew a holder's
   * leases by holder, do not notice it, so only the write can record the loss) is refused with
   * {@link LockLostException} and recorded as a {@code LeaseLost} naming the instance, the epoch
   * and why, as every other lost lease is. Before, it was refused and not recorded.
   */
  @Test
  void anUpdateWhoseLeaseIsLostWhileTheRowIsWrittenIsRecordedAsALostLease() throws Exception {
    BlockingQueue<RecordedEvent> losses = new LinkedBlockingQueue<>();
    String prefix = PgStores.freshPrefix();
    try (RecordingStream stream = streaming("dev.burrow.LeaseLost", losses);
        CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      store.create("outlived");
      try (InstanceLock lock = store.lock("outlived")) {
        long epoch = lock.fencingToken().getAsLong();
        assertThrows(
            LockLostException.class,
            () ->
                store.update(
                    "outlived",
                    counter -> {
                      assertEquals(
                          1,
                          Sql.update(
                              pool,
                              "UPDATE "
                                  + prefix
                                  + "leases SET epoch = epoch + 1 WHERE id = 'outlived'"));
                      return counter.incremented();
                    }));

        RecordedEvent lost = losses.poll(2, TimeUnit.MINUTES);
        assertTrue(lost != null, "the loss was recorded");
        assertEquals("outlived", lost.getString("instance"));
        assertEquals(epoch, lost.getLong("epoch"));
        assertTrue(
            lost.getString("why").contains("while the row was written"), lost.getString("why"));
      }
      assertEquals(1, store.get("outlived").version(), "nothing was written");
    }
  }

  @Test
  void aWriteWhoseLeaseIsGoneIsRecordedAsALostLease() throws Exception {
    BlockingQueue<RecordedEvent> losses = new LinkedBlockingQueue<>();
    try (RecordingStream stream = streaming("dev.burrow.LeaseLost", losses);
        CounterStore store =
            PgStores.counters(pool, PgStores.freshPrefix(), localRoot, SHORT_LEASE)) {
      Counter created = store.create("fenced");
      PostgresStorage<Counter> backend = PgStores.backend(store);
      Fence stale;
      try (InstanceLock lock = store.lock("fenced")) {
        stale = new Fence("a-holder-long-gone", lock.fencingToken().getAsLong());
      }
      assertThrows(
          LockLostException.class,
          () -> backend.replace("fenced", created.version(), created.incremented(), stale));

      RecordedEvent lost = losses.poll(2, TimeUnit.MINUTES);
      assertTrue(lost != null, "the loss was recorded");
      assertEquals("fenced", lost.getString("instance"));
      assertEquals(stale.epoch(), lost.getLong("epoch"));
      assertEquals(List.of("the lease was released"), List.of(lost.getString("why")));
    }
  }
}
