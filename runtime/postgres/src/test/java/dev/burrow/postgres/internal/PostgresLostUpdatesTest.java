package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BackendUnavailableException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code update} reports when its connection is lost and the database is then out of reach
 * (issue 12): lost before its {@code COMMIT} was sent, it certainly committed nothing, so it is
 * {@link BackendUnavailableException} (retriable, nothing written), never {@link
 * OutcomeUnknownException}, whatever an earlier try did; lost during its commit, it is resolved by
 * reading the row back, or, with the database away, of unknown outcome.
 */
class PostgresLostUpdatesTest extends TappedStoreFixture {
  /** The statement that locks the row, the first of the update's transaction. */
  private static final String LOCK_ROW = "FOR UPDATE OF i";

  /** The guarded write, sent with the {@code COMMIT}. */
  private static final String WRITE = "SET version = ?";

  /** The guarded write of an update of a row the store wrote last, committed on its own. */
  private static final String WRITE_KNOWN = "FOR UPDATE SKIP LOCKED";

  /** Created through another store, so that the tapped store's first update locks the row. */
  @BeforeEach
  void createTheInstance() {
    PgStores.createElsewhere(pool, prefix, localRoot, "there");
  }

  /** Lost at the row lock, before the change was applied, and the database is then away. */
  @Test
  void anUpdateLostBeforeItsWriteWithTheDatabaseAwayIsUnavailableNotUnknown() {
    loseBeforeTheWriteThenGoDown();

    assertNotWritten();
  }

  /**
   * The first try's write is lost before it was sent and is found not committed; the second try is
   * lost at the row lock, and the database is then away. The first try's applied change does not
   * make the second's loss a commit that may have happened.
   */
  @Test
  void anUpdateWhoseRetryIsLostBeforeItsWriteIsUnavailableNotUnknown() {
    tap.statementFault.set(new Tap.StatementFault(WRITE, false));
    tap.atFault.set(this::loseBeforeTheWriteThenGoDown);

    assertNotWritten();
    assertNull(tap.atFault.get(), "the first try's write was lost, and the retry armed");
  }

  /** The server committed, and its answer was lost with the database: unknown, as it may be. */
  @Test
  void anUpdateLostDuringItsCommitWithTheDatabaseAwayIsOfUnknownOutcome() {
    tap.commitFault.set(Tap.CommitFault.LOST_AFTER_THEN_DOWN);

    OutcomeUnknownException unknown =
        assertThrows(
            OutcomeUnknownException.class, () -> store.update("there", Counter::incremented));

    assertEquals("there", unknown.instanceId());
    tap.down.set(false);
    assertEquals(List.of("2"), versions(), "it had committed");
  }

  /** The server committed, and its answer was lost: the row read back says so, once. */
  @Test
  void anUpdateLostDuringItsCommitIsResolvedByReadingTheRowBack() {
    tap.commitFault.set(Tap.CommitFault.LOST_AFTER);

    assertEquals(2, store.update("there", Counter::incremented).version());

    assertNull(tap.commitFault.get(), "the commit was lost");
    assertEquals(List.of("2"), versions(), "applied once");
  }

  /**
   * A compare-and-set ran (committing on its own) and its answer was lost: the row read back says
   * it was written, and with which creation time, the stored one it kept, not the value's.
   */
  @Test
  void aCompareAndSetWhoseAnswerIsLostIsResolvedWithTheCreationTimeItKept() {
    Counter stored = store.get("there");
    tap.statementFault.set(new Tap.StatementFault(WRITE, true));

    Counter backdated =
        new Counter(
            "there",
            stored.version(),
            Instant.EPOCH,
            stored.updatedAt(),
            stored.status(),
            stored.count() + 1,
            stored.params());

    Counter written = store.compareAndSet(backdated);

    assertNull(tap.statementFault.get(), "the answer was lost");
    assertEquals(2, written.version());
    assertEquals(stored.createdAt(), written.createdAt());
    assertEquals(written, store.get("there"));
    assertEquals(List.of("2"), versions(), "applied once");
  }

  /**
   * An update of a row the store wrote last is one statement: lost before it ran, it is found not
   * committed and run again; lost after it ran, the row read back says it was written, once.
   */
  @Test
  void anUpdateOfARowTheStoreWroteLastIsResolvedByReadingTheRowBack() {
    store.update("there", Counter::incremented);
    tap.statementFault.set(new Tap.StatementFault(WRITE_KNOWN, false));

    assertEquals(3, store.update("there", Counter::incremented).version());

    assertNull(tap.statementFault.get(), "the statement was lost");
    tap.statementFault.set(new Tap.StatementFault(WRITE_KNOWN, true));

    assertEquals(4, store.update("there", Counter::incremented).version());

    assertNull(tap.statementFault.get(), "the answer was lost");
    assertEquals(List.of("4"), versions(), "each applied once");
    assertEquals(3, store.get("there").count());
  }

