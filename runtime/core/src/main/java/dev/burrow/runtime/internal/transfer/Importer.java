package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptExportException;
import dev.burrow.ImportSummary;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.files.StoreOwned;
import dev.burrow.spi.PathSegments;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads an export, as {@link Exporter} writes it, into a root.
 *
 * <p><b>Import is idempotent and resumable.</b> Each document is compared with what the target
 * stores under its ID: missing, it is created (with the export's ID, version and timestamps);
 * stored with an older version, it is replaced; with the same or a newer version, it is left alone.
 * Each step is one atomic write of the target backend ({@link DocumentPlacer}), so an import killed
 * at any point and run again creates nothing twice, loses nothing, and overwrites nothing newer. A
 * directory file is written (atomically) only where the target has none or an older one, holding
 * the locks the application's writers take (the instance's, and for the event log its append lock
 * too), so nothing they write to the instance meanwhile is lost ({@link FilePlacer}).
 */
public final class Importer {
  private Importer() {}

  /**
   * Reads an export of {@code target}'s kind into {@code target}, then, with a {@code directories}
   * stream, the files of its instances. Each archive entry it does not write for want of a place to
   * write it is handed to {@code skipped}, named with why, and counted in {@link
   * ImportSummary#skipped}: a link, device or FIFO entry, the instance's document (which comes from
   * the export's lines only), a file of an instance the root does not hold (no line of the export
   * names it), and a file whose place in the instance's directory is a directory, a link or lies
   * under something other than a directory. A file the target holds at least as new is left as it
   * is, and not counted.
   *
   * @throws CorruptExportException at a damaged line (also one whose document the target's type
   *     cannot read), an export of another kind, or a stream cut short; what came before it is
   *     imported
   * @throws StorageException if reading a stream or writing a file fails: what came before it is
   *     imported, and an import run again finishes the rest
   */
  public static <T> ImportSummary importInto(
      TransferView<T> target,
      InputStream documents,
      @Nullable InputStream directories,
      Consumer<Skipped> skipped) {
    ImportCounts counts = new ImportCounts(skipped);
    ExportLineReader lines = ExportLineReader.open(documents, target.description());
    for (ExportLine line = lines.nextDocument(); line != null; line = lines.nextDocument()) {
      try {
        DocumentPlacer.place(target, checked(target, line, lines.location()), counts);
      } catch (UndecodableDocumentException e) {
        throw new CorruptExportException(lines.location(), e.reason(), e);
      }
    }
    counts.damaged += lines.damaged();
    if (directories != null) {
      readFiles(target, directories, counts);
    }
    return counts.summary();
  }

  /**
   * The document of {@code line}, as {@code target}'s type reads it.
   *
   * @throws CorruptExportException naming {@code location} if the type cannot read it, or its ID or
   *     version is not the line's, or its ID is no valid instance ID
   */
  private static <T> RawDocument checked(TransferView<T> target, ExportLine line, String location) {
    RawDocument document;
    try {
      document = target.parse(line.document);
    } catch (RuntimeException e) {
      throw new CorruptExportException(location, TransferView.withoutPosition(e.getMessage()), e);
    }
    if (!document.id().equals(line.id) || document.version() != line.version) {
      throw new CorruptExportException(
          location, "the line's id and version differ from its document's", null);
    }
    if (!PathSegments.isValid(document.id())) {
      throw new CorruptExportException(
          location,
          "the id is not a valid instance id (" + PathSegments.brokenRule(document.id()) + ")",
          null);
    }
    return document;
  }

  /**
   * An archive entry's content: streamed into the file written, or, where it is first compared with
   * the target's file, read whole ({@link WholeFile}) and written from there. An event log is
   * checked as it is written ({@link EventLogCheck}).
   */
  private static final class EntryContent implements FilePlacer.Incoming, Closeable {
    private final InputStream stream;
    private final long size;
    private final boolean eventLog;
    private @Nullable WholeFile whole;

    EntryContent(InputStream stream, long size, boolean eventLog) {
      this.stream = stream;
      this.size = size;
      this.eventLog = eventLog;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public boolean sameAs(InputStream held) throws IOException {
      WholeFile read = whole;
      if (read == null) {
        read = WholeFile.read(stream);
        whole = read;
      }
      try (InputStream content = read.open()) {
        return FilePlacer.sameBytes(content, held);
      }
    }

    @Override
    public void writeTo(FileChannel channel) throws IOException {
      OutputStream out = Channels.newOutputStream(channel);
      OutputStream checked = eventLog ? new EventLogCheck(out) : out;
      WholeFile read = whole;
      if (read == null) {
        stream.transferTo(checked);
      } else {
        read.writeTo(checked);
      }
    }

    @Override
    public void close() throws IOException {
      WholeFile read = whole;
      if (read != null) {
        read.close();
      }
    }
  }

  /** Places each file of the directory archive {@code directories} in its instance's directory. */
  private static <T> void readFiles(
      TransferView<T> target, InputStream directories, ImportCounts counts) {
    Tar.Reader tar = new Tar.Reader(new ArchiveSource(directories), counts::skip);
    try {
      for (Tar.Entry entry = tar.next(); entry != null; entry = tar.next()) {
        String[] parts = entry.path.split("/", 2);
        if (parts.length < 2 || !PathSegments.isValid(parts[0])) {
          throw new CorruptExportException(
              "directory archive entry '" + entry.path + "'", "not <instance id>/<path>", null);
        }
        try (EntryContent content =
            new EntryContent(
                tar.content(), entry.size, parts[1].equalsIgnoreCase(StoreOwned.EVENT_LOG))) {
          counts.count(
              FilePlacer.place(target, parts[0], parts[1], entry.mtime, entry.createdAt, content),
              parts[0],
              parts[1]);
        }
      }
    } catch (ArchiveSource.Unreadable e) {
      throw new StorageException(
          "reading the directory archive failed: "
              + Reasons.why(e.failure())
              + "; the files before it are written, and an import run again writes the rest",
          e.failure());
    } catch (WholeFile.SpoolException e) {
      throw new StorageException(
          e.getMessage()
              + ": "
              + Reasons.why(e.getCause() instanceof IOException cause ? cause : e)
              + "; the files before it are written, and an import run again writes the rest",
          e);
    } catch (IOException e) {
      throw new CorruptExportException("directory archive", String.valueOf(e.getMessage()), e);
    }
  }
}
