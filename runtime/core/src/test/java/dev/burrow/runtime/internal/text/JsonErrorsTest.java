package dev.burrow.runtime.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Parser messages in plain words: what was wrong, never Jackson's source descriptions. */
class JsonErrorsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static String plain(String json) {
    return JsonErrors.plain(assertThrows(JacksonException.class, () -> JSON.readTree(json)));
  }

  @Test
  void anUnclosedObjectIsSaidWithoutTheParsersSourceDescription() {
    assertEquals("Unexpected end-of-input: expected close marker for Object", plain("{\"a\":1"));
  }

  @Test
  void messagesWithoutALocationAreKeptAsTheyAre() {
    String message = plain("{bad");
    assertEquals(false, message.contains("Source"), message);
    assertEquals(false, message.contains("REDACTED"), message);
    assertEquals(false, message.contains("\n"), message);
  }
}
