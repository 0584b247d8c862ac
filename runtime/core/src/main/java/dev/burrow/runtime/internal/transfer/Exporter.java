package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptInstanceException;
import dev.burrow.ExportSummary;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.store.StrayEntryException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Exports a root: its documents as the lines {@link ExportLineWriter} describes, and, optionally,
 * its instances' directories as the archive {@link InstanceArchiver} writes. An export that stops
 * on a failure never has its closing line, so no import takes it for complete.
 */
public final class Exporter {
  private Exporter() {}

  /**
   * Writes every readable instance of {@code source}, and, with a {@code directories} stream, the
   * files of their directories. Damaged instances are left out and reported to {@code problems}.
   *
   * <p>Beside running writers, each line is the instance as it was read. With a {@code directories}
   * stream, an instance's files are archived first, as they are then (a file removed before it was
   * reached is not archived; one opened is archived whole), and then its document is read again and
   * written: an instance deleted meanwhile is left out, as if it had been deleted before the export
   * reached it (the archive may hold some of its files, which an import skips, since no line names
   * the instance), and counted in {@link ExportSummary#deleted}.
   *
   * <p>Each file is read whole before its archive entry is written ({@link WholeFile}: up to 1 MiB
   * in memory, a larger one spooled to {@code java.io.tmpdir} and read twice), so a file that
   * shrinks, grows or fails while it is read never leaves a corrupt entry. A file or directory
   * under an instance's directory that cannot be read (permission denied), or a file that fails
   * while it is read, is handed to {@code unreadable}, named with why, and left out of the archive,
   * and the export goes on; without {@code unreadable}, it stops the export with a {@link
   * StorageException} naming it, before the closing line is written, so that no import takes what
   * was written for complete.
   */
  public static <T> ExportSummary export(
      TransferView<T> source,
      OutputStream documents,
      @Nullable OutputStream directories,
      Consumer<CorruptInstanceException> problems,
      @Nullable Consumer<Skipped> unreadable) {
    long instances = 0;
    long damaged = 0;
    long deleted = 0;
    ExportLineWriter lines = new ExportLineWriter(documents);
    InstanceArchiver archive =
        directories == null ? null : new InstanceArchiver(directories, unreadable);
    try {
      lines.header(source.description());
      for (PageRequest request = PageRequest.first(TransferView.PAGE); request != null; ) {
        Page<RawDocument> page = source.page(request);
        for (RawDocument listed : page.items()) {
          Optional<RawDocument> document = Optional.of(listed);
          if (archive != null) {
            try {
              String id = listed.id();
              Optional<Path> directory = source.existingDirectory(id);
              if (directory.isPresent()) {
                archive.archive(id, TransferView.createdAt(listed), directory.get());
              }
              document = source.find(listed.id());
            } catch (InstanceNotFoundException deletedMeanwhile) {
              deleted++; // deleted before its directory was reached: left out
              continue;
            } catch (CorruptInstanceException damagedMeanwhile) {
              problems.accept(damagedMeanwhile);
              damaged++;
              continue;
            }
          }
          if (document.isEmpty()) {
            deleted++; // deleted before its files were all archived: left out
            continue;
          }
          lines.document(document.get());
          instances++;
        }
        damaged += StrayEntryException.damagedInstances(page.problems());
        page.problems().forEach(problems);
        request = page.next();
      }
      lines.closing(instances, damaged);
      documents.flush();
      if (archive != null) {
        archive.finish();
      }
    } catch (IOException e) {
      throw new StorageException("writing the export failed: " + e.getMessage(), e);
    }
    return new ExportSummary(
        instances,
        damaged,
        archive == null ? 0 : archive.files(),
        deleted,
        archive == null ? 0 : archive.skipped());
  }
}
