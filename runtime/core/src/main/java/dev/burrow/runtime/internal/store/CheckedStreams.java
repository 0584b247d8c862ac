package dev.burrow.runtime.internal.store;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Streams read lazily from iterators, with a check made before every step. */
public final class CheckedStreams {
  private CheckedStreams() {}

  /**
   * A sequential, ordered stream of {@code items} (none null), which calls {@code check} before
   * each step it takes on them, so that what {@code check} throws (a store closed meanwhile) stops
   * the stream at its next element, also one already read. Cost: one call of {@code check} per
   * step.
   */
  public static <T> Stream<T> of(Iterator<T> items, Runnable check) {
    Iterator<T> checked =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            check.run();
            return items.hasNext();
          }

          @Override
          public T next() {
            check.run();
            return items.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(checked, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
