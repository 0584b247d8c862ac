package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.filestore.DocumentReader.Read;
import dev.burrow.runtime.internal.filestore.DocumentReader.Reading;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.shard.InstanceWalk;
import dev.burrow.runtime.internal.store.SortKey;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Lists a root's instances newest first, in pages or one at a time, walking the shards ({@link
 * InstanceWalk}) so that memory is one shard's names whatever the number of instances. The walk
 * starts only once {@code instances/} is a real directory, and looks at each shard before entering
 * it. Documents are read as a scan ({@link Reading#SCAN}): what the {@link DocumentCache} keeps is
 * used, nothing is added. A page stops reading documents once it has passed its size of IDs
 * (damaged ones included) or read {@link FileSystemBackend#MAX_PAGE_BYTES} of documents (damaged
 * ones included). Damaged instances and entries that are no instance are reported where the walk
 * meets them, never thrown.
 */
final class InstanceListing<T> {
  private final FileLayout layout;
  private final DocumentReader<T> reader;

  InstanceListing(FileLayout layout, DocumentReader<T> reader) {
    this.layout = layout;
    this.reader = reader;
  }

  /**
   * One page, newest first. The order comes from the directory names (the IDs), found shard by
   * shard ({@link InstanceWalk}), so only the page's documents are read, and the names listed are
   * those of the shards the page spans. A damaged document is reported on the page where its ID
   * falls; an entry that is no instance is reported on the page that enters its directory first,
   * and something in place of a shard on the page that reaches the shard's place; what the walk
   * meets as it looks past the page's last ID for the next one is left to the next page, which
   * passes it, so a paged walk reports each once. Every ID the page passes counts toward its size,
   * a damaged one and one found gone too, and the bytes of damaged documents read toward {@link
   * FileSystemBackend#MAX_PAGE_BYTES}, as the PostgreSQL backend counts damaged rows: a page holds
   * fewer items than asked when it met such IDs, and its {@link Page#next()} continues after the
   * last ID it passed, so no page reads more than its size of documents however many are damaged.
   * Each report of an entry that is no instance counts toward the size too ({@link Reports}), so a
   * page's items and problems together are at most its size however many such entries a directory
   * holds; those it has no room for are reported by the next pages.
   */
  Page<T> list(PageRequest request) {
    String cursor = request.after();
    SortKey after = cursor == null ? null : SortKey.fromCursor(cursor);
    Reports reports =
        new Reports(request.size(), cursor == null ? 0 : SortKey.reportedBefore(cursor));
    InstanceWalk walk = walkFrom(after, reports::add);
    List<T> items = new ArrayList<>(Math.min(request.size(), 64));
    String last = null;
    long[] bytes = {0};
    while (reports.room() && bytes[0] < FileSystemBackend.MAX_PAGE_BYTES) {
      String id = walk.next();
      if (reports.overflowed() || (id != null && !reports.room())) {
        return reports.page(items, last == null ? after : SortKey.of(last), request.size());
      }
      if (id == null) {
        break;
      }
      last = id;
      reports.passed();
      try {
        Optional<Read<T>> found = reader.load(id, Reading.SCAN, damaged -> bytes[0] += damaged);
        if (found.isPresent()) {
          items.add(found.get().instance());
          bytes[0] += found.get().bytes();
        }
      } catch (CorruptInstanceException e) {
        reports.damaged(e);
      }
    }
    reports.end();
    if (reports.overflowed()) { // the reports the walk made before its first ID filled the page
      return reports.page(items, after, request.size());
    }
    if (walk.hasNext()) {
      return last == null
          ? reports.page(items, after, request.size())
          : new Page<>(
              items,
              reports.onThePage(),
              PageRequest.after(SortKey.of(last).toCursor(), request.size()));
    }
    return reports.takeRest()
        ? new Page<>(items, reports.onThePage(), null)
        : reports.page(items, last == null ? after : SortKey.of(last), request.size());
  }

  /**
   * What one page reports, bounded by its size: every ID it passes and every report of the walk (an
   * entry that is no instance, a shard that cannot be entered) counts toward it. The walk's reports
   * from the page's starting position on are counted in the order the walk makes them (the
   * directories it enters, then their entries, in name order), so that the first {@code before} of
   * them, which the pages before made, are left out, and a page that fills up among them ends with
   * a cursor saying how many it and those before it made ({@link SortKey#cursorPast}). What the
   * walk meets as it looks past the page for the next ID is left to the next page, or kept by the
   * last while it has room.
   */
  private static final class Reports {
    private final int size;
    private final List<CorruptInstanceException> onThePage = new ArrayList<>();
    private final List<CorruptInstanceException> pastThePage = new ArrayList<>();
    private int before;
    private int counted;
    private int sincePosition;
    private boolean ended;
    private boolean overflowed;

    Reports(int size, int before) {
      this.size = size;
      this.before = before;
    }

    /** A report of the walk: left out, kept, or left to the next page. */
    void add(CorruptInstanceException report) {
      if (before > 0) {
        before--;
        sincePosition++;
      } else if (ended) {
        if (pastThePage.size() <= size) { // one more than any room tells there is more
          pastThePage.add(report);
        }
      } else if (counted < size) {
        onThePage.add(report);
        counted++;
        sincePosition++;
      } else {
        overflowed = true;
      }
    }

    /** A damaged document of an ID the page passed, which counted toward it already. */
    void damaged(CorruptInstanceException report) {
      onThePage.add(report);
    }

    /** The page passed one more ID: the walk's reports so far lie before it. */
    void passed() {
      counted++;
      before = 0;
      sincePosition = 0;
    }

    boolean room() {
      return counted < size;
    }

    /** Whether the walk made a report the page had no room for. */
    boolean overflowed() {
      return overflowed;
    }

    /** The page passed its last ID: further reports are the look past it. */
    void end() {
      ended = true;
    }

    /**
     * Keeps what the look past the last page met, as far as there is room; false if some of it is
     * left for a further page.
     */
    boolean takeRest() {
      int room = size - counted;
      if (pastThePage.size() <= room) {
        onThePage.addAll(pastThePage);
        return true;
      }
      onThePage.addAll(pastThePage.subList(0, room));
      sincePosition += room;
      return false;
    }

    List<CorruptInstanceException> onThePage() {
      return onThePage;
    }

    /** A full page whose next page starts after {@code position} past the reports made since. */
    <T> Page<T> page(List<T> items, @Nullable SortKey position, int size) {
      return new Page<>(
          items, onThePage, PageRequest.after(SortKey.cursorPast(position, sincePosition), size));
    }
  }

  /**
   * A walk of the instances from {@code after} on, once {@code instances/} is a real directory: one
   * swapped for a link would have the walk list another tree (its shards are each looked at before
   * the walk enters them).
   *
   * @throws BurrowException if {@code instances/} is a link or not a directory
   */
  private InstanceWalk walkFrom(
      @Nullable SortKey after, Consumer<CorruptInstanceException> problems) {
    try {
      layout.paths().checkDirectory(layout.instances());
    } catch (NoSuchFileException e) {
      // nothing to walk: the walk finds no shard
    } catch (IOException e) {
      throw new StorageException(
          "cannot list " + layout.instances() + ": " + Failures.describe(e), e);
    }
    return new InstanceWalk(layout.instances(), after, problems);
  }

  /**
   * Every instance after the position {@code after} (from the newest if null), newest first, read
   * one at a time while one walk keeps its place in the shards. Each damaged instance is handed to
   * {@code problems} when the walk meets it, between the instances it lies between, and each entry
   * that is no instance when the walk enters its directory from its beginning.
   */
  Iterator<T> walkAfter(@Nullable SortKey after, Consumer<CorruptInstanceException> problems) {
    InstanceWalk walk = walkFrom(after, problems);
    return new Iterator<>() {
      private @Nullable T next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          String id = walk.next();
          if (id == null) {
            return false;
          }
          try {
            next = reader.load(id, Reading.SCAN).map(Read::instance).orElse(null);
          } catch (CorruptInstanceException e) {
            problems.accept(e);
          }
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        T found = Objects.requireNonNull(next);
        next = null;
        return found;
      }
    };
  }
}