  /**
   * An update of a row the store wrote last ran, its answer was lost and the database is then away:
   * unknown, as it may have committed.
   */
  @Test
  void anUpdateOfARowTheStoreWroteLastLostWithTheDatabaseAwayIsOfUnknownOutcome() {
    store.update("there", Counter::incremented);
    tap.statementFault.set(new Tap.StatementFault(WRITE_KNOWN, true));
    tap.atFault.set(() -> tap.down.set(true));

    OutcomeUnknownException unknown =
        assertThrows(
            OutcomeUnknownException.class, () -> store.update("there", Counter::incremented));

    assertEquals("there", unknown.instanceId());
    tap.down.set(false);
    assertEquals(List.of("3"), versions(), "it had committed");
  }

  /**
   * The server committed, its answer was lost, and before the row was read back another host
   * deleted the instance and created it again, at the version the update had found: unknown, where
   * taking the new row for the old one untouched would apply the change to it a second time.
   */
  @Test
  void anUpdateLostDuringItsCommitWhileTheInstanceIsCreatedAgainIsOfUnknownOutcome() {
    tap.commitFault.set(Tap.CommitFault.LOST_AFTER);
    tap.atFault.set(() -> createAgainElsewhere(0));

    assertUnknownAndCreatedAgain(1);
  }

  /**
   * A compare-and-set ran (committing on its own) and its answer was lost, and before the row was
   * read back another host deleted the instance and created it again, at the version the
   * compare-and-set expected. The value was read through another store, so this one knows no
   * incarnation of the row: the new row's creation time tells it from the old one, and the outcome
   * is unknown, where taking it for the old row untouched would write the value to the new instance
   * a second time.
   */
  @Test
  void aCompareAndSetLostWhileTheInstanceIsCreatedAgainIsOfUnknownOutcome() {
    Counter stored;
    try (CounterStore reader =
        PgStores.counters(pool, prefix, localRoot.resolve("reader"), LEASE)) {
      stored = reader.get("there");
    }
    tap.statementFault.set(new Tap.StatementFault(WRITE, true));
    tap.atFault.set(() -> createAgainElsewhere(0));

    OutcomeUnknownException unknown =
        assertThrows(
            OutcomeUnknownException.class, () -> store.compareAndSet(stored.incremented()));

    assertEquals("there", unknown.instanceId());
    assertTrue(unknown.getMessage().contains("created again"), unknown.getMessage());
    assertNull(tap.atFault.get(), "the answer was lost and the instance created again");
    assertEquals(List.of("1"), versions(), "the new instance never got it");
  }

  /**
   * A compare-and-set ran and its answer was lost, and before the row was read back the instance
   * was deleted and created again with the very document it had, creation time included (as an
   * import of an earlier export makes it): the creation time cannot tell the rows apart, but the
   * incarnation the store's read found does, and the outcome is unknown.
   */
  @Test
  void aCompareAndSetLostWhileTheInstanceIsCreatedAgainWithItsCreationTimeIsOfUnknownOutcome() {
    Counter stored = store.get("there");
    List<String> document = Sql.column(pool, "SELECT document FROM " + prefix + "instances");
    tap.statementFault.set(new Tap.StatementFault(WRITE, true));
    tap.atFault.set(
        () ->
            Sql.update(
                pool,
                "UPDATE "
                    + prefix
                    + "instances SET version = 1, document = ?, incarnation = incarnation + 1",
                document.get(0)));

    OutcomeUnknownException unknown =
        assertThrows(
            OutcomeUnknownException.class, () -> store.compareAndSet(stored.incremented()));

    assertTrue(unknown.getMessage().contains("created again"), unknown.getMessage());
    assertNull(tap.atFault.get(), "the answer was lost and the instance created again");
    assertEquals(List.of("1"), versions(), "the new instance never got it");
  }

  /**
   * A replace that keeps no creation time, as a compare-and-set of a type without one is, of a row
   * this store never read or wrote, lost on the way: the row still at the expected version may be
   * one deleted and created again since, which nothing the store knows tells apart, so the outcome
   * is unknown and the value is not written again.
   */
  @Test
  void aReplaceOfARowTheStoreNeverSawLostOnTheWayIsOfUnknownOutcome() {
    Counter stored =
        PgStores.createElsewhere(pool, prefix, localRoot.resolve("again"), "elsewhere");
    tap.statementFault.set(new Tap.StatementFault(WRITE, false));

    OutcomeUnknownException unknown =
        assertThrows(
            OutcomeUnknownException.class,
            () ->
                PgStores.backend(store)
                    .replace("elsewhere", stored.version(), stored.incremented()));

    assertTrue(unknown.getMessage().contains("never read or wrote it"), unknown.getMessage());
    assertEquals(
        List.of("1"),
        Sql.column(pool, "SELECT version FROM " + prefix + "instances WHERE id = ?", "elsewhere"),
        "not written again");
  }

  /**
   * An optimistic update's compare-and-set was lost before it ran: the row read back is the one the
   * update read, still at the version it expected, so it certainly did not commit and is run again,
   * once.
   */
  @Test
  void anOptimisticUpdateLostBeforeItsWriteRanIsRunAgainOnce() {
    tap.statementFault.set(new Tap.StatementFault(WRITE, false));

    assertEquals(2, store.updateOptimistic("there", Counter::incremented).version());

    assertNull(tap.statementFault.get(), "the statement was lost");
    assertEquals(List.of("2"), versions(), "applied once");
    assertEquals(1, store.get("there").count());
  }

