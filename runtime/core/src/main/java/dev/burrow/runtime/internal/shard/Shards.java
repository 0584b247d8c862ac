package dev.burrow.runtime.internal.shard;

import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.spi.PathSegments;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * Where an instance directory lives: {@code instances/<top>/<leaf>/<id>/}, two levels of shards
 * named after a prefix of the ID, so that no directory grows with the number of instances and the
 * listing order ({@link NewestFirst}) can be walked from the newest shard down without listing
 * everything.
 *
 * <p>A shard's name is the prefix it stands for, {@code @}, and the ID's rank: {@code t} for IDs
 * that are not all digits, their number of digits for those that are (all-digit IDs of one length
 * compare as numbers). {@code @} is never part of an ID, so a shard is never mistaken for an
 * instance, and a name never ends with a dot. The prefix is a fixed number of characters for each
 * rank (the whole ID if it is shorter), so a shard holds a contiguous range of the listing order:
 *
 * <ul>
 *   <li>text IDs (UUIDv7 and IDs users choose): 6 characters for the top shard, 10 for the leaf;
 *       for a UUIDv7 these are its timestamp's top 24 bits (spans of 4.7 hours) and top 36 bits
 *       (spans of 4.1 seconds; the 9th character is a dash);
 *   <li>all-digit IDs of 16 digits or more (Snowflake IDs are 18 to 19): all but the last 14
 *       digits, and all but the last 10; with the default Snowflake layout, spans of 6.6 hours and
 *       of 2.4 seconds;
 *   <li>shorter all-digit IDs (counters users choose): all but the last 6 digits, and all but the
 *       last 3, so a leaf holds at most a thousand of them.
 * </ul>
 *
 * <p>A leaf therefore holds the instances made in a few seconds, and a top shard at most ten
 * thousand leaves, however many instances the root holds and however fast they were made.
 */
public final class Shards {
  /** Separates a shard's prefix from its rank. */
  public static final char SEPARATOR = '@';

  private static final String TEXT = "t";
  private static final int TEXT_TOP = 6;
  private static final int TEXT_LEAF = 10;

  /** A shard's place in the listing order: the rank of its IDs and their common prefix. */
  public record Key(int rank, String prefix) {}

  /** Shard keys in listing order, consistent with {@link NewestFirst#IDS} for their IDs. */
  public static final Comparator<Key> ORDER =
      Comparator.comparingInt(Key::rank)
          .thenComparing(Key::prefix, Comparator.<String>naturalOrder())
          .reversed();

  private Shards() {}

  /** {@code <top>/<leaf>/<id>}: where {@code id}'s directory is, relative to {@code instances/}. */
  public static String relativePath(String id) {
    int rank = NewestFirst.idRank(id);
    int length = id.length();
    String tag = rank == 0 ? TEXT : Integer.toString(rank);
    int top = prefixLength(1, rank, length);
    int leaf = prefixLength(2, rank, length);
    return new StringBuilder(top + leaf + length + 2 * tag.length() + 4)
        .append(id, 0, top)
        .append(SEPARATOR)
        .append(tag)
        .append('/')
        .append(id, 0, leaf)
        .append(SEPARATOR)
        .append(tag)
        .append('/')
        .append(id)
        .toString();
  }

  /** The name of {@code id}'s shard at {@code level} (1 for the top, 2 for the leaf). */
  public static String nameOf(String id, int level) {
    int rank = NewestFirst.idRank(id);
    return id.substring(0, prefixLength(level, rank, id.length()))
        + SEPARATOR
        + (rank == 0 ? TEXT : Integer.toString(rank));
  }

  /** The key of {@code id}'s shard at {@code level} (1 for the top, 2 for the leaf). */
  public static Key keyOf(String id, int level) {
    return keyOf(id, NewestFirst.idRank(id), level);
  }

  /**
   * The key of the shard at {@code level} where the listing position of {@code id} at rank {@code
   * rank} lies: {@link #keyOf(String, int)} where {@code rank} is the ID's own, else (a position a
   * cursor names, such as that of a database row written behind Burrow's back) among the shards of
   * {@code rank}, whose prefixes are cut as those of its IDs are.
   */
  public static Key keyOf(String id, int rank, int level) {
    int cut = prefixLength(level, rank, rank == 0 ? id.length() : rank);
    return new Key(rank, id.substring(0, Math.min(id.length(), cut)));
  }

  /**
   * The key a shard name at {@code level} stands for, or null if the name is no such shard's.
   *
   * @param level 1 for a top-level shard, 2 for a leaf
   */
  public static @Nullable Key parse(String name, int level) {
    int at = name.lastIndexOf(SEPARATOR);
    if (at <= 0) {
      return null;
    }
    String prefix = name.substring(0, at);
    String tag = name.substring(at + 1);
    int rank;
    if (tag.equals(TEXT)) {
      rank = 0;
      if (prefix.length() > (level == 1 ? TEXT_TOP : TEXT_LEAF)) {
        return null;
      }
    } else {
      rank = digits(tag);
      if (rank < 1
          || NewestFirst.idRank(prefix) == 0
          || prefix.length() != prefixLength(level, rank, rank)) {
        return null;
      }
    }
    // A prefix is the start of a valid ID, which may end with a dot where the ID goes on.
    return PathSegments.isValid(prefix.endsWith(".") ? prefix + "_" : prefix)
        ? new Key(rank, prefix)
        : null;
  }

  /** The key of the top-level shard the leaf with key {@code leaf} belongs in. */
  public static Key topOf(Key leaf) {
    int length = leaf.rank() == 0 ? leaf.prefix().length() : leaf.rank();
    return new Key(leaf.rank(), leaf.prefix().substring(0, prefixLength(1, leaf.rank(), length)));
  }

  /** Whether {@code id} belongs in the shard with key {@code key} at {@code level}. */
  public static boolean holds(Key key, int level, String id) {
    return holds(key, level, id, NewestFirst.idRank(id));
  }

  /** {@link #holds(Key, int, String)} for an ID whose {@link NewestFirst#idRank} is known. */
  public static boolean holds(Key key, int level, String id, int rank) {
    return rank == key.rank()
        && prefixLength(level, rank, id.length()) == key.prefix().length()
        && id.startsWith(key.prefix());
  }

  /** Characters of an ID of {@code rank} and {@code length} its shard at {@code level} keeps. */
  private static int prefixLength(int level, int rank, int length) {
    int kept;
    if (rank == 0) {
      kept = level == 1 ? TEXT_TOP : TEXT_LEAF;
    } else if (rank >= 16) {
      kept = length - (level == 1 ? 14 : 10);
    } else {
      kept = length - (level == 1 ? 6 : 3);
    }
    return Math.max(1, Math.min(length, kept));
  }

  private static int digits(String tag) {
    if (tag.isEmpty() || tag.length() > 3 || NewestFirst.idRank(tag) == 0 || tag.charAt(0) == '0') {
      return -1;
    }
    return Integer.parseInt(tag);
  }
}
