package dev.burrow.runtime.internal.transfer;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Copies JSON from a parser to a generator keeping its values as written. */
public final class ExactJson {
  private ExactJson() {}

  /**
   * Copies the value {@code in} is at (an object, say) to {@code out}, each number as its text:
   * {@link JsonGenerator#copyCurrentStructureExact} writes a decimal number as the {@code
   * BigDecimal} it reads, which has no -0.0 (a {@code double} the codec wrote) and spells 1e400 as
   * 1E+400. Leaves {@code in} at the value's last token.
   */
  public static void copy(JsonParser in, JsonGenerator out) {
    int depth = 0;
    do {
      JsonToken token = in.currentToken();
      if (token.isNumeric()) {
        out.writeNumber(in.getString());
      } else {
        out.copyCurrentEvent(in);
      }
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      }
    } while (depth > 0 && in.nextToken() != null);
  }
}
