package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptExportException;
import dev.burrow.StorageException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads an export's documents stream in the order the format requires: the header, naming the
 * target's kind and fields; document lines; the closing line, counting exactly the documents before
 * it; and nothing after it. Each line is at most {@value #MAX_LINE_BYTES} bytes and is checked as
 * {@link ExportLine} says when it is reached, so every line handed out before a defect is sound: a
 * defect is a {@link CorruptExportException} naming the line, and a stream that cannot be read a
 * {@link StorageException}.
 */
final class ExportLineReader {
  /** The longest export line read: a 16 MiB document, escaped, fits. */
  static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

  private final InputStream in;
  private long number;
  private long documents;
  private long damaged;

  private ExportLineReader(InputStream in) {
    this.in = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
  }

  /**
   * A reader of {@code documents}, its header read.
   *
   * @throws CorruptExportException if the stream is no export of {@code target}'s kind and fields
   */
  static ExportLineReader open(InputStream documents, KindDescription target) {
    ExportLineReader reader = new ExportLineReader(documents);
    byte[] first = reader.next();
    KindDescription exported = ExportLine.header(first, reader.location());
    if (exported == null
        || !exported.kind().equals(target.kind())
        || !exported.fields().equals(target.fields())) {
      throw new CorruptExportException(reader.location(), otherKind(exported, target), null);
    }
    return reader;
  }

  /**
   * The next document line, or null once the closing line has been read, its count checked, and
   * nothing found after it. A stream cut short is reported as imported up to its end: call this
   * again only once the line it returned is imported.
   *
   * @throws CorruptExportException at a damaged line, a closing line whose count is not the
   *     documents read, text after the closing line, or a stream that ends without one
   */
  @Nullable ExportLine nextDocument() {
    byte[] line = next();
    if (line == null) {
      throw new CorruptExportException(
          location(),
          "the export ends without its closing line: it was cut short after "
              + documents
              + " documents (imported, or skipped as named; import a complete export to finish)",
          null);
    }
    ExportLine parsed = ExportLine.parse(line, location());
    if (!parsed.isClosing()) {
      documents++;
      return parsed;
    }
    if (parsed.end != documents) {
      throw new CorruptExportException(
          location(),
          "the closing line counts " + parsed.end + " documents, but " + documents + " came",
          null);
    }
    damaged = parsed.damaged;
    if (next() != null) {
      throw new CorruptExportException(
          location(),
          "text after the export's closing line, which ends an export (two exports joined, or"
              + " one with something appended?); the documents before it are imported",
          null);
    }
    return null;
  }

  /** The damaged instances the export left out, as its closing line counts them; 0 before it. */
  long damaged() {
    return damaged;
  }

  /** Where the line last read is, for messages: {@code export line N}. */
  String location() {
    return "export line " + Math.max(1, number);
  }

  /** Why an export of {@code exported} does not go into a root of {@code target}, in words. */
  private static String otherKind(@Nullable KindDescription exported, KindDescription target) {
    if (exported == null) {
      return "an export whose header describes no kind's fields, not of kind '"
          + target.kind()
          + "'";
    }
    if (!exported.kind().equals(target.kind())) {
      return "an export of kind '" + exported.kind() + "', not of kind '" + target.kind() + "'";
    }
    return "an export of kind '"
        + exported.kind()
        + "' whose fields differ from this root's: "
        + String.join("; ", exported.fields().differencesFrom(target.fields()));
  }

  /** The next line without its line end, or null at the end of the stream. */
  private byte @Nullable [] next() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      while (true) {
        int b = in.read();
        if (b < 0) {
          if (line.size() == 0) {
            return null;
          }
          break;
        }
        if (b == '\n') {
          break;
        }
        if (line.size() >= MAX_LINE_BYTES) {
          throw new CorruptExportException(
              "export line " + (number + 1), "longer than " + MAX_LINE_BYTES + " bytes", null);
        }
        line.write(b);
      }
    } catch (IOException e) {
      throw new StorageException("reading the export failed: " + e.getMessage(), e);
    }
    number++;
    return line.toByteArray();
  }
}
