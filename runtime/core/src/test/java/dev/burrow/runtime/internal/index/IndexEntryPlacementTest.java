package dev.burrow.runtime.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.runtime.internal.shard.InstanceWalk;
import dev.burrow.runtime.internal.store.SortKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a durable index puts its entries ({@link EntryPlacement}): those of instances each alone in
 * a leaf go directly into their top-level shard, so a checkpoint flushes that one shard rather than
 * a leaf per entry; a burst fills the leaf after the first few; finders read both places, each
 * entry once, in order, from any position.
 */
class IndexEntryPlacementTest {
  /** Snowflake-like IDs in one top-level shard ({@code 3500@18}), each in a leaf of its own. */
  private static final List<String> ALONE =
      LongStream.range(0, 40)
          .mapToObj(i -> Long.toString(350_000_000_000_000_000L + i * 10_000_000_000L))
          .toList();

  /** IDs made in a burst: all in the leaf {@code 35000100@18}. */
  private static final List<String> BURST =
      LongStream.range(0, 20).mapToObj(i -> Long.toString(350_001_000_000_000_000L + i)).toList();

  @TempDir Path root;
  @TempDir Path outside;

  private Path dataRoot() {
    return root.toAbsolutePath().normalize();
  }

  private FieldIndex index(Durability durability) throws IOException {
    Files.createDirectories(dataRoot().resolve(".burrow/indexes"));
    return new FieldIndex(
        dataRoot(),
        dataRoot().resolve(".burrow/indexes").resolve(IndexNames.of("status")),
        FieldIndex.READY,
        durability,
        true);
  }

  @Test
  void aCheckpointFlushesTheTopShardOfEntriesEachAloneInALeafNotALeafPerEntry() throws Exception {
    FieldIndex index = index(Durability.FSYNC);
    Path values = index.values("running");
    Set<Path> flushed = ConcurrentHashMap.newKeySet();
    int line =
        (index.directory().getFileName() + "/" + values.getFileName() + "/" + ALONE.get(0) + "\n")
            .length();
    // The 40 writes fill a log once, at the 38th.
    IndexJournal journal = new IndexJournal(dataRoot(), 38L * line, flushed::add);
    for (String id : ALONE) {
      try (IndexJournal.Write write = journal.begin()) {
        write.made(index.add(values, id));
        write.commit();
      }
    }

    assertFalse(flushed.isEmpty(), "a checkpoint ran");
    // Before, each entry was made in its leaf: the checkpoint flushed 38 leaves besides these.
    assertEquals(
        Set.of(index.directory(), values, values.resolve("3500@18")),
        flushed,
        "the index's, the value's and the one top shard's directories");
    for (String id : ALONE) {
      assertTrue(Files.isRegularFile(FieldIndex.entryInTop(values, id)), id);
      assertFalse(Files.exists(FieldIndex.entry(values, id).getParent()), "no leaf for " + id);
    }
    assertEquals(newestFirst(ALONE), walk(index, values, null));
  }

  @Test
  void aBurstFillsItsLeafAfterTheFirstFewAndTheWalkReadsBothPlacesOnceInOrder() throws Exception {
    FieldIndex index = index(Durability.FSYNC);
    Path values = index.values("running");
    List<String> all = new ArrayList<>(ALONE.subList(0, 3));
    all.addAll(BURST);
    for (String id : all) {
      index.add(values, id);
    }
    long inTop =
        BURST.stream()
            .filter(id -> at(values, id).equals(FieldIndex.entryInTop(values, id)))
            .count();
    assertEquals(EntryPlacement.PER_LEAF, inTop, "the first of the burst in the top shard");
    // An entry in both places (a crash between two processes' choices) is walked once.
    String twice = BURST.get(0);
    Files.createDirectories(FieldIndex.entry(values, twice).getParent());
    Files.createFile(FieldIndex.entry(values, twice));

    List<String> expected = newestFirst(all);
    assertEquals(expected, walk(index, values, null));
    for (int from = 0; from < expected.size(); from++) {
      assertEquals(
          expected.subList(from + 1, expected.size()),
          walk(index, values, SortKey.of(expected.get(from))),
          "after " + expected.get(from));
    }

    index.remove(values, twice);
    assertEquals(null, FieldIndex.located(dataRoot(), values, twice), "removed from both places");
    index.add(values, twice);
    assertEquals(expected, walk(index, values, null));
  }

