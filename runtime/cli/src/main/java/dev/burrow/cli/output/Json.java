package dev.burrow.cli.output;

import dev.burrow.internal.Printable;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The command's JSON: objects to fill, one-line text for JSON Lines, indented text for people.
 * Every character that is unsafe on a terminal or in a log ({@link Printable#isSafe}) is written as
 * a {@code \\uXXXX} escape, which JSON reads back as the same character: a document, an event or a
 * name from the data root cannot move the cursor, retitle the terminal or reorder text.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder(JsonFactory.builder().characterEscapes(new TerminalSafe()).build())
          .build();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** One line. */
  public static String compact(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** Indented, over several lines. */
  public static String pretty(JsonNode node) {
    return PRETTY.writeValueAsString(node);
  }

  /** JSON's own escapes, and {@code \\uXXXX} for DEL and every unsafe character above ASCII. */
  private static final class TerminalSafe extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    TerminalSafe() {
      ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int c) {
      return Printable.isSafe(c)
          ? null
          : new SerializedString(String.format(Locale.ROOT, "\\u%04x", c));
    }
  }
}
