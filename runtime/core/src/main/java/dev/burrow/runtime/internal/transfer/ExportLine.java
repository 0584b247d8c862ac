package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptExportException;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.text.JsonReadFailure;
import dev.burrow.runtime.internal.utf8.StrictUtf8;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line of an export's documents stream, parsed and checked on its own: a document line (its
 * {@code id}, {@code version} and {@code document}) or the closing line (the documents it counts,
 * at least 0, and the damaged instances the export left out). A line that is not one of them, in
 * the format {@link ExportLineWriter} writes, never passes: it is a {@link CorruptExportException}
 * naming the line's location and what is wrong.
 */
final class ExportLine {
  /** The members of a closing line: this Burrow's, and those of one before it counted damage. */
  private static final Set<Set<String>> CLOSING_MEMBERS =
      Set.of(Set.of("end", "instances", "damaged"), Set.of("end", "instances"));

  /**
   * The members a document line may have. The timestamps are read from the document itself, so an
   * export line may leave them out; any other member would be dropped by an import, so it is
   * refused.
   */
  private static final Set<String> DOCUMENT_MEMBERS =
      Set.of("id", "version", "createdAt", "updatedAt", "document");

  /** Refuses a member given twice, of which a lenient parser would keep one. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final ObjectWriter PRETTY = JSON.writer().withDefaultPrettyPrinter();

  final String id;
  final long version;
  final byte[] document;
  final long end;
  final long damaged;

  private ExportLine(String id, long version, byte[] document, long end, long damaged) {
    this.id = id;
    this.version = version;
    this.document = document;
    this.end = end;
    this.damaged = damaged;
  }

  /** Whether this is the closing line, whose {@link #end} counts the export's documents. */
  boolean isClosing() {
    return end >= 0;
  }

  /**
   * The kind the header line {@code line} (null: the stream has none) describes, or null if it
   * describes no kind's fields.
   *
   * @throws CorruptExportException naming {@code location} if it is no export header, or one of a
   *     format this Burrow does not read
   */
  static @Nullable KindDescription header(byte @Nullable [] line, String location) {
    try {
      var node = line == null ? null : JSON.readTree(line);
      if (node == null || !"export".equals(node.path("burrow").asString(""))) {
        throw new CorruptExportException(
            location, "not a Burrow export (no export header line)", null);
      }
      String unread = KindDescription.unreadFormat(node);
      if (unread != null) {
        throw new CorruptExportException(location, unread, null);
      }
      return KindDescription.read(node);
    } catch (JacksonException e) {
      throw notJson(location, e);
    } catch (IllegalArgumentException e) {
      throw new CorruptExportException(
          location, "a header this Burrow does not read: " + e.getMessage(), e);
    }
  }

