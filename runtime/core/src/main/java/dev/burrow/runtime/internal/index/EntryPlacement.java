package dev.burrow.runtime.internal.index;

import dev.burrow.Durability;
import dev.burrow.runtime.internal.cache.RecentlyUsed;
import dev.burrow.runtime.internal.shard.Shards;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a durable index's new entries go: directly in the top-level shard of their ID until this
 * store has put {@link #PER_LEAF} entries of the value in the leaf the ID belongs in, in that leaf
 * after that ({@link FieldIndex}).
 *
 * <p>Why: an entry becomes durable only once the directory holding it is flushed, which the
 * journal's checkpoint does once per directory however many entries it got ({@link IndexJournal}).
 * Instances made slowly each sit alone in a leaf (a leaf spans a few seconds), so entries kept in
 * leaves cost about one flush each; a top-level shard spans hours, so entries kept there share
 * their flushes. Instances made in a burst fill a leaf quickly, and after the first few their
 * entries go into it, so a value's top-level shard holds at most {@link #PER_LEAF} entries directly
 * per leaf and store. Under {@link Durability#NONE} nothing is flushed and every entry goes into
 * its leaf. The count is this store's, kept for the {@value #REMEMBERED} leaves it added to last;
 * what another store did, or this one before, does not matter: a finder reads both places.
 *
 * <p>Only where the root's marker records the layout of entries in top-level shards ({@link
 * FileIndexes#mayKeepEntriesInTops}: a store whose schema declares indexes, under {@link
 * Durability#FSYNC}, records it when it opens the root) may an entry go in its top: a Burrow of the
 * layout before takes such an entry for a stray and removes it. Elsewhere (a tool's raw schema,
 * such as {@code fsck --repair}'s, which leaves the layout as it is) every entry goes into its
 * leaf.
 */
final class EntryPlacement {
  /** Entries of one value put directly in the top-level shard per leaf, before the leaf is used. */
  static final int PER_LEAF = 8;

  private static final int REMEMBERED = 4096;

  private final boolean intoTops;
  private final Map<String, Integer> added = RecentlyUsed.map(REMEMBERED);

  /**
   * The placement of entries made under {@code durability}, in top-level shards only if {@code
   * topsRecorded}: the root's marker records their layout, or this store records it as it opens the
   * root ({@link FileIndexes#mayKeepEntriesInTops}).
   */
  EntryPlacement(Durability durability, boolean topsRecorded) {
    this.intoTops = topsRecorded && durability == Durability.FSYNC;
  }

  /** Whether the next entry of {@code id} in the value directory {@code values} goes in its top. */
  boolean inTop(Path values, String id) {
    if (!intoTops) {
      return false;
    }
    String leaf = Shards.nameOf(id, 2);
    if (leaf.equals(Shards.nameOf(id, 1))) {
      return false; // a short ID whose leaf is named like its top: its entry would be ambiguous
    }
    String key = values + "/" + leaf;
    synchronized (added) {
      return added.merge(key, 1, Integer::sum) <= PER_LEAF;
    }
  }
}
