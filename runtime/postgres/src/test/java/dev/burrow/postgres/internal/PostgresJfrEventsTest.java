package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InstanceLock;
import dev.burrow.LockLostException;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL backend's flight-recorder events: lease renewal rounds and lost leases. */
@ExtendWith(PostgresExtension.class)
class PostgresJfrEventsTest {
  private static final Duration SHORT_LEASE = Duration.ofMillis(300);

  private static DataSource pool;

  @TempDir Path localRoot;

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  /** A started stream that puts each {@code event} it records into {@code into}. */
  private static RecordingStream streaming(String event, BlockingQueue<RecordedEvent> into) {
    RecordingStream stream = new RecordingStream();
    stream.enable(event);
    stream.onEvent(event, into::add);
    stream.startAsync();
    return stream;
  }

  @Test
  void aRenewalRoundIsRecordedWithTheLeasesItRenewed() throws Exception {
    BlockingQueue<RecordedEvent> rounds = new LinkedBlockingQueue<>();
    try (RecordingStream stream = streaming("dev.burrow.LeaseRenewal", rounds);
        CounterStore store =
            PgStores.counters(pool, PgStores.freshPrefix(), localRoot, SHORT_LEASE)) {
      store.create("held");
      try (InstanceLock lock = store.lock("held")) {
        Instant locked = Instant.now();
        RecordedEvent round = rounds.poll(2, TimeUnit.MINUTES);
        // Rounds that began before the lock was taken may hold create's lease, released meanwhile.
        while (round != null && round.getStartTime().isBefore(locked)) {
          round = rounds.poll(2, TimeUnit.MINUTES);
        }
        assertTrue(round != null, "a renewal round while the lease was held");
        assertEquals("counters", round.getString("kind"));
        assertEquals(1, round.getInt("held"));
        assertEquals(1, round.getInt("renewed"));
        assertEquals(null, round.getString("failure"));
        assertTrue(lock.fencingToken().isPresent());
      }
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
