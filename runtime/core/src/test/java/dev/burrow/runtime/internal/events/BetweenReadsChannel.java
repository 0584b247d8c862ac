package dev.burrow.runtime.internal.events;

import dev.burrow.test.internal.ForwardingFileChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file channel that does what its delegate does, and runs an action right before a positional
 * read: what another thread or process could do between two reads of a reader, made to happen there
 * every time.
 */
final class BetweenReadsChannel extends ForwardingFileChannel {
  /** What runs before a positional read at {@code position}. */
  @FunctionalInterface
  interface BeforeRead {
    void run(long position) throws IOException;
  }

  private final BeforeRead before;

  BetweenReadsChannel(FileChannel delegate, BeforeRead before) {
    super(delegate);
    this.before = before;
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    before.run(position);
    return delegate().read(dst, position);
  }
}
