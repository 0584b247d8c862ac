package dev.burrow.runtime.internal.id;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Random longs from a {@link SecureRandom}, fetched 4 KiB at a time and handed out once each
 * through a lock-free index: the same bits as asking {@code SecureRandom} for every value, at a
 * fraction of the cost (its per-call overhead and lock are paid once per 512 values).
 *
 * <p>The source is the JDK's {@code DRBG} (NIST SP 800-90A, seeded from the operating system)
 * rather than the Linux default {@code NativePRNG}, which mixes every read through SHA1PRNG and is
 * slower for bulk reads.
 */
final class SecureRandomBits implements LongSupplier {
  private static final int BLOCK_LONGS = 512;

  private final SecureRandom random = drbg();
  private final AtomicReference<Block> current = new AtomicReference<>(fill());

  @Override
  public long getAsLong() {
    while (true) {
      Block block = current.get();
      int index = block.next.getAndIncrement();
      if (index < BLOCK_LONGS) {
        return block.values[index];
      }
      current.compareAndSet(block, fill());
    }
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  private Block fill() {
    byte[] bytes = new byte[BLOCK_LONGS * Long.BYTES];
    random.nextBytes(bytes);
    long[] values = new long[BLOCK_LONGS];
    ByteBuffer.wrap(bytes).asLongBuffer().get(values);
    return new Block(values);
  }

  private static final class Block {
    final long[] values;
    final AtomicInteger next = new AtomicInteger();

    Block(long[] values) {
      this.values = values;
    }
  }
}