  /**
   * The document or closing line {@code line}, its document laid out as Burrow writes documents.
   *
   * @throws CorruptExportException naming {@code location} if it is neither
   */
  static ExportLine parse(byte[] line, String location) {
    int malformed = StrictUtf8.firstMalformed(line);
    if (malformed >= 0) {
      // Jackson would read an overlong sequence as the character it spells (C0 AF as '/').
      throw new CorruptExportException(
          location,
          "not valid UTF-8: a malformed or overlong sequence at byte " + malformed + " of the line",
          null);
    }
    String id = null;
    long version = -1;
    byte[] document = null;
    Long end = null;
    long damaged = 0;
    Set<String> names = new HashSet<>();
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new CorruptExportException(location, "not a JSON object", null);
      }
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        names.add(name);
        parser.nextToken();
        switch (name) {
          case "end" -> expect(parser, name, JsonToken.VALUE_TRUE, "true", location);
          case "id" -> {
            expect(parser, name, JsonToken.VALUE_STRING, "a string", location);
            id = parser.getString();
          }
          case "version" -> version = wholeNumber(parser, name, location);
          case "document" -> {
            expect(parser, name, JsonToken.START_OBJECT, "an object", location);
            document = pretty(parser);
          }
          case "instances" -> end = wholeNumber(parser, name, location);
          case "damaged" -> damaged = wholeNumber(parser, name, location);
          default -> parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new CorruptExportException(
            location,
            "text after the JSON object, at column " + parser.currentTokenLocation().getColumnNr(),
            null);
      }
    } catch (JacksonException e) {
      throw notJson(location, e);
    }
    if (end != null || names.contains("end") || names.contains("damaged")) {
      if (!CLOSING_MEMBERS.contains(names)) {
        throw new CorruptExportException(
            location,
            "a closing line has the members \"end\": true, \"instances\" and \"damaged\" (or, from"
                + " an older Burrow, no \"damaged\") and no other; this line has "
                + new TreeSet<>(names),
            null);
      }
      if (end == null || end < 0) {
        throw new CorruptExportException(
            location, "the closing line counts " + end + " documents", null);
      }
      if (damaged < 0) {
        throw new CorruptExportException(
            location, "the closing line counts " + damaged + " damaged instances", null);
      }
      return new ExportLine("", 0, new byte[0], end, damaged);
    }
    if (id == null || document == null || !names.contains("version")) {
      throw new CorruptExportException(
          location, "an export line needs an \"id\", a \"version\" and a \"document\"", null);
    }
    Set<String> unknown = new TreeSet<>(names);
    unknown.removeAll(DOCUMENT_MEMBERS);
    if (!unknown.isEmpty()) {
      throw new CorruptExportException(
          location,
          "an export line has the members "
              + new TreeSet<>(DOCUMENT_MEMBERS)
              + " and no other, which an import would drop; this line also has "
              + unknown,
          null);
    }
    if (version < 0 || version > CheckedSchema.MAX_VERSION) {
      throw new CorruptExportException(location, CheckedSchema.outOfRange(version), null);
    }
    return new ExportLine(id, version, document, -1, 0);
  }

  /**
   * {@code e}, the parser's complaint about the line at {@code location}: where in the line and
   * what was wrong, without the parser's description of its input.
   */
  private static CorruptExportException notJson(String location, JacksonException e) {
    TokenStreamLocation where = e.getLocation();
    String at = "";
    if (where != null && where.getColumnNr() > 0) {
      at = " at column " + where.getColumnNr();
    } else if (where != null && where.getByteOffset() >= 0) {
      at = " at byte " + (where.getByteOffset() + 1);
    }
    return new CorruptExportException(
        location, "not valid JSON" + at + ": " + JsonErrors.plain(e), JsonReadFailure.of(e));
  }

  /**
   * Checks that the value under {@code parser}, of the line's field {@code name}, is a {@code
   * wanted} token ({@code what}, in words).
   *
   * @throws CorruptExportException naming the field, what it holds and what it should
   */
  private static void expect(
      JsonParser parser, String name, JsonToken wanted, String what, String location) {
    JsonToken found = parser.currentToken();
    if (found != wanted) {
      throw new CorruptExportException(
          location, "field '" + name + "': " + what + " is expected, not " + describe(found), null);
    }
  }

  /** The whole number of the line's field {@code name} under {@code parser}. */
  private static long wholeNumber(JsonParser parser, String name, String location) {
    expect(parser, name, JsonToken.VALUE_NUMBER_INT, "a whole number", location);
    try {
      return parser.getLongValue();
    } catch (InputCoercionException e) {
      throw new CorruptExportException(
          location, "field '" + name + "': " + JsonErrors.plain(e), JsonReadFailure.of(e));
    }
  }

  /** What kind of JSON value {@code token} starts, in words. */
  private static String describe(@Nullable JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "a whole number";
      case VALUE_NUMBER_FLOAT -> "a decimal number";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  /** The document under the parser, laid out as Burrow writes documents, values exactly kept. */
  private static byte[] pretty(JsonParser parser) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = PRETTY.createGenerator(bytes)) {
      ExactJson.copy(parser, out);
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }
}
