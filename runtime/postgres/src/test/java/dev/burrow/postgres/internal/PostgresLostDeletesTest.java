package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BackendUnavailableException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.runtime.testing.CounterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code delete} returns when its connection is lost at each point on the way (issue 12): true
 * only if this call is known to have removed the row, false if there was none for it to remove
 * (never one, or another host removed it first), and {@link OutcomeUnknownException} only when its
 * removal's commit cannot be learned. Reading the row back cannot tell these apart: it sees the row
 * gone whoever removed it.
 */
class PostgresLostDeletesTest extends TappedStoreFixture {
  /** The statement that looks up the incarnation of an ID's row on Burrow's own connections. */
  private static final String INCARNATION_LOOKUP = "SELECT incarnation, NULL::bigint FROM";

  /** Where the delete's connection is lost. */
  enum Point {
    /** Before the {@code DELETE} is sent: nothing ran. */
    BEFORE_THE_STATEMENT,
    /** The {@code DELETE} ran, and its answer was lost: nothing was committed. */
    AFTER_THE_STATEMENT,
    /** The answer came, and the {@code COMMIT} never reached the server. */
    BEFORE_THE_COMMIT,
    /** The server committed, and its answer was lost. */
    DURING_THE_COMMIT;

    void arm(Tap tap) {
      switch (this) {
        case BEFORE_THE_STATEMENT ->
            tap.statementFault.set(new Tap.StatementFault("DELETE FROM", false));
        case AFTER_THE_STATEMENT ->
            tap.statementFault.set(new Tap.StatementFault("DELETE FROM", true));
        case BEFORE_THE_COMMIT -> tap.commitFault.set(Tap.CommitFault.LOST_BEFORE);
        case DURING_THE_COMMIT -> tap.commitFault.set(Tap.CommitFault.LOST_AFTER);
      }
    }

    /** Whether the fault is still armed, never met, on {@code tap}. */
    boolean armed(Tap tap) {
      return (ordinal() < BEFORE_THE_COMMIT.ordinal() ? tap.statementFault : tap.commitFault).get()
          != null;
    }
  }

  @ParameterizedTest
  @EnumSource(Point.class)
  void aDeleteOfAnExistingInstanceIsTrueWhereverItsConnectionIsLost(Point point) {
    store.create("there");
    point.arm(tap);

    assertTrue(store.delete("there"), point.toString());

    assertFalse(point.armed(tap), point + " was met");
    assertEquals(List.of("0"), rows("there"));
  }

  /** A delete that removes nothing sends no {@code COMMIT}: only the statement can be lost. */
  @ParameterizedTest
  @EnumSource(
      value = Point.class,
      names = {"BEFORE_THE_STATEMENT", "AFTER_THE_STATEMENT"})
  void aDeleteOfAnInstanceThatNeverExistedIsFalseWhereverItsConnectionIsLost(Point point) {
    point.arm(tap);

    assertFalse(store.delete("never"), point.toString());

    assertFalse(point.armed(tap), point + " was met");
  }

  @Test
  void aDeleteThatRemovesNothingSendsNoCommit() {
    tap.commitFault.set(Tap.CommitFault.LOST_AFTER_THEN_DOWN);

    assertFalse(store.delete("never"));

    assertTrue(Point.DURING_THE_COMMIT.armed(tap), "no COMMIT was sent");
  }

