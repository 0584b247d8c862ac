package dev.burrow.runtime.internal.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an export's documents stream, line by line, in the export format.
 *
 * <p><b>The export format</b> is JSON Lines, UTF-8: a first line {@code {"burrow":"export",
 * "format":1, "kind":…, "fields":{…}, "subdirectories":[…], "idKind":…}}, then one line per
 * instance, newest first, {@code {"id":…, "version":…, "createdAt":…, "updatedAt":…,
 * "document":{…}}} (the document exactly as stored, its numbers and strings unchanged, on one
 * line), and a last line {@code {"end":true, "instances":N, "damaged":D}} (D instances could not be
 * read and were left out; an import checks N and reports D as its {@link
 * dev.burrow.ImportSummary#damaged}), so an export cut short is told from a complete one. {@link
 * ExportLineReader} reads it back.
 *
 * <p>Each line is written whole, with its line end, before the method returns; nothing is flushed.
 */
final class ExportLineWriter {
  /** The export format this Burrow writes, and the only one it reads. */
  static final int FORMAT = 1;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final OutputStream out;

  ExportLineWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes the header line: the format, and the kind of the documents that follow. */
  void header(KindDescription description) throws IOException {
    writeLine(
        JSON.writeValueAsString(
            description.writeTo(
                JSON.createObjectNode().put("burrow", "export").put("format", FORMAT))));
  }

  /** Writes the line of one instance: its ID, version, timestamps and document, exactly kept. */
  void document(RawDocument document) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(document.json().length + 128);
    try (JsonGenerator line = JSON.createGenerator(bytes);
        JsonParser in = JSON.createParser(document.json())) {
      line.writeStartObject();
      line.writeStringProperty("id", document.id());
      line.writeNumberProperty("version", document.version());
      if (document.createdAt() != null) {
        line.writeStringProperty("createdAt", document.createdAt());
      }
      if (document.updatedAt() != null) {
        line.writeStringProperty("updatedAt", document.updatedAt());
      }
      line.writeName("document");
      in.nextToken();
      ExactJson.copy(in, line);
      line.writeEndObject();
    }
    writeLine(bytes.toString(StandardCharsets.UTF_8));
  }

  /**
   * Writes the closing line: the count of {@code instances} written, and of those left out {@code
   * damaged}.
   */
  void closing(long instances, long damaged) throws IOException {
    writeLine("{\"end\":true,\"instances\":" + instances + ",\"damaged\":" + damaged + "}");
  }

  private void writeLine(String line) throws IOException {
    out.write(line.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }
}
