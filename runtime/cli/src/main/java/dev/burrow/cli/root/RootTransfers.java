package dev.burrow.cli.root;

import dev.burrow.CorruptInstanceException;
import dev.burrow.ExportSummary;
import dev.burrow.ImportSummary;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.store.HostContext;
import dev.burrow.runtime.internal.transfer.Exporter;
import dev.burrow.runtime.internal.transfer.Importer;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.runtime.internal.transfer.Skipped;
import dev.burrow.runtime.internal.transfer.TransferView;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The export, import and copy of a data root's instances, each the runtime's own, run on the raw
 * documents with the root's engine, backend, locks and temporary area; the damaged instances an
 * export or a copy leaves out are handed to the command as it meets them.
 */
public final class RootTransfers {
  private final Path root;
  private final StoreEngine<RawDocument> engine;
  private final FileSystemBackend<RawDocument> files;
  private final LeftOutRelay leftOut;

  RootTransfers(
      Path root,
      StoreEngine<RawDocument> engine,
      FileSystemBackend<RawDocument> files,
      LeftOutRelay leftOut) {
    this.root = root;
    this.engine = engine;
    this.files = files;
    this.leftOut = leftOut;
  }

  /**
   * Writes every readable instance as JSON Lines, and their directories' files as tar, as the
   * engine's export does (see {@link Exporter#export}); hands each damaged instance it leaves out
   * to {@code eachLeftOut}, and each file or directory of an instance's directory that it cannot
   * read, and leaves out of the archive, to {@code eachUnreadable}.
   */
  public ExportSummary exportTo(
      OutputStream documents,
      @Nullable OutputStream directories,
      Consumer<CorruptInstanceException> eachLeftOut,
      Consumer<Skipped> eachUnreadable) {
    return leftOut.during(
        eachLeftOut,
        () -> Exporter.export(view(), documents, directories, leftOut, eachUnreadable));
  }

  /**
   * Reads an export of this root's kind into it, as the engine's import does (see {@link
   * Importer#importInto}), handing each archive entry it skips to {@code eachSkipped}.
   */
  public ImportSummary importFrom(
      InputStream documents, @Nullable InputStream directories, Consumer<Skipped> eachSkipped) {
    return Importer.importInto(view(), documents, directories, eachSkipped);
  }

  /**
   * Copies every readable instance into {@code target} with the engine's own copy (see {@link
   * StoreEngine#copyTo}), running {@code eachCopied} after each instance it copies and handing each
   * damaged instance it leaves behind to {@code eachLeftOut}.
   */
  public ImportSummary copyTo(
      StoreEngine<RawDocument> target,
      Runnable eachCopied,
      Consumer<CorruptInstanceException> eachLeftOut) {
    return leftOut.during(eachLeftOut, () -> engine.copyTo(target, eachCopied));
  }

  /**
   * The root seen as raw documents, with the engine's schema, backend, locks and temporary area.
   */
  private TransferView<RawDocument> view() {
    StoreOptions options = engine.options();
    return new TransferView<>(
        engine.schema(),
        files,
        new HostContext(
            root,
            TempFiles.forRoot(root),
            InstanceLocks.forRoot(root),
            options.durability(),
            options.lockTimeout()));
  }
}
