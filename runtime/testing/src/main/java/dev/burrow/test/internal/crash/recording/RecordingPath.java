package dev.burrow.test.internal.crash.recording;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import org.jspecify.annotations.Nullable;

/** A path of a {@link RecordingFileSystem}: a default-file-system path underneath. */
final class RecordingPath implements Path {
  private final RecordingFileSystem fileSystem;
  private final Path delegate;

  RecordingPath(RecordingFileSystem fileSystem, Path delegate) {
    this.fileSystem = fileSystem;
    this.delegate = delegate;
  }

  /** The default-file-system path under a recording path. */
  static Path unwrap(Path path) {
    if (path instanceof RecordingPath recording) {
      return recording.delegate;
    }
    throw new ProviderMismatchException("not a recording path: " + path);
  }

  private @Nullable Path wrap(@Nullable Path path) {
    return path == null ? null : new RecordingPath(fileSystem, path);
  }

  @Override
  public RecordingFileSystem getFileSystem() {
    return fileSystem;
  }

  @Override
  public boolean isAbsolute() {
    return delegate.isAbsolute();
  }

  @Override
  public @Nullable Path getRoot() {
    return wrap(delegate.getRoot());
  }

  @Override
  public @Nullable Path getFileName() {
    return wrap(delegate.getFileName());
  }

  @Override
  public @Nullable Path getParent() {
    return wrap(delegate.getParent());
  }

  @Override
  public int getNameCount() {
    return delegate.getNameCount();
  }

  @Override
  public Path getName(int index) {
    return new RecordingPath(fileSystem, delegate.getName(index));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    return new RecordingPath(fileSystem, delegate.subpath(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    return other instanceof RecordingPath && delegate.startsWith(unwrap(other));
  }

  @Override
  public boolean endsWith(Path other) {
    return other instanceof RecordingPath && delegate.endsWith(unwrap(other));
  }

  @Override
  public Path normalize() {
    return new RecordingPath(fileSystem, delegate.normalize());
  }

  @Override
  public Path resolve(Path other) {
    return new RecordingPath(fileSystem, delegate.resolve(unwrap(other)));
  }

  @Override
  public Path relativize(Path other) {
    return new RecordingPath(fileSystem, delegate.relativize(unwrap(other)));
  }

  @Override
  public URI toUri() {
    return delegate.toUri();
  }

  @Override
  public Path toAbsolutePath() {
    return new RecordingPath(fileSystem, delegate.toAbsolutePath());
  }

  @Override
  public Path toRealPath(LinkOption... options) throws IOException {
    return new RecordingPath(fileSystem, delegate.toRealPath(options));
  }

  @Override
  public WatchKey register(
      WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException("the recording file system cannot watch");
  }

  @Override
  public int compareTo(Path other) {
    return delegate.compareTo(unwrap(other));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RecordingPath path
        && path.fileSystem == fileSystem
        && path.delegate.equals(delegate);
  }

  @Override
  public int hashCode() {
    return delegate.hashCode();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
