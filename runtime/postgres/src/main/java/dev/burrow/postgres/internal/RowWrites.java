package dev.burrow.postgres.internal;

import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.runtime.internal.text.MemberSpan;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A store's creates, replaces and deletes of rows: each is one guarded statement ({@link
 * GuardedWrites}), run again only when it certainly did not take effect, and a connection lost once
 * it may have reached the server is resolved by what the row holds ({@link LostCommits}), else
 * reported as {@link OutcomeUnknownException}. Instance directories are not this class's: the store
 * removes them around {@link #delete}.
 */
final class RowWrites<T> {
  private final RowAccess<T> rows;

  RowWrites(RowAccess<T> rows) {
    this.rows = rows;
  }

  /**
   * One guarded {@code INSERT … ON CONFLICT DO NOTHING}: like every write, it waits out another
   * holder's live lease on the ID (a lock taken before the instance exists reserves its create for
   * the holder) and, from the holder, carries its fence. A connection lost after the statement may
   * have reached the server is resolved by reading the row: the one this call created, known by the
   * incarnation it drew ({@link Incarnations#draw}; perhaps written since), means done; none, or
   * another one (also one with the very document this call wrote: another host's create of the ID,
   * which this one may have found taken), is reported as {@link OutcomeUnknownException}, and the
   * insert is never run again. A missing row does not show that the insert did not commit: it may
   * have committed and been deleted by another host since (whose acknowledged delete a second
   * insert would undo), and another row may have been created after that delete. Only a connection
   * lost before anything was sent ({@link Failures#notSent}) is tried again. What it wrote is kept
   * ({@link Written}, with the incarnation the statement returns), so the instance's first update
   * is one statement too; a create whose outcome was learned after a lost connection keeps nothing.
   */
  void insert(T instance) {
    String id = rows.schema().id(instance);
    String document = rows.documents().encode(instance);
    long incarnation = Incarnations.draw();
    GuardedWrites.Attempt attempt =
        settledBy(
            id,
            stored -> {
              if (stored != null && stored.incarnation() == incarnation) {
                return WriteState.WRITTEN;
              }
              throw new Connections.Unknown(
                  stored == null
                      ? "no instance is stored with the ID, yet the create may have committed"
                          + " and its instance been deleted since"
                      : "another instance is stored with the ID: the create may have found the ID"
                          + " taken, or committed and its instance been deleted and created"
                          + " again since");
            });
    AtomicBoolean answered = new AtomicBoolean();
    rows.guarded()
        .write(
            id,
            rows.leases().fenceOf(id),
            "creating",
            rows.connections().joined() ? rows.statements().insertJoined : rows.statements().insert,
            new Object[] {
              rows.schema().version(instance),
              NewestFirst.idRank(id),
              document,
              incarnation,
              rows.kind(),
              id
            },
            state -> {
              if (state.version() != null) {
                throw new InstanceAlreadyExistsException(id);
              }
              return true;
            },
            (operation, sql, parameters) -> {
              WriteState state = attempt.run(operation, sql, parameters);
              answered.set(state.incarnation() != null);
              return state;
            });
    rows.known()
        .keep(
            id,
            answered.get()
                ? new Written(incarnation, rows.schema().version(instance), document)
                : null);
  }

  /**
   * A guarded write as one statement whose outcome, when the connection was lost after it was sent,
   * {@code outcome} tells from the row as stored once no transaction holds its lock ({@link
   * LostCommits#lockedRead}).
   */
  private GuardedWrites.Attempt settledBy(String id, SettledOutcome outcome) {
    return rows.guarded()
        .statement(id, connection -> outcome.of(rows.lost().lockedRead(connection, id)));
  }

  /** What a write did, told from the settled row (null if none): null if it did not commit. */
  @FunctionalInterface
  private interface SettledOutcome {
    @Nullable WriteState of(LostCommits.@Nullable Stored stored) throws Connections.Unknown;
  }

  /** True if {@code stored} is the row {@code instance} created, perhaps written since. */
  private boolean sameCreation(String id, T instance, String document, LostCommits.Stored stored)
      throws Connections.Unknown {
    if (document.equals(stored.document())) {
      return true;
    }
    T current = rows.documents().decode(id, stored.version(), stored.document(), stored.bytes());
    Instant createdAt = rows.schema().createdAt(instance);
    if (createdAt == null) {
      throw new Connections.Unknown("the kind has no created-at to tell two creations apart");
    }
    return createdAt.equals(rows.schema().createdAt(current));
  }

  /**
   * Replaces under {@code fence}, or, with none, only while no one holds a live lease. A connection
   * lost after the statement was sent is resolved from the row ({@link LostCommits#replacedOrNot}),
   * told from one created again since by the incarnation this store last wrote or read at the
   * expected version; with none known, a row still at that version leaves the outcome unknown.
   */
  void replace(String id, long expectedVersion, T next, @Nullable Fence fence) {
    Long incarnation = incarnationAt(id, expectedVersion);
    String document = rows.documents().encode(next);
    long token = LostCommits.token();
    rows.guarded()
        .write(
            id,
            fence,
            "replacing",
            rows.connections().joined()
                ? rows.statements().replaceJoined
                : rows.statements().replace,
            new Object[] {
              rows.schema().version(next), document, token, rows.kind(), id, expectedVersion
            },
            state -> replaceable(id, expectedVersion, state),
            rows.guarded()
                .statement(
                    id,
                    connection ->
                        rows.lost()
                            .replacedOrNot(
                                connection,
                                id,
                                incarnation,
                                expectedVersion,
                                rows.schema().version(next),
                                document,
                                token,
                                WriteState.WRITTEN)));
  }

  /**
   * The incarnation of {@code id}'s row at {@code version} as this store last wrote it or read it,
   * null if it knows none; forgets what the store wrote, which the replace makes old.
   */
  private @Nullable Long incarnationAt(String id, long version) {
    Written written = rows.known().take(id);
    if (written != null && written.version() == version) {
      return written.incarnation();
    }
    return rows.seen().incarnationAt(id, version);
  }

  /** Why a replace wrote nothing: there is no row, or its version is not the expected one. */
  private static boolean replaceable(String id, long expectedVersion, WriteState state) {
    if (state.version() == null) {
      throw new InstanceNotFoundException(id);
    }
    if (state.version() != expectedVersion) {
      throw new VersionConflictException(id, expectedVersion, state.version());
    }
    return true;
  }

  /**
   * One guarded statement, as {@link #replace}'s ({@link Statements#replaceKeeping}): the stored
   * document's creation time is read from the row the statement updates, after its version check
   * and under its row lock, and spliced into the new document's text in place of its own, every
   * other byte as the codec wrote it. A stored document that is no readable JSON object, or whose
   * creation time is missing, null or no instant as documents write them, has none to keep. A type
   * that declares no creation time is replaced as it is.
   *
   * <p>A connection lost after the statement was sent is resolved from the row: a row still at the
   * expected version is taken as not written only if it is the incarnation this store last wrote or
   * read at that version, or, where the store knows none, if its creation time is the new value's,
   * since another may be an instance deleted and created again since, written to that version (the
   * outcome is then unknown).
   */
  T replaceKeepingCreatedAt(String id, long expectedVersion, Function<@Nullable Instant, T> next) {
    T own = next.apply(null);
    String ownDocument = rows.documents().encode(own);
    String field = rows.documents().createdAtField();
    MemberSpan span = field == null ? null : MemberSpan.of(ownDocument, field);
    if (field == null || span == null) {
      replace(id, expectedVersion, own, rows.leases().fenceOf(id));
      return own;
    }
    Long incarnation = incarnationAt(id, expectedVersion);
    long token = LostCommits.token();
    AtomicReference<@Nullable String> kept = new AtomicReference<>();
    GuardedWrites.Attempt attempt =
        settledBy(
            id,
            stored -> {
              String document = stored == null ? null : stored.document();
              if (stored != null
                  && document != null
                  && stored.version() == rows.schema().version(own)
                  && document.startsWith(span.head())
                  && document.endsWith(span.tail())) {
                if (!Objects.equals(stored.token(), token)) {
                  throw new Connections.Unknown(
                      "the instance holds what the write sent, but another write stored it");
                }
                return WriteState.written(
                    document.substring(
                        span.head().length(), document.length() - span.tail().length()));
              }
              if (stored != null && stored.version() == expectedVersion) {
                if (incarnation == null
                    ? sameCreation(id, own, ownDocument, stored)
                    : stored.incarnation() == incarnation) {
                  return null;
                }
                throw new Connections.Unknown(
                    incarnation == null
                        ? "the instance at the expected version has another creation time: it may"
                            + " have been deleted and created again since"
                        : "the instance at the expected version is another row than the one this"
                            + " store last read or wrote at that version: it was deleted and"
                            + " created again since");
              }
              throw new Connections.Unknown("the instance was written or deleted since");
            });
    rows.guarded()
        .write(
            id,
            rows.leases().fenceOf(id),
            "replacing",
            rows.connections().joined()
                ? rows.statements().replaceKeepingJoined
                : rows.statements().replaceKeeping,
            new Object[] {
              rows.schema().version(own),
              token,
              span.head(),
              field,
              span.value(),
              span.tail(),
              rows.kind(),
              id,
              expectedVersion
            },
            state -> replaceable(id, expectedVersion, state),
            (operation, sql, parameters) -> {
              WriteState state = attempt.run(operation, sql, parameters);
              kept.set(state.created());
              return state;
            });
    String created = kept.get();
    if (created == null || created.equals(span.value())) {
      return own;
    }
    return next.apply(Instant.parse(created.substring(1, created.length() - 1)));
  }

  /**
   * Deletes the row: the incarnation of the row this call is known to have removed (also when its
   * {@code COMMIT}'s answer was lost and learned), empty if there was none to remove. On the
   * store's own connections the row is deleted in a transaction committed by a statement of its own
   * ({@link #deleteOnce}): one round trip more than a single statement, no more server flushes, and
   * a connection lost on the way never makes the result untrue; {@link OutcomeUnknownException} if
   * the row was removed but whether that committed cannot be learned. In the caller's transaction
   * it is one statement, whose outcome only the caller's commit decides.
   */
  OptionalLong delete(String id) {
    boolean local = !rows.connections().joined();
    WriteState removed =
        rows.guarded()
            .write(
                id,
                rows.leases().fenceOf(id),
                "deleting",
                local ? rows.statements().delete : rows.statements().deleteJoined,
                new Object[] {rows.kind(), id},
                state -> state.version() != null,
                local
                    ? (operation, sql, parameters) -> deleteOnce(id, operation, sql, parameters)
                    : rows.guarded()
                        .statement(
                            id,
                            connection -> {
                              throw new Connections.Unknown("only the caller's commit decides");
                            }));
    return removed == null
        ? OptionalLong.empty()
        : OptionalLong.of(
            Objects.requireNonNull(
                removed.incarnation(), "a delete that removed its row names its incarnation"));
  }

  /**
   * One try of a delete on the store's own connections: {@code BEGIN} with the guarded {@code
   * DELETE}, whose answer says whether it removed the row and in which transaction, then {@code
   * COMMIT} on its own (or {@code ROLLBACK}, when it removed nothing, so that a lost answer to it
   * cannot matter). A connection lost before the {@code COMMIT} was sent committed nothing: the
   * delete is tried again, with no need to ask the database (if that try is lost too, it fails with
   * {@link dev.burrow.BackendUnavailableException}); lost once it was sent, it did not commit if
   * the very row it removed (the same incarnation) is still there, and otherwise the transaction's
   * status ({@code txid_status}, read on a fresh connection once no transaction holds the row) says
   * whether it did ({@link LostCommits#deleteCommitted}). Unlike reading the row back alone, which
   * sees it gone whoever removed it, this never takes another writer's removal, or a row that never
   * existed, for this delete's; unlike the status alone, it is not misled by a server that crashed
   * and handed this transaction's ID to another, which committed.
   */
  private WriteState deleteOnce(String id, String operation, String sql, Object[] parameters) {
    AtomicReference<@Nullable WriteState> removed = new AtomicReference<>();
    try {
      return rows.connections()
          .transaction(
              operation,
              id,
              (connection, bounds) -> {
                WriteState state =
                    Database.query(connection, bounds.first(sql), WriteState::read, parameters)
                        .get(0);
                if (!state.written()) {
                  throw new NothingWritten(state);
                }
                removed.set(state);
                return state;
              },
              connection -> rows.lost().deleteCommitted(connection, id, removed.get()));
    } catch (NothingWritten nothing) {
      return nothing.state;
    }
  }

  /** A guarded write in a transaction that wrote nothing: roll back, and say what it saw. */
  private static final class NothingWritten extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient WriteState state;

    NothingWritten(WriteState state) {
      super("nothing written", null, false, false);
      this.state = state;
    }
  }
}
