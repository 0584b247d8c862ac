package dev.burrow.runtime.internal.session;

import dev.burrow.InstanceDirectory;
import dev.burrow.InterruptedOperationException;
import dev.burrow.MisuseException;
import dev.burrow.PreparationFailedException;
import dev.burrow.Session;
import dev.burrow.SessionFactory;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Prepare once, create many. The factory runs an expensive {@code preparation} (load a model, clone
 * a repository, compile templates) the first time a session or the prepared value is needed, and
 * hands out cheap per-instance {@link Session}s that share its result.
 *
 * <ul>
 *   <li><b>Once.</b> However many threads ask at the same time, the preparation runs once, in the
 *       thread of the first caller; the others wait for it. After it succeeded its result is
 *       returned at the cost of one volatile read.
 *   <li><b>Failure.</b> If it throws, the caller that ran it and every caller waiting for that
 *       attempt get a {@link PreparationFailedException} with what it threw as the cause: an
 *       exception, checked or not, or an error (a {@code StackOverflowError}, say).
 *   <li><b>Retry.</b> A failure is not remembered: the attempt is cleared before the failure is
 *       reported, so any call made after that (in particular every call made after a caller saw the
 *       failure) runs the preparation again. There is no automatic backoff; a caller that retries
 *       in a loop should wait between calls.
 * </ul>
 *
 * <p>The preparation must not call back into its own factory (that call fails with {@link
 * MisuseException} rather than waiting for itself forever).
 *
 * @param <T> the instance type of the store
 * @param <P> the prepared value shared by all sessions
 */
public final class PreparingSessionFactory<T, P> implements SessionFactory<T, P> {
  private final SessionStore<T> store;
  private final Supplier<P> preparation;
  private final AtomicReference<@Nullable Attempt<P>> attempt = new AtomicReference<>();

  private record Attempt<P>(CompletableFuture<P> result, Thread runner) {}

  private PreparingSessionFactory(SessionStore<T> store, Supplier<P> preparation) {
    this.store = store;
    this.preparation = preparation;
  }

  /**
   * A factory of sessions on {@code store} that share what {@code preparation} returns. Nothing
   * runs until the first session or {@link #prepared()} is asked for.
   */
  public static <T, P> PreparingSessionFactory<T, P> of(
      SessionStore<T> store, Supplier<P> preparation) {
    return new PreparingSessionFactory<>(store, Objects.requireNonNull(preparation, "preparation"));
  }

  /**
   * The prepared value, running the preparation first if no attempt succeeded yet, or waiting for
   * the attempt in progress.
   *
   * @throws PreparationFailedException if the attempt this call ran or waited for failed
   * @throws MisuseException if called from within the preparation
   * @throws InterruptedOperationException if interrupted while waiting (the interrupt status is
   *     kept)
   */
  @Override
  public P prepared() {
    while (true) {
      Attempt<P> current = attempt.get();
      if (current != null) {
        return await(current);
      }
      Attempt<P> mine = new Attempt<>(new CompletableFuture<>(), Thread.currentThread());
      if (attempt.compareAndSet(null, mine)) {
        return run(mine);
      }
    }
  }

  /** Whether a preparation has succeeded. */
  @Override
  public boolean isPrepared() {
    Attempt<P> current = attempt.get();
    return current != null
        && current.result().isDone()
        && !current.result().isCompletedExceptionally();
  }

  private P run(Attempt<P> mine) {
    P value;
    try {
      value = Objects.requireNonNull(preparation.get(), "the preparation returned null");
    } catch (Throwable e) { // also a checked exception a Kotlin preparation may throw, or an error
      attempt.compareAndSet(mine, null);
      mine.result().completeExceptionally(e);
      throw new PreparationFailedException(toString(), e);
    }
    mine.result().complete(value);
    return value;
  }

  private P await(Attempt<P> current) {
    if (current.runner() == Thread.currentThread() && !current.result().isDone()) {
      throw new MisuseException("the preparation of " + this + " called its own factory");
    }
    try {
      return current.result().get();
    } catch (ExecutionException e) {
      throw new PreparationFailedException(toString(), Objects.requireNonNullElse(e.getCause(), e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedOperationException(
          "interrupted while waiting for the preparation of " + this, e);
    }
  }

  /**
   * A session for the existing instance {@code id}, preparing first if needed. Cheap once prepared:
   * one check that the instance's directory exists, made before the preparation runs.
   *
   * @throws dev.burrow.InvalidIdException if {@code id} breaks the ID rules; the preparation does
   *     not run
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance; the preparation does
   *     not run
   * @throws PreparationFailedException if the preparation failed
   * @throws MisuseException if the store was closed; the preparation does not run
   */
  @Override
  public Session<T, P> open(String id) {
    store.requireOpen();
    InstanceDirectory dirs = store.dirs(id);
    return new DefaultSession<>(store, dirs, prepared());
  }

  /**
   * Creates an instance with a new ID and fresh defaults and opens a session for it. The
   * preparation runs first, so a failed preparation creates nothing.
   *
   * @throws MisuseException if the store was closed; the preparation does not run
   */
  @Override
  public Session<T, P> create() {
    store.requireOpen();
    P value = prepared();
    return new DefaultSession<>(store, store.dirs(store.create()), value);
  }

  @Override
  public String toString() {
    return "PreparingSessionFactory[" + store.kind() + "]";
  }
}
