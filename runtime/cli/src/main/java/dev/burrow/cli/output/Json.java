package dev.burrow.cli.output;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The command's JSON: objects to fill, one-line text for JSON Lines, indented text for people. */
public final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
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
}
