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
 */
final class EntryPlacement {
  /** Entries of one value put directly in the top-level shard per leaf, before the leaf is used. */
  static final int PER_LEAF = 8;

  private static final int REMEMBERED = 4096;

  private final Durability durability;
  private final Map<String, Integer> added = RecentlyUsed.map(REMEMBERED);

  EntryPlacement(Durability durability) {
    this.durability = durability;
  }

  /** Whether the next entry of {@code id} in the value directory {@code values} goes in its top. */
  boolean inTop(Path values, String id) {
    if (durability != Durability.FSYNC) {
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
