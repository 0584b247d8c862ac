package dev.burrow;

import java.util.List;
import java.util.stream.Stream;

/**
 * The instances whose {@link Indexed} components match every condition (AND), from a generated
 * store's {@code where(condition)}: {@code store.where(TaskRunIndex.RUN_ID.equalTo(run))
 * .and(TaskRunIndex.STATUS.equalTo(Status.RUNNING)).list(PageRequest.first(50))}. Immutable: {@link
 * #and} returns a new query; running one reads the store anew each time.
 *
 * <p>Results come newest first, in the listing's order, with the listing's keyset paging. Every
 * instance whose stored document matches while a call runs is in its result, none twice and none
 * that does not match. A call reads only the documents that the indexes name for its conditions (on
 * the filesystem backend, the intersection of each condition's entries, walked shard by shard in
 * the listing's order); damaged documents are reported as in a listing.
 *
 * <p>Once the store is closed, {@link #list}, {@link #stream} and {@link #count} throw {@link
 * MisuseException} naming the closed store, as the store does (a stream taken before the close, at
 * its next element).
 *
 * @param <T> the instance type
 */
public interface Query<T> {

  /**
   * This query with one more condition, which every result must also match.
   *
   * @throws MisuseException if the condition's component is not one of the store's indexes (an
   *     {@link IndexedField} made by hand rather than taken from the generated index class)
   */
  Query<T> and(Condition<T> condition);

  /**
   * One page of the matching instances, newest first; pass {@link Page#next()} back for the
   * following page.
   *
   * @throws IllegalArgumentException if the request's cursor is not a cursor of a Burrow listing
   *     (garbage, truncated, or of another format); a cursor of another kind or backend is not
   *     refused and only names a position
   */
  Page<T> list(PageRequest request);

  /**
   * Every matching instance, newest first, all in memory; damaged documents go to the options'
   * corruption listener.
   */
  List<T> list();

  /**
   * Every matching instance, newest first, read lazily one page at a time; damaged documents go to
   * the options' corruption listener as they are met.
   */
  Stream<T> stream();

  /**
   * The number of matching instances. On the filesystem, each matching document is read (to verify
   * the index's hint), and one that does not decode is not counted. On PostgreSQL, one indexed
   * {@code count(*)} that reads no document, so a stored document that matches but does not decode
   * (which {@link #list} reports to the corruption listener instead of returning) is counted too;
   * only a condition on null, or on a value PostgreSQL text cannot hold as it is (NUL, an unpaired
   * surrogate, U+FFFD), reads and verifies the matching rows instead.
   */
  long count();
}
