package dev.burrow.test.internal.crash.recording;

import static dev.burrow.test.internal.crash.recording.RecordingPath.unwrap;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The provider of a {@link RecordingFileSystem}: delegates, then records, through file channels and
 * asynchronous file channels alike ({@link RecordingAsynchronousFileChannel}).
 */
final class RecordingProvider extends FileSystemProvider {
  private final FileSystemProvider delegate = FileSystems.getDefault().provider();
  private final RecordingFileSystem fileSystem;
  private final FsLog log;
  private final RecordingFileSystem.Hooks hooks;

  RecordingProvider(RecordingFileSystem fileSystem, FsLog log, RecordingFileSystem.Hooks hooks) {
    this.fileSystem = fileSystem;
    this.log = log;
    this.hooks = hooks;
  }

  @Override
  public String getScheme() {
    return "burrow-recording";
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    throw new UnsupportedOperationException("use RecordingFileSystem.over");
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    throw new UnsupportedOperationException("use RecordingFileSystem.over");
  }

  @Override
  public Path getPath(URI uri) {
    return fileSystem.wrap(delegate.getPath(uri));
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    return newFileChannel(path, options, attrs);
  }

  @Override
  public FileChannel newFileChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    Path real = unwrap(path);
    boolean creating = creates(real, options);
    hooks.beforeOpen(real, options);
    FileChannel channel = delegate.newFileChannel(real, options, attrs);
    hooks.afterOpen(real, options);
    int inode = opened(real, options, creating);
    if (!creating
        && options.contains(StandardOpenOption.TRUNCATE_EXISTING)
        && options.contains(StandardOpenOption.WRITE)) {
      log.truncated(inode, 0);
    }
    return new RecordingFileChannel(channel, log, inode, () -> hooks.beforeClose(real, options));
  }

  @Override
  public AsynchronousFileChannel newAsynchronousFileChannel(
      Path path,
      Set<? extends OpenOption> options,
      @Nullable ExecutorService executor,
      FileAttribute<?>... attrs)
      throws IOException {
    Path real = unwrap(path);
    boolean creating = creates(real, options);
    hooks.beforeOpen(real, options);
    AsynchronousFileChannel channel =
        delegate.newAsynchronousFileChannel(real, options, executor, attrs);
    hooks.afterOpen(real, options);
    return new RecordingAsynchronousFileChannel(channel, log, opened(real, options, creating));
  }

  /**
   * Records what opening {@code real} did to its directory, and returns its inode: its creation,
   * and with {@code DELETE_ON_CLOSE} its removal, which the JDK does on Linux as soon as it is
   * open.
   */
  private int opened(Path real, Set<? extends OpenOption> options, boolean creating) {
    if (creating) {
      log.linked(real, false);
    }
    int inode = log.inodeOf(real);
    if (options.contains(StandardOpenOption.DELETE_ON_CLOSE)) {
      log.unlinked(real, inode);
    }
    return inode;
  }

  private static boolean creates(Path real, Set<? extends OpenOption> options) {
    return (options.contains(StandardOpenOption.CREATE)
            || options.contains(StandardOpenOption.CREATE_NEW))
        && !Files.exists(real, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    Path real = unwrap(dir);
    hooks.beforeList(real);
    DirectoryStream<Path> entries =
        delegate.newDirectoryStream(real, entry -> filter.accept(fileSystem.wrap(entry)));
    return new DirectoryStream<>() {
      @Override
      public Iterator<Path> iterator() {
        Iterator<Path> real = entries.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return real.hasNext();
          }

          @Override
          public Path next() {
            return fileSystem.wrap(real.next());
          }
        };
      }

      @Override
      public void close() throws IOException {
        entries.close();
      }
    };
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    Path real = unwrap(dir);
    delegate.createDirectory(real, attrs);
    log.linked(real, true);
  }

  @Override
  public void delete(Path path) throws IOException {
    Path real = unwrap(path);
    int inode = log.inodeOf(real);
    delegate.delete(real);
    log.unlinked(real, inode);
  }

  @Override
  public boolean deleteIfExists(Path path) throws IOException {
    Path real = unwrap(path);
    int inode = log.inodeOf(real);
    boolean deleted = delegate.deleteIfExists(real);
    if (deleted) {
      log.unlinked(real, inode);
    }
    return deleted;
  }

  /**
   * Copies as the JDK copies to a path of another file system, through this one: a target to be
   * replaced is deleted, then a directory is made, or a new file is written with the source's
   * content, each recorded as the JDK's own copy on Linux does it (links are refused, and {@code
   * COPY_ATTRIBUTES} copies only the times, which the log does not hold anyway).
   */
  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    Files.copy(unwrap(source), target, options);
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    Path from = unwrap(source);
    Path to = unwrap(target);
    hooks.beforeMove(from, to);
    delegate.move(from, to, options);
    log.renamed(from, to);
    hooks.afterMove(from, to);
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    Path real = unwrap(link);
    Path target = unwrap(existing);
    delegate.createLink(real, target);
    log.hardLinked(real, log.inodeOf(target));
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) {
    throw new UnsupportedOperationException("symbolic links are not recorded");
  }

  @Override
  public Path readSymbolicLink(Path link) throws IOException {
    return fileSystem.wrap(delegate.readSymbolicLink(unwrap(link)));
  }

  @Override
  public boolean isSameFile(Path path, Path path2) throws IOException {
    return delegate.isSameFile(unwrap(path), unwrap(path2));
  }

  @Override
  public boolean isHidden(Path path) throws IOException {
    return delegate.isHidden(unwrap(path));
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    return delegate.getFileStore(unwrap(path));
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    delegate.checkAccess(unwrap(path), modes);
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    return delegate.getFileAttributeView(unwrap(path), type, options);
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    return delegate.readAttributes(unwrap(path), type, options);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    return delegate.readAttributes(unwrap(path), attributes, options);
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
      throws IOException {
    delegate.setAttribute(unwrap(path), attribute, value, options);
  }
}
