package dev.burrow.runtime.internal.index;

import dev.burrow.runtime.internal.shard.InstanceWalk;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.runtime.internal.store.SortKey;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The IDs a finder reads, newest first from a position on, found lazily from index entries alone:
 * no document is read, and the entries are hints for the caller to verify. Each is returned once,
 * in listing order.
 */
abstract class Candidates {
  /** The next ID after every one returned or skipped past, or null once there is none. */
  abstract @Nullable String next();

  /** Moves past {@code position}: the next ID returned lists after it. */
  abstract void skipPast(SortKey position);

  /**
   * Whether {@code id} has an entry here, never through a link in a shard's place ({@link
   * FieldIndex#holdsInWalked}): per value directory one {@code lstat}, or two for an entry held
   * directly in its top-level shard or none, and one per shard on the way to an entry found.
   */
  abstract boolean holds(String id);

  /**
   * The entries of one value directory {@code values}, walked by {@code walk}, which checked the
   * way to {@code values} as it began ({@link FieldIndex#entries}).
   */
  static Candidates of(Path values, InstanceWalk walk) {
    return new OneValue(values, walk);
  }

  /** The IDs with an entry in any of {@code members} (values of one field). */
  static Candidates anyOf(List<Candidates> members) {
    return members.size() == 1 ? members.get(0) : new AnyOf(members);
  }

  /** The IDs with an entry in every one of {@code members} (one per condition). */
  static Candidates allOf(List<Candidates> members) {
    return members.size() == 1 ? members.get(0) : new AllOf(members);
  }

  /** The remaining IDs as an iterator. */
  Iterator<String> iterator() {
    return new Iterator<>() {
      private @Nullable String next = Candidates.this.next();

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public String next() {
        String id = next;
        if (id == null) {
          throw new NoSuchElementException();
        }
        next = Candidates.this.next();
        return id;
      }
    };
  }

  private static final class OneValue extends Candidates {
    private final Path values;
    private final InstanceWalk walk;

    OneValue(Path values, InstanceWalk walk) {
      this.values = values;
      this.walk = walk;
    }

    @Override
    @Nullable String next() {
      return walk.next();
    }

    @Override
    void skipPast(SortKey position) {
      walk.skipPast(position);
    }

    @Override
    boolean holds(String id) {
      return FieldIndex.holdsInWalked(values, id);
    }
  }

  /** A merge of the members' IDs, each ID once. */
  private static final class AnyOf extends Candidates {
    private final List<Candidates> members;
    private final @Nullable String[] heads;
    private final boolean[] ended;

    AnyOf(List<Candidates> members) {
      this.members = members;
      this.heads = new String[members.size()];
      this.ended = new boolean[members.size()];
    }

    @Override
    @Nullable String next() {
      String first = null;
      for (int i = 0; i < heads.length; i++) {
        if (heads[i] == null && !ended[i]) {
          heads[i] = members.get(i).next();
          ended[i] = heads[i] == null;
        }
        String head = heads[i];
        if (head != null && (first == null || NewestFirst.IDS.compare(head, first) < 0)) {
          first = head;
        }
      }
      for (int i = 0; i < heads.length; i++) {
        if (first != null && first.equals(heads[i])) {
          heads[i] = null;
        }
      }
      return first;
    }

    @Override
    void skipPast(SortKey position) {
      for (int i = 0; i < heads.length; i++) {
        String head = heads[i];
        if (head != null && NewestFirst.IDS.compare(head, position.id()) <= 0) {
          heads[i] = null;
        }
        if (heads[i] == null) {
          members.get(i).skipPast(position);
        }
      }
    }

    @Override
    boolean holds(String id) {
      return members.stream().anyMatch(member -> member.holds(id));
    }
  }

  /**
   * The IDs common to all members, found by taking turns: a member moves past the furthest ID any
   * member has reached (the frontier), takes its next ID, and that ID is a result if every other
   * member holds it (a {@code lstat} each). A member keeps its turn while its IDs are results and
   * passes it on at the first that is not. An ID common to all is met by whichever member reaches
   * it first, and every ID before the frontier was looked at, so each is returned once and in
   * order. The cost follows the smallest member rather than the largest: a large member skips whole
   * shards to catch up, listing only those it stops in, and once a rare member's IDs match, the
   * large one is not walked at all.
   */
  private static final class AllOf extends Candidates {
    private final List<Candidates> members;
    private @Nullable SortKey frontier;
    private int turn;
    private boolean ended;

    AllOf(List<Candidates> members) {
      this.members = members;
    }

    @Override
    @Nullable String next() {
      while (!ended) {
        Candidates member = members.get(turn);
        SortKey reached = frontier;
        if (reached != null) {
          member.skipPast(reached);
        }
        String id = member.next();
        if (id == null) {
          ended = true;
          break;
        }
        frontier = SortKey.of(id);
        if (members.stream().allMatch(other -> other == member || other.holds(id))) {
          return id; // the member keeps its turn while the IDs it takes match
        }
        turn = (turn + 1) % members.size();
      }
      return null;
    }

    @Override
    void skipPast(SortKey position) {
      SortKey reached = frontier;
      if (reached == null || position.compareTo(reached) > 0) {
        frontier = position;
      }
    }

    @Override
    boolean holds(String id) {
      return members.stream().allMatch(member -> member.holds(id));
    }
  }
}
