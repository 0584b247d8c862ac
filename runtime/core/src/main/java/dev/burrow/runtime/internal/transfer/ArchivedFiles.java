package dev.burrow.runtime.internal.transfer;

import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of an instance's directory that belong to its application: every regular file under it,
 * links not followed, except the filesystem backend's own document ({@value #DOCUMENT_FILE} at the
 * top) and the temporary files of an atomic write in progress. What an export archives, an import
 * writes, and {@code burrow stats} counts.
 */
public final class ArchivedFiles {
  /** The filesystem backend's document, at the top of each instance's directory. */
  static final String DOCUMENT_FILE = StoreOwned.DOCUMENT;

  private ArchivedFiles() {}

  /**
   * The application's files under {@code directory}, sorted; walks the whole tree.
   *
   * @throws IOException if the directory cannot be walked (missing included, or an entry vanishing
   *     while it is walked: a {@link java.nio.file.NoSuchFileException})
   */
  public static List<Path> of(Path directory) throws IOException {
    try (Stream<Path> all = Files.walk(directory)) {
      return all.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
          .filter(path -> !isDocument(directory, path))
          .filter(path -> !AtomicFiles.isTempName(path.getFileName().toString()))
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean isDocument(Path directory, Path path) {
    return directory.equals(path.getParent())
        && path.getFileName().toString().equals(DOCUMENT_FILE);
  }
}
