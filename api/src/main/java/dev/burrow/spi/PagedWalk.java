package dev.burrow.spi;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Walks a listing page by page, holding one page in memory: the readable instances in order, and
 * each damaged one handed to a listener as its page is read. The default of {@link
 * StorageBackend#walk}.
 *
 * @param <T> the instance type
 */
final class PagedWalk<T> implements Iterator<T> {
  private final Function<PageRequest, Page<T>> pages;
  private final Consumer<CorruptInstanceException> problems;
  private final ArrayDeque<T> buffer = new ArrayDeque<>();
  private @Nullable PageRequest next;

  /** Starts at the first page, reading {@code pageSize} instances per page. */
  PagedWalk(
      Function<PageRequest, Page<T>> pages,
      int pageSize,
      Consumer<CorruptInstanceException> problems) {
    this.pages = pages;
    this.problems = problems;
    this.next = PageRequest.first(pageSize);
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && next != null) {
      Page<T> page = pages.apply(next);
      buffer.addAll(page.items());
      page.problems().forEach(problems);
      next = page.next();
    }
    return !buffer.isEmpty();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.removeFirst();
  }
}
