package dev.burrow.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.testing.CounterSchema;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A text value whose JSON is malformed is reported as malformed JSON in its field, not as a value
 * of the wrong type: before, an invalid escape inside an instant read "expected an instant but
 * found the string \"\"", naming a string the document does not hold.
 */
class MalformedTextTest {
  @Test
  void anInvalidEscapeInATextValueIsReportedAsMalformedJsonInItsField() {
    byte[] document =
        ("{\"id\":\"c1\",\"version\":\"1\",\"createdAt\":\"2024-01-01T00:00:00\\qZ\","
                + "\"updatedAt\":\"2024-01-01T00:00:00Z\",\"status\":\"ok\",\"count\":0,"
                + "\"params\":{}}")
            .getBytes(StandardCharsets.UTF_8);

    DocumentFormatException refused =
        assertThrows(DocumentFormatException.class, () -> CounterSchema.INSTANCE.decode(document));

    assertTrue(refused.getMessage().contains("createdAt"), refused.getMessage());
    assertTrue(refused.getMessage().contains("escape"), refused.getMessage());
    assertFalse(refused.getMessage().contains("expected an ISO-8601"), refused.getMessage());
  }
}
