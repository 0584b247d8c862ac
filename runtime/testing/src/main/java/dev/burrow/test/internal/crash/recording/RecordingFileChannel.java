package dev.burrow.test.internal.crash.recording;

import dev.burrow.test.internal.ForwardingFileChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/** A file channel that records its writes, truncations and flushes of one inode. */
final class RecordingFileChannel extends ForwardingFileChannel {
  private static final int TRANSFER_BUFFER = 8192;

  private final FsLog log;
  private final int inode;
  private final BeforeClose beforeClose;

  /** What runs before the channel is closed. */
  @FunctionalInterface
  interface BeforeClose {
    void run() throws IOException;
  }

  RecordingFileChannel(FileChannel delegate, FsLog log, int inode, BeforeClose beforeClose) {
    super(delegate);
    this.log = log;
    this.inode = inode;
    this.beforeClose = beforeClose;
  }

  @Override
  protected void implCloseChannel() throws IOException {
    beforeClose.run();
    super.implCloseChannel();
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ByteBuffer copy = src.duplicate();
    int written = delegate().write(src);
    // After a write the position is its end, also in append mode.
    record(delegate().position() - written, copy, written);
    return written;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long written = 0;
    for (int i = offset; i < offset + length; i++) {
      written += write(srcs[i]);
    }
    return written;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    ByteBuffer copy = src.duplicate();
    int written = delegate().write(src, position);
    record(position, copy, written);
    return written;
  }

  private void record(long offset, ByteBuffer copy, int written) {
    log.wrote(inode, offset, copy, written);
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    long before = delegate().size();
    delegate().truncate(size);
    log.truncated(inode, size, before);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    delegate().force(metaData);
    log.synced(inode);
  }

  /**
   * Reads {@code src} and writes what it gives through {@link #write(ByteBuffer, long)}, which
   * records it, as the JDK does from a channel that is not a file's.
   */
  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    if (position < 0 || count < 0) {
      throw new IllegalArgumentException("negative position or count");
    }
    if (position > size()) {
      return 0;
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, TRANSFER_BUFFER));
    long done = 0;
    while (done < count) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
      if (src.read(buffer) <= 0) {
        break;
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        done += write(buffer, position + done);
      }
    }
    return done;
  }

  /** A mapping to read ({@code READ_ONLY}, or {@code PRIVATE}, whose writes stay in memory). */
  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    if (mode == MapMode.READ_WRITE) {
      throw new UnsupportedOperationException("writes through a mapping cannot be recorded");
    }
    return super.map(mode, position, size);
  }
}
