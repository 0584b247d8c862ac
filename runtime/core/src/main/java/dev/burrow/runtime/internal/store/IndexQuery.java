package dev.burrow.runtime.internal.store;

import dev.burrow.Condition;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A {@link Query} as a list of conditions over a {@link Runner} that answers pages and counts; the
 * streaming and all-in-memory forms walk its pages.
 *
 * @param <T> the instance type
 */
public final class IndexQuery<T> implements Query<T> {
  /** Instances per page when a query is streamed or listed whole. */
  public static final int PAGE = 500;

  /** What a query runs on: a store engine. */
  public interface Runner<T> {
    /** {@code condition}, checked to name one of the schema's indexed components. */
    Condition<T> check(Condition<T> condition);

    /** One page of the instances matching every condition. */
    Page<T> page(List<Condition<T>> conditions, PageRequest request);

    /** The number of instances matching every condition. */
    long count(List<Condition<T>> conditions);

    /** Where damaged documents met by {@link #list()} and {@link #stream()} go. */
    Consumer<CorruptInstanceException> corruptionListener();

    /**
     * The check every operation makes first, made again before each element of a stream.
     *
     * @throws dev.burrow.MisuseException if the store was closed
     */
    void requireOpen();
  }

  private final Runner<T> runner;
  private final List<Condition<T>> conditions;

  private IndexQuery(Runner<T> runner, List<Condition<T>> conditions) {
    this.runner = runner;
    this.conditions = List.copyOf(conditions);
  }

  /** The query of instances matching {@code condition}. */
  public static <T> IndexQuery<T> of(Runner<T> runner, Condition<T> condition) {
    return new IndexQuery<>(runner, List.of(runner.check(condition(condition))));
  }

  @Override
  public IndexQuery<T> and(Condition<T> condition) {
    List<Condition<T>> more = new ArrayList<>(conditions);
    more.add(runner.check(condition(condition)));
    return new IndexQuery<>(runner, more);
  }

  @Override
  public Page<T> list(PageRequest request) {
    return runner.page(conditions, Objects.requireNonNull(request, "request"));
  }

  @Override
  public List<T> list() {
    return stream().toList();
  }

  /**
   * Reads the first page now and each further one when the stream gets to it; damaged instances go
   * to the listener. Once the store is closed, the stream throws {@link dev.burrow.MisuseException}
   * at its next element.
   */
  @Override
  public Stream<T> stream() {
    Consumer<CorruptInstanceException> problems = runner.corruptionListener();
    Stream<T> pages =
        Stream.iterate(
                Optional.of(list(PageRequest.first(PAGE))),
                Optional::isPresent,
                page -> Optional.ofNullable(page.orElseThrow().next()).map(this::list))
            .map(Optional::orElseThrow)
            .flatMap(
                page -> {
                  page.problems().forEach(problems);
                  return page.items().stream();
                });
    return CheckedStreams.of(pages.iterator(), runner::requireOpen);
  }

  @Override
  public long count() {
    return runner.count(conditions);
  }

  /** The conditions, in the order they were given. */
  public List<Condition<T>> conditions() {
    return conditions;
  }

  private static <T> Condition<T> condition(Condition<T> condition) {
    return Objects.requireNonNull(condition, "condition");
  }

  /** Such as {@code where status = "RUNNING" and runId = "r1"}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("where ");
    for (int i = 0; i < conditions.size(); i++) {
      text.append(i == 0 ? "" : " and ").append(conditions.get(i));
    }
    return text.toString();
  }
}