  /**
   * An optimistic update's compare-and-set ran (committing on its own) and its answer was lost, and
   * before the row was read back another host deleted the instance and created it again, at the
   * version the update had read. Its replace keeps no creation time to tell the rows apart, but the
   * row's incarnation, which the update's read found, does: the outcome is unknown, where taking
   * the new row for the old one untouched would apply the change to the new instance a second time.
   */
  @Test
  void anOptimisticUpdateLostWhileTheInstanceIsCreatedAgainIsOfUnknownOutcome() {
    tap.statementFault.set(new Tap.StatementFault(WRITE, true));
    tap.atFault.set(() -> createAgainElsewhere(0));

    OutcomeUnknownException unknown =
        assertThrows(
            OutcomeUnknownException.class,
            () -> store.updateOptimistic("there", Counter::incremented));

    assertEquals("there", unknown.instanceId());
    assertTrue(unknown.getMessage().contains("created again"), unknown.getMessage());
    assertNull(tap.atFault.get(), "the answer was lost and the instance created again");
    assertEquals(List.of("1"), versions(), "the new instance never got it");
  }

  /** The same for an update of a row the store wrote last, one statement committed on its own. */
  @Test
  void anUpdateOfARowTheStoreWroteLastLostWhileTheInstanceIsCreatedAgainIsOfUnknownOutcome() {
    store.update("there", Counter::incremented);
    tap.statementFault.set(new Tap.StatementFault(WRITE_KNOWN, true));
    tap.atFault.set(() -> createAgainElsewhere(1));

    assertUnknownAndCreatedAgain(2);
  }

  /**
   * An update whose {@code COMMIT} never reached the server (rolled back), while another store's
   * update of the row, waiting for its lock, writes the very document this one would have (the same
   * change on the same clock tick: a fixed clock here, a coarse one or a kind without timestamps in
   * use) and commits before the row is read back. The row then holds what this update sent, written
   * by another transaction: it is no proof that this one committed. Before, the update was
   * acknowledged: two increments acknowledged, one stored.
   */
  @Test
  void anUpdateLostBeforeItsCommitIsNeverTakenForAnotherStoresWriteOfTheSameDocument() {
    StoreOptions tick =
        StoreOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    try (CounterStore ticking =
            PgStores.counters(tap.dataSource(), prefix, localRoot.resolve("ticking"), LEASE, tick);
        CounterStore other =
            PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE, tick)) {
      tap.commitFault.set(Tap.CommitFault.LOST_BEFORE);
      tap.atFault.set(() -> other.update("there", Counter::incremented));

      String outcome;
      try {
        outcome =
            "acknowledged at version " + ticking.update("there", Counter::incremented).version();
      } catch (OutcomeUnknownException unknown) {
        outcome = "unknown";
      }

      assertNull(tap.atFault.get(), "the commit was lost and the other store wrote");
      long count = other.get("there").count();
      assertTrue(
          outcome.equals("unknown") || count == 2,
          outcome + ", yet " + count + " increment(s) stored of the two acknowledged");
    }
  }

  /**
   * Deletes the instance through another store and creates it again there, then updates it {@code
   * updates} times: a new incarnation of the row, at version {@code updates + 1}.
   */
  private void createAgainElsewhere(int updates) {
    try (CounterStore other = PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE)) {
      other.delete("there");
      other.create("there");
      for (int i = 0; i < updates; i++) {
        other.update("there", Counter::incremented);
      }
    }
  }

  private void assertUnknownAndCreatedAgain(long version) {
    OutcomeUnknownException unknown =
        assertThrows(
            OutcomeUnknownException.class, () -> store.update("there", Counter::incremented));

    assertEquals("there", unknown.instanceId());
    assertTrue(unknown.getMessage().contains("created again"), unknown.getMessage());
    assertNull(tap.atFault.get(), "the answer was lost and the instance created again");
    assertEquals(List.of(Long.toString(version)), versions(), "the new instance never got it");
  }

  /** Arms the loss of the next row lock, after which the tap goes down. */
  private void loseBeforeTheWriteThenGoDown() {
    tap.statementFault.set(new Tap.StatementFault(LOCK_ROW, false));
    tap.atFault.set(() -> tap.down.set(true));
  }

  private void assertNotWritten() {
    BackendUnavailableException unavailable =
        assertThrows(
            BackendUnavailableException.class, () -> store.update("there", Counter::incremented));

    assertTrue(
        unavailable.getMessage().contains("'there'")
            && unavailable.getMessage().contains("nothing was written"),
        unavailable.getMessage());
    assertNull(tap.statementFault.get(), "the row lock was lost");
    tap.down.set(false);
    assertEquals(List.of("1"), versions());
  }

  private List<String> versions() {
    return Sql.column(pool, "SELECT version FROM " + prefix + "instances WHERE id = ?", "there");
  }
}
