package dev.burrow.runtime.internal.cache;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What one store keeps of the documents it wrote or read, one entry per instance ID, each entry
 * saying what it costs. The stores of a JVM, on every backend, share one budget, {@link
 * #BUDGET_BYTES}: 64 MiB, or a sixteenth of the largest heap the JVM may use if that is less. No
 * entry over a sixteenth of the budget is kept. A store that keeps an entry while the JVM's stores
 * together hold more than the budget drops its own entries, in no particular order, until they hold
 * three quarters of it or it has none left; a closed store drops all of its own ({@link #clear}).
 *
 * @param <E> what is kept of one document
 */
public final class KeptDocuments<E extends KeptDocuments.Sized> {
  /** The budget the stores of a JVM share, in bytes. */
  public static final long BUDGET_BYTES =
      Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 16);

  private static final long ENTRY_OVERHEAD_BYTES = 96;

  /** What the entries of every store of the JVM cost together. */
  private static final AtomicLong JVM_USED = new AtomicLong();

  /** An entry's size: what the document it holds takes in memory. */
  public interface Sized {
    /** What the document held takes in memory, in bytes (its entry's bookkeeping aside). */
    long documentBytes();
  }

  private final ConcurrentHashMap<String, E> entries = new ConcurrentHashMap<>();
  private final AtomicLong used = new AtomicLong();

  /** What is kept of {@code id}'s document; null if nothing. */
  public @Nullable E get(String id) {
    return entries.get(id);
  }

  /** Keeps {@code entry} for {@code id}, in place of what was kept, unless it is over the limit. */
  public void keep(String id, E entry) {
    if (cost(entry) > BUDGET_BYTES / 16) {
      forget(id);
      return;
    }
    E replaced = entries.put(id, entry);
    if (account(cost(entry) - (replaced == null ? 0 : cost(replaced))) > BUDGET_BYTES) {
      makeRoom();
    }
  }

  /** Drops what is kept of {@code id}'s document. */
  public void forget(String id) {
    take(id);
  }

  /**
   * Drops what is kept of {@code id}'s document and returns it, null if nothing: of several threads
   * taking it at once, one gets it.
   */
  public @Nullable E take(String id) {
    E removed = entries.remove(id);
    if (removed != null) {
      account(-cost(removed));
    }
    return removed;
  }

  /** Drops everything kept: the store is closed. */
  public void clear() {
    entries.keySet().forEach(this::forget);
  }

  /** What this store's kept documents cost, in bytes. */
  public long bytesKept() {
    return used.get();
  }

  /** What the kept documents of every store of the JVM cost, in bytes. */
  public static long bytesKeptByTheJvm() {
    return JVM_USED.get();
  }

  private static long cost(Sized entry) {
    return entry.documentBytes() + ENTRY_OVERHEAD_BYTES;
  }

  /** Adds {@code cost} to this store's and the JVM's count; returns the JVM's. */
  private long account(long cost) {
    used.addAndGet(cost);
    return JVM_USED.addAndGet(cost);
  }

  private void makeRoom() {
    Iterator<String> ids = entries.keySet().iterator();
    while (JVM_USED.get() > BUDGET_BYTES * 3 / 4 && ids.hasNext()) {
      forget(ids.next());
    }
  }
}
