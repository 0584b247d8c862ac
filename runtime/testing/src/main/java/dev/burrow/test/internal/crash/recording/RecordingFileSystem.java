package dev.burrow.test.internal.crash.recording;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A {@code java.nio.file} file system that does everything on the default file system and records,
 * in an {@link FsLog}, every operation below a base directory that changes what a power cut could
 * leave behind: creating, linking, writing, truncating, flushing, renaming and deleting files and
 * directories. Code that uses {@code Path} APIs throughout runs on it unchanged; {@code
 * Path.toFile()} fails on it, which exposes {@code java.io.File} use.
 */
public final class RecordingFileSystem extends FileSystem {
  private final FileSystem delegate = FileSystems.getDefault();
  private final RecordingProvider provider;
  private final FsLog log;

  private RecordingFileSystem(Path base, Predicate<Path> ignored, Hooks hooks) {
    this.log = new FsLog(base, ignored);
    this.provider = new RecordingProvider(this, log, hooks);
  }

  /**
   * What a test may do between the calls the code under test makes, on the thread that makes them:
   * for instance arm an injected fault for the directory flush that follows a rename.
   */
  public interface Hooks {
    /** Called before a file or directory at {@code real} (a default-file-system path) is opened. */
    default void beforeOpen(Path real, Set<? extends OpenOption> options) throws IOException {}

    /** Called after a file at {@code real} was opened, before the channel is handed back. */
    default void afterOpen(Path real, Set<? extends OpenOption> options) throws IOException {}

    /**
     * Called before a channel that opened the file at {@code real} with {@code options} is closed.
     */
    default void beforeClose(Path real, Set<? extends OpenOption> options) throws IOException {}

    /** Called before the directory at {@code real} (a default-file-system path) is listed. */
    default void beforeList(Path real) throws IOException {}

    /** Called before {@code from} is renamed to {@code to}. */
    default void beforeMove(Path from, Path to) throws IOException {}

    /** Called after {@code from} was renamed to {@code to}. */
    default void afterMove(Path from, Path to) throws IOException {}
  }

  /**
   * Records below {@code base}, an existing directory of the default file system, except for paths
   * {@code ignored} matches (absolute default-file-system paths).
   */
  public static RecordingFileSystem over(Path base, Predicate<Path> ignored) throws IOException {
    return over(base, ignored, new Hooks() {});
  }

  /** Like {@link #over(Path, Predicate)}, calling {@code hooks} around the calls it delegates. */
  public static RecordingFileSystem over(Path base, Predicate<Path> ignored, Hooks hooks)
      throws IOException {
    return new RecordingFileSystem(base.toRealPath(), ignored, hooks);
  }

  /** The recording path for a default-file-system path. */
  public Path wrap(Path path) {
    return new RecordingPath(this, path);
  }

  /** What was recorded so far. */
  public FsLog log() {
    return log;
  }

  @Override
  public FileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() {
    // Nothing to release: the default file system underneath stays open.
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return delegate.getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    List<Path> roots = new java.util.ArrayList<>();
    delegate.getRootDirectories().forEach(root -> roots.add(wrap(root)));
    return roots;
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return delegate.getFileStores();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return delegate.supportedFileAttributeViews();
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrap(delegate.getPath(first, more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher matcher = delegate.getPathMatcher(syntaxAndPattern);
    return path -> matcher.matches(RecordingPath.unwrap(path));
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return delegate.getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("the recording file system cannot watch");
  }
}
