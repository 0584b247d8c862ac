package dev.burrow.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.Page;
import dev.burrow.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Paged walks for tests. */
public final class Pages {
  private Pages() {}

  /**
   * Every item of every page of {@code pages}, following each page's cursor from the first page of
   * {@code size}; fails if a page reports a damaged document.
   */
  public static <T> List<T> walk(Function<PageRequest, Page<T>> pages, int size) {
    List<T> all = new ArrayList<>();
    PageRequest request = PageRequest.first(size);
    while (request != null) {
      Page<T> page = pages.apply(request);
      assertEquals(List.of(), page.problems());
      all.addAll(page.items());
      request = page.next();
    }
    return all;
  }
}
