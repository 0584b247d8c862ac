package dev.burrow.runtime.internal.text;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the string value of one top-level member sits in a JSON object's text: the text before it,
 * the value as written (quotes included), and the text after it. A backend that writes a document
 * with one member's value taken from the stored document (the creation time a compare-and-set
 * keeps) splices it in there, leaving every other byte as the codec wrote it. Cost: one streaming
 * parse of the document, stopping at the member.
 *
 * @param head the text before the value
 * @param value the value as written, a JSON string with its quotes
 * @param tail the text after the value
 */
public record MemberSpan(String head, String value, String tail) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The span of top-level member {@code name}'s value in {@code json}, or null if {@code json} is
   * no JSON object or has no such member with a string value.
   */
  public static @Nullable MemberSpan of(String json, String name) {
    try (JsonParser in = JSON.createParser(json)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      if (TopLevelMembers.seek(in, name::equals) != JsonToken.VALUE_STRING) {
        return null;
      }
      int start = Math.toIntExact(in.currentTokenLocation().getCharOffset());
      in.getString(); // reads to the closing quote
      int end = Math.toIntExact(in.currentLocation().getCharOffset());
      return new MemberSpan(
          json.substring(0, start), json.substring(start, end), json.substring(end));
    } catch (JacksonException e) {
      return null;
    }
  }
}