  @Test
  void withoutFlushesEveryEntryGoesInItsLeaf() throws Exception {
    FieldIndex index = index(Durability.NONE);
    Path values = index.values("running");
    for (String id : ALONE) {
      assertEquals(FieldIndex.entry(values, id), index.add(values, id));
    }
  }

  @Test
  void anEntryMadeInOnePlaceIsKeptThereWhenAddedAgain() throws Exception {
    FieldIndex index = index(Durability.FSYNC);
    Path values = index.values("running");
    String id = ALONE.get(0);
    Path inLeaf = FileIndexTest.inShards(FieldIndex.entry(values, id));
    Files.createFile(inLeaf);

    assertEquals(inLeaf, index.add(values, id), "not made again in its top shard");
    assertFalse(Files.exists(FieldIndex.entryInTop(values, id)));
  }

  @Test
  void theIndexCheckFindsAnEntryInItsTopShardAndNamesAStaleOneThere() throws IOException {
    FieldIndex index = index(Durability.FSYNC);
    Path values = index.values("running");
    String current = ALONE.get(0);
    String stale = ALONE.get(1);
    index.add(values, current);
    index.add(values, stale);
    index.add(index.values("done"), stale);
    index.markReady();
    Map<String, byte[]> documents = Map.of(current, json("running"), stale, json("done"));

    IndexCheck check = IndexCheck.of(dataRoot(), dataRoot().resolve(".burrow/indexes"), true);
    documents.forEach(check::document);
    check.entries(id -> Optional.ofNullable(documents.get(id)));

    List<IndexCheck.Finding> findings = check.findings();
    assertEquals(1, findings.size(), "only the stale entry, nothing missing: " + findings);
    assertEquals(FieldIndex.entryInTop(values, stale), findings.get(0).location());
    assertFalse(findings.get(0).damage());
  }

  /**
   * An ID held directly in a top-level shard beside a link planted in its leaf's place: neither the
   * removal of planted entries nor the index check of {@code burrow fsck} goes through the link
   * (before the fix, the removal deleted what the link led to, outside the root).
   */
  @Test
  void nothingGoesThroughALinkPlantedInTheLeafOfAnEntryInItsTopShard() throws IOException {
    FieldIndex index = index(Durability.FSYNC);
    Path values = index.values("running");
    String id = ALONE.get(0);
    index.add(values, id);
    index.markReady();
    Path victim = Files.createDirectories(outside.resolve(id));
    Files.createSymbolicLink(FieldIndex.entry(values, id).getParent(), outside);

    List<Path> removed = new ArrayList<>();
    index.removePlantedEntries(List.of(values), removed::add, kept -> false);
    IndexCheck check = IndexCheck.of(dataRoot(), dataRoot().resolve(".burrow/indexes"), true);
    check.entries(found -> Optional.of(json("done")));

    assertTrue(Files.isDirectory(victim), "what the link leads to is left alone: " + removed);
    assertTrue(
        check.findings().stream().noneMatch(f -> f.location().startsWith(outside)),
        "nothing named through the link: " + check.findings());
  }

  /**
   * A name planted directly in the top-level shard of an ID whose leaf is named like that shard
   * (its entry is kept in the leaf) is a stray: a finder does not return it and removes it.
   */
  @Test
  void aNameInTheTopShardOfAShortIdIsAStrayNotAnEntry() throws IOException {
    FieldIndex index = index(Durability.FSYNC);
    Path values = index.values("running");
    index.add(values, "run-8");
    Path planted = values.resolve("run-7@t").resolve("run-7");
    Files.createDirectories(planted.getParent());
    Files.createFile(planted);

    List<String> found = new ArrayList<>();
    InstanceWalk walk = index.entries(values, null);
    for (String id = walk.next(); id != null; id = walk.next()) {
      found.add(id);
    }

    assertEquals(List.of("run-8"), found);
    assertFalse(Files.exists(planted), "removed as a stray");
  }

  private static byte[] json(String status) {
    return ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private Path at(Path values, String id) {
    Path entry = FieldIndex.located(dataRoot(), values, id);
    assertTrue(entry != null, "an entry for " + id);
    return entry;
  }

  private static List<String> newestFirst(List<String> ids) {
    return ids.stream().sorted(Comparator.reverseOrder()).toList();
  }

  private static List<String> walk(FieldIndex index, Path values, @Nullable SortKey after) {
    List<String> ids = new ArrayList<>();
    InstanceWalk walk = index.entriesAsTheyAre(values, after);
    for (String id = walk.next(); id != null; id = walk.next()) {
      ids.add(id);
    }
    return ids;
  }
}
