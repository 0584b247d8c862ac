package dev.burrow.runtime.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.Durability;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.runtime.internal.store.SortKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The candidates a finder reads ({@link Candidates}), walked over entries in shards, from every
 * starting position: IDs on both sides of every shard boundary (all-digit IDs one digit longer, the
 * last ID of a leaf and the first of the next, text IDs shorter and longer than a shard's prefix),
 * joined by three conditions and by one of several values, are each met once, in listing order, and
 * only when every condition holds them.
 */
class CandidatesTest {
  /** IDs around the shard boundaries of every rank ({@code Shards}). */
  private static final List<String> IDS =
      List.of(
          "1",
          "9",
          "10",
          "99",
          "100",
          "007",
          "999",
          "1000",
          "0999",
          "9999",
          "10000",
          "99999",
          "100000",
          "999999",
          "1000000",
          "1000999",
          "1001000",
          "1999999",
          "2000000",
          "100000000000000",
          "999999999999999",
          "1000000000000000",
          "1000000009999999",
          "1000000010000000",
          "9999999999999999",
          "1234567890123456789",
          "1234567899999999999",
          "1234567900000000000",
          "a",
          "ab",
          "abcde",
          "abcdef",
          "abcdefg",
          "abcdeg",
          "abcdefghi",
          "abcdefghij",
          "abcdefghijk",
          "abcdefghik",
          "abcdefghiz",
          "abcdefgz",
          "b",
          "0a",
          "9z",
          "A",
          "Z",
          "a-b",
          "a.b",
          "a_b",
          "zzzzzzzzzzzz",
          "01890a5d-ac96-774b-bcce-b302099a8057",
          "01890a5d-ac96-774b-bcce-b302099a8058",
          "01890a5d-ac97-774b-bcce-b302099a8057",
          "01890a5e-0000-7000-8000-000000000000");

  /** Positions that are no ID here, between and beyond them. */
  private static final List<String> GAPS =
      List.of("0", "5", "55", "998", "1001", "99999999999999999999", "aa", "abcdefghij0", "zzz");

  @TempDir Path root;
  private FieldIndex index;

  @BeforeEach
  void prepare() throws IOException {
    Path dataRoot = root.toRealPath();
    index =
        new FieldIndex(
            dataRoot, dataRoot.resolve("f"), FieldIndex.READY + "~", Durability.NONE, false);
    index.prepare();
  }

  private Path value(String name, Set<String> ids) throws IOException {
    Path values = index.values(name);
    for (String id : ids) {
      index.add(values, id);
    }
    return values;
  }

  private Candidates of(Path values, @Nullable SortKey after) {
    return Candidates.of(values, index.entries(values, after));
  }

  private static List<String> walk(Candidates candidates) {
    List<String> ids = new ArrayList<>();
    candidates.iterator().forEachRemaining(ids::add);
    return ids;
  }

  private static List<String> expected(Set<String> ids, @Nullable SortKey after) {
    return ids.stream()
        .filter(id -> after == null || SortKey.of(id).compareTo(after) > 0)
        .sorted(NewestFirst.IDS)
        .toList();
  }

  private static List<@Nullable SortKey> positions() {
    List<@Nullable SortKey> positions = new ArrayList<>();
    positions.add(null);
    IDS.forEach(id -> positions.add(SortKey.of(id)));
    GAPS.forEach(id -> positions.add(SortKey.of(id)));
    return positions;
  }

  private static Set<String> some(Random random, double share) {
    Set<String> ids = new TreeSet<>();
    for (String id : IDS) {
      if (random.nextDouble() < share) {
        ids.add(id);
      }
    }
    return ids;
  }

  @Test
  void oneValueListsItsEntriesOnceInListingOrderFromEveryPosition() throws IOException {
    Set<String> all = new TreeSet<>(IDS);
    Path values = value("all", all);
    for (SortKey after : positions()) {
      assertEquals(expected(all, after), walk(of(values, after)), "after " + after);
    }
  }

  @Test
  void threeConditionsMeetTheirCommonIdsOnceInOrderFromEveryPosition() throws IOException {
    Random random = new Random(42);
    for (int round = 0; round < 5; round++) {
      Set<String> a = some(random, 0.8);
      Set<String> b = some(random, 0.6);
      Set<String> c = round % 4 == 3 ? Set.of() : some(random, 0.5);
      Path va = value("a" + round, a);
      Path vb = value("b" + round, b);
      Path vc = value("c" + round, c);
      Set<String> common = new TreeSet<>(a);
      common.retainAll(b);
      common.retainAll(c);
      for (SortKey after : positions()) {
        for (List<Path> order :
            List.of(List.of(va, vb, vc), List.of(vc, va, vb), List.of(vb, vc, va))) {
          Function<Path, Candidates> member = values -> of(values, after);
          assertEquals(
              expected(common, after),
              walk(Candidates.allOf(order.stream().map(member).toList())),
              "round " + round + " after " + after);
        }
      }
    }
  }

  @Test
  void anyOfSeveralValuesJoinedWithAnotherConditionMeetsEachIdOnce() throws IOException {
    Random random = new Random(7);
    for (int round = 0; round < 4; round++) {
      Set<String> x = some(random, 0.4);
      Set<String> y = some(random, 0.4);
      Set<String> other = some(random, 0.7);
      Path vx = value("x" + round, x);
      Path vy = value("y" + round, y);
      Path vo = value("o" + round, other);
      Set<String> common = new TreeSet<>(x);
      common.addAll(y);
      common.retainAll(other);
      for (SortKey after : positions()) {
        Candidates either = Candidates.anyOf(List.of(of(vx, after), of(vy, after)));
        assertEquals(
            expected(common, after),
            walk(Candidates.allOf(List.of(of(vo, after), either))),
            "round " + round + " after " + after);
      }
    }
  }
}
