package dev.burrow.cli.root;

import dev.burrow.CorruptExportException;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.transfer.KindDescription;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kind an export describes in its first line, read ahead so that an import can create the data
 * root it goes into; the stream handed on still starts with that line.
 *
 * @param kind the kind the export's header describes
 * @param export the whole export, header included
 */
public record ExportHeader(KindDescription kind, InputStream export) {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  /**
   * Reads the header of the export in {@code in}.
   *
   * @throws CorruptExportException if the first line is not an export's header, or is one of a
   *     format this Burrow does not read
   */
  public static ExportHeader read(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (line.size() == MAX_HEADER_BYTES) {
        throw refused("its first line is longer than " + MAX_HEADER_BYTES + " bytes");
      }
      line.write(b);
    }
    if (b < 0 && line.size() == 0) {
      throw refused("it is empty");
    }
    KindDescription kind;
    try {
      JsonNode header = JSON.readTree(line.toByteArray());
      boolean export = "export".equals(header.path("burrow").asString(""));
      String unread = export ? KindDescription.unreadFormat(header) : null;
      if (unread != null) {
        // refused here, as the import would refuse it, before the root is made for it
        throw refused(unread);
      }
      kind = export ? KindDescription.read(header) : null;
    } catch (JacksonException e) {
      throw refused("its first line is not JSON: " + JsonErrors.plain(e));
    } catch (IllegalArgumentException e) {
      throw refused("its header is not one this Burrow reads: " + e.getMessage());
    }
    if (kind == null) {
      throw refused("its first line is not the header of a Burrow export");
    }
    line.write('\n');
    return new ExportHeader(
        kind, new SequenceInputStream(new ByteArrayInputStream(line.toByteArray()), in));
  }

  private static CorruptExportException refused(String why) {
    return new CorruptExportException("export line 1", why, null);
  }
}
