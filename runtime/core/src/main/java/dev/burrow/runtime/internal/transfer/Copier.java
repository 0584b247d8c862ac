package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptInstanceException;
import dev.burrow.ImportSummary;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.store.StrayEntryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Copies a root's instances into another root (typically on another backend), as idempotent and
 * resumable as an {@link Importer import}: each document and file is placed as an import places it
 * ({@link DocumentPlacer}, {@link FilePlacer}), with no export stream between the two.
 */
public final class Copier {
  private Copier() {}

  /**
   * Copies every readable instance of {@code source} into {@code target}, as an import would;
   * damaged instances of the source are left behind, reported to {@code problems} and counted, and
   * so is each instance the target holds damaged, whose document is not written over it (counted in
   * skipped too), and gets none of the source instance's files. Beside running writers, each
   * instance is copied as it was read, then the files of its directory as they are then: a file
   * removed before it was reached is not copied (nor are any files of an instance deleted
   * meanwhile), and one opened is copied whole.
   */
  public static <S, T> ImportSummary copy(
      TransferView<S> source,
      TransferView<T> target,
      boolean withDirectories,
      Consumer<CorruptInstanceException> problems,
      Runnable eachCopied) {
    ImportCounts counts = new ImportCounts(skipped -> {}, problems);
    for (PageRequest request = PageRequest.first(TransferView.PAGE); request != null; ) {
      Page<RawDocument> page = source.page(request);
      for (RawDocument document : page.items()) {
        if (DocumentPlacer.place(target, target.parse(document.json()), counts)
            && withDirectories) {
          copyFiles(source, target, document, counts);
        }
        eachCopied.run();
      }
      counts.damaged += StrayEntryException.damagedInstances(page.problems());
      page.problems().forEach(problems);
      request = page.next();
    }
    return counts.summary();
  }

  /**
   * Copies the files of the source instance's directory into the target's, where the target keeps
   * it elsewhere, counting them and the entries that are not regular files; none if the source
   * instance was deleted meanwhile. The source's directory is never made for this (none is copied
   * from a source instance this host keeps no directory for), and the target's only when a file is
   * placed in it.
   */
  private static <S, T> void copyFiles(
      TransferView<S> origin, TransferView<T> target, RawDocument document, ImportCounts counts) {
    String id = document.id();
    Path source;
    try {
      Optional<Path> existing = origin.existingDirectory(id);
      if (existing.isEmpty()) {
        return;
      }
      source = existing.get();
    } catch (InstanceNotFoundException deletedMeanwhile) {
      return;
    }
    try {
      ArchivedFiles.Contents contents = ArchivedFiles.of(source);
      if ((contents.files().isEmpty() && contents.skipped() == 0)
          || target.existingDirectory(id).filter(source::equals).isPresent()) {
        return;
      }
      counts.skipped += contents.skipped();
      for (Path file : contents.files()) {
        BasicFileAttributes attributes = SafeFiles.lstat(file);
        FileChannel from;
        try {
          from = SafeFiles.openToRead(file);
        } catch (NoSuchFileException removed) {
          continue; // removed since it was listed, by its application or a delete
        }
        try (from) {
          if (attributes != null) {
            String relativePath = ArchivedFiles.relativePath(source, file);
            counts.count(
                FilePlacer.place(
                    target,
                    id,
                    relativePath,
                    ArchivedTime.exact(attributes.lastModifiedTime()),
                    TransferView.createdAt(document),
                    new FilePlacer.Incoming() {
                      @Override
                      public long size() throws IOException {
                        return from.size();
                      }

                      @Override
                      public boolean sameAs(InputStream held) throws IOException {
                        return FilePlacer.sameBytes(
                            Channels.newInputStream(from.position(0)), held);
                      }

                      @Override
                      public void writeTo(FileChannel channel) throws IOException {
                        SafeFiles.copy(from, from.size(), channel, file);
                      }
                    }),
                id,
                relativePath);
          }
        }
      }
    } catch (IOException e) {
      throw new StorageException(
          "copying the files of instance '" + id + "' failed: " + Failures.describe(e), e);
    }
  }
}
