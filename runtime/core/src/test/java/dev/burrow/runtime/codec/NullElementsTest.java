package dev.burrow.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.MisuseException;
import dev.burrow.UnknownFields;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A null inside a list, set or map is refused when written and reported as damage when read, unless
 * the element type admits null (Kotlin's {@code List<String?>}), whose codecs keep it.
 */
class NullElementsTest {
  private static final ValueCodec<List<String>> LIST = ValueCodecs.listOf(ValueCodecs.STRING);
  private static final ValueCodec<List<String>> NULLABLE_LIST =
      ValueCodecs.listOfNullable(ValueCodecs.STRING);
  private static final ValueCodec<Map<String, String>> MAP =
      ValueCodecs.mapOf(ValueCodecs.STRING, ValueCodecs.STRING);
  private static final ValueCodec<Map<String, String>> NULLABLE_MAP =
      ValueCodecs.mapOfNullable(ValueCodecs.STRING, ValueCodecs.STRING);

  @Test
  void aNullElementOrValueIsRefusedOnWriteNamingTheField() {
    MisuseException list =
        assertThrows(MisuseException.class, () -> write(LIST, Arrays.asList("a", null)));
    assertTrue(list.getMessage().startsWith("field 'f': "), list.getMessage());
    Map<String, String> withNull = new HashMap<>();
    withNull.put("k", null);
    assertThrows(MisuseException.class, () -> write(MAP, withNull));
  }

  @Test
  void aNullElementOrValueInADocumentIsDamage() {
    DocumentFormatException list =
        assertThrows(DocumentFormatException.class, () -> read(LIST, "{\"f\": [\"a\", null]}"));
    assertTrue(list.getMessage().contains("element 1"), list.getMessage());
    DocumentFormatException map =
        assertThrows(DocumentFormatException.class, () -> read(MAP, "{\"f\": {\"k\": null}}"));
    assertTrue(map.getMessage().contains("key \"k\""), map.getMessage());
  }

  @Test
  void nullableElementsAndValuesRoundTrip() {
    List<String> list = Arrays.asList("a", null);
    assertEquals(list, read(NULLABLE_LIST, new String(write(NULLABLE_LIST, list))));
    Map<String, String> map = new HashMap<>();
    map.put("k", null);
    assertEquals(map, read(NULLABLE_MAP, new String(write(NULLABLE_MAP, map))));
  }

  private static <V> byte[] write(ValueCodec<V> codec, V value) {
    return new DocumentWriter().field("f", codec, value).finish();
  }

  /** The value of field {@code f} of {@code document}, its only field. */
  private static <V> V read(ValueCodec<V> codec, String document) {
    try (DocumentReader reader =
        DocumentReader.open(document.getBytes(), "T", UnknownFields.FAIL)) {
      reader.nextField();
      V value = reader.read(codec);
      reader.nextField();
      return value;
    }
  }
}