  /**
   * Another host deletes the instance after this host's delete was lost before it committed: the
   * instance is gone, and this delete, which did not remove it, is false.
   */
  @ParameterizedTest
  @EnumSource(
      value = Point.class,
      names = {"BEFORE_THE_STATEMENT", "AFTER_THE_STATEMENT", "BEFORE_THE_COMMIT"})
  void aLostDeleteIsFalseWhenAnotherHostRemovedTheInstanceMeanwhile(Point point) {
    store.create("contested");
    try (CounterStore other = PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE)) {
      tap.atFault.set(() -> assertTrue(other.delete("contested"), "the other host removed it"));
      point.arm(tap);

      assertFalse(store.delete("contested"), point.toString());

      assertFalse(point.armed(tap), point + " was met");
      assertEquals(null, tap.atFault.get(), "the other host deleted at the fault");
    }
    assertEquals(List.of("0"), rows("contested"));
  }

  /**
   * The delete removed the row and its commit was sent, and the database is away before it can be
   * asked whether the commit landed: the outcome is unknown, never false. It had committed.
   */
  @Test
  void aDeleteWhoseCommitCannotBeLearnedIsOfUnknownOutcome() {
    store.create("there");
    tap.commitFault.set(Tap.CommitFault.LOST_AFTER_THEN_DOWN);

    OutcomeUnknownException unknown =
        assertThrows(OutcomeUnknownException.class, () -> store.delete("there"));

    assertEquals("there", unknown.instanceId());
    tap.down.set(false);
    assertEquals(List.of("0"), rows("there"));
  }

  /**
   * The delete removed the row, and the database is away by the time this host's directory of the
   * instance is removed (the look-up of the ID's incarnation, if one is made, is lost, and no
   * connection can be had after it), whether the {@code COMMIT}'s answer came or was lost and
   * learned: the directory was made for the very row the delete removed (its record names the
   * incarnation the {@code DELETE} returned), so it is removed without asking the database, and the
   * delete is true. Before, the ID was looked up again, and the delete threw {@link
   * OutcomeUnknownException} saying the directory could not be moved into the trash.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aDeleteRemovesTheDirectoryOfTheRowItRemovedWithoutAskingTheDatabase(
      boolean commitAnswerLost) {
    store.create("there");
    Path directory = store.dirs("there").root();
    Runnable cutOff = () -> tap.down.set(true);
    tap.statementFault.set(new Tap.StatementFault(INCARNATION_LOOKUP, false));
    if (commitAnswerLost) {
      tap.commitFault.set(Tap.CommitFault.LOST_AFTER);
      tap.atFault.set(() -> tap.atFault.set(cutOff)); // the look-up's fault, not the commit's, cuts
    } else {
      tap.atFault.set(cutOff);
    }

    assertTrue(store.delete("there"));

    assertFalse(Files.exists(directory));
    assertTrue(tap.statementFault.get() != null, "the ID's incarnation was not looked up");
    assertEquals(List.of("0"), rows("there"));
  }

  /**
   * A delete that removed the row, and finds this host's directory of the ID made for another
   * incarnation (the instance was deleted and created again on another host since), must look the
   * ID up before it removes the directory; with the database away by then, it says what is true:
   * the row is deleted, the directory was not removed, and why. A later delete of the ID removes
   * it.
   */
  @Test
  void aDeleteThatCannotLookUpTheDirectorysInstanceSaysTheRowIsDeletedAndTheDirectoryLeft() {
    store.create("again");
    Path directory = store.dirs("again").root();
    try (CounterStore other = PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE)) {
      assertTrue(other.delete("again"));
      other.create("again");
    }
    tap.statementFault.set(new Tap.StatementFault(INCARNATION_LOOKUP, false));
    tap.atFault.set(() -> tap.down.set(true));

    OutcomeUnknownException unknown =
        assertThrows(OutcomeUnknownException.class, () -> store.delete("again"));

    String message = unknown.getMessage();
    assertTrue(
        message.contains(
            "its row is deleted, but removing its directory on this host, " + directory + ","),
        message);
    assertTrue(message.contains("reading the incarnation of instance 'again'"), message);
    assertFalse(message.contains("moved into the trash"), message);
    assertTrue(unknown.getCause() instanceof BackendUnavailableException, message);
    assertTrue(Files.isDirectory(directory));
    assertEquals(List.of("0"), rows("again"));
    tap.down.set(false);
    assertFalse(store.delete("again"));
    assertFalse(Files.exists(directory));
  }

  private List<String> rows(String id) {
    return Sql.column(pool, "SELECT count(*) FROM " + prefix + "instances WHERE id = ?", id);
  }
}
