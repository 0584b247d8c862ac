package dev.burrow.runtime.internal.id;

import dev.burrow.IdGenerator;
import dev.burrow.InvalidIdException;
import dev.burrow.spi.PathSegments;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Makes RFC 9562 version 7 UUIDs: 48-bit Unix milliseconds, version and variant bits, a 22-bit
 * counter and 52 random bits. Increasing for this generator (each UUID is greater, in {@link
 * UUID#compareTo}, string and byte order, than every UUID it returned before the call began), by
 * RFC 9562 section 6.2 method 1: a fixed-length counter in {@code rand_a} and the top 10 bits of
 * {@code rand_b}, started at a random value below 2^12 in each new millisecond (the top ten bits
 * guard against rollover) and incremented within it; if it ever rolls over (over four million UUIDs
 * in a millisecond), the next millisecond is borrowed.
 *
 * <p>Time comes from the same logical clock as {@link SnowflakeGenerator}'s (wall clock at start,
 * advanced by the monotonic clock), so a wall clock stepped backwards cannot reorder UUIDs. One
 * atomic increment per UUID (a compare-and-set in each new millisecond), no lock.
 *
 * <p>Random bits: {@link Randomness#SECURE} (the default) takes them from a {@link
 * java.security.SecureRandom}, fetched in 4 KiB blocks; {@link Randomness#FAST} from {@link
 * ThreadLocalRandom}, which is quicker but predictable.
 */
public final class UuidV7Generator implements IdGenerator {

  /** Where the 52 random bits of each UUID come from. */
  public enum Randomness {
    /** A {@link java.security.SecureRandom}: UUIDs cannot be guessed from other UUIDs. */
    SECURE,
    /**
     * {@link ThreadLocalRandom}: faster and still unique, but someone who sees some UUIDs may
     * predict others. Use only where UUIDs are not secrets (not for tokens or unguessable URLs).
     */
    FAST
  }

  private static final int COUNTER_BITS = 22;
  private static final int COUNTER_LOW_BITS = 10;
  private static final long COUNTER_LOW_MASK = (1L << COUNTER_LOW_BITS) - 1;
  private static final int RANDOM_BITS = 52;
  private static final long RANDOM_MASK = (1L << RANDOM_BITS) - 1;
  private static final long VERSION_7 = 0x7000L;
  private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

  private final LongSupplier random;
  private final LogicalClock clock;

  /** State offsets count milliseconds from here. */
  private final long originMillis;

  /** The last UUID's millisecond offset and counter: {@code offset << COUNTER_BITS | counter}. */
  private final AtomicLong last = new AtomicLong();

  private UuidV7Generator(Randomness randomness, IdClock clock) {
    this.random =
        randomness == Randomness.SECURE
            ? new SecureRandomBits()
            : () -> ThreadLocalRandom.current().nextLong();
    this.clock = new LogicalClock(clock);
    this.originMillis = this.clock.millis() - 1;
  }

  /** A generator with {@link Randomness#SECURE} random bits and the system clock. */
  public static UuidV7Generator create() {
    return create(Randomness.SECURE);
  }

  /** A generator with the given random source and the system clock. */
  public static UuidV7Generator create(Randomness randomness) {
    return create(randomness, IdClock.system());
  }

  /** A generator with the given random source and clock. */
  public static UuidV7Generator create(Randomness randomness, IdClock clock) {
    return new UuidV7Generator(randomness, clock);
  }

  /** Returns a new UUIDv7, greater than every UUID this generator returned before the call. */
  public UUID next() {
    long randomBits = random.getAsLong();
    long now = clock.millis() - originMillis;
    long candidate =
        TimestampCounter.claim(
            last, now, COUNTER_BITS, now << COUNTER_BITS | randomBits >>> RANDOM_BITS);
    long millis = (candidate >>> COUNTER_BITS) + originMillis;
    long counter = candidate & ((1L << COUNTER_BITS) - 1);
    long msb = millis << 16 | VERSION_7 | counter >>> COUNTER_LOW_BITS;
    long lsb =
        VARIANT_RFC | (counter & COUNTER_LOW_MASK) << RANDOM_BITS | (randomBits & RANDOM_MASK);
    return new UUID(msb, lsb);
  }

  /** {@link #next()} in the canonical 36-character lower-case form. */
  @Override
  public String nextId() {
    return next().toString();
  }

  /**
   * The creation time in a UUIDv7, with millisecond precision.
   *
   * @throws InvalidIdException if {@code uuid} is not version 7 with the RFC 9562 variant
   */
  public static Instant timestamp(UUID uuid) {
    if (uuid.version() != 7 || uuid.variant() != 2) {
      throw new InvalidIdException(uuid.toString(), "not a version 7 UUID (RFC 9562)");
    }
    return Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16);
  }

  /**
   * The creation time in a UUIDv7 given in its canonical 36-character form.
   *
   * @throws InvalidIdException if {@code uuid} is not a canonical version 7 UUID
   */
  public static Instant timestamp(String uuid) {
    try {
      UUID parsed = UUID.fromString(uuid);
      if (parsed.toString().equalsIgnoreCase(uuid)) {
        return timestamp(parsed);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new InvalidIdException(
        PathSegments.printable(uuid), "not a UUID in the canonical 8-4-4-4-12 hexadecimal form");
  }
}
