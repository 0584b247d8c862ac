package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.OutcomeUnknownException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What {@code create} reports when the connection of its one {@code INSERT} is lost: acknowledged
 * if the row it wrote is found; otherwise of unknown outcome, and never inserted again, since a
 * missing row may be one it created that another host has deleted since (a second insert would undo
 * that host's acknowledged delete), and another row may be one created after that delete. Only a
 * connection lost before anything was sent is tried again.
 */
class PostgresLostCreatesTest extends TappedStoreFixture {

  /** The server committed the insert, and its answer was lost: the row read back says so, once. */
  @Test
  void aCreateWhoseAnswerIsLostIsAcknowledgedWhenItsRowIsFound() {
    tap.statementFault.set(new Tap.StatementFault(insert(), true));

    assertEquals(1, store.create("there").version());

    assertNull(tap.statementFault.get(), "the answer was lost");
    assertEquals(1, inserts(), "inserted once");
    assertEquals(List.of("1"), rows("there"));
  }

  /**
   * The insert committed, another host deleted the instance (and was told so) while the answer was
   * held back, then the connection was lost: the row is gone, which does not show the create did
   * not commit. It is of unknown outcome, and the instance stays deleted.
   */
  @Test
  void aCreateWhoseInstanceAnotherHostDeletedBeforeTheAnswerWasLostIsOfUnknownOutcome() {
    try (CounterStore other = PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE)) {
      tap.atFault.set(() -> assertTrue(other.delete("victim"), "the other host deleted it"));
      tap.statementFault.set(new Tap.StatementFault(insert(), true));

      OutcomeUnknownException unknown =
          assertThrows(OutcomeUnknownException.class, () -> store.create("victim"));

      assertEquals("victim", unknown.instanceId());
      assertNull(tap.atFault.get(), "the other host deleted at the fault");
      assertTrue(other.find("victim").isEmpty(), "the other host's acknowledged delete stands");
    }
    assertEquals(1, inserts(), "never inserted again");
    assertEquals(List.of("0"), rows("victim"));
  }

  /**
   * The same, and the other host created the instance again before the answer was lost: the row
   * found is not the one this create wrote, which does not show it found the ID taken. It is of
   * unknown outcome, not {@code InstanceAlreadyExistsException}, and the other host's instance is
   * left as it is.
   */
  @Test
  void aCreateWhoseInstanceAnotherHostDeletedAndCreatedAgainIsOfUnknownOutcome() {
    try (CounterStore other = PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE)) {
      AtomicReference<@Nullable Counter> again = new AtomicReference<>();
      tap.atFault.set(
          () -> {
            assertTrue(other.delete("victim"), "the other host deleted it");
            again.set(other.create("victim"));
          });
      tap.statementFault.set(new Tap.StatementFault(insert(), true));

      OutcomeUnknownException unknown =
          assertThrows(OutcomeUnknownException.class, () -> store.create("victim"));

      assertEquals("victim", unknown.instanceId());
      assertNull(tap.atFault.get(), "the other host deleted and created again at the fault");
      assertEquals(again.get(), other.get("victim"), "the other host's instance as it created it");
    }
    assertEquals(1, inserts(), "never inserted again");
  }

  /**
   * Another host created the ID first, with the very document this create writes (both stores on
   * one fixed clock): the insert found the ID taken and wrote nothing, and its answer was lost. The
   * row read back is not the one this create would have made, though it reads the same, so the
   * create is of unknown outcome, never acknowledged: two hosts are never both told that they
   * created one ID.
   */
  @Test
  void aCreateThatFoundItsIdTakenByTheSameDocumentIsNeverAcknowledgedWhenItsAnswerIsLost() {
    StoreOptions fixedClock =
        StoreOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC));
    try (CounterStore other =
            PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE, fixedClock);
        CounterStore tapped =
            PgStores.counters(
                tap.dataSource(), prefix, localRoot.resolve("tapped"), LEASE, fixedClock)) {
      Counter first = other.create("taken");
      tap.statementFault.set(new Tap.StatementFault(insert(), true));

      OutcomeUnknownException unknown =
          assertThrows(OutcomeUnknownException.class, () -> tapped.create("taken"));

      assertEquals("taken", unknown.instanceId());
      assertNull(tap.statementFault.get(), "the answer was lost");
      assertEquals(first, other.get("taken"), "the other host's instance as it created it");
    }
    assertEquals(1, inserts(), "never inserted again");
    assertEquals(List.of("1"), rows("taken"));
  }

  /**
   * The insert committed, another host wrote the instance while the answer was held back, then the
   * connection was lost: the row read back is the one this create made, written since, so the
   * create is acknowledged and the other host's write stands.
   */
  @Test
  void aCreateWrittenByAnotherHostBeforeItsAnswerWasLostIsAcknowledged() {
    try (CounterStore other = PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE)) {
      AtomicReference<@Nullable Counter> written = new AtomicReference<>();
      tap.atFault.set(() -> written.set(other.update("written", Counter::incremented)));
      tap.statementFault.set(new Tap.StatementFault(insert(), true));

      assertEquals(1, store.create("written").version());

      assertNull(tap.atFault.get(), "the other host wrote at the fault");
      assertEquals(written.get(), store.get("written"), "the other host's write stands");
    }
    assertEquals(1, inserts(), "inserted once");
  }

  /**
   * Lost on the way, the driver cannot say whether the insert reached the server, and no row is
   * found: of unknown outcome, never inserted again (here it never ran, and nothing is stored).
   */
  @Test
  void aCreateLostOnTheWayWithNoRowFoundIsOfUnknownOutcome() {
    tap.statementFault.set(new Tap.StatementFault(insert(), false));

    assertThrows(OutcomeUnknownException.class, () -> store.create("maybe"));

    assertNull(tap.statementFault.get(), "the statement was lost");
    assertEquals(1, inserts(), "never inserted again");
    assertEquals(List.of("0"), rows("maybe"));
  }

  /** The driver refused the insert before sending anything: it is tried again, and creates. */
  @Test
  void aCreateLostBeforeAnythingWasSentIsTriedAgain() {
    tap.statementFault.set(new Tap.StatementFault(insert(), false, "08003"));

    assertEquals(1, store.create("retried").version());

    assertNull(tap.statementFault.get(), "the statement was refused");
    assertEquals(2, inserts(), "tried again");
    assertEquals(List.of("1"), rows("retried"));
  }

  /** What the tapped store's creates send: its {@code INSERT} into the instances. */
  private String insert() {
    return "INSERT INTO " + prefix + "instances";
  }

  /** How many inserts into the instances the tapped store sent. */
  private long inserts() {
    return tap.statements.stream().filter(sql -> sql.contains(insert())).count();
  }

  private List<String> rows(String id) {
    return Sql.column(pool, "SELECT count(*) FROM " + prefix + "instances WHERE id = ?", id);
  }
}
