package dev.burrow.test.internal.crash.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous file channel that records its writes, truncations and flushes of one inode, like
 * {@link RecordingFileChannel}. A write is waited for before it is recorded (and before its
 * completion handler runs), so the recorded order is the order of completion.
 */
final class RecordingAsynchronousFileChannel extends AsynchronousFileChannel {
  private final AsynchronousFileChannel delegate;
  private final FsLog log;
  private final int inode;

  RecordingAsynchronousFileChannel(AsynchronousFileChannel delegate, FsLog log, int inode) {
    this.delegate = delegate;
    this.log = log;
    this.inode = inode;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public AsynchronousFileChannel truncate(long size) throws IOException {
    long before = delegate.size();
    delegate.truncate(size);
    log.truncated(inode, size, before);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    delegate.force(metaData);
    log.synced(inode);
  }

  @Override
  public <A> void lock(
      long position,
      long size,
      boolean shared,
      @Nullable A attachment,
      CompletionHandler<FileLock, ? super A> handler) {
    delegate.lock(position, size, shared, attachment, handler);
  }

  @Override
  public Future<FileLock> lock(long position, long size, boolean shared) {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  public <A> void read(
      ByteBuffer dst,
      long position,
      @Nullable A attachment,
      CompletionHandler<Integer, ? super A> handler) {
    delegate.read(dst, position, attachment, handler);
  }

  @Override
  public Future<Integer> read(ByteBuffer dst, long position) {
    return delegate.read(dst, position);
  }

  @Override
  public <A> void write(
      ByteBuffer src,
      long position,
      @Nullable A attachment,
      CompletionHandler<Integer, ? super A> handler) {
    Future<Integer> written = write(src, position);
    try {
      handler.completed(written.get(), attachment);
    } catch (ExecutionException e) {
      handler.failed(e.getCause(), attachment);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handler.failed(e, attachment);
    }
  }

  @Override
  public Future<Integer> write(ByteBuffer src, long position) {
    ByteBuffer copy = src.duplicate();
    CompletableFuture<Integer> recorded = new CompletableFuture<>();
    try {
      int written = delegate.write(src, position).get();
      log.wrote(inode, position, copy, written);
      recorded.complete(written);
    } catch (ExecutionException e) {
      recorded.completeExceptionally(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      recorded.completeExceptionally(e);
    }
    return recorded;
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
